package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"portal/generator/internal/build"
)

// The corpus of these tests, testdata/incremental, is 30 synthetic reports
// of 6 invented counties, made with
//
//	python3 ../shared/bench/gencorpus.py --reports 30 --seed 3 --out generator/testdata/incremental --format plain

// Files of the build cache (internal/build) these tests spoil or look for.
const (
	analysisFile = "analysis.gob"
	manifestFile = "site.gob"
)

// incrementalSite is a site root of its own (config, layouts, content) with
// a build cache, so that a test can change any input.
type incrementalSite struct {
	t    *testing.T
	root string
	p    build.Options
}

func newIncrementalSite(t *testing.T) *incrementalSite {
	t.Helper()
	root := t.TempDir()
	copyDir(t, "../layouts", filepath.Join(root, "layouts"))
	copyDir(t, "testdata/incremental", filepath.Join(root, "content"))
	b, err := os.ReadFile("../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(root, "config.toml"), string(b))
	p := siteFlags{source: root}.options()
	p.CacheDir = filepath.Join(root, "cache")
	// Files younger than a second are read on every build (content.Memo):
	// let them age, so that the builds take unchanged reports from the
	// load memo, as an editor's builds do.
	time.Sleep(1100 * time.Millisecond)
	return &incrementalSite{t: t, root: root, p: p}
}

// build builds incrementally and checks the build.Result against a clean build
// of the same inputs into another directory. It returns the result.
func (s *incrementalSite) build(step string) build.Result {
	s.t.Helper()
	res, err := buildWith(s.p)
	if err != nil || res.Problems.HasErrors() {
		s.t.Fatalf("%s: incremental build: %v\n%s", step, err, res.Problems)
	}
	clean := s.p
	clean.CacheDir = ""
	clean.Destination = filepath.Join(s.t.TempDir(), "public")
	cres, err := buildWith(clean)
	if err != nil || cres.Problems.HasErrors() {
		s.t.Fatalf("%s: clean build: %v\n%s", step, err, cres.Problems)
	}
	res.Problems.Sort()
	cres.Problems.Sort()
	if got, want := fmt.Sprint(res.Problems), fmt.Sprint(cres.Problems); got != want {
		s.t.Errorf("%s: the incremental build reports\n%s\nwhere a clean build reports\n%s", step, got, want)
	}
	if got, want := treeHash(s.t, s.p.Destination), treeHash(s.t, clean.Destination); got != want {
		s.t.Errorf("%s: incremental site differs from a clean build:\n%s", step, diffTrees(s.t, s.p.Destination, clean.Destination))
	}
	return res
}

// path is a file of the site root.
func (s *incrementalSite) path(rel string) string {
	return filepath.Join(s.root, filepath.FromSlash(rel))
}

// inode is the inode of a published file.
func (s *incrementalSite) inode(rel string) uint64 {
	s.t.Helper()
	fi, err := os.Stat(filepath.Join(s.p.Destination, filepath.FromSlash(rel)))
	if err != nil {
		s.t.Fatal(err)
	}
	return fi.Sys().(*syscall.Stat_t).Ino
}

// diffTrees lists the files that differ between two trees (at most 10).
func diffTrees(t *testing.T, a, b string) string {
	files := map[string]bool{}
	for _, dir := range []string{a, b} {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(dir, p)
				files[rel] = true
			}
			return err
		})
	}
	var out []string
	for f := range files {
		x, errA := os.ReadFile(filepath.Join(a, f))
		y, errB := os.ReadFile(filepath.Join(b, f))
		if errA != nil || errB != nil || string(x) != string(y) {
			out = append(out, f)
		}
	}
	if len(out) > 10 {
		out = append(out[:10], "…")
	}
	return strings.Join(out, "\n")
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// edit replaces old by new in the site file rel, which must contain it.
func (s *incrementalSite) edit(rel, old, new string) {
	s.t.Helper()
	b, err := os.ReadFile(s.path(rel))
	if err != nil || !strings.Contains(string(b), old) {
		s.t.Fatalf("%s does not contain %q (%v)", rel, old, err)
	}
	write(s.t, s.path(rel), strings.Replace(string(b), old, new, 1))
}

// holdOut moves a report (its .txt and .toml) of the site out of the
// content, and returns the function that puts it back.
func (s *incrementalSite) holdOut(report string) (putBack func()) {
	s.t.Helper()
	held := s.t.TempDir()
	for _, ext := range []string{".txt", ".toml"} {
		if err := os.Rename(s.path(report+ext), filepath.Join(held, "r"+ext)); err != nil {
			s.t.Fatal(err)
		}
	}
	return func() {
		for _, ext := range []string{".txt", ".toml"} {
			b, _ := os.ReadFile(filepath.Join(held, "r"+ext))
			write(s.t, s.path(report+ext), string(b))
		}
	}
}

// TestIncrementalEqualsClean changes every kind of input in turn and
// checks after each step that the incremental build is byte-identical to
// a clean one, and that it reused what the change did not touch.
func TestIncrementalEqualsClean(t *testing.T) {
	t.Run("build", func(t *testing.T) { incrementalEqualsClean(t, false) })
	t.Run("serve", func(t *testing.T) { incrementalEqualsClean(t, true) })
}

// incrementalEqualsClean is TestIncrementalEqualsClean, building as build
// does, or as serve does (paths.pagesFirst, and the last build's state
// kept in memory): then it checks too which steps publish their local
// pages first.
func incrementalEqualsClean(t *testing.T, serve bool) {
	s := newIncrementalSite(t)
	var early []string
	if serve {
		s.p.Serve.PagesFirst = func(part string) { early = append(early, part) }
		s.p.Serve.State = &build.State{}
	}
	// firstWhen checks the parts a step published early, as serve does.
	firstWhen := func(step string, want ...string) {
		t.Helper()
		if serve && !slices.Equal(early, want) {
			t.Errorf("%s: published %q early, want %q", step, early, want)
		}
		early = nil
	}
	const local, sitewide = build.PartLocal, build.PartSiteWide
	const agency = "content/福建省/商源区/卫生健康委员会-2024"
	putBack := s.holdOut(agency)

	// A parser's warning, which later builds report from the cache.
	b, _ := os.ReadFile(s.path("content/黑龙江省/水临县/教育局-2019.txt"))
	write(t, s.path("content/黑龙江省/水临县/教育局-2019.txt"), string(b)+"\n- 2 -\n")

	first := s.build("first build")
	firstWhen("first build")
	if first.Reused != 0 {
		t.Errorf("first build reused %d files", first.Reused)
	}
	if len(first.Indexed) != first.Shards || first.Shards < 2 {
		t.Errorf("first build built %v of %d search shards", first.Indexed, first.Shards)
	}
	again := s.build("unchanged")
	firstWhen("unchanged")
	// All but the report just edited for a warning, which may still be
	// younger than a second.
	if read := len(again.Site.Reports) - again.Unread; read > 1 {
		t.Errorf("unchanged rebuild read %d of %d reports again", read, len(again.Site.Reports))
	}
	if again.Parsed != 0 {
		t.Errorf("unchanged rebuild parsed %d reports for their analysis", again.Parsed)
	}
	if again.Reused != again.Files || again.Indexed != nil {
		t.Errorf("unchanged rebuild reused %d of %d files, built search shards %v", again.Reused, again.Files, again.Indexed)
	}
	for _, p := range again.Rendered {
		if p != "regions/index.html" && (strings.HasPrefix(p, "regions/") || strings.HasPrefix(p, "counties/")) {
			t.Errorf("unchanged rebuild rendered %s", p)
		}
	}

	// Add a report: the agency's 2019 report gains a later year.
	untouched := s.inode("counties/" + countyDir(t, s.p.Destination, "水临县") + "/index.html")
	putBack()
	added := s.build("add a report")
	firstWhen("add a report", local, sitewide)
	if added.Parsed != 1 {
		t.Errorf("adding a report parsed %d reports for their analysis, want 1", added.Parsed)
	}
	if added.Reused == 0 || added.Reused >= added.Files {
		t.Errorf("adding a report reused %d of %d files", added.Reused, added.Files)
	}
	shuilin := "counties/" + countyDir(t, s.p.Destination, "水临县") + "/"
	if s.inode(shuilin+"index.html") != untouched {
		t.Error("a county page the new report does not touch was rewritten")
	}
	for _, p := range added.Rendered {
		if strings.HasPrefix(p, shuilin) || strings.HasPrefix(p, "regions/heilongjiang/") {
			t.Errorf("adding a report in 福建省 rendered %s of 黑龙江省", p)
		}
	}
	if !slices.Contains(added.Rendered, "counties/"+countyDir(t, s.p.Destination, "商源区")+"/index.html") {
		t.Error("adding a report did not render its county page")
	}
	if !slices.Equal(added.Indexed, []string{"2024"}) {
		t.Errorf("adding a report of 2024 built search shards %v", added.Indexed)
	}

	// A county of the same name in another province gets a URL of its
	// own: 黑龙江省's 水临县 keeps its pages, which are not rendered again;
	// then the new county goes away.
	const twin = "content/福建省/水临县/信访局-2024"
	for _, ext := range []string{".txt", ".toml"} {
		b, _ := os.ReadFile(s.path("content/黑龙江省/水临县/信访局-2024" + ext))
		write(t, s.path(twin+ext), strings.Replace(string(b), "黑龙江省", "福建省", 1))
	}
	shangyuan := "counties/" + countyDir(t, s.p.Destination, "商源区") + "/"
	twinned := s.build("a county of the same name")
	if twinned.Parsed != 1 {
		t.Errorf("adding a report of a new county parsed %d reports for their analysis, want 1", twinned.Parsed)
	}
	firstWhen(`a county of the same name`, local, sitewide)
	for _, p := range twinned.Rendered {
		if strings.HasPrefix(p, shangyuan) || strings.HasPrefix(p, shuilin) {
			t.Errorf("a new county of 福建省 rendered %s of another county", p)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(s.p.Destination, shuilin, "index.html")); !strings.Contains(string(b), "黑龙江省") {
		t.Errorf("%s is no longer 黑龙江省's 水临县: a new county of the same name took its URL", shuilin)
	}
	for _, ext := range []string{".txt", ".toml"} {
		os.Remove(s.path(twin + ext))
	}
	s.build("the county goes away")
	firstWhen("the county goes away", local, sitewide)

	// Change a report's text (a figure in it) and its metadata.
	s.edit(agency+".txt", "年", "年度")
	if text := s.build("change a report's text"); !slices.Equal(text.Indexed, []string{"2024"}) {
		t.Errorf("changing a report of 2024 built search shards %v", text.Indexed)
	}
	firstWhen("change a report's text", local, sitewide)
	s.edit(agency+".toml", "title = \"", "title = \"修订：")
	s.build("change a report's metadata")
	firstWhen(`change a report's metadata`, local, sitewide)

	// Delete a report.
	for _, ext := range []string{".txt", ".toml"} {
		os.Remove(s.path("content/福建省/商源区/市场监督管理局-2019" + ext))
	}
	if del := s.build("delete a report"); !slices.Equal(del.Indexed, []string{"2019"}) {
		t.Errorf("deleting a report of 2019 built search shards %v", del.Indexed)
	}
	firstWhen("delete a report", local, sitewide)

	// Change a template: every page changes, the search index is kept.
	s.edit("layouts/base.html", "</footer>", "<p>修改</p></footer>")
	tmpl := s.build("change a template")
	firstWhen("change a template", local)
	if tmpl.Reused == 0 {
		t.Error("a template change reused nothing (the search index should be kept)")
	}
	s.edit("config.toml", "title = \"", "title = \"新")
	s.build("change the config")
	firstWhen("change the config", local)

	// Change a stylesheet: its published name carries its hash, so every
	// page links to the new name; the search index is kept.
	s.edit("layouts/static/css/site.css", "}", "}\n/* 修改 */")
	css := s.build("change a stylesheet")
	firstWhen("change a stylesheet", local)
	if len(css.Rendered) != css.Pages || len(css.Indexed) != 0 {
		t.Errorf("a stylesheet change rendered %d of %d pages and built shards %v; want every page, no shard", len(css.Rendered), css.Pages, css.Indexed)
	}
}

// countyDir finds the directory of a county below counties/ by its name in
// the county page.
func countyDir(t *testing.T, dest, name string) string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dest, "counties"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dest, "counties", e.Name(), "index.html"))
		if err == nil && strings.Contains(string(b), "<h1>"+name) {
			return e.Name()
		}
	}
	t.Fatalf("no county page for %s", name)
	return ""
}

// TestIncrementalSurvivesBadCache damages the cache and the published site
// in every way a cache can go stale, and checks that each build still
// equals a clean one.
func TestIncrementalSurvivesBadCache(t *testing.T) {
	s := newIncrementalSite(t)
	s.build("first build")
	for _, tt := range []struct {
		name   string
		damage func()
	}{
		{"garbage cache files", func() {
			write(t, filepath.Join(s.p.CacheDir, analysisFile), "garbage")
			write(t, filepath.Join(s.p.CacheDir, manifestFile), "\x00\xff")
		}},
		{"truncated cache files", func() {
			for _, f := range []string{analysisFile, manifestFile} {
				b, _ := os.ReadFile(filepath.Join(s.p.CacheDir, f))
				write(t, filepath.Join(s.p.CacheDir, f), string(b[:len(b)/2]))
			}
		}},
		{"cache removed", func() { os.RemoveAll(s.p.CacheDir) }},
		{"published page edited by hand", func() {
			write(t, filepath.Join(s.p.Destination, "index.html"), "defaced")
		}},
		{"published search file deleted", func() {
			os.Remove(filepath.Join(s.p.Destination, "search", "index.json"))
		}},
		{"published site removed", func() { os.RemoveAll(s.p.Destination) }},
		{"clean build", func() { s.p.Clean = true }},
	} {
		tt.damage()
		s.build(tt.name)
		s.p.Clean = false
	}
	if _, err := os.Stat(filepath.Join(s.p.CacheDir, manifestFile)); err != nil {
		t.Errorf("the cache was not rebuilt: %v", err)
	}
}

func TestCacheFlags(t *testing.T) {
	p := siteFlags{source: "site"}.options()
	for _, dir := range []string{"site/public", "site/public/cache", "site/content/x", "site/layouts"} {
		if _, err := (cacheFlags{dir: dir}).apply(p); err == nil {
			t.Errorf("--cache-dir %s accepted", dir)
		}
	}
	got, err := cacheFlags{dir: "site/.cache", clean: true}.apply(p)
	if err != nil || !got.Clean || !filepath.IsAbs(got.CacheDir) {
		t.Errorf("apply = %+v, %v", got, err)
	}
	abs, _ := filepath.Abs("public")
	if d := build.DefaultCacheDir("public"); d != "" && (d == abs || strings.HasPrefix(d, abs+"/")) {
		t.Errorf("default cache %s inside the site", d)
	}
}

// TestBuildCommandInSiteRoot runs the README's build command as a user
// does: in the site root, with the default relative paths, twice.
func TestBuildCommandInSiteRoot(t *testing.T) {
	s := newIncrementalSite(t)
	t.Chdir(s.root)
	summary := regexp.MustCompile(`, (\d+) files \([0-9.]+ MB, (\d+) unchanged;`)
	for i := range 2 {
		var stdout, stderr strings.Builder
		if code := runBuild([]string{"--cache-dir", s.p.CacheDir}, &stdout, &stderr); code != 0 {
			t.Fatalf("build exited %d:\n%s", code, stderr.String())
		}
		m := summary.FindStringSubmatch(stdout.String())
		if m == nil {
			t.Fatalf("summary %q", stdout.String())
		}
		// The first build writes every file, the second links every one.
		if reused := m[2]; reused != map[int]string{0: "0", 1: m[1]}[i] {
			t.Errorf("build %d: %s", i+1, m[0])
		}
	}
	if _, err := os.Stat(filepath.Join(s.root, "public", "index.html")); err != nil {
		t.Error(err)
	}
}

// TestPagesFirst builds as serve does: when a report changes, its pages
// (render.Local) are published first, with the previous site-wide pages
// and search index, then the site-wide pages, then the index; the end
// build.Result is a clean build's.
func TestPagesFirst(t *testing.T) {
	s := newIncrementalSite(t)
	putBack := s.holdOut("content/福建省/商源区/卫生健康委员会-2024")
	// What the published site shows of the new report when each part is in.
	type shown struct {
		part          string
		docs          int  // the search index's reports
		countyLists   bool // the county page lists the new report
		reportPage    bool // the new report's page is there
		yearLists     bool // the year page lists it
		reportsInData bool // the open data has it
	}
	var seen []shown
	const title = "卫生健康委员会2024年"
	has := func(rel string) bool {
		b, _ := os.ReadFile(filepath.Join(s.p.Destination, rel))
		return strings.Contains(string(b), title)
	}
	s.p.Serve.PagesFirst = func(part string) {
		var m struct{ Docs int }
		b, _ := os.ReadFile(filepath.Join(s.p.Destination, "search/index.json"))
		json.Unmarshal(b, &m)
		county := "counties/" + countyDir(t, s.p.Destination, "商源区")
		v := shown{part: part, docs: m.Docs, countyLists: has(county + "/index.html"),
			yearLists: has("years/2024/index.html"), reportsInData: has("data/reports.json")}
		reports, _ := filepath.Glob(filepath.Join(s.p.Destination, county, "*2024", "index.html"))
		for _, r := range reports {
			v.reportPage = v.reportPage || has(strings.TrimPrefix(r, s.p.Destination+"/"))
		}
		seen = append(seen, v)
	}
	first := s.build("first build") // no previous site: one publish
	if len(seen) != 0 || first.Early != nil {
		t.Fatalf("first build published %v early", first.Early)
	}
	putBack()
	added := s.build("add a report, pages first")
	before := len(first.Site.Reports)
	want := []shown{
		{part: build.PartLocal, docs: before, countyLists: true, reportPage: true},
		{part: build.PartSiteWide, docs: before, countyLists: true, reportPage: true, yearLists: true, reportsInData: true},
	}
	if !slices.Equal(seen, want) || !slices.Equal(added.Early, []string{build.PartLocal, build.PartSiteWide}) {
		t.Errorf("adding a report: published %v early, showing\n%+v\nwant\n%+v", added.Early, seen, want)
	}
	if !has("years/2024/index.html") || !has("data/reports.json") {
		t.Error("after the build, the year page or the open data does not list the new report")
	}
	seen = nil
	if again := s.build("unchanged"); len(seen) != 0 || again.Early != nil {
		t.Errorf("an unchanged rebuild published %v early", again.Early)
	}
}

// TestPagesFirstCountsKeptShards checks that serve's summary (pages
// first) counts the same unchanged files as build's for one change: the
// search shards kept included.
func TestPagesFirstCountsKeptShards(t *testing.T) {
	var got [2]build.Result
	for i := range got {
		s := newIncrementalSite(t)
		if i == 1 {
			s.p.Serve.PagesFirst = func(string) {}
		}
		s.build("first")
		s.edit("content/福建省/商源区/卫生健康委员会-2024.txt", "年", "年度")
		got[i] = s.build("change a 2024 report")
	}
	if len(got[1].Early) == 0 || !slices.Equal(got[1].Indexed, []string{"2024"}) {
		t.Fatalf("serve's build: published %v early, shards built %v", got[1].Early, got[1].Indexed)
	}
	if got[0].Reused != got[1].Reused {
		t.Errorf("build says %d unchanged, serve (pages first) says %d", got[0].Reused, got[1].Reused)
	}
}
