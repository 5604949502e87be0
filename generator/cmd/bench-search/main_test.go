package main

import (
	"bytes"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"portal/generator/internal/build"
	"portal/generator/internal/corpus"
	"portal/generator/internal/output"
	"portal/generator/internal/search"
)

// root is the repository's root, the site root of its config and layouts.
const root = "../../.."

// browserArgs returns --no-browser, with a message, when Chromium is
// missing, unless PORTAL_REQUIRE_BROWSER=1 makes that a failure.
func browserArgs(t *testing.T) []string {
	if chromium() != "" {
		return nil
	}
	if os.Getenv("PORTAL_REQUIRE_BROWSER") == "1" {
		t.Fatal("Chromium not found and PORTAL_REQUIRE_BROWSER=1: install Debian's chromium package")
	}
	t.Log("Chromium not found (apt-get install chromium): the browser part is skipped")
	return []string{"--no-browser"}
}

var tableRow = regexp.MustCompile(`(?m)^(\S+(?: \S+)?)\s+(\d+)\s+(\d+|-)\s`)

// TestBenchSearch runs the benchmark on 20 generated reports: every
// query gets a row, the Go searcher finds exactly the reports a plain
// scan finds, and the browser (when there is one) finds what Go finds.
func TestBenchSearch(t *testing.T) {
	var stdout, stderr bytes.Buffer
	args := append([]string{"--source", root, "--reports", "20", "--seed", "3"}, browserArgs(t)...)
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{"corpus: generated 20 reports (seed 3", "site: 20 reports, 4 counties", "index build:", "index publish", "index size:"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if len(browserArgs(t)) == 0 && !strings.Contains(out, "one-time per visit") {
		t.Errorf("no browser figures in\n%s", out)
	}
	if strings.Contains(out, "WARNING") {
		t.Errorf("the browser and Go disagree:\n%s", out)
	}
	rows := map[string][]string{}
	for _, m := range tableRow.FindAllStringSubmatch(out, -1) {
		rows[m[1]] = m[2:]
	}
	for _, q := range benchQueries {
		if strings.Contains(q, "{county}") {
			continue
		}
		r, ok := rows[q]
		if !ok {
			t.Errorf("no row for %q in\n%s", q, out)
			continue
		}
		if r[1] != "-" && r[0] != r[1] {
			t.Errorf("%q: the index finds %s reports, a plain scan %s", q, r[0], r[1])
		}
	}
	if r := rows["法治"]; len(r) == 0 || r[0] != "20" {
		t.Errorf("法治 in %v reports, want all 20", r)
	}
	if r := rows["不存在县"]; len(r) == 0 || r[0] != "0" {
		t.Errorf("不存在县 in %v reports, want none", r)
	}
}

func TestFlags(t *testing.T) {
	tmp := t.TempDir()
	for _, c := range []struct {
		args   []string
		code   int
		output string
	}{
		{[]string{"--help"}, 0, "Usage: go run ./generator/cmd/bench-search"},
		{[]string{"extra"}, 2, `unexpected argument "extra"`},
		{[]string{"--reprots", "3"}, 2, "flag provided but not defined"},
		{[]string{"--queries", " , ,"}, 2, "--queries: no query"},
		{[]string{"--source", root, "--reports", "0", "--no-browser"}, 1, "reports: 0 is not in 1..100000"},
		{[]string{"--source", tmp, "--reports", "2", "--no-browser"}, 1, "config.toml: not found (is --source the site root?)"},
		{[]string{"--source", root, "--content", filepath.Join(tmp, "none"), "--no-browser"}, 1, "content directory " + filepath.Join(tmp, "none") + ": not found"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(c.args, &stdout, &stderr)
		if code != c.code || !strings.Contains(stdout.String()+stderr.String(), c.output) {
			t.Errorf("%v: exit %d\n%s%s", c.args, code, stdout.String(), stderr.String())
		}
	}
}

// TestSameSiteAsGenerator: bench-search measures the site `generator
// build` publishes, byte for byte, search index included (it renders and
// indexes the site itself, to measure the index alone).
func TestSameSiteAsGenerator(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the generator with")
	}
	tmp := t.TempDir()
	gen := filepath.Join(tmp, "generator")
	if out, err := exec.Command(goTool, "build", "-o", gen, "portal/generator").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, f := range []corpus.Format{corpus.Plain, corpus.Markdown} {
		content, public := filepath.Join(tmp, string(f)), filepath.Join(tmp, string(f)+"-public")
		if _, err := corpus.Write(content, corpus.Options{Reports: 25, Seed: 9, Format: f, MetricsShare: 1}); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(gen, "build", "--source", root, "--content", content, "--destination", public, "--cache-dir", filepath.Join(tmp, string(f)+"-cache"))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("generator build: %v\n%s", err, out)
		}
		s, docs, problems, err := loadSite(root, content)
		if err != nil || problems.HasErrors() {
			t.Fatalf("%v %v", err, problems)
		}
		files := output.NewFiles()
		if err := renderSite(s, docs, filepath.Join(root, "layouts"), files); err != nil {
			t.Fatal(err)
		}
		entries, err := searchDocs(s, docs)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := search.Build(entries, search.Options{}, files.Add); err != nil {
			t.Fatal(err)
		}
		if err := files.Add(build.SearchClient, search.ClientJS); err != nil {
			t.Fatal(err)
		}
		compareTree(t, public, files)
	}
}

// compareTree compares the files of a published site, hidden ones aside,
// with files.
func compareTree(t *testing.T, dir string, files *output.Files) {
	t.Helper()
	seen := map[string]bool{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		seen[rel] = true
		want, _ := os.ReadFile(p)
		got, ok := files.Get(rel)
		switch {
		case !ok:
			t.Errorf("%s: published by the generator, not made by bench-search", rel)
		case !bytes.Equal(got, want):
			t.Errorf("%s: bench-search's differs from the generator's", rel)
		}
		return nil
	})
	for _, p := range files.Paths() {
		if !seen[p] {
			t.Errorf("%s: made by bench-search, not published by the generator", p)
		}
	}
}

// TestNoChromium: without Chromium the browser part is skipped with a
// message, and the Go figures are still measured.
func TestNoChromium(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--source", root, "--reports", "3"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	if !strings.Contains(stderr.String(), "Chromium not found (apt-get install chromium): the browser measurements are skipped") {
		t.Errorf("no message: %q", stderr.String())
	}
	if out := stdout.String(); strings.Contains(out, "one-time per visit") || !strings.Contains(out, "KiB raw: the index ranges the Go searcher reads") {
		t.Errorf("output:\n%s", out)
	}
}

func TestBenchRequest(t *testing.T) {
	for _, c := range []struct {
		q, query string
		filters  map[string]string
	}{
		{"信访局 year=2024", "信访局", map[string]string{"year": "2024"}},
		{" 法治  政府 ", "法治 政府", map[string]string{}},
		{"province=henan year=2024", "", map[string]string{"province": "henan", "year": "2024"}},
	} {
		req := benchRequest(c.q)
		if req.Query != c.query || !maps.Equal(req.Filters, c.filters) {
			t.Errorf("%q: %+v", c.q, req)
		}
	}
}

// TestCountContaining: a report counts when it holds every term; the
// words of an ASCII term are looked for without their spaces, as the
// corpus texts are.
func TestCountContaining(t *testing.T) {
	texts := []string{"鲁山县信访局gb18030编码", "鲁山县司法局", "信访局"}
	for _, c := range []struct {
		keys []string
		want int
	}{
		{[]string{"信访局"}, 2},
		{[]string{"信访局", "鲁山县"}, 1},
		{[]string{"gb 18030"}, 1},
		{[]string{"公安局"}, 0},
		{nil, 3},
	} {
		var terms []search.Term
		for _, k := range c.keys {
			terms = append(terms, search.Term{Key: k})
		}
		if got := countContaining(texts, terms); got != c.want {
			t.Errorf("%q: %d, want %d", c.keys, got, c.want)
		}
	}
}
