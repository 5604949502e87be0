package document

import "testing"

// TestCleanLine checks the removal of conversion artifacts and white space.
func TestCleanLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"[bookmark: _GoBack]（二）法治工作队伍建设", "（二）法治工作队伍建设"},
		{"[bookmark: OLE_LINK1]三、年度情况", "三、年度情况"},
		{"文字[bookmark: _Toc123]继续[bookmark: x]", "文字继续"},
		{"[Bookmark:_GoBack]正文", "正文"},
		{"(此页无正文)", ""},
		{"（此页无正文）", ""},
		{"（ 此页无正文 ）", ""},
		{"\u3000\u3000正文内容\t \u3000", "正文内容"},
		{"\u00a0正文\u200b内容\ufeff", "正文内容"},
		{"分页\f符\r", "分页符"},
		{"三、存在问题及其原因分析  ", "三、存在问题及其原因分析"},
		{"[参见附件]保留", "[参见附件]保留"},
		{"共 2 项", "共 2 项"},
	}
	for _, tt := range tests {
		if got := cleanLine(tt.in); got != tt.want {
			t.Errorf("cleanLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCleanLinesKeepsLineNumbers checks that blank and artifact-only lines
// are dropped but the others keep their line numbers.
func TestCleanLinesKeepsLineNumbers(t *testing.T) {
	got := cleanLines("\n\n阳城县信访局文件\n \u3000\n(此页无正文)\n正文。\n")
	want := []srcLine{{3, "阳城县信访局文件"}, {6, "正文。"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestPageNumberWarning checks that a printed page number is reported, not
// dropped.
func TestPageNumberWarning(t *testing.T) {
	d, probs := ParseText("t.txt", "正文第一页。\n— 2 —\n正文第二页。")
	if len(probs) != 1 || probs[0].Pos.Line != 2 {
		t.Errorf("problems = %v, want one warning on line 2", probs)
	}
	if len(d.Blocks) != 3 || d.Blocks[1].Text != "— 2 —" {
		t.Errorf("blocks = %v, want the page number kept as a paragraph", blockSummary(d.Blocks))
	}
}
