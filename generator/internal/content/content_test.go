package content

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	utf16pkg "unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"

	"portal/generator/internal/config"
	"portal/generator/internal/docx"
)

var catalog = config.Catalog{
	{Key: "petitions_total", Label: "信访总量", Unit: "件", Kind: "count"},
	{Key: "satisfaction_rate", Label: "群众满意率", Unit: "%", Kind: "rate"},
}

func load(t *testing.T, files map[string]string) ([]*Report, string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	reports, problems := Load(fsys, Options{Prefix: "content", Catalog: catalog, LatestYear: 2026, Kinds: testKinds})
	problems.Sort()
	return reports, problems.String()
}

const goodMeta = `title = "鲁山县信访局2024年度法治政府建设情况报告"
agency = "鲁山县信访局"
county = "鲁山县"
year = 2024
published = 2025-03-01
`

func TestLoadFillsDivision(t *testing.T) {
	reports, problems := load(t, map[string]string{
		"河南省/鲁山县/信访局-2024.txt":  "正文",
		"河南省/鲁山县/信访局-2024.toml": goodMeta,
	})
	if problems != "" {
		t.Fatalf("problems:\n%s", problems)
	}
	m := reports[0].Meta
	if m.Province != "河南省" || m.City != "平顶山市" || m.DivisionCode != "410423" {
		t.Errorf("division not filled: %+v", m)
	}
	if m.ShortAgency() != "信访局" || m.Published.String() != "2025-03-01" {
		t.Errorf("ShortAgency %q, Published %q", m.ShortAgency(), m.Published)
	}
}

func TestLoadFrontMatter(t *testing.T) {
	md := "+++\n" + goodMeta + "[metrics]\npetitions_total = 1927\nsatisfaction_rate = 98.44\n+++\n# 一、情况\n正文\n"
	reports, problems := load(t, map[string]string{"a/信访局-2024.md": md})
	if problems != "" {
		t.Fatalf("problems:\n%s", problems)
	}
	r := reports[0]
	if r.BodyLine != 10 || !strings.HasPrefix(r.Body, "# 一、情况") {
		t.Errorf("BodyLine %d, Body %q", r.BodyLine, r.Body)
	}
	if r.Meta.Metrics["petitions_total"] != 1927 || r.Meta.Metrics["satisfaction_rate"] != 98.44 {
		t.Errorf("metrics %v", r.Meta.Metrics)
	}
}

// TestLoadErrors checks that each bad input gets a precise message naming
// the file, line and field, and that all of them are reported at once.
func TestLoadErrors(t *testing.T) {
	files := map[string]string{
		"a/unknown.txt":  "x",
		"a/unknown.toml": goodMeta + "yaer = 2024\n",
		"b/missing.txt":  "x",
		"b/missing.toml": "title = \"t\"\ncounty = \"鲁山县\"\n",
		"c/year.txt":     "x",
		"c/year.toml":    strings.Replace(goodMeta, "2024\n", "1899\n", 1),
		"d/type.txt":     "x",
		"d/type.toml":    strings.Replace(goodMeta, "year = 2024", "year = \"2024\"", 1),
		"e/syntax.txt":   "x",
		"e/syntax.toml":  "title = \"t\"\npublished = 2024-13-31\n",
		"f/dup.txt":      "x",
		"f/dup.toml":     goodMeta + "title = \"again\"\n",
		"g/rate.txt":     "x",
		"g/rate.toml":    strings.Replace(goodMeta, "county = \"鲁山县\"", "county = \"郏县\"", 1) + "[metrics]\nsatisfaction_rate = 120\npetitions_total = -1\nunknown_metric = 3\n",
		"h/orphan.toml":  goodMeta,
		"i/nometa.txt":   "x",
		"j/twice.txt":    "x",
		"j/twice.toml":   strings.Replace(goodMeta, "published = 2025-03-01", "index_number = \"A1\"", 1),
		"j/again.txt":    "x",
		"j/again.toml":   goodMeta,
		"k/朝阳区.txt":      "x",
		"k/朝阳区.toml":     strings.Replace(goodMeta, "county = \"鲁山县\"", "county = \"朝阳区\"", 1),
		"l/nowhere.txt":  "x",
		"l/nowhere.toml": strings.Replace(goodMeta, "county = \"鲁山县\"", "county = \"不存在县\"", 1),
		"m/bad.txt":      "ok\xff\xfe\xfd",
		"m/bad.toml":     strings.Replace(goodMeta, "county = \"鲁山县\"", "county = \"叶县\"", 1),
	}
	_, got := load(t, files)
	for _, want := range []string{
		"content/a/unknown.toml:6:1: unknown key \"yaer\"",
		"content/b/missing.toml:1:1: missing required key \"agency\"",
		"content/b/missing.toml:1:1: missing required key \"year\"",
		"content/c/year.toml:4:1: year: 1899 is outside 2000..2026",
		"content/d/type.toml:4:1: ",
		"content/e/syntax.toml:2:13: published: 2024-13-31 is not a date: write it as published = 2024-03-31 (year-month-day)",
		"content/f/dup.toml:6:1: title is written twice: keep one",
		"content/g/rate.toml:7:1: metrics.satisfaction_rate: a rate must be within 0..100, got 120",
		"content/g/rate.toml:8:1: metrics.petitions_total: a count cannot be negative, got -1",
		"content/g/rate.toml:9:1: metrics.unknown_metric: no metric",
		"content/h/orphan.toml: metadata without a report",
		"content/i/nometa.txt: no metadata: add nometa.toml",
		"two reports for 鲁山县信访局 2024",
		"content/k/朝阳区.toml:3:1: county: \"朝阳区\" names",
		"content/l/nowhere.toml:3:1: county: \"不存在县\" is not in the division table",
		"content/m/bad.txt: byte offset 2: neither valid UTF-8 nor clean GB18030 text",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing problem %q", want)
		}
	}
	if t.Failed() {
		t.Logf("got:\n%s", got)
	}
}

func TestDecode(t *testing.T) {
	gb, err := simplifiedchinese.GB18030.NewEncoder().String("信访总量1927件\r\n同比下降")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, in, want, enc string
	}{
		{"utf8", "信访\n", "信访\n", UTF8},
		{"bom crlf", "\xEF\xBB\xBF信访\r\n总量\r", "信访\n总量\n", UTF8},
		{"gb18030", gb, "信访总量1927件\n同比下降", GB18030},
		{"utf-16le bom", utf16(true, "\uFEFF信访\r\n总量1927件"), "信访\n总量1927件", UTF16},
		{"utf-16be bom", utf16(false, "\uFEFF信访\r\n总量"), "信访\n总量", UTF16},
	} {
		got, enc, err := Decode([]byte(tc.in))
		if err != nil || got != tc.want || enc != tc.enc {
			t.Errorf("%s: Decode = %q, %s, %v; want %q, %s", tc.name, got, enc, err, tc.want, tc.enc)
		}
	}
	for _, bad := range []string{utf16(true, "\uFEFF信访")[:5], utf16(true, "\uFEFF信\x00访"), utf16(true, "\uFEFF信") + "\x00\xd8"} {
		if _, _, err := Decode([]byte(bad)); err == nil {
			t.Errorf("Decode(%q) accepted broken UTF-16", bad)
		}
	}
	for _, bad := range []string{"abc\x00def", "信访\xff\xff"} {
		if _, _, err := Decode([]byte(bad)); err == nil || !strings.Contains(err.Error(), "byte offset") {
			t.Errorf("Decode(%q) error = %v, want one naming the byte offset", bad, err)
		}
	}
}

// utf16 encodes s as UTF-16, little-endian or big-endian.
func utf16(little bool, s string) string {
	var b []byte
	for _, u := range utf16pkg.Encode([]rune(s)) {
		if little {
			b = append(b, byte(u), byte(u>>8))
		} else {
			b = append(b, byte(u>>8), byte(u))
		}
	}
	return string(b)
}

// TestDivisionConflicts checks that metadata the division table
// contradicts is an error naming both values, never overridden.
func TestDivisionConflicts(t *testing.T) {
	meta := func(lines ...string) string {
		return "title = \"t\"\nagency = \"信访局\"\nyear = 2024\npublished = 2025-03-01\n" + strings.Join(lines, "\n") + "\n"
	}
	for _, tc := range []struct {
		name, toml, want string
	}{
		{"province", meta(`county = "鲁山县"`, `province = "河北省"`), `content/a.toml:5:1: county: the division table has no "鲁山县" in 河北省; it has: 410423 河南省›平顶山市›鲁山县`},
		{"city", meta(`county = "鲁山县"`, `city = "洛阳市"`), `content/a.toml:5:1: county: the division table has no "鲁山县" in 洛阳市; it has: 410423 河南省›平顶山市›鲁山县`},
		{"code unknown", meta(`county = "鲁山县"`, `division_code = "419999"`), `content/a.toml:6:1: division_code: 419999 is not in the division table`},
		{"code other county", meta(`county = "鲁山县"`, `division_code = "410422"`), `content/a.toml:6:1: division_code: 410422 is 叶县, not 鲁山县`},
		{"code and province", meta(`county = "鲁山县"`, `division_code = "410423"`, `province = "湖南省"`), `content/a.toml:7:1: province: the metadata says "湖南省", the division table has 410423 鲁山县 in 河南省`},
		{"agrees", meta(`county = "鲁山县"`, `province = "河南"`, `city = "平顶山"`), ``},
		{"prefecture-level city", meta(`county = "信阳市"`), ``},
		{"prefecture-level city, its province", meta(`county = "信阳"`, `province = "河南省"`), ``},
	} {
		_, got := load(t, map[string]string{"a.txt": "x", "a.toml": tc.toml})
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("%s: got\n%s\nwant %s", tc.name, got, tc.want)
		}
	}
}

// TestPathIsMetadata checks that the path gives what the metadata
// leaves out, and that the two must agree where both speak.
func TestPathIsMetadata(t *testing.T) {
	reports, got := load(t, map[string]string{
		"河南省/鲁山县/信访局-2024.txt":          "x",
		"河南/叶县/叶县-司法局-2023.txt":         "x",
		"河南/叶县/叶县-司法局-2023.toml":        "title = \"t\"\nagency = \"叶县司法局\"\n",
		"河南省/郏县/信访局-2024.txt":           "x",
		"河南省/郏县/信访局-2024.toml":          "title = \"t\"\ncounty = \"宝丰县\"\nyear = 2023\n",
		"x/无名.txt":                      "x",
		"河南省/信阳市/信访局-2024.txt":          "x",
		"henan/yexian/report-2024.txt":  "x",
		"2024/河南省/宝丰县/信访局/报告.txt":       "x",
		"2024/河南省/宝丰县/信访局/报告.toml":      "title = \"t\"\nagency = \"信访局\"\nyear = 2024\npublished = 2025-03-01\n",
		"henan/yexian/report-2024.toml": "title = \"t\"\nagency = \"司法局\"\ncounty = \"叶县\"\nyear = 2024\npublished = 2025-03-01\n",
	})
	for _, want := range []string{
		`content/河南省/郏县/信访局-2024.toml:2:1: county: the metadata says "宝丰县", the path content/河南省/郏县/信访局-2024.txt says "郏县": make them agree`,
		`content/河南省/郏县/信访局-2024.toml:3:1: year: the metadata says "2023", the path content/河南省/郏县/信访局-2024.txt says "2024": make them agree`,
		`content/x/无名.txt: no metadata: add 无名.toml beside it (or +++ front matter to a .md file), or name it <province>/<county>/<agency>-<year>.txt; missing: agency, county, year`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if len(reports) != 5 {
		t.Fatalf("%d reports, want 5 (names not in Chinese say nothing)\n%s", len(reports), got)
	}
	if m := reports[0].Meta; m.County != "宝丰县" || m.Province != "河南省" || m.Agency != "信访局" {
		t.Errorf("a year and an agency folder around the county's: %+v", m)
	}
	r := reports[4]
	if m := r.Meta; m.Province != "河南省" || m.City != "平顶山市" || m.County != "鲁山县" || m.Agency != "信访局" || m.Year != 2024 || m.DivisionCode != "410423" || r.MetaFile != r.File {
		t.Errorf("from the path: %+v", m)
	}
	if m := reports[3].Meta; m.County != "信阳市" || m.City != "信阳市" || m.Province != "河南省" || m.DivisionCode != "411500" || m.Agency != "信访局" {
		t.Errorf("a prefecture-level organ: %+v", m)
	}
	if m := reports[1].Meta; m.Agency != "司法局" || m.County != "叶县" {
		t.Errorf("a path in pinyin says nothing: %+v", m)
	}
	if m := reports[2].Meta; m.County != "叶县" || m.Agency != "叶县司法局" || m.Year != 2023 {
		t.Errorf("metadata and path: %+v", m)
	}
}

func TestSplitFrontMatter(t *testing.T) {
	meta, body, line, ok := splitFrontMatter("+++\na = 1\n+++\nbody\n")
	if !ok || meta != "a = 1\n" || body != "body\n" || line != 3 {
		t.Errorf("got %q %q %d %v", meta, body, line, ok)
	}
	if _, _, _, ok := splitFrontMatter("+++\na = 1\n"); ok {
		t.Error("unclosed front matter accepted")
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("信访\r\n"))
	f.Add([]byte("\xEF\xBB\xBF\xd0\xc5\xb7\xc3"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, _, err := Decode(b)
		if err == nil && strings.ContainsRune(s, '\r') {
			t.Errorf("CR left in %q", s)
		}
	})
}

func FuzzMeta(f *testing.F) {
	f.Add(goodMeta)
	f.Add("title = 1\n[metrics]\na = 'x'\n")
	f.Add("agency = \"信访局\\u200b\"\ntitle = \"\u202e报告\"\npublished = 08:30:00\nwritten = 0000-01-01\n")
	f.Add("x = {a={a={a=1}}}\n[a.b.'c'.\"d\"]\ne = [[1], [2]]\ns = \"\"\"\n[t]\n\"\"\"\n")
	f.Fuzz(func(t *testing.T, src string) {
		_, problems := parseMeta("m.toml", []byte(src), 0, 2026)
		for _, p := range problems {
			if p.Pos.Line < 0 || p.Pos.Line > strings.Count(src, "\n")+1 {
				t.Errorf("position %v outside the input", p.Pos)
			}
		}
	})
}

func TestDecodeMixedEncodings(t *testing.T) {
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String("同比下降")
	_, _, err := Decode([]byte("信访总量1927件，" + gb))
	if err == nil || !strings.Contains(err.Error(), "mixed encodings") || !strings.Contains(err.Error(), "byte offset") {
		t.Errorf("Decode(UTF-8 then GB18030) error = %v", err)
	}
}

// TestLoadRejectsUnreadableDocx checks that a .docx whose signature or zip
// directory is not a Word file's is one load error naming it, while a
// readable one loads.
func TestLoadRejectsUnreadableDocx(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="w"><w:body/></w:document>`))
	zw.Close()
	reports, problems := load(t, map[string]string{
		"a/old.docx":  "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00",
		"a/old.toml":  goodMeta,
		"b/text.docx": "鲁山县信访局2024年度法治政府建设情况报告",
		"b/text.toml": strings.Replace(goodMeta, "2024", "2023", 1),
		"c/ok.docx":   buf.String(),
		"c/ok.toml":   strings.Replace(goodMeta, "2024", "2022", 1),
	})
	for _, want := range []string{
		"content/a/old.docx: cannot read .docx: this is an old binary Word file",
		"content/b/text.docx: cannot read .docx: not a .docx file",
	} {
		if !strings.Contains(problems, want) {
			t.Errorf("problems lack %q:\n%s", want, problems)
		}
	}
	if len(reports) != 1 || reports[0].Path != "c/ok.docx" {
		t.Errorf("loaded %d reports, want only c/ok.docx", len(reports))
	}
}

// testKinds are the report formats of the format registry, as the build
// gives them to Load (format.Default.Kinds), which these tests cannot
// import.
var testKinds = []FileKind{
	{Ext: ".docx", Check: func(raw []byte) error {
		if err := docx.Check(raw); err != nil {
			return fmt.Errorf("cannot read .docx: %w", err)
		}
		return nil
	}},
	{Ext: ".md", Text: true, FrontMatter: true},
	{Ext: ".txt", Text: true},
}
