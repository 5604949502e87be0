package deploy

import (
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"portal/generator/internal/output"
)

// gbk is a report file as an agency sends it, in GB18030:
// 鲁山县信访局2024年度报告.
const gbk = "\xc2\xb3\xc9\xbd\xcf\xd8\xd0\xc5\xb7\xc3\xbe\xd62024\xc4\xea\xb6\xc8\xb1\xa8\xb8\xe6\n"

// page is an HTML page linking to the site's files links (site-relative).
func page(title string, links ...string) string {
	var b strings.Builder
	b.WriteString("<!doctype html><title>" + title + "</title>")
	for _, l := range links {
		b.WriteString(`<a href="/` + l + `">` + l + "</a>")
	}
	return b.String()
}

// fakeSite is a small site with a file of every kind the generator
// writes; pages link to what they would link to.
func fakeSite() map[string]string {
	assets := []string{"static/css/site.css", "static/js/site.js", "static/js/search.js", "static/js/echarts-6.1.0/echarts.common.min.js"}
	report := "counties/410423/xinfangju-2024/"
	return map[string]string{
		"static/css/site.css":                           "body{margin:0}",
		"static/js/site.js":                             "console.log('站点')",
		"static/js/search.js":                           "fetch('/search/index.json')",
		"static/js/site.0123abcd.js":                    "// hashed",
		"static/js/echarts-6.1.0/echarts.common.min.js": strings.Repeat("var e=1;", 3000),
		"static/js/echarts-6.1.0/LICENSE":               "Apache License",
		"static/favicon.svg":                            "<svg xmlns='http://www.w3.org/2000/svg'/>",
		".well-known/security.txt":                      "Contact: mailto:fzbg@example.gov.cn\n",
		report + "index.html":                           page("信访局", append(assets, report+"xinfangju-2024.txt", "counties/410423/index.html")...),
		report + "xinfangju-2024.txt":                   gbk,
		"counties/410423/index.html":                    page("鲁山县", report+"index.html", "regions/henan/pingdingshan/index.html"),
		"regions/henan/pingdingshan/index.html":         page("平顶山市", "counties/410423/index.html"),
		"regions/henan/index.html":                      page("河南省", "regions/henan/pingdingshan/index.html"),
		"regions/index.html":                            page("地区", "regions/henan/index.html"),
		"years/2024/index.html":                         page("2024", report+"index.html"),
		"years/index.html":                              page("年度", "years/2024/index.html"),
		"search/index.html":                             page("搜索", "static/js/search.js"),
		"search/index.json":                             `{"version":2,"shards":[{"name":"2024"}]}`,
		"search/2024/docs.bin":                          "\x00\x01\x02\x03" + strings.Repeat("\xff\xfe", 500),
		"search/c/henan.json":                           `[{"key":"410423"}]`,
		"data/metrics.csv":                              "\ufeffcounty,value\n鲁山县,1927\n",
		"index.html":                                    page("首页", "regions/index.html", "years/index.html", "search/index.html", report+"index.html", "static/js/echarts-6.1.0/echarts.common.min.js"),
		"404.html":                                      page("未找到", "index.html"),
		"atom.xml":                                      `<feed xmlns="http://www.w3.org/2005/Atom"><link href="/` + report + `index.html"/></feed>`,
		"sitemap.xml":                                   `<urlset><url><loc>/index.html</loc></url></urlset>`,
		"robots.txt":                                    "User-agent: *\nAllow: /\n",
	}
}

// writeSite writes files as a site the generator published: with its
// marker, and with dot-files a deploy must leave behind.
func writeSite(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	all := maps.Clone(files)
	all[output.Marker] = "a site\n"
	all[".DS_Store"] = "finder"
	all["static/.hidden.css"] = "hidden"
	all[".git/config"] = "[core]"
	for p, body := range all {
		name := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// resetSite makes dir hold exactly files (and the marker and dot-files).
func resetSite(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	writeSite(t, dir, files)
}

func readSite(t testing.TB, dir string) *Site {
	t.Helper()
	s, err := ReadSite(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestReadSite(t *testing.T) {
	dir := t.TempDir()
	files := fakeSite()
	writeSite(t, dir, files)
	s := readSite(t, dir)
	var got []string
	for _, f := range s.Files {
		got = append(got, f.Path)
		if f.Size != int64(len(files[f.Path])) || len(f.SHA256) != 64 || f.Type == "" || f.Cache == "" {
			t.Errorf("%+v", f)
		}
	}
	want := slices.Sorted(maps.Keys(files))
	if !slices.Equal(got, want) {
		t.Errorf("files:\n%q\nwant (no marker, no dot-files but .well-known):\n%q", got, want)
	}
}

func TestReadSiteRefuses(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  string
	}{
		{"no marker", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "index.html"), []byte("x"), 0o644)
		}, `: not a site the generator built \(no \.portal-site marker\): build it first`},
		{"marker a directory", func(t *testing.T, dir string) {
			os.Mkdir(filepath.Join(dir, output.Marker), 0o755)
		}, `no \.portal-site marker`},
		{"a file", func(t *testing.T, dir string) {}, `: not a directory$`},
		{"symbolic link out of the site", func(t *testing.T, dir string) {
			writeSite(t, dir, map[string]string{"index.html": "x"})
			os.Symlink("/etc/passwd", filepath.Join(dir, "passwd.txt"))
		}, `passwd\.txt: a symbolic link or special file in the site: a deploy sends regular files only$`},
		{"name not UTF-8", func(t *testing.T, dir string) {
			writeSite(t, dir, map[string]string{"index.html": "x"})
			os.WriteFile(filepath.Join(dir, "a\xff.html"), []byte("x"), 0o644)
		}, `a\\xff\.html: not a name an object key can carry$`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			if tc.name == "a file" {
				os.WriteFile(dir, []byte("x"), 0o644)
			} else {
				os.Mkdir(dir, 0o755)
			}
			tc.setup(t, dir)
			s, err := ReadSite(dir)
			if err == nil {
				s.Close()
				t.Fatal("no error")
			}
			if !regexp.MustCompile(tc.want).MatchString(err.Error()) || !strings.HasPrefix(err.Error(), dir) {
				t.Errorf("%v\nwant %s", err, tc.want)
			}
		})
	}
}
