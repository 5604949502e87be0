package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"portal/generator/internal/build"
	"portal/generator/internal/diag"
	"portal/generator/internal/render"
)

// buildSite builds the repository's site (config.toml, layouts/) with the
// given content directory into a temporary destination.
func buildSite(t *testing.T, content string) (string, build.Result) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	f := siteFlags{source: "..", content: content, destination: dest}
	res, err := buildWith(f.options())
	if err != nil || res.Problems.HasErrors() {
		res.Problems.Sort()
		t.Fatalf("build: %v\n%s", err, res.Problems)
	}
	return dest, res
}

// treeHash hashes every file of dir with its path.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	var paths []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			paths = append(paths, p)
		}
		return err
	})
	sort.Strings(paths)
	for _, p := range paths {
		b, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(h, "%s\x00%d\x00", rel, len(b))
		h.Write(b)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestDefaultSiteBuilds(t *testing.T) {
	dest, res := buildSite(t, "../content")
	if len(res.Site.Reports) != 5 {
		t.Fatalf("%d reports, want the 5 seeds", len(res.Site.Reports))
	}
	assets, err := render.StaticAssets(os.DirFS("../layouts"))
	css, js := assets["static/css/site.css"], assets["static/js/site.js"]
	if err != nil || !regexp.MustCompile(`^static/css/site\.[0-9a-f]{10}\.css$`).MatchString(css) {
		t.Fatalf("the stylesheet is published as %q (%v), want its hashed name", css, err)
	}
	for _, want := range []string{
		"index.html", "404.html", "sitemap.xml", "atom.xml", "robots.txt", css, js,
		"regions/index.html", "regions/henan/index.html", "regions/henan/pingdingshan/index.html", "regions/chongqing/index.html",
		"counties/410423/index.html", "counties/410423/xinfangju-2024/index.html", "counties/410423/xinfangju-2024/xinfangju-2024.txt",
		"counties/500230/xinfangbangongshi-2024/index.html", "years/index.html", "years/2024/index.html",
	} {
		if _, err := os.Stat(filepath.Join(dest, want)); err != nil {
			t.Errorf("missing %s", want)
		}
	}
	page := read(t, dest, "counties/410423/xinfangju-2024/index.html")
	for _, want := range []string{
		`<html lang="zh-CN">`,
		`<meta name="SiteName" content="`, `<meta name="SiteDomain" content="fzbg.example.gov.cn">`, `<meta name="SiteIDCode"`,
		`<meta name="ArticleTitle" content="鲁山县信访局2024年度法治政府建设情况报告">`, `<meta name="ContentSource" content="鲁山县信访局">`,
		`<meta http-equiv="Content-Security-Policy"`,
		`href="../../../` + css + `"`,
		`<nav class="toc"`, `href="#s1"`, `id="s1"`,
		`发布机构`, `河南省 › 平顶山市 › 鲁山县`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("report page lacks %q", want)
		}
	}
	if n, m := strings.Count(page, "<script"), strings.Count(page, `<script src="../../../`+js+`"></script>`); n != 1 || m != 1 {
		t.Errorf("report page has %d scripts: it loads only site.js (长者模式), and reading needs none", n)
	}
	list := read(t, dest, "counties/410423/index.html")
	for _, want := range []string{`<meta name="ColumnName" content="鲁山县">`, `<meta name="ColumnType" content="列表">`, `href="../../counties/410423/xinfangju-2024/"`} {
		if !strings.Contains(list, want) {
			t.Errorf("county page lacks %q", want)
		}
	}
	if !strings.Contains(read(t, dest, "regions/chongqing/index.html"), "丰都县") {
		t.Error("丰都县 is not listed under 重庆市")
	}
}

// TestLinksResolve checks that every relative link and asset of every page
// points at a file of the site.
func TestLinksResolve(t *testing.T) {
	dest, _ := buildSite(t, "../content")
	ref := regexp.MustCompile(`(?:href|src)="([^"#:]*)(?:#[^"]*)?"`)
	filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || strings.HasSuffix(p, "404.html") {
			return err
		}
		b, _ := os.ReadFile(p)
		for _, m := range ref.FindAllStringSubmatch(string(b), -1) {
			u := m[1]
			if u == "" {
				continue
			}
			target := filepath.Join(filepath.Dir(p), filepath.FromSlash(u))
			if strings.HasSuffix(u, "/") || u == "./" {
				target = filepath.Join(target, "index.html")
			}
			if _, err := os.Stat(target); err != nil {
				rel, _ := filepath.Rel(dest, p)
				t.Errorf("%s: link %q does not resolve", rel, u)
			}
		}
		return nil
	})
}

func TestBuildIsDeterministic(t *testing.T) {
	a, _ := buildSite(t, "../content")
	b, _ := buildSite(t, "../content")
	if treeHash(t, a) != treeHash(t, b) {
		t.Error("two builds of the same input differ")
	}
}

// TestFailedBuildKeepsPreviousSite breaks a copy of the content and checks
// that every error is reported and the previous public/ stays.
func TestFailedBuildKeepsPreviousSite(t *testing.T) {
	content := t.TempDir()
	copyDir(t, "../content", content)
	dest, _ := buildSite(t, content)
	before := treeHash(t, dest)
	os.WriteFile(filepath.Join(content, "河南省/鲁山县/信访局-2024.toml"), []byte("title = \"x\"\nyaer = 2024\n"), 0o644)
	os.WriteFile(filepath.Join(content, "重庆市/丰都县/信访办公室-2024.toml"), []byte("title = \"x\"\nagency = \"信访办\"\ncounty = \"丰都县\"\nyear = 1899\n"), 0o644)
	f := siteFlags{source: "..", content: content, destination: dest}
	res, err := buildWith(f.options())
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	if code := report(res, nil, diag.En, &bytes.Buffer{}, &stderr); code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	for _, want := range []string{"信访局-2024.toml:2:1: unknown key \"yaer\"", "信访办公室-2024.toml:4:1: year: 1899 is outside"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if treeHash(t, dest) != before {
		t.Error("a failed build changed public/")
	}
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestHomeAndAreaPages checks what a citizen finds first (issue 19): the
// home page's search box, its newest reports with their dates, its
// counties by province, one chart (publication by year); and province and
// city pages listing their reports, newest first.
func TestHomeAndAreaPages(t *testing.T) {
	dest, _ := buildSite(t, "../content")
	home := read(t, dest, "index.html")
	for _, want := range []string{`<form class="home-search" action="search/" role="search">`, `name="q"`,
		`鲁山县信访局2024年度法治政府建设情况报告</a> <span class="meta">河南省 › 平顶山市 › 鲁山县 · 报告日期 <time datetime="2024-12-31">`,
		`<a href="counties/410423/">鲁山县</a>`} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	if strings.Contains(home, "各指标有数据的县") || strings.Count(home, `class="chart-canvas"`) != 1 {
		t.Error("the home page shows other charts than publication by year")
	}
	if !strings.Contains(read(t, dest, "years/index.html"), `<a href="../years/2024/missing/">2024年度未收录与逾期</a>`) {
		t.Error("the years page does not link each year's 未收录 page")
	}
	for _, page := range []string{"regions/henan/index.html", "regions/henan/pingdingshan/index.html"} {
		if !strings.Contains(read(t, dest, page), `最新报告</h2>`) || !strings.Contains(read(t, dest, page), `xinfangju-2024/">鲁山县信访局2024年度法治政府建设情况报告</a>`) {
			t.Errorf("%s does not list its reports", page)
		}
	}
}
