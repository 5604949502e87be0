package deploy

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestHeaders(t *testing.T) {
	for _, tc := range []struct {
		path  string
		utf8  bool
		class Class
		typ   string
		cache string
	}{
		{"index.html", true, Listing, "text/html; charset=utf-8", CacheShort},
		{"404.html", true, Listing, "text/html; charset=utf-8", CacheShort},
		{"counties/410423/xinfangju-2024/index.html", true, Report, "text/html; charset=utf-8", CacheShort},
		{"counties/410423/index.html", true, Listing, "text/html; charset=utf-8", CacheShort},
		{"counties/410423/xinfangju-2024/xinfangju-2024.txt", true, Download, "text/plain; charset=utf-8", CacheDefault},
		{"counties/410423/xinfangju-2024/xinfangju-2024.txt", false, Download, "text/plain; charset=gb18030", CacheDefault},
		{"counties/410423/xinfangju-2024/xinfangju-2024.md", true, Download, "text/markdown; charset=utf-8", CacheDefault},
		{"counties/410423/xinfangju-2024/xinfangju-2024.docx", false, Download, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", CacheDefault},
		{"data/metrics.csv", true, Download, "text/csv; charset=utf-8", CacheShort},
		{"data/reports.json", true, Download, "application/json; charset=utf-8", CacheShort},
		{"search/index.json", true, SearchMeta, "application/json; charset=utf-8", CacheShort},
		{"search/2024/docs.bin", false, Search, "application/octet-stream", CacheShort},
		{"search/c/henan.json", true, Search, "application/json; charset=utf-8", CacheShort},
		{"search/index.html", true, Listing, "text/html; charset=utf-8", CacheShort},
		{"static/css/site.css", true, Asset, "text/css; charset=utf-8", CacheDefault},
		{"static/css/site.0123abcd.css", true, Asset, "text/css; charset=utf-8", CacheImmutable},
		{"static/js/search.js", true, Asset, "text/javascript; charset=utf-8", CacheDefault},
		{"static/js/search.0123456789abcdef0123.js", true, Asset, "text/javascript; charset=utf-8", CacheImmutable},
		{"static/js/echarts.0123abcd.min.js", true, Asset, "text/javascript; charset=utf-8", CacheImmutable},
		{"static/js/echarts-6.1.0/echarts.common.min.js", true, Asset, "text/javascript; charset=utf-8", CacheDefault},
		{"static/js/site.0123abc.js", true, Asset, "text/javascript; charset=utf-8", CacheDefault}, // 7 digits: no hash
		{"static/js/site.0123ABCD.js", true, Asset, "text/javascript; charset=utf-8", CacheDefault},
		{"static/js/echarts-6.1.0/LICENSE", true, Asset, "text/plain; charset=utf-8", CacheDefault},
		{"static/favicon.svg", true, Asset, "image/svg+xml; charset=utf-8", CacheDefault},
		{"static/fonts/a.woff2", false, Asset, "font/woff2", CacheDefault},
		{"static/img/logo.PNG", false, Asset, "image/png", CacheDefault},
		{"manifest.webmanifest", true, Asset, "application/manifest+json; charset=utf-8", CacheShort},
		{"atom.xml", true, Feed, "application/atom+xml; charset=utf-8", CacheShort},
		{"sitemap.xml", true, Feed, "application/xml; charset=utf-8", CacheShort},
		{"robots.txt", true, Feed, "text/plain; charset=utf-8", CacheShort},
		{".well-known/security.txt", true, Asset, "text/plain; charset=utf-8", CacheDefault},
		{"static/unknown.xyz", false, Asset, "application/octet-stream", CacheDefault},
	} {
		c, typ, cache := ClassOf(tc.path), ContentType(tc.path, tc.utf8), CacheControl(tc.path)
		if c != tc.class || typ != tc.typ || cache != tc.cache {
			t.Errorf("%s (utf8 %v): %s, %q, %q\nwant %s, %q, %q", tc.path, tc.utf8, c, typ, cache, tc.class, tc.typ, tc.cache)
		}
	}
}

// TestSteps checks the order of a deploy's uploads: what a page links to
// goes before it, and the pages listing reports after the reports, from
// the county's up to the home page, with the 404 page, feeds and sitemap
// last.
func TestSteps(t *testing.T) {
	order := []string{
		"static/css/site.css",
		"counties/410423/xinfangju-2024/xinfangju-2024.txt",
		"search/2024/docs.bin",
		"search/index.json",
		"counties/410423/xinfangju-2024/index.html",
		"counties/410423/index.html",
		"regions/henan/pingdingshan/index.html",
		"regions/henan/index.html",
		"years/2024/index.html",
		"years/index.html",
		"index.html",
		"404.html",
		"atom.xml",
	}
	for i := 1; i < len(order); i++ {
		if a, b := step(order[i-1]), step(order[i]); a >= b {
			t.Errorf("step(%s) = %d, not before step(%s) = %d", order[i-1], a, order[i], b)
		}
	}
	same := [][2]string{
		{"static/css/site.css", "static/js/echarts-6.1.0/echarts.common.min.js"},
		{"data/metrics.csv", "counties/410423/xinfangju-2024/xinfangju-2024.docx"},
		{"years/2024/index.html", "metrics/petitions_total/index.html"},
		{"sitemap.xml", "robots.txt"},
	}
	for _, s := range same {
		if step(s[0]) != step(s[1]) {
			t.Errorf("%s and %s in different steps", s[0], s[1])
		}
	}
}

func TestParseManifest(t *testing.T) {
	sha := strings.Repeat("ab", 32)
	good := encodeManifest([]Entry{
		{Path: "b.html", Size: 3, SHA256: sha, ETag: "0123", Type: "text/html; charset=utf-8", Cache: CacheShort},
		{Path: "a/c.css", Size: 0, SHA256: sha, ETag: "9-2", Type: "text/css", Cache: CacheDefault},
	})
	m, err := ParseManifest(good)
	if err != nil || len(m) != 2 || m["a/c.css"].ETag != "9-2" || m["b.html"].Size != 3 {
		t.Fatalf("ParseManifest = %v, %v", m, err)
	}
	if !strings.HasPrefix(string(good), `{"format":"portal-deploy/1","files":[{"path":"a/c.css"`) {
		t.Errorf("not sorted: %s", good)
	}
	entry := func(path, sha, etag string, size int) string {
		b, _ := json.Marshal(Entry{Path: path, SHA256: sha, ETag: etag, Size: int64(size)})
		return string(b)
	}
	for _, tc := range []struct{ src, want string }{
		{`{"format":"portal-deploy/2","files":[]}`, `format "portal-deploy/2"`},
		{`{"format":"portal-deploy/1","files":[` + entry("../x", sha, "e", 1) + `]}`, "a path outside the site"},
		{`{"format":"portal-deploy/1","files":[` + entry("/x", sha, "e", 1) + `]}`, "a path outside the site"},
		{`{"format":"portal-deploy/1","files":[` + entry("x", "abc", "e", 1) + `]}`, "not a SHA-256"},
		{`{"format":"portal-deploy/1","files":[` + entry("x", sha, "", 1) + `]}`, "not an ETag"},
		{`{"format":"portal-deploy/1","files":[` + entry("x", sha, "a\"b", 1) + `]}`, "not an ETag"},
		{`{"format":"portal-deploy/1","files":[` + entry("x", sha, "e", -1) + `]}`, "size -1"},
		{`{"format":"portal-deploy/1","files":[` + entry("x", sha, "e", 1) + `,` + entry("x", sha, "e", 1) + `]}`, "listed twice"},
		{`{"format":"portal-deploy/1","files":[],"extra":1}`, "unknown field"},
		{`{"format":"portal-deploy/1","files":[]} {}`, "data after the manifest"},
		{`{"format":"portal-deploy/1","files":[`, "unexpected EOF"},
		{strings.Repeat(" ", MaxManifest+1), "too large"},
	} {
		if _, err := ParseManifest([]byte(tc.src)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseManifest(%.80q) = %v, want %q", tc.src, err, tc.want)
		}
	}
}

// FuzzParseManifest checks that any bytes give a manifest whose entries
// keep to its rules, or an error; and that a manifest written parses back.
func FuzzParseManifest(f *testing.F) {
	sha := strings.Repeat("0f", 32)
	f.Add(encodeManifest([]Entry{{Path: "index.html", Size: 10, SHA256: sha, ETag: "abc", Type: "text/html", Cache: CacheShort}}))
	f.Add([]byte(`{"format":"portal-deploy/1","files":[{"path":"a/../b","sha256":"` + sha + `","etag":"x"}]}`))
	f.Add([]byte(`{"format":"portal-deploy/1","files":null}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParseManifest(b)
		if err != nil {
			return
		}
		var entries []Entry
		for p, e := range m {
			if p != e.Path || !sha256Hex.MatchString(e.SHA256) || e.Size < 0 || !etagText.MatchString(e.ETag) || strings.HasPrefix(p, "/") || slices.Contains(strings.Split(p, "/"), "..") {
				t.Fatalf("entry %+v", e)
			}
			entries = append(entries, e)
		}
		again, err := ParseManifest(encodeManifest(entries))
		if err != nil || len(again) != len(m) {
			t.Fatalf("written again: %v, %d entries of %d", err, len(again), len(m))
		}
	})
}
