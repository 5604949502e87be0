package render

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// atomDoc is what an Atom reader needs of a feed (RFC 4287).
type atomDoc struct {
	XMLName xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string     `xml:"title"`
	ID      string     `xml:"id"`
	Updated string     `xml:"updated"`
	Authors []string   `xml:"author>name"`
	Links   []atomLink `xml:"link"`
	Entries []struct {
		Title   string     `xml:"title"`
		ID      string     `xml:"id"`
		Updated string     `xml:"updated"`
		Authors []string   `xml:"author>name"`
		Links   []atomLink `xml:"link"`
	} `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
}

// parseAtom checks that b is a well-formed Atom feed with the elements
// RFC 4287 requires (section 4.1.1 and 4.1.2), whose self link is self,
// and returns it.
func parseAtom(t *testing.T, name string, b []byte, self string) *atomDoc {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := dec.Token(); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("%s: not well-formed: %v", name, err)
		}
	}
	var f atomDoc
	if err := xml.Unmarshal(b, &f); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if f.Title == "" || !strings.HasPrefix(f.ID, "https://") {
		t.Errorf("%s: title %q, id %q", name, f.Title, f.ID)
	}
	if _, err := time.Parse(time.RFC3339, f.Updated); err != nil {
		t.Errorf("%s: updated: %v", name, err)
	}
	var selfs []string
	for _, l := range f.Links {
		if l.Rel == "self" {
			selfs = append(selfs, l.Href)
		}
	}
	if len(selfs) != 1 || selfs[0] != self {
		t.Errorf("%s: self links %q, want %s", name, selfs, self)
	}
	ids := map[string]bool{}
	for i, e := range f.Entries {
		if e.Title == "" || e.ID == "" || ids[e.ID] || len(e.Links) != 1 || !strings.HasPrefix(e.Links[0].Href, "https://") {
			t.Errorf("%s: entry %d: %+v", name, i, e)
		}
		ids[e.ID] = true
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
			t.Errorf("%s: entry %d: updated: %v", name, i, err)
		}
		if e.Updated > f.Updated {
			t.Errorf("%s: entry %d updated %s after the feed's %s", name, i, e.Updated, f.Updated)
		}
		if i > 0 && e.Updated > f.Entries[i-1].Updated {
			t.Errorf("%s: entry %d is newer than the one before", name, i)
		}
		if len(e.Authors) == 0 && len(f.Authors) == 0 {
			t.Errorf("%s: entry %d has no author, nor has the feed", name, i)
		}
	}
	if len(f.Entries) == 0 && len(f.Authors) == 0 {
		t.Errorf("%s: an empty feed without an author", name)
	}
	return &f
}

// Every feed is Atom, at its stable URL, with the reports it is about,
// newest first, at most feed_size of them.
func TestFeeds(t *testing.T) {
	for _, tc := range []struct {
		size  int
		feeds map[string][]string // path → entry titles
	}{
		{20, map[string][]string{
			"counties/410423/atom.xml": {"鲁山县信访局2024年度法治政府建设情况报告", "鲁山县信访局2023年度法治政府建设情况报告", "鲁山县司法局2023年度法治政府建设情况报告", "鲁山县信访局2022年度法治政府建设情况报告"},
			"counties/410422/atom.xml": {"叶县信访局2024年度法治政府建设情况报告", "叶县信访局2023年度法治政府建设情况报告"},
			"counties/500230/atom.xml": {"丰都县信访局2024年度法治政府建设情况报告"},
			"regions/henan/atom.xml": {"叶县信访局2024年度法治政府建设情况报告", "鲁山县信访局2024年度法治政府建设情况报告", "鲁山县信访局2023年度法治政府建设情况报告",
				"叶县信访局2023年度法治政府建设情况报告", "鲁山县司法局2023年度法治政府建设情况报告", "鲁山县信访局2022年度法治政府建设情况报告"},
			"regions/chongqing/atom.xml": {"丰都县信访局2024年度法治政府建设情况报告"},
			"agencies/xinfangju/atom.xml": {"丰都县信访局2024年度法治政府建设情况报告", "叶县信访局2024年度法治政府建设情况报告", "鲁山县信访局2024年度法治政府建设情况报告",
				"鲁山县信访局2023年度法治政府建设情况报告", "叶县信访局2023年度法治政府建设情况报告", "鲁山县信访局2022年度法治政府建设情况报告"},
			"agencies/sifaju/atom.xml":    {"鲁山县司法局2023年度法治政府建设情况报告"},
			"years/2024/missing/atom.xml": {"丰都县信访局2024年度法治政府建设情况报告（逾期1天公开）", "鲁山县司法局：未收录2024年度报告"},
			"years/2023/missing/atom.xml": {"鲁山县信访局2023年度法治政府建设情况报告（逾期35天公开）"},
			"years/2022/missing/atom.xml": nil,
		}},
		{2, map[string][]string{
			"counties/410423/atom.xml":    {"鲁山县信访局2024年度法治政府建设情况报告", "鲁山县信访局2023年度法治政府建设情况报告"},
			"agencies/xinfangju/atom.xml": {"丰都县信访局2024年度法治政府建设情况报告", "叶县信访局2024年度法治政府建设情况报告"},
		}},
	} {
		s := testSite(t, tc.size)
		got := map[string][]byte{}
		for _, f := range feeds(s) {
			if _, dup := got[f.path]; dup {
				t.Errorf("%s written twice", f.path)
			}
			got[f.path] = f.b
		}
		if tc.size == 20 && len(got) != len(tc.feeds) {
			t.Errorf("feeds %d, want %d", len(got), len(tc.feeds))
		}
		for path, titles := range tc.feeds {
			b, ok := got[path]
			if !ok {
				t.Errorf("size %d: no %s", tc.size, path)
				continue
			}
			f := parseAtom(t, path, b, "https://example.gov.cn/fzbg/"+path)
			if path == "years/2022/missing/atom.xml" && f.Updated != "2023-04-01T00:00:00+08:00" {
				t.Errorf("%s: an empty view updated %s, want its deadline", path, f.Updated)
			}
			var have []string
			for _, e := range f.Entries {
				have = append(have, e.Title)
			}
			if strings.Join(have, "|") != strings.Join(titles, "|") {
				t.Errorf("size %d: %s entries\n%q\nwant\n%q", tc.size, path, have, titles)
			}
		}
	}
}

// The site's own feed is as before: the feeds above are made by the same
// code, which leaves atom.xml's bytes as they were (the golden file was
// written by the generator before the feeds of issue 19).
func TestSiteFeedUnchanged(t *testing.T) {
	s := testSite(t, 3)
	golden(t, "testdata/atom.golden", feed(s))
	parseAtom(t, "atom.xml", feed(s), "https://example.gov.cn/fzbg/atom.xml")
}
