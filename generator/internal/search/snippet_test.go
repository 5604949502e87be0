package search

import "testing"

// TestSnippetLine checks which line a result shows: a passage of the body
// around the match, never the title block's lines (the organ, the title),
// and for a report found by its title alone its opening paragraph.
func TestSnippetLine(t *testing.T) {
	f := Fragment{Lines: []FragmentLine{
		{Offset: 0, Anchor: "", Text: "鲁山县信访局"},
		{Offset: 20, Anchor: "", Text: "2024年度法治政府建设情况报告"},
		{Offset: 60, Anchor: "s1", Text: "一、主要举措"},
		{Offset: 80, Anchor: "p1", Text: "鲁山县信访局坚持依法行政，按期答复率达99.96%。"},
		{Offset: 700, Anchor: "p2", Text: "群众满意率为98%，信访局按期办结。"},
	}}
	for _, tc := range []struct {
		name  string
		query string
		block int
		want  int
	}{
		{"term in the organ line and the body", "信访局", 1, 3},
		{"term in the title line only", "情况报告", 0, 3},
		{"title match, no heading before the text", "建设情况", 0, 3},
		{"every term in a later line", "信访局 满意率", 1, 4},
		{"from the hit's block on", "信访局", 2, 4},
		{"heading match", "主要举措", 1, 2},
		{"no term in a body hit's block", "不存在", 1, -1},
	} {
		if got := SnippetLine(f, Hit{Block: tc.block}, ParseQuery(tc.query)); got != tc.want {
			t.Errorf("%s: SnippetLine(%q, block %d) = %d, want %d", tc.name, tc.query, tc.block, got, tc.want)
		}
	}
	// A fragment with headings only shows its first passage.
	heads := Fragment{Lines: []FragmentLine{{Anchor: "", Text: "标题"}, {Anchor: "s1", Text: "一、总体情况"}}}
	if got := SnippetLine(heads, Hit{}, ParseQuery("标题")); got != 1 {
		t.Errorf("headings only: %d, want 1", got)
	}
}
