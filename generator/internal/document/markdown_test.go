package document

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

// urlAttrRE finds URL attributes in HTML.
var urlAttrRE = regexp.MustCompile(`(?i)\b(?:href|src)\s*=\s*"([^"]*)"`)

// unsafeURLs returns the href and src values of page that a browser could
// run or that carry a forbidden scheme.
func unsafeURLs(page string) []string {
	var bad []string
	for _, m := range urlAttrRE.FindAllStringSubmatch(page, -1) {
		if classifyLink([]byte(html.UnescapeString(m[1]))) == linkInert {
			bad = append(bad, m[1])
		}
	}
	return bad
}

// Markdown bodies for the tests below and the fuzz corpus.
const (
	// mdHeadings has levels, numbers and inline markup in a heading.
	mdHeadings = "## 一、主要举措和成效\n\n正文第一段。\n\n### （一）加强**组织**领导\n\n正文第二段。\n\n#### 具体做法\n\n## 二、存在的问题\n"
	// mdTable has a table.
	mdTable = "统计如下：\n\n| 指标 | 数值 |\n| --- | ---: |\n| 受理率 | 98% |\n| 办结率 | 100% |\n"
	// mdLists has a tight list and a quote.
	mdLists = "- 第一项\n- 第二项\n  续行\n\n> 引用的话。\n"
	// mdRawHTML has raw HTML, block and inline.
	mdRawHTML = "<script>alert(1)</script>\n\n正文<b onclick=\"x()\">粗体</b>。\n\n<iframe src=\"https://evil.example\"></iframe>\n"
	// mdLinks has links of every kind.
	mdLinks = "[甲](javascript:alert(1)) [乙](JaVaScRiPt:alert(1)) [丙](java&#9;script:alert(1)) " +
		"[丁](data:text/html;base64,PHNjcmlwdD4=) [戊](vbscript:msgbox) ![图](data:image/png;base64,AAAA) " +
		"<javascript:alert(2)> [己](https://www.gov.cn/) [庚](/reports/2024/) [辛](mailto:xf@example.cn) " +
		"[壬](//cdn.example.com/x) 访问 https://www.gov.cn 查看\n"
	// mdSignature ends with a signature.
	mdSignature = "正文。\n\n鲁山县信访局\n\n2024年12月31日\n"
	// mdSignatureOneParagraph ends with a signature in one paragraph.
	mdSignatureOneParagraph = "正文。\n\n鲁山县信访局\n2024年12月31日\n"
	// mdSoftBreaks has soft line breaks.
	mdSoftBreaks = "第一行\n第二行 and\nEnglish\n"
	// mdIndented has an indented paragraph.
	mdIndented = "正文。\n\n    缩进的段落<b>。\n"
)

// markdownCases lists the bodies above.
var markdownCases = []string{mdHeadings, mdTable, mdLists, mdRawHTML, mdLinks, mdSignature, mdSignatureOneParagraph, mdSoftBreaks, mdIndented}

// parseMD parses a Markdown body and renders it.
func parseMD(t *testing.T, src string, lineOffset int) (*Document, string, []string) {
	t.Helper()
	d, probs := ParseMarkdown("r.md", []byte(src), lineOffset)
	page, err := d.HTML()
	if err != nil {
		t.Fatal(err)
	}
	var warnings []string
	for _, p := range probs {
		warnings = append(warnings, p.String())
	}
	return d, string(page), warnings
}

// mustContain fails unless html contains every one of parts.
func mustContain(t *testing.T, html string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(html, p) {
			t.Errorf("HTML lacks %q:\n%s", p, html)
		}
	}
}

// mustNotContain fails if html contains one of parts (case-insensitively).
func mustNotContain(t *testing.T, html string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if strings.Contains(strings.ToLower(html), strings.ToLower(p)) {
			t.Errorf("HTML contains %q:\n%s", p, html)
		}
	}
}

// TestMarkdownHeadings checks levels relative to the top level used,
// official numbers, anchors, ids and lines.
func TestMarkdownHeadings(t *testing.T) {
	d, html, _ := parseMD(t, mdHeadings, 10)
	want := "H1 一、|主要举措和成效 @11\nP 正文第一段。 @13\nH2 （一）|加强组织领导 @15\nP 正文第二段。 @17\nH3 |具体做法 @19\nH1 二、|存在的问题 @21"
	if got := blockSummary(d.Blocks); got != want {
		t.Errorf("blocks\n%s\nwant\n%s", got, want)
	}
	var anchors []string
	for _, b := range d.Blocks {
		anchors = append(anchors, b.Anchor)
	}
	if got := strings.Join(anchors, " "); got != "s1 p1 s1-1 p2 s1-1-1 s2" {
		t.Errorf("anchors %s", got)
	}
	mustContain(t, html,
		`<h2 id="s1"><span class="num">一、</span>主要举措和成效</h2>`,
		`<p id="p1">正文第一段。</p>`,
		`<h3 id="s1-1"><span class="num">（一）</span>加强<strong>组织</strong>领导</h3>`,
		`<h4 id="s1-1-1">具体做法</h4>`,
		`<h2 id="s2"><span class="num">二、</span>存在的问题</h2>`)
}

// TestMarkdownTable checks that every table row is a block with an id.
func TestMarkdownTable(t *testing.T) {
	d, html, _ := parseMD(t, mdTable, 0)
	want := "P 统计如下： @1\nP 指标\t数值 @3\nP 受理率\t98% @5\nP 办结率\t100% @6"
	if got := blockSummary(d.Blocks); got != want {
		t.Errorf("blocks\n%s\nwant\n%s", got, want)
	}
	mustContain(t, html, "<table>", `<thead id="p2">`, `<tr id="p3">`, `<tr id="p4">`, "<td>受理率</td>")
}

// TestMarkdownListsAndQuotes checks that list items and quotes are blocks.
func TestMarkdownListsAndQuotes(t *testing.T) {
	d, html, _ := parseMD(t, mdLists, 0)
	want := "P 第一项 @1\nP 第二项续行 @2\nP 引用的话。 @5"
	if got := blockSummary(d.Blocks); got != want {
		t.Errorf("blocks\n%s\nwant\n%s", got, want)
	}
	mustContain(t, html, `<li><span id="p1">第一项</span></li>`, `<blockquote>`, `<p id="p3">引用的话。</p>`)
}

// TestMarkdownRawHTMLOmitted checks that raw HTML never reaches the page.
func TestMarkdownRawHTMLOmitted(t *testing.T) {
	_, html, warnings := parseMD(t, mdRawHTML, 0)
	mustNotContain(t, html, "<script", "<b", "onclick", "<iframe")
	mustContain(t, html, "<!-- raw HTML omitted -->", "粗体")
	if len(warnings) != 4 {
		t.Errorf("warnings %q, want 4", warnings)
	}
}

// TestMarkdownLinks checks which links survive: http, https, mailto and
// relative; others become their text.
func TestMarkdownLinks(t *testing.T) {
	d, html, warnings := parseMD(t, mdLinks, 0)
	mustNotContain(t, html, "<img")
	if bad := unsafeURLs(html); len(bad) > 0 {
		t.Errorf("unsafe URLs %q in\n%s", bad, html)
	}
	mustContain(t, html,
		`<a href="https://www.gov.cn/" rel="noopener noreferrer">己</a>`,
		`<a href="/reports/2024/">庚</a>`,
		`<a href="mailto:xf@example.cn">辛</a>`,
		`<a href="//cdn.example.com/x" rel="noopener noreferrer">壬</a>`,
		`<a href="https://www.gov.cn" rel="noopener noreferrer">https://www.gov.cn</a>`,
		"甲", "乙", "丙", "丁", "戊", "图")
	if len(warnings) != 7 {
		t.Errorf("warnings %q, want 7", warnings)
	}
	if got := d.Blocks[0].Text; !strings.HasPrefix(got, "甲 乙 丙 丁 戊 图 javascript:alert(2) 己") {
		t.Errorf("text %q", got)
	}
}

// TestMarkdownSignature checks the signature at the end of a Markdown body.
func TestMarkdownSignature(t *testing.T) {
	for _, src := range []string{mdSignature, mdSignatureOneParagraph} {
		d, html, _ := parseMD(t, src, 4)
		want := Signature{Organ: "鲁山县信访局", Date: "2024-12-31", DateText: "2024年12月31日", Line: 7}
		if d.Signature != want {
			t.Errorf("signature %+v, want %+v", d.Signature, want)
		}
		if len(d.Blocks) != 1 {
			t.Errorf("blocks %s", blockSummary(d.Blocks))
		}
		mustContain(t, html, "<div class=\"signature\"><p>鲁山县信访局</p>\n<p>2024年12月31日</p>\n</div>\n")
	}
}

// TestMarkdownSoftBreaks checks that a line break inside a Chinese
// paragraph disappears, in the text and in the HTML.
func TestMarkdownSoftBreaks(t *testing.T) {
	d, html, _ := parseMD(t, mdSoftBreaks, 0)
	if got := d.Blocks[0].Text; got != "第一行第二行 and English" {
		t.Errorf("text %q", got)
	}
	mustContain(t, html, "第一行第二行 and")
}

// TestMarkdownCodeBlockWarning checks that indented text, which renders as
// code, is reported and still searchable.
func TestMarkdownCodeBlockWarning(t *testing.T) {
	d, html, warnings := parseMD(t, mdIndented, 0)
	if len(warnings) != 1 || !strings.Contains(warnings[0], "r.md:3:") {
		t.Errorf("warnings %q", warnings)
	}
	if len(d.Blocks) != 2 || d.Blocks[1].Text != "缩进的段落<b>。" {
		t.Errorf("blocks %s", blockSummary(d.Blocks))
	}
	mustContain(t, html, `<pre id="p2"><code>缩进的段落&lt;b&gt;。`)
}

// TestMarkdownInvalidUTF8 checks that bad bytes, which make goldmark's CJK
// line breaks panic, are replaced instead (found by FuzzParseMarkdown).
func TestMarkdownInvalidUTF8(t *testing.T) {
	d, html, _ := parseMD(t, "\x82\n0", 0)
	if len(d.Blocks) != 1 || d.Blocks[0].Text != "\uFFFD 0" {
		t.Errorf("blocks %s", blockSummary(d.Blocks))
	}
	mustContain(t, html, "\uFFFD")
}
