package document

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"portal/generator/internal/diag"
)

var (
	// ownTagRE matches the tags HTML writes for a plain-text document.
	ownTagRE = regexp.MustCompile(`</?(?:h[2-6]|p|span|strong|div)(?: (?:id|class)="[^"<>]*")*>`)
	// idRE finds id attributes.
	idRE = regexp.MustCompile(`\bid="([^"]*)"`)
)

// fuzzTexts returns the seeds and every table case, as inputs for fuzzing.
func fuzzTexts(tb testing.TB) []string {
	var in []string
	for _, s := range readSeeds(tb) {
		in = append(in, s.src)
	}
	for _, c := range classifyCases {
		in = append(in, c.line)
	}
	for _, c := range joinCases {
		in = append(in, c.src)
	}
	for _, c := range headerCases {
		in = append(in, c.src)
	}
	for _, c := range signatureCases {
		in = append(in, c.src)
	}
	for _, c := range dateCases {
		in = append(in, c.in)
	}
	return in
}

// FuzzParseText checks that ParseText never panics, is deterministic, keeps
// positions inside the input, gives unique anchors, loses no Chinese text
// and renders escaped HTML whose ids are the anchors.
func FuzzParseText(f *testing.F) {
	for _, s := range fuzzTexts(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		d, probs := ParseText("f.txt", src)
		again, probs2 := ParseText("f.txt", src)
		if !reflect.DeepEqual(d, again) || !reflect.DeepEqual(probs, probs2) {
			t.Fatal("two parses differ")
		}
		lines := strings.Count(src, "\n") + 1
		checkDocument(t, d, probs, 1, lines)
		page := checkHTML(t, d)
		if rest := ownTagRE.ReplaceAllString(page, ""); strings.ContainsAny(rest, "<>") {
			t.Fatalf("unescaped markup in\n%s", page)
		}
		checkHanKept(t, src, d)
	})
}

// FuzzParseMarkdown checks that ParseMarkdown never panics, is
// deterministic, keeps positions inside the body, gives unique anchors that
// are the ids of the HTML, and never publishes raw HTML or unsafe links.
func FuzzParseMarkdown(f *testing.F) {
	for _, s := range append(fuzzTexts(f), markdownCases...) {
		f.Add([]byte(s), uint8(3))
	}
	// Hostile nesting, a little past the limits, for the fuzzer to vary.
	for _, c := range deepBodies(2 * maxNesting) {
		f.Add([]byte(c.src), uint8(0))
	}
	for _, s := range pathological(2 << 10) {
		f.Add([]byte(s), uint8(0))
	}
	f.Fuzz(func(t *testing.T, src []byte, offset uint8) {
		d, probs := ParseMarkdown("f.md", src, int(offset))
		again, probs2 := ParseMarkdown("f.md", src, int(offset))
		if !reflect.DeepEqual(d, again) || !reflect.DeepEqual(probs, probs2) {
			t.Fatal("two parses differ")
		}
		lines := strings.Count(string(src), "\n") + 1
		checkDocument(t, d, probs, int(offset)+1, int(offset)+lines)
		page := checkHTML(t, d)
		if strings.Contains(strings.ToLower(page), "<script") {
			t.Fatalf("raw HTML published:\n%s", page)
		}
		if bad := unsafeURLs(page); len(bad) > 0 {
			t.Fatalf("unsafe URLs %q in\n%s", bad, page)
		}
	})
}

// checkDocument checks lines, anchors and leads of a parsed document.
func checkDocument(t *testing.T, d *Document, probs diag.List, first, last int) {
	t.Helper()
	seen := map[string]bool{}
	for _, b := range d.Blocks {
		if b.Line < first || b.Line > last {
			t.Fatalf("block %+v: line outside [%d, %d]", b, first, last)
		}
		if b.Anchor == "" || seen[b.Anchor] {
			t.Fatalf("block %+v: anchor empty or repeated", b)
		}
		seen[b.Anchor] = true
		if !strings.HasPrefix(b.Text, b.Lead) || (b.Kind == Heading) != (b.Level > 0) {
			t.Fatalf("block %+v: lead not a prefix of the text, or level wrong", b)
		}
	}
	if s := d.Signature.Line; s != 0 && (s < first || s > last) {
		t.Fatalf("signature %+v: line outside [%d, %d]", d.Signature, first, last)
	}
	for _, p := range probs {
		if p.Pos.Line < first || p.Pos.Line > last || p.Severity != diag.Warning {
			t.Fatalf("problem %v: not a warning inside [%d, %d]", p, first, last)
		}
	}
}

// checkHTML renders d and checks that its ids are the block anchors, in
// order.
func checkHTML(t *testing.T, d *Document) string {
	t.Helper()
	page, err := d.HTML()
	if err != nil {
		t.Fatal(err)
	}
	var ids, anchors []string
	for _, m := range idRE.FindAllStringSubmatch(string(page), -1) {
		ids = append(ids, m[1])
	}
	for _, b := range d.Blocks {
		anchors = append(anchors, b.Anchor)
	}
	if !slices.Equal(ids, anchors) {
		t.Fatalf("HTML ids %q, block anchors %q", ids, anchors)
	}
	return string(page)
}

// checkHanKept checks that the Chinese characters of the input, less the
// conversion artifacts, are those of the header and the page, but for
// repeats of the title.
func checkHanKept(t *testing.T, src string, d *Document) {
	t.Helper()
	var in strings.Builder
	for _, l := range cleanLines(src) {
		in.WriteString(l.text)
	}
	h := d.Header
	out := keep(published(t, d), isHan)
	missing := runeCounts(keep(in.String(), isHan))
	for _, r := range out {
		missing[r]--
	}
	title := runeCounts(keep(h.Title, isHan))
	repeats := -1
	for r, n := range missing {
		k := 0
		if title[r] > 0 {
			k = n / title[r]
		}
		if n < 0 || n != k*title[r] || (repeats >= 0 && k != repeats && n != 0) {
			t.Fatalf("Chinese text lost or added: %q %d times (title %q)", r, n, h.Title)
		}
		if n != 0 {
			repeats = k
		}
	}
}

// runeCounts counts the runes of s.
func runeCounts(s string) map[rune]int {
	m := map[rune]int{}
	for _, r := range s {
		m[r]++
	}
	return m
}
