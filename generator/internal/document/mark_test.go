package document

import (
	"regexp"
	"strings"
	"testing"
)

func TestHTMLMarked(t *testing.T) {
	src := "标题报告\n一、成效\n1.成效显著。全县信访总量1927件，同比下降61.71%。群众满意率98.44%。\n"
	d, _ := ParseText("a.txt", src)
	var p Block
	for _, b := range d.Blocks {
		if b.Kind == Paragraph {
			p = b
		}
	}
	text := []rune(p.Text)
	at := func(s string) (int, int) {
		i := strings.Index(p.Text, s)
		start := len([]rune(p.Text[:i]))
		return start, start + len([]rune(s))
	}
	s1, e1 := at("全县信访总量1927件，同比下降61.71%")
	s2, e2 := at("群众满意率98.44%")
	s3, e3 := at("1.成效显著。全县") // crosses the lead
	html, placed, err := d.HTMLMarked([]Mark{
		{Anchor: p.Anchor, Start: s2, End: e2, ID: "q2"},
		{Anchor: p.Anchor, Start: s1, End: e1, ID: "q1"},
		{Anchor: p.Anchor, Start: s1 + 2, End: e1, ID: "overlap"},
		{Anchor: p.Anchor, Start: 0, End: len(text) + 5, ID: "outside"},
		{Anchor: "p99", Start: 0, End: 1, ID: "nowhere"},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := string(html)
	for _, want := range []string{
		`<span class="quote" id="q1">全县信访总量1927件，同比下降61.71%</span>`,
		`<span class="quote" id="q2">群众满意率98.44%</span>`,
		`<strong class="lead">1.成效显著。</strong>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	if len(placed) != 2 || strings.Contains(got, "overlap") || strings.Contains(got, "outside") {
		t.Errorf("placed %v\n%s", placed, got)
	}
	plain, _ := d.HTML()
	if stripSpans(got) != stripSpans(string(plain)) {
		t.Errorf("marks changed the text:\n%s\n%s", got, plain)
	}
	html, placed, _ = d.HTMLMarked([]Mark{{Anchor: p.Anchor, Start: s3, End: e3, ID: "q3"}})
	if len(placed) != 1 || strings.Count(string(html), `id="q3"`) != 1 || stripSpans(string(html)) != stripSpans(string(plain)) {
		t.Errorf("mark across the lead:\n%s", html)
	}
}

var spanTag = regexp.MustCompile(`</?span[^>]*>`)

func stripSpans(s string) string { return spanTag.ReplaceAllString(s, "") }
