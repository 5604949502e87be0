package check

import (
	"strings"
	"testing"

	"portal/generator/internal/content"
	"portal/generator/internal/diag"
	"portal/generator/internal/document"
	"portal/generator/internal/site"
)

func report(t *testing.T, meta content.Meta, text string) (*site.Report, *document.Document) {
	t.Helper()
	doc, _ := document.ParseText("r.txt", text)
	return &site.Report{Meta: meta, Source: &content.Report{File: "r.txt", MetaFile: "r.toml"}}, doc
}

const complete = `某县司法局2024年度法治政府建设情况报告
一、主要举措和成效
正文。
二、存在的不足和原因
正文。
三、党政主要负责人履行推进法治建设第一责任人职责情况
正文。
四、2025年工作安排
正文。
五、其他需要报告的事项
无。
`

func messages(l diag.List) string { return l.String() }

func TestReport(t *testing.T) {
	for _, tc := range []struct {
		name string
		meta content.Meta
		text string
		want []string // substrings of warnings; none when empty
	}{
		{"complete and on time", content.Meta{Year: 2024, DocNumber: "某司发〔2025〕1号", Published: content.Date{Year: 2025, Month: 4, Day: 1}}, complete, nil},
		{"no 文号", content.Meta{Year: 2024, Published: content.Date{Year: 2025, Month: 4, Day: 1}}, complete, []string{`r.toml: warning: doc_number: no 文号 in the metadata or the text: add doc_number = "…〔2025〕…号" if the report has one`}},
		{"文号 in the text", content.Meta{Year: 2024, Published: content.Date{Year: 2025, Month: 4, Day: 1}}, "某司发〔2025〕1号\n" + complete, nil},
		{"late", content.Meta{Year: 2024, Published: content.Date{Year: 2025, Month: 4, Day: 2}}, complete, []string{"after the deadline 2025-04-01 (逾期公开)"}},
		{"brackets", content.Meta{Year: 2024, DocNumber: "某司发[2025]1号"}, complete, []string{"某司发〔2025〕1号"}},
		{"full-width brackets", content.Meta{Year: 2024, DocNumber: "某司发【2025】1号"}, complete, []string{"write the year in 〔〕"}},
		{"good brackets", content.Meta{Year: 2024, DocNumber: "某司发〔2025〕1号"}, complete, nil},
		{"missing items", content.Meta{Year: 2024}, "标题\n一、主要举措和成效\n正文。\n二、存在问题\n正文。\n", []string{"no heading for 党政主要负责人履行推进法治建设第一责任人职责情况、下一年度工作安排、其他需要报告的事项"}},
		{"gap", content.Meta{Year: 2024}, strings.Replace(complete, "二、存在", "三、存在", 1), []string{"r.txt:4: warning: heading 三、存在的不足和原因: number 3 follows 1"}},
		{"sub-numbering restarts under each section", content.Meta{Year: 2024, DocNumber: "某司发〔2025〕1号"}, strings.Replace(complete, "正文。\n二、", "正文。\n（一）甲\n正文。\n（二）乙\n正文。\n二、", 1) + "", nil},
		{"sub-numbering gap", content.Meta{Year: 2024}, strings.Replace(complete, "正文。\n二、", "正文。\n（一）甲\n正文。\n（三）乙\n正文。\n二、", 1), []string{"heading （三）乙: number 3 follows 1"}},
	} {
		got := messages(Report(report(t, tc.meta, tc.text)))
		if len(tc.want) == 0 && got != "" {
			t.Errorf("%s: unexpected warnings:\n%s", tc.name, got)
		}
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: want %q in:\n%s", tc.name, w, got)
			}
		}
	}
}

func TestOrdinal(t *testing.T) {
	for _, tc := range []struct {
		in    string
		n     int
		style string
	}{
		{"一、", 1, "han"}, {"十二、", 12, "han"}, {"二十、", 20, "han"}, {"（三）", 3, "(han)"}, {"(3)", 3, "(digit)"}, {"4.", 4, "digit"}, {"4．", 4, "digit"},
	} {
		n, style, ok := ordinal(tc.in)
		if !ok || n != tc.n || style != tc.style {
			t.Errorf("ordinal(%q) = %d %q %v", tc.in, n, style, ok)
		}
	}
	if _, _, ok := ordinal("甲、"); ok {
		t.Error("甲 read as a number")
	}
}
