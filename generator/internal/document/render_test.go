package document

import (
	"bytes"
	"regexp"
	"slices"
	"testing"
)

// TestHTMLBlocks checks the exact HTML of each kind of block, with text
// that must be escaped.
func TestHTMLBlocks(t *testing.T) {
	d := &Document{
		Header: Header{Title: "不渲染的标题"},
		Blocks: []Block{
			{Kind: Heading, Level: 1, Number: "一、", Text: "主要举措和成效", Anchor: "s1"},
			{Kind: Heading, Level: 2, Number: "（一）", Text: "加强<领导>", Anchor: "s1-1"},
			{Kind: Heading, Level: 3, Number: "1.", Text: "健全机制", Anchor: "s1-1-1"},
			{Kind: Heading, Level: 4, Number: "（1）", Text: "细化&落实", Anchor: "s1-1-1-1"},
			{Kind: Heading, Level: 4, Text: "无编号", Anchor: "s1-1-1-2"},
			{Kind: Paragraph, Text: `他说："<script>alert(1)</script>" \*不转义\* &amp;`, Anchor: "p1"},
			{Kind: Paragraph, Number: "1.", Lead: "1.深入学习情况。", Text: "1.深入学习情况。2024年，我局开展学习。", Anchor: "p2"},
			{Kind: Paragraph, Number: "（二）", Lead: "（二）只有一句。", Text: "（二）只有一句。", Anchor: "p3"},
		},
		Signature: Signature{Organ: "鲁山县<信访局>", Date: "2024-12-31", DateText: "2024年12月31日", Line: 9},
	}
	want := `<h2 id="s1"><span class="num">一、</span>主要举措和成效</h2>
<h3 id="s1-1"><span class="num">（一）</span>加强&lt;领导&gt;</h3>
<h4 id="s1-1-1"><span class="num">1.</span>健全机制</h4>
<h5 id="s1-1-1-1"><span class="num">（1）</span>细化&amp;落实</h5>
<h5 id="s1-1-1-2">无编号</h5>
<p id="p1">他说：&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; \*不转义\* &amp;amp;</p>
<p id="p2"><strong class="lead">1.深入学习情况。</strong>2024年，我局开展学习。</p>
<p id="p3"><strong class="lead">（二）只有一句。</strong></p>
<div class="signature"><p>鲁山县&lt;信访局&gt;</p>
<p>2024年12月31日</p>
</div>
`
	got, err := d.HTML()
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	again, _ := d.HTML()
	if !bytes.Equal(got, again) {
		t.Error("HTML differs between two calls")
	}
}

// TestHTMLEmpty checks a document without body or signature.
func TestHTMLEmpty(t *testing.T) {
	got, err := (&Document{}).HTML()
	if err != nil || len(got) != 0 {
		t.Errorf("HTML() = %q, %v; want empty", got, err)
	}
}

// TestHeadingRanksSkipNone checks that heading elements never skip a rank
// (the Nu HTML Checker's error on the .docx whole site: 二、 then 1. gave
// h2 then h4), in plain-text documents, with marks, and in Markdown; the
// levels of the blocks stay as the numbering says.
func TestHeadingRanksSkipNone(t *testing.T) {
	d := &Document{Blocks: []Block{
		{Kind: Heading, Level: 1, Number: "一、", Text: "甲", Anchor: "s1"},
		{Kind: Heading, Level: 3, Number: "1.", Text: "乙", Anchor: "s1-1"},
		{Kind: Heading, Level: 4, Number: "（1）", Text: "丙", Anchor: "s1-1-1"},
		{Kind: Heading, Level: 1, Number: "二、", Text: "丁", Anchor: "s2"},
		{Kind: Heading, Level: 2, Number: "（一）", Text: "戊", Anchor: "s2-1"},
	}}
	want := []string{`<h2 id="s1">`, `<h3 id="s1-1">`, `<h4 id="s1-1-1">`, `<h2 id="s2">`, `<h3 id="s2-1">`}
	plain, err := d.HTML()
	if err != nil {
		t.Fatal(err)
	}
	marked, _, err := d.HTMLMarked([]Mark{{Anchor: "none", Start: 0, End: 1, ID: "q-1"}})
	if err != nil {
		t.Fatal(err)
	}
	md, _ := ParseMarkdown("r.md", []byte("# 甲\n\n### 乙\n\n#### 丙\n\n# 丁\n\n## 戊\n"), 0)
	mdHTML, err := md.HTML()
	if err != nil {
		t.Fatal(err)
	}
	for name, page := range map[string][]byte{"text": plain, "marked": marked, "markdown": mdHTML} {
		var got []string
		for _, m := range regexp.MustCompile(`<h[1-6] id="[^"]*">`).FindAll(page, -1) {
			got = append(got, string(m))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: headings %q, want %q", name, got, want)
		}
	}
	if d.Blocks[1].Level != 3 || md.Blocks[1].Level != 3 {
		t.Errorf("levels %d and %d, want 3: the rank of the element changes, not the level", d.Blocks[1].Level, md.Blocks[1].Level)
	}
}
