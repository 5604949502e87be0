package document

import (
	"cmp"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"portal/generator/internal/diag"
)

// deepBody is a Markdown body nested n levels deep in one way, with the
// marker that repeats, the element each level that goldmark keeps makes
// (each taking one marker), and the warning it must cause.
type deepBody struct {
	name    string
	src     string
	marker  string // counted in the source and in the page's text
	element string // an element that takes one marker, or ""
	warn    string
	line    int // of the warning, in r.md whose body starts at line 6
}

// deepBodies returns the bodies nested n levels deep, each with 法治政府
// in the middle or at the end: block quotes, lists, link brackets and
// emphasis, as the Trust issue lists them.
func deepBodies(n int) []deepBody {
	rep := strings.Repeat
	var indented strings.Builder // a list nested by indentation
	for i := range min(n, 2000) {
		indented.WriteString(rep("  ", i) + "- 法治政府\n")
	}
	var backticks strings.Builder // runs that never close: each is longer
	for i := 1; backticks.Len() < n; i++ {
		backticks.WriteString("法治" + rep("`", i))
	}
	const nesting = "Markdown nesting deeper than 32 levels flattened"
	return []deepBody{
		{"quotes", rep(">", n) + " 法治政府\n", ">", "<blockquote>", nesting, 0},
		{"quotes spaced", rep("> ", n) + "法治政府\n", ">", "<blockquote>", nesting, 0},
		{"bullet lists", rep("- ", n) + "法治政府\n", "-", "<li>", nesting, 0},
		{"star lists", rep("* ", n) + "法治政府\n", "*", "<li>", nesting, 0},
		{"ordered lists", rep("1. ", n) + "法治政府\n", "1.", "<li>", nesting, 0},
		{"quotes in lists", rep("- > ", n/2) + "法治政府\n", ">", "<blockquote>", nesting, 0},
		{"indented lists", indented.String(), "- ", "<li>", nesting, 6 + 32},
		{"brackets", rep("[", n) + "法治政府" + rep("]", n) + "\n", "[", "", nesting, 0},
		{"unclosed brackets", rep("[", n) + "法治政府\n", "[", "", nesting, 0},
		{"images", rep("![", n) + "法治政府" + rep("]", n) + "\n", "![", "", nesting, 0},
		{"links", rep("[", n) + "法治政府" + rep("](https://www.gov.cn/)", n) + "\n", "[", `<a href="https://www.gov.cn/" rel`, nesting, 0},
		{"unclosed link destinations", rep("[法治](", n) + "政府\n", "[法治](", "", "unclosed links or code spans", 0},
		{"stars", rep("*", n) + "法治政府" + rep("*", n) + "\n", "*", "", nesting, 0},
		{"underscores", rep("_", n) + "法治政府" + rep("_", n) + "\n", "_", "", nesting, 0},
		{"emphasis openers", rep("*法治 _政府 ", n/2) + "\n", "*", "", nesting, 0},
		{"strong emphasis", rep("*法 **治 ", n/2) + "政府" + rep(" 法** 治*", n/2) + "\n", "*", "", nesting, 0},
		{"strikethrough", rep("~~法治 ", n/2) + "政府" + rep(" 法治~~", n/2) + "\n", "~", "", nesting, 0},
		{"backticks", backticks.String() + "政府\n", "`", "", "unclosed links or code spans", 0},
	}
}

// tagRE and textOf read a page: its tags, and its text as a reader sees it.
var pageTagRE = regexp.MustCompile(`<(/?)([a-z][a-z0-9]*)[^>]*>`)

// pageText returns the text of an HTML fragment, unescaped.
func pageText(page string) string {
	return html.UnescapeString(pageTagRE.ReplaceAllString(page, ""))
}

// pageDepth returns how deep the elements of an HTML fragment nest.
func pageDepth(page string) int {
	depth, deepest := 0, 0
	for _, m := range pageTagRE.FindAllStringSubmatch(page, -1) {
		switch {
		case m[2] == "br" || m[2] == "hr" || m[2] == "img":
		case m[1] == "/":
			depth--
		default:
			depth++
			deepest = max(deepest, depth)
		}
	}
	return deepest
}

// TestMarkdownDeepNesting parses bodies nested 100,000 levels deep (44 s
// for the block quotes before the limits): each parses quickly, nests no
// deeper than the limit on the page, keeps every Chinese character and
// every marker (as an element or as text), and warns once, naming the
// file and the line.
func TestMarkdownDeepNesting(t *testing.T) {
	for _, c := range deepBodies(100_000) {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			d, probs := ParseMarkdown("r.md", []byte(c.src), 5)
			out, err := d.HTML()
			if err != nil {
				t.Fatal(err)
			}
			page := string(out)
			// Logged, not asserted (no wall-clock limits in tests): without
			// the limits these bodies take minutes, past go test's timeout.
			t.Logf("%d bytes took %v to parse and render", len(c.src), time.Since(start))
			if depth := pageDepth(page); depth > 2*maxNesting+4 {
				t.Errorf("elements nest %d deep on the page", depth)
			}
			text := pageText(page)
			if got, want := strings.Count(text, "法治政府")+strings.Count(text, "法治")+strings.Count(text, "政府"),
				strings.Count(c.src, "法治政府")+strings.Count(c.src, "法治")+strings.Count(c.src, "政府"); got != want {
				t.Errorf("the page has the Chinese text %d times, the source %d", got, want)
			}
			if got, want := runeCounts(keep(text, isHan)), runeCounts(keep(c.src, isHan)); len(got) != len(want) {
				t.Errorf("Chinese characters %v, want %v", got, want)
			} else {
				for r, n := range want {
					if got[r] != n {
						t.Errorf("%q: %d on the page, %d in the source", r, got[r], n)
					}
				}
			}
			kept := strings.Count(text, c.marker)
			if c.element != "" {
				kept += strings.Count(page, c.element)
			}
			if want := strings.Count(c.src, c.marker); kept != want {
				t.Errorf("%d markers %q kept (as elements or text), want %d", kept, c.marker, want)
			}
			// One warning per limit reached (a line of "* " nests lists,
			// then emphasis), at the first place flattened.
			line := cmp.Or(c.line, 6)
			said := false
			for _, p := range probs {
				if strings.Contains(p.Message, "link reference definitions") {
					continue // a flattened body is a long paragraph
				}
				said = said || strings.Contains(p.Message, c.warn)
				if p.Pos.File != "r.md" || p.Pos.Line != line || p.Severity != diag.Warning {
					t.Errorf("%v, want a warning at r.md:%d", p, line)
				}
			}
			if !said || len(probs) > 3 {
				t.Errorf("problems %v, want a warning saying %q", probs, c.warn)
			}
		})
	}
}

// TestMarkdownNestingLimit checks both sides of the limits: what nests
// maxNesting deep is untouched and warns nothing, one level more is
// flattened and warns.
func TestMarkdownNestingLimit(t *testing.T) {
	rep := strings.Repeat
	for _, c := range []struct {
		src  string
		want string // in the page
		warn bool
	}{
		{rep("> ", 32) + "法治\n", rep("<blockquote>\n", 32) + "<p id=\"p1\">法治</p>", false},
		{rep("> ", 33) + "法治\n", rep("<blockquote>\n", 32) + "<p id=\"p1\">&gt; 法治</p>", true},
		{rep("- ", 32) + "法治\n", rep("<ul>\n<li>\n", 31) + "<ul>\n<li><span id=\"p1\">法治</span>", false},
		{rep("- ", 33) + "法治\n", rep("<ul>\n<li>\n", 31) + "<ul>\n<li><span id=\"p1\">- 法治</span>", true},
		// The 33rd bracket is text, so the link closes the 32nd.
		{rep("[", 32) + "法治](https://www.gov.cn/)", rep("[", 31) + `<a href="https://www.gov.cn/" rel="noopener noreferrer">法治</a>`, false},
		{rep("[", 33) + "法治](https://www.gov.cn/)", rep("[", 31) + `<a href="https://www.gov.cn/" rel="noopener noreferrer">[法治</a>`, true},
		// Bold and italic is a run of 3; 4 is text, and warns only when
		// it is longer than maxNesting (a run of _ is a blank to fill in).
		{"***法治*** 政府", "<em><strong>法治</strong></em> 政府", false},
		{"****法治**** ________", "****法治**** ________", false},
		{rep("*", 33) + "法治" + rep("*", 33), rep("*", 33) + "法治" + rep("*", 33), true},
		{rep("**法治** ", 32) + "政府", rep("<strong>法治</strong> ", 32) + "政府", false},
		{rep("**法治** ", 33) + "政府", rep("<strong>法治</strong> ", 32) + "**法治** 政府", true},
		// After 32 unclosed links or code spans in a paragraph, the
		// links and code spans are text.
		{rep("[法](", 31) + " [治](https://www.gov.cn/)", `<a href="https://www.gov.cn/" rel="noopener noreferrer">治</a>`, false},
		{rep("[法](", 32) + " [治](https://www.gov.cn/)", "[治](https://www.gov.cn/)", true},
		{unclosedCode(31) + " `治`", "<code>治</code>", false},
		{unclosedCode(32) + " `治`", "`治`", true},
	} {
		d, probs := ParseMarkdown("r.md", []byte(c.src), 0)
		out, err := d.HTML()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), c.want) {
			t.Errorf("%.40q…: the page lacks %q:\n%s", c.src, c.want, out)
		}
		if (len(probs) > 0) != c.warn || len(probs) > 1 {
			t.Errorf("%.40q…: problems %v, want a warning: %v", c.src, probs, c.warn)
		}
	}
}

// unclosedCode returns n code span openers that never close: runs of 2,
// 3, … backticks.
func unclosedCode(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString("法" + strings.Repeat("`", i+2))
	}
	return b.String()
}

// pathological are the inputs of cmark's test/pathological_tests.py (the
// ones that apply to goldmark), n times: quadratic in some parser or
// other. Each must parse in time linear in its size.
func pathological(n int) map[string]string {
	rep := strings.Repeat
	var backticks strings.Builder
	for i := 1; backticks.Len() < 2*n; i++ {
		backticks.WriteString("e" + rep("`", i))
	}
	return map[string]string{
		"nested strong emphasis":            rep("*a **a ", n/7) + "b" + rep(" a** a*", n/7),
		"emphasis closers, no openers":      rep("a_ ", n/3),
		"emphasis openers, no closers":      rep("_a ", n/3),
		"link closers, no openers":          rep("a]", n/2),
		"link openers, no closers":          rep("[a", n/2),
		"mismatched openers and closers":    rep("*a_ ", n/4),
		"openers and closers multiple of 3": "a**b" + rep("c* ", n/3),
		"link openers and emphasis closers": rep("[ a_", n/4),
		"pattern [ (]( repeated":            rep("[ (](", n/5),
		"pattern ![[]() repeated":           rep("![[]()", n/6),
		"nested brackets":                   rep("[", n/2) + "a" + rep("]", n/2),
		"nested block quotes":               rep("> ", n/2) + "a",
		"list markers":                      rep("- ", n/2) + "a",
		"backticks":                         backticks.String(),
		"unclosed links A":                  rep("[a](<b", n/6),
		"unclosed links B":                  rep("[a](b", n/5),
		"unclosed <!--":                     "</" + rep("<!--", n/4),
		"reference links":                   "[a]: u\n\n" + rep("[a]", n/3),
		"reference definitions":             rep("[a]: u\n", n/7),
		"tables":                            "a|b\n-|-\n" + rep("c|d\n", n/4),
	}
}

// TestMarkdownPathological parses each pathological input of about
// 256 KB: a quadratic parser takes minutes on the longest of them (the
// unclosed links, 1.1 s for 32 KB before the limits), a linear one a
// few milliseconds; the bound leaves room for a busy machine.
func TestMarkdownPathological(t *testing.T) {
	for name, src := range pathological(256 << 10) {
		start := time.Now()
		d, _ := ParseMarkdown("r.md", []byte(src), 0)
		out, err := d.HTML()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes took %v", name, len(src), time.Since(start))
		if depth := pageDepth(string(out)); depth > 2*maxNesting+4 {
			t.Errorf("%s: elements nest %d deep", name, depth)
		}
	}
}

// BenchmarkParseMarkdownDeepNesting parses and renders the bodies of
// TestMarkdownDeepNesting, 100,000 levels each.
func BenchmarkParseMarkdownDeepNesting(b *testing.B) {
	for _, c := range deepBodies(100_000) {
		b.Run(strings.ReplaceAll(c.name, " ", "_"), func(b *testing.B) {
			src := []byte(c.src)
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				d, _ := ParseMarkdown("r.md", src, 0)
				if _, err := d.HTML(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestMarkdownDefinitionLimit checks that link reference definitions are
// taken in paragraphs up to maxDefinitionLines lines and left as text,
// with a warning, in longer ones.
func TestMarkdownDefinitionLimit(t *testing.T) {
	for _, tt := range []struct {
		lines    int
		link     bool
		warnings int
	}{{1, true, 0}, {maxDefinitionLines, true, 0}, {maxDefinitionLines + 1, false, 1}, {20000, false, 1}} {
		src := strings.Repeat("[法治]: https://example.org/\n", tt.lines) + "\n见[法治]。\n"
		d, probs := ParseMarkdown("r.md", []byte(src), 0)
		out, err := d.HTML()
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(out), `rel="noopener noreferrer">法治</a>`); got != tt.link {
			t.Errorf("%d definitions: link made = %v, want %v", tt.lines, got, tt.link)
		}
		if len(probs) != tt.warnings || tt.warnings > 0 && !strings.Contains(probs[0].String(), "r.md:1:") {
			t.Errorf("%d definitions: problems %v, want %d warning at line 1", tt.lines, probs, tt.warnings)
		}
		if strings.Count(string(out), "法治") < 1 {
			t.Errorf("%d definitions: text lost", tt.lines)
		}
	}
}
