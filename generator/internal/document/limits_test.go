package document

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"portal/generator/internal/diag"

	"portal/generator/internal/heaptest"
)

// repeatLines returns n lines made by line(i), each ending in "\n".
func repeatLines(n int, line func(i int) string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(line(i))
		b.WriteByte('\n')
	}
	return b.String()
}

// wantRefused checks that a parse is refused: an empty document and one
// error, naming file at line, saying what.
func wantRefused(t *testing.T, d *Document, probs diag.List, file string, line int, what string) {
	t.Helper()
	var errs []diag.Problem
	for _, p := range probs {
		if p.Severity == diag.Error {
			errs = append(errs, p)
		}
	}
	if len(errs) != 1 || errs[0].Pos.File != file || errs[0].Pos.Line != line || !strings.Contains(errs[0].Message, what) {
		t.Errorf("problems %v, want one error at %s:%d saying %q", probs, file, line, what)
	}
	if len(d.Blocks) != 0 || d.markdown || d.Signature != (Signature{}) {
		t.Errorf("a refused document has %d blocks", len(d.Blocks))
	}
}

// wantAccepted checks that a parse has no error.
func wantAccepted(t *testing.T, d *Document, probs diag.List, name string) {
	t.Helper()
	if probs.HasErrors() || len(d.Blocks) == 0 {
		t.Errorf("%s: %d blocks, problems %v", name, len(d.Blocks), probs)
	}
}

// TestLineLimit reads bodies of maxLines lines and one more, in text and
// Markdown, and the text of a million lines (1.1 GB before):
// the first is a document, the others an error at the line past the
// limit, counted in the file.
func TestLineLimit(t *testing.T) {
	line := func(i int) string { return fmt.Sprintf("第%d行。", i) }
	at, over := repeatLines(maxLines, line), repeatLines(maxLines+1, line)
	d, probs := ParseText("r.txt", at)
	wantAccepted(t, d, probs, "text at the limit")
	d, probs = ParseText("r.txt", over)
	wantRefused(t, d, probs, "r.txt", maxLines+1, "lines")
	d, probs = ParseText("r.txt", strings.TrimSuffix(over, "\n")) // no newline at the end
	wantRefused(t, d, probs, "r.txt", maxLines+1, "lines")
	d, probs = ParseText("r.txt", repeatLines(1_000_000, line))
	wantRefused(t, d, probs, "r.txt", maxLines+1, "lines")

	d, probs = ParseMarkdown("r.md", []byte(at), 4)
	wantAccepted(t, d, probs, "Markdown at the limit")
	d, probs = ParseMarkdown("r.md", []byte(over), 4)
	wantRefused(t, d, probs, "r.md", 4+maxLines+1, "lines")
}

// TestBlockLimit gives ParseParagraphs (.docx) maxBlocks paragraphs and
// one more.
func TestBlockLimit(t *testing.T) {
	paras := make([]Para, maxBlocks+1)
	for i := range paras {
		paras[i].Text = "正文。"
	}
	d, probs := ParseParagraphs("r.docx", paras[:maxBlocks])
	wantAccepted(t, d, probs, "paragraphs at the limit")
	d, probs = ParseParagraphs("r.docx", paras)
	wantRefused(t, d, probs, "r.docx", maxBlocks+1, "paragraphs")
}

// TestMarkdownElementLimit parses bodies of just maxElements elements and
// of one more, of every kind the budget counts, and the table of
// 2.5 million rows (4.7 GB before): past the limit the body is an error
// at the line where the budget ran out.
func TestMarkdownElementLimit(t *testing.T) {
	rows := func(n int) string { // a paragraph, a table (n rows of 3 elements)
		return "前言\n\n|甲|乙|\n|-|-|\n" + repeatLines(n-1, func(int) string { return "|1|2|" })
	}
	// The preface and the table's paragraph are 2 elements, each line of
	// the table (its delimiter row too) 3: a row and 2 cells.
	fit := (maxElements-2)/3 - 1
	// Paragraphs of 64 emphasis delimiters: all blocks are made before
	// their inline elements.
	const paras = 800
	emphasisOver := 2*((maxElements-paras)/64+1) - 1
	for _, c := range []struct {
		name     string
		src      string
		overLine int // 0: fits
	}{
		{"table", rows(fit), 0},
		{"table past", rows(fit + 1), 3},
		{"wide table", "|甲|\n" + strings.Repeat("|-", 100) + "|\n" + repeatLines(maxElements/101, func(int) string { return "乙" }), 1},
		{"headings", repeatLines(maxElements, func(int) string { return "# 段" }), 0},
		{"list items", repeatLines(maxElements/2-1, func(int) string { return "- 项" }), 0},
		{"list items past", repeatLines(maxElements/2, func(int) string { return "- 项" }), maxElements / 2},
		{"emphasis past", repeatLines(paras, func(int) string { return strings.Repeat("**法** ", 32) + "\n" }), emphasisOver},
		{"links past", repeatLines(maxElements/2, func(int) string { return "[法](/a)" }), maxElements / 2},
		{"code spans past", repeatLines(maxElements, func(int) string { return "`法`" }), maxElements},
		{"autolinks past", repeatLines(maxElements, func(int) string { return "http://a.cn" }), maxElements},
	} {
		d, probs := ParseMarkdown("r.md", []byte(c.src), 0)
		if c.overLine == 0 {
			wantAccepted(t, d, probs, c.name)
			continue
		}
		t.Run(c.name, func(t *testing.T) { wantRefused(t, d, probs, "r.md", c.overLine, "Markdown elements") })
	}
	d, probs := ParseMarkdown("r.md", []byte("|a|b|\n|-|-|\n"+repeatLines(2_500_000, func(int) string { return "|1|x|" })), 0)
	wantRefused(t, d, probs, "r.md", maxLines+1, "lines")
}

// TestMarkdownEscapedPipes checks that tables hold at most
// maxEscapedPipes "\|" in code (goldmark matches each such cell against
// all others): the table past them is text, with a warning.
func TestMarkdownEscapedPipes(t *testing.T) {
	table := func(rows int) string {
		return "|甲|\n|-|\n" + repeatLines(rows, func(int) string { return "|`a\\|b`|" })
	}
	_, html, warnings := parseMD(t, table(maxEscapedPipes)+"\n"+table(1), 0)
	if over := maxEscapedPipes + 4; strings.Count(html, "<table>") != 1 || len(warnings) != 1 || !strings.HasPrefix(warnings[0], fmt.Sprintf("r.md:%d: warning: more than", over)) {
		t.Errorf("%d tables, warnings %q; want 1 and a warning at line %d", strings.Count(html, "<table>"), warnings, over)
	}
	_, html, warnings = parseMD(t, table(maxEscapedPipes), 0)
	if strings.Count(html, "<table>") != 1 || strings.Count(html, "<code>a|b</code>") != maxEscapedPipes || len(warnings) != 0 {
		t.Errorf("the table at the limit: %d tables, warnings %q", strings.Count(html, "<table>"), warnings)
	}
}

// recordingParser is an inline parser that records the reader it is given.
type recordingParser struct{ got *text.Reader }

func (recordingParser) Trigger() []byte { return []byte{'['} }

func (p recordingParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	*p.got = block
	return nil
}

// TestFastValue checks that fastValue reads segments as goldmark's block
// reader does, over random multi-line paragraphs, and that the link
// parser is given it (goldmark's own is quadratic in a paragraph's lines).
func TestFastValue(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	for range 200 {
		var src []byte
		var lines text.Segments
		for range 1 + rnd.IntN(12) {
			start := len(src)
			src = append(src, strings.Repeat("ab[c]", rnd.IntN(5))...)
			src = append(src, '\n')
			seg := text.NewSegment(start, len(src))
			if rnd.IntN(3) == 0 {
				seg = text.NewSegmentPadding(start, len(src), rnd.IntN(3))
			}
			lines.Append(seg)
		}
		want := text.NewBlockReader(src, &lines)
		got := fastValue{want, &lines}
		for range 20 {
			a, b := rnd.IntN(len(src)+1), rnd.IntN(len(src)+1)
			seg := text.NewSegment(min(a, b), max(a, b))
			if w, g := want.Value(seg), got.Value(seg); !bytes.Equal(w, g) {
				t.Fatalf("Value(%v) of %q: %q, want %q", seg, src, g, w)
			}
		}
	}
	var got text.Reader
	p := linkLimited{recordingParser{&got}}
	para := ast.NewParagraph()
	src := []byte("[a]\n")
	para.Lines().Append(text.NewSegment(0, len(src)))
	p.Parse(para, text.NewBlockReader(src, para.Lines()), parser.NewContext())
	if _, ok := got.(*fastValue); !ok {
		t.Errorf("the link parser reads through %T, not a fastValue", got)
	}
}

// TestMarkdownImages checks that an image is published only from this
// site: any other is dropped, with a warning at its line, its alt text
// kept; and that links with a forbidden scheme stay inert, reference
// links included.
func TestMarkdownImages(t *testing.T) {
	var src strings.Builder
	foreign := []string{
		"http://evil.example/a.png", "https://evil.example/a.png", "HTTPS://EVIL.EXAMPLE/A.PNG", "//evil.example/a.png",
		`\\\\evil.example\\a.png`, "&#x2F;&#x2F;evil.example/a.png", "data:image/png;base64,AAAA", "javascript:alert(1)",
		"mailto:a@b.cn", "ftp://evil.example/a.png", "%2F%2Fevil.example/a.png",
	}
	for i, dest := range foreign {
		fmt.Fprintf(&src, "图%d：![外%d](%s)\n\n", i, i, dest)
	}
	src.WriteString("![本站甲](img/a.png) ![本站乙](/static/b.png) ![本站丙](../c.png \"题\")\n\n")
	src.WriteString("![引用][r] [链接][j] <javascript:alert(2)>\n\n[r]: https://evil.example/r.png\n[j]: javascript:alert(3)\n")
	d, html, warnings := parseMD(t, src.String(), 10)
	if n := strings.Count(html, "<img"); n != 3 {
		t.Errorf("%d images published, want the 3 of this site:\n%s", n, html)
	}
	mustContain(t, html, `<img src="img/a.png" alt="本站甲">`, `<img src="/static/b.png" alt="本站乙">`, `<img src="../c.png" alt="本站丙" title="题">`)
	mustNotContain(t, html, "evil", `src="javascript`, `src="data`, "mailto", "href")
	for i := range foreign {
		mustContain(t, html, fmt.Sprintf("图%d：外%d", i, i))
		want := fmt.Sprintf("r.md:%d: warning: image ", 11+2*i)
		if i >= len(warnings) || !strings.HasPrefix(warnings[i], want) {
			t.Errorf("warning %d: %q, want %q…", i, warnings[i:min(i+1, len(warnings))], want)
		}
	}
	if len(warnings) != len(foreign)+3 {
		t.Errorf("%d warnings, want %d:\n%s", len(warnings), len(foreign)+3, strings.Join(warnings, "\n"))
	}
	if last := d.Blocks[len(d.Blocks)-1].Text; last != "引用 链接 javascript:alert(2)" {
		t.Errorf("last block %q", last)
	}
}

// TestRenderBatches renders a plain-text document of several batches of
// blocks, and the same as one tree, and expects the same bytes, marks
// and all.
func TestRenderBatches(t *testing.T) {
	var src strings.Builder
	src.WriteString("2024年法治政府建设工作情况报告\n")
	for i := range 3*renderBatch + 7 {
		switch i % 5 {
		case 0:
			fmt.Fprintf(&src, "%s、第%d部分\n", []string{"一", "二", "三"}[i%3], i)
		case 1:
			fmt.Fprintf(&src, "（%d）加强组织领导。第%d段正文，全年受理%d件。\n", i%9+1, i, i)
		default:
			fmt.Fprintf(&src, "第%d段正文，全年受理信访%d件。\n", i, i)
		}
	}
	src.WriteString("鲁山县信访局\n2024年12月31日\n")
	d, _ := ParseText("r.txt", src.String())
	got, err := d.HTML()
	if err != nil {
		t.Fatal(err)
	}
	doc := ast.NewDocument()
	rank := 1
	for _, b := range d.Blocks {
		if b.Kind == Heading {
			h := headingNode(b, rank)
			rank = h.Level
			doc.AppendChild(doc, h)
		} else {
			doc.AppendChild(doc, paragraphNode(b))
		}
	}
	doc.AppendChild(doc, signatureAST(d.Signature))
	var want bytes.Buffer
	if err := gm.Renderer().Render(&want, nil, doc); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("rendered in batches:\n%.300s\nas one tree:\n%.300s", got, want.Bytes())
	}
	marks := []Mark{{Anchor: d.Blocks[len(d.Blocks)-1].Anchor, Start: 0, End: 2, ID: "q1"}}
	marked, placed, err := d.HTMLMarked(marks)
	if err != nil || !reflect.DeepEqual(placed, marks) || !bytes.Contains(marked, []byte(`<span class="quote" id="q1">`)) {
		t.Errorf("marks placed %v, err %v", placed, err)
	}
}

// hostileBodies are the inputs of the issue and of its kind, each as
// large as a reader takes or a little more: text or Markdown.
func hostileBodies() []struct {
	name     string
	markdown bool
	src      string
} {
	long := strings.Repeat("法治政府建设", 11) // 198 bytes
	return []struct {
		name     string
		markdown bool
		src      string
	}{
		{"text_million_lines_14MB", false, repeatLines(1_000_000, func(i int) string { return fmt.Sprintf("第%d行内容", i) })},
		{"text_sentences_at_line_limit", false, repeatLines(maxLines-1, func(int) string { return long + "。" })},
		{"text_one_paragraph_at_line_limit", false, repeatLines(maxLines-1, func(int) string { return long })},
		{"text_one_line_20MB", false, strings.Repeat(long, 20<<20/len(long))},
		{"text_distinct_words_19MB", false, distinctWordLines(19 << 20)},
		{"md_table_2.5M_rows", true, "|a|b|\n|-|-|\n" + repeatLines(2_500_000, func(int) string { return "|1|x|" })},
		{"md_table_at_element_limit", true, "|a|b|\n|-|-|\n" + repeatLines((maxElements-1)/3-2, func(int) string { return "|1|x|" })},
		{"md_200k_definitions_5.5MB", true, repeatLines(200_000, func(i int) string { return fmt.Sprintf("[a%d]: /u%d 'x'", i, i) })},
		{"md_definitions_at_line_limit", true, repeatLines(maxLines-1, func(i int) string { return fmt.Sprintf("[a%d]: /u%d", i, i) })},
		{"md_references_at_line_limit", true, repeatLines(maxLines-1, func(int) string { return "[a]" })},
		{"md_headings_at_line_limit", true, repeatLines(maxLines-1, func(int) string { return "# 标题" })},
		{"md_emphasis_line_20MB", true, strings.Repeat("*a* ", 5<<20)},
		{"md_autolinks_20MB", true, strings.Repeat("<http://a> ", 2<<20)},
		{"md_entities_20MB", true, strings.Repeat("&amp;", 4<<20)},
		{"md_long_line_20MB", true, strings.Repeat(long, 20<<20/len(long))},
		{"md_failed_tags_20MB", true, strings.Repeat("<a b", 5<<20)},
	}
}

// distinctWordLines returns about n bytes of distinct words, 400 a line.
func distinctWordLines(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "w%x", i*2654435761%(1<<32))
		if i%400 == 399 {
			b.WriteString("。\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// BenchmarkReaders parses and renders each hostile body: bytes in, peak
// heap (sampled HeapInuse above the start) and whether it was refused.
func BenchmarkReaders(b *testing.B) {
	for _, c := range hostileBodies() {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.src)))
			var peak uint64
			refused := false
			for b.Loop() {
				peak = max(peak, heaptest.PeakHeap(func() {
					var d *Document
					var probs diag.List
					if c.markdown {
						d, probs = ParseMarkdown("r.md", []byte(c.src), 0)
					} else {
						d, probs = ParseText("r.txt", c.src)
					}
					if _, err := d.HTML(); err != nil {
						b.Fatal(err)
					}
					refused = probs.HasErrors()
				}))
			}
			b.ReportMetric(float64(len(c.src))/(1<<20), "in-MiB")
			b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
			if refused {
				b.ReportMetric(1, "refused")
			}
		})
	}
}

// TestMarkdownTagRetries checks that a paragraph tries at most maxRetries
// "<" that start no tag (each runs goldmark's regular expressions over
// what follows): a tag after them is text, escaped, with a warning.
func TestMarkdownTagRetries(t *testing.T) {
	for _, failed := range []int{maxRetries - 1, maxRetries} {
		src := strings.Repeat("<甲 ", failed) + "<b>治</b>\n"
		_, html, warnings := parseMD(t, src, 0)
		limited := failed >= maxRetries
		if got := strings.Contains(html, "&lt;b&gt;治&lt;/b&gt;"); got != limited {
			t.Errorf("%d failed tags: the tag is text = %v, want %v:\n%s", failed, got, limited, html)
		}
		said := strings.Contains(strings.Join(warnings, "\n"), "start no HTML tag")
		if said != limited || !limited && len(warnings) != 2 || strings.Contains(html, "<b>") {
			t.Errorf("%d failed tags: warnings %q", failed, warnings)
		}
	}
}
