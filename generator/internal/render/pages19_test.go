package render

import (
	"encoding/json"
	"html"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

var (
	descriptionRE = regexp.MustCompile(`<meta name="description" content="([^"]*)">`)
	alternateRE   = regexp.MustCompile(`<link rel="alternate" type="application/atom\+xml" title="([^"]*)" href="([^"]*)">`)
	catalogRE     = regexp.MustCompile(`<link rel="alternate" type="application/ld\+json" title="[^"]+" href="([^"]*)">`)
)

// resolve is the site path a link href on the page at path leads to.
func resolve(page, href string) string {
	dir := strings.Split(strings.TrimSuffix(page, "index.html"), "/")
	dir = dir[:len(dir)-1]
	for strings.HasPrefix(href, "../") {
		href, dir = href[3:], dir[:len(dir)-1]
	}
	return strings.Join(append(dir, href), "/")
}

// Every page has one meta description, a Chinese sentence; county,
// province, year and 未收录 pages announce their feeds in the head and
// link to them, and those feeds are written; the footer links /data/.
func TestPagesDescribeAndAnnounce(t *testing.T) {
	files := renderSite(t, testSite(t, 20))
	pages := 0
	for path, b := range files {
		if !strings.HasSuffix(path, ".html") {
			continue
		}
		pages++
		page := string(b)
		ds := descriptionRE.FindAllStringSubmatch(page, -1)
		if len(ds) != 1 || !strings.HasSuffix(html.UnescapeString(ds[0][1]), "。") || len([]rune(ds[0][1])) < 15 {
			t.Errorf("%s: descriptions %q", path, ds)
		}
		if path != "404.html" && !strings.Contains(page, `<a href="`+resolveBack(path)+`data/">开放数据</a>`) {
			t.Errorf("%s: the footer does not link the data page", path)
		}
		for _, m := range alternateRE.FindAllStringSubmatch(page, -1) {
			if path != "404.html" {
				if _, ok := files[resolve(path, m[2])]; !ok {
					t.Errorf("%s: announces %s (%s), not written", path, m[2], resolve(path, m[2]))
				}
			}
		}
	}
	if pages < 20 {
		t.Fatalf("%d pages", pages)
	}
	for path, feeds := range map[string][]string{
		"counties/410423/index.html":    {"counties/410423/atom.xml"},
		"regions/henan/index.html":      {"regions/henan/atom.xml"},
		"years/2024/index.html":         {"years/2024/missing/atom.xml"},
		"years/2024/missing/index.html": {"years/2024/missing/atom.xml"},
		"index.html":                    nil,
		"data/index.html":               nil,
	} {
		page := string(files[path])
		got := []string{}
		for _, m := range alternateRE.FindAllStringSubmatch(page, -1) {
			got = append(got, resolve(path, m[2]))
		}
		want := append([]string{"atom.xml"}, feeds...)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s announces %q, want %q", path, got, want)
		}
		for _, f := range feeds {
			if !strings.Contains(page, `<a href="`+resolveBack(path)+f+`">`) {
				t.Errorf("%s: no link to %s in the page", path, f)
			}
		}
	}
	county := string(files["counties/410423/index.html"])
	for _, f := range []string{"agencies/xinfangju/atom.xml", "agencies/sifaju/atom.xml"} {
		if !strings.Contains(county, `<a href="../../`+f+`">`) {
			t.Errorf("the county page does not link %s", f)
		}
	}
	year := string(files["years/2024/index.html"])
	for _, want := range []string{`<h2 id="missing">未收录和逾期公开</h2>`, `>鲁山县司法局</a>`, `>丰都县信访局</a>`, `<a href="../../years/2024/missing/">`, "不随生成网站的日期变化"} {
		if !strings.Contains(year, want) {
			t.Errorf("the year page lacks %s", want)
		}
	}
	missing := string(files["years/2024/missing/index.html"])
	for _, want := range []string{`<h1>2024年度未收录和逾期公开的报告</h1>`, "规则：", `鲁山县司法局2023年度法治政府建设情况报告</a>`, `逾期1天`} {
		if !strings.Contains(missing, want) {
			t.Errorf("the missing page lacks %s", want)
		}
	}
}

// resolveBack is the relative path from the page at path to the root.
func resolveBack(path string) string {
	return strings.Repeat("../", strings.Count(strings.TrimSuffix(path, "index.html"), "/"))
}

// The data page documents every field of each open data file, gives the
// licence and the newest report's date, and announces the DCAT catalog,
// data/catalog.jsonld, which names every file.
func TestDataPage(t *testing.T) {
	files := renderSite(t, testSite(t, 20))
	for _, tc := range []struct {
		row    any
		fields []Field
	}{{metricRow{}, metricFields}, {reportRow{}, reportFields}} {
		var tags, names []string
		rt := reflect.TypeOf(tc.row)
		for i := range rt.NumField() {
			tags = append(tags, rt.Field(i).Tag.Get("json"))
		}
		for _, f := range tc.fields {
			names = append(names, f.Name)
		}
		if !reflect.DeepEqual(tags, names) {
			t.Errorf("%s: fields %q, documented %q", rt.Name(), tags, names)
		}
	}
	page := string(files["data/index.html"])
	for _, want := range []string{`<time datetime="2025-04-02">`, `rel="license"`, "CC BY 4.0", `<code>division_code</code>`, `<code>download_url</code>`, `href="../data/catalog.jsonld"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the data page lacks %s", want)
		}
	}
	if m := catalogRE.FindStringSubmatch(page); m == nil || resolve("data/index.html", m[1]) != catalogFile {
		t.Fatalf("the page announces %q, want the catalog file", m)
	}
	if strings.Contains(page, "<script type=") {
		t.Error("the data page holds an inline script")
	}
	var cat struct {
		Type     string `json:"@type"`
		Modified struct {
			Value string `json:"@value"`
		} `json:"dct:modified"`
		Datasets []struct {
			Type         string `json:"@type"`
			Title        string `json:"dct:title"`
			Distribution []struct {
				Download struct {
					ID string `json:"@id"`
				} `json:"dcat:downloadURL"`
				MediaType string `json:"dcat:mediaType"`
			} `json:"dcat:distribution"`
		} `json:"dcat:dataset"`
	}
	if err := json.Unmarshal(files[catalogFile], &cat); err != nil {
		t.Fatal(err)
	}
	var downloads []string
	for _, d := range cat.Datasets {
		if d.Type != "dcat:Dataset" || d.Title == "" {
			t.Errorf("dataset %+v", d)
		}
		for _, dist := range d.Distribution {
			path := strings.TrimPrefix(dist.Download.ID, "https://example.gov.cn/fzbg/")
			if _, ok := files[path]; !ok || dist.MediaType == "" {
				t.Errorf("distribution %+v: no such file", dist)
			}
			downloads = append(downloads, path)
		}
	}
	if cat.Type != "dcat:Catalog" || cat.Modified.Value != "2025-04-02" || len(cat.Datasets) != 2 ||
		strings.Join(downloads, " ") != "data/metrics.csv data/metrics.json data/reports.json" {
		t.Errorf("catalog: %+v", cat)
	}
}
