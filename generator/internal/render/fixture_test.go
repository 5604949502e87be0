package render

import (
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"portal/generator/internal/config"
	"portal/generator/internal/content"
	"portal/generator/internal/document"
	"portal/generator/internal/site"
)

// fixture is one report of the test site.
type fixture struct {
	province, city, county, code, agency string
	year                                 int
	published                            content.Date
}

func day(y int, m time.Month, d int) content.Date { return content.Date{Year: y, Month: m, Day: d} }

// fixtures: 鲁山县's 信访局 reports on 2022–2024 (2023's 35 days late,
// 2024's undated) and its 司法局 on 2023 only; 叶县's 信访局 on 2023 (on
// the deadline itself) and 2024; 丰都县's 信访局 on 2024, a day late.
var fixtures = []fixture{
	{"河南省", "平顶山市", "鲁山县", "410423", "信访局", 2022, day(2023, 3, 20)},
	{"河南省", "平顶山市", "鲁山县", "410423", "信访局", 2023, day(2024, 5, 6)},
	{"河南省", "平顶山市", "鲁山县", "410423", "信访局", 2024, content.Date{}},
	{"河南省", "平顶山市", "鲁山县", "410423", "司法局", 2023, day(2024, 3, 1)},
	{"河南省", "平顶山市", "叶县", "410422", "信访局", 2023, day(2024, 4, 1)},
	{"河南省", "平顶山市", "叶县", "410422", "信访局", 2024, day(2025, 2, 28)},
	{"重庆市", "", "丰都县", "500230", "信访局", 2024, day(2025, 4, 2)},
}

// testSite is the model of fixtures, with feeds of feedSize entries.
func testSite(t testing.TB, feedSize int) *site.Site {
	t.Helper()
	var inputs []site.Input
	for _, f := range fixtures {
		title := f.county + f.agency + itoa(f.year) + "年度法治政府建设情况报告"
		m := content.Meta{Title: title, Agency: f.agency, County: f.county, City: f.city, Province: f.province,
			Year: f.year, Published: f.published, DivisionCode: f.code}
		inputs = append(inputs, site.Input{Report: &content.Report{Path: f.county + "/" + f.agency + itoa(f.year),
			File: f.county + "/" + f.agency + "-" + itoa(f.year) + ".txt", Format: ".txt", Meta: m}})
	}
	cfg := &config.Config{Title: "测试平台", BaseURL: "https://example.gov.cn/fzbg/", Language: "zh-CN", Organiser: "编辑部", FeedSize: feedSize}
	s, problems := site.New(cfg, inputs)
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }

// memSink keeps the files written to it.
type memSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memSink) Add(p string, b []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[p] = b
	return nil
}

// textDocs parses every report as a one-paragraph text.
type textDocs struct{}

func (textDocs) Document(r *site.Report) (*document.Document, error) {
	doc, _ := document.ParseText(r.Source.File, r.Meta.Title+"\n\n一、主要举措\n\n正文。\n")
	return doc, nil
}

// renderSite renders the whole test site with the repository's layouts.
func renderSite(t *testing.T, s *site.Site) map[string][]byte {
	t.Helper()
	layouts := os.DirFS("../../../layouts")
	tmpl, err := LoadTemplates(layouts)
	if err != nil {
		t.Fatal(err)
	}
	sink := &memSink{files: map[string][]byte{}}
	if _, err := Render(s, tmpl, layouts, sink, Options{Docs: textDocs{}}); err != nil {
		t.Fatal(err)
	}
	return sink.files
}
