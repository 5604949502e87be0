package main

import (
	"encoding/json"
	"encoding/xml"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The default site has the feeds of issue 19, each Atom at its stable
// URL with the reports it is about; the pages announce and link them;
// every page has a meta description; the 未收录 view and the open data's
// page with its catalog are published.
func TestCitizenFeedsAndPages(t *testing.T) {
	dest, _ := buildSite(t, "../content")
	type atomFeed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Updated string   `xml:"updated"`
		Self    []struct {
			Href string `xml:"href,attr"`
			Rel  string `xml:"rel,attr"`
		} `xml:"link"`
		Entries []struct {
			Title   string `xml:"title"`
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
			Author  string `xml:"author>name"`
		} `xml:"entry"`
	}
	for path, want := range map[string]int{
		"atom.xml": 5, "counties/410423/atom.xml": 1, "counties/500230/atom.xml": 1, "regions/henan/atom.xml": 1,
		"regions/chongqing/atom.xml": 1, "agencies/xinfangju/atom.xml": 4, "agencies/xinfangbangongshi/atom.xml": 1,
		"years/2024/missing/atom.xml": 1, "years/2025/missing/atom.xml": 3, "years/2023/missing/atom.xml": 0,
	} {
		var f atomFeed
		if err := xml.Unmarshal([]byte(read(t, dest, path)), &f); err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if _, err := time.Parse(time.RFC3339, f.Updated); err != nil || f.Title == "" || f.ID == "" || len(f.Entries) != want {
			t.Errorf("%s: title %q id %q updated %q (%v), %d entries, want %d", path, f.Title, f.ID, f.Updated, err, len(f.Entries), want)
		}
		if self := f.Self[len(f.Self)-1]; self.Rel != "self" || self.Href != "https://fzbg.example.gov.cn/"+path {
			t.Errorf("%s: self link %+v", path, self)
		}
		for _, e := range f.Entries {
			if _, err := time.Parse(time.RFC3339, e.Updated); err != nil || e.Title == "" || e.ID == "" || e.Author == "" {
				t.Errorf("%s: entry %+v", path, e)
			}
		}
	}
	for path, want := range map[string][]string{
		"counties/410423/index.html": {`<link rel="alternate" type="application/atom+xml" title="河南省平顶山市鲁山县的报告" href="../../counties/410423/atom.xml">`,
			`<a href="../../agencies/xinfangju/atom.xml">订阅各地信访局的报告（Atom）</a>`},
		"regions/henan/index.html": {`<link rel="alternate" type="application/atom+xml" title="河南省的报告" href="../../regions/henan/atom.xml">`,
			`<h2 id="area-charts">各县（市、区）比较</h2>`, "需至少两个县（市、区）在同一年度报告同一指标的数值"},
		"years/2024/index.html":         {`href="../../years/2024/missing/atom.xml"`, `<a href="../../counties/140522/#agency-xinfangju">阳城县信访局</a>`},
		"years/2024/missing/index.html": {"规则：", `阳城县信访局2023年法治政府建设工作情况报告</a>`, "不随生成网站的日期变化"},
		"data/index.html":               {`<link rel="alternate" type="application/ld+json" title="数据目录（DCAT）" href="../data/catalog.jsonld">`, `<code>report_url</code>`, `<time datetime="2025-12-31">`},
	} {
		page := read(t, dest, path)
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("%s lacks %s", path, w)
			}
		}
	}
	var catalog map[string]any
	if err := json.Unmarshal([]byte(read(t, dest, "data/catalog.jsonld")), &catalog); err != nil || catalog["@type"] != "dcat:Catalog" {
		t.Errorf("catalog: %v %v", catalog["@type"], err)
	}
	description := regexp.MustCompile(`<meta name="description" content="[^"]+">`)
	n := 0
	filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, _ := os.ReadFile(p)
		if len(description.FindAll(b, -1)) != 1 {
			t.Errorf("%s: %d meta descriptions", p, len(description.FindAll(b, -1)))
		}
		n++
		return nil
	})
	if n < 40 {
		t.Errorf("%d pages", n)
	}
}
