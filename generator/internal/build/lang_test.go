package build

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"portal/generator/internal/diag"
	"portal/generator/internal/site"
)

// TestProgressLanguages checks the lines of the progress and the stage
// times of the summary in both languages; English is as it always was.
func TestProgressLanguages(t *testing.T) {
	seconds := regexp.MustCompile(`\d+\.\d\d`)
	for _, tc := range []struct {
		lang           diag.Lang
		lines, summary string
	}{
		{"", "load     9.99s\nanalyse  9.99s\nsearch   9.99s\n", "load 0.10s, analyse 1.20s, search 0.05s"},
		{diag.En, "load     9.99s\nanalyse  9.99s\nsearch   9.99s\n", "load 0.10s, analyse 1.20s, search 0.05s"},
		{diag.Zh, "读取     9.99 秒\n分析     9.99 秒\n搜索索引 9.99 秒\n", "读取 0.10 秒、分析 1.20 秒、搜索索引 0.05 秒"},
	} {
		var out bytes.Buffer
		p := NewProgress(&out)
		p.Lang = tc.lang
		p.begin("load", 0)
		p.begin("analyse", 3)
		p.step(3)
		p.begin("search", 0)
		p.end()
		if got := seconds.ReplaceAllString(out.String(), "9.99"); got != tc.lines {
			t.Errorf("%q: lines\n%s\nwant\n%s", tc.lang, got, tc.lines)
		}
		p.stages = []stageTime{{"load", 100 * time.Millisecond}, {"analyse", 1200 * time.Millisecond}, {"search", 50 * time.Millisecond}}
		if got := p.summaryMsg().Text(tc.lang); got != tc.summary {
			t.Errorf("%q: summary %q, want %q", tc.lang, got, tc.summary)
		}
		if got, want := p.summaryMsg().String(), "load 0.10s, analyse 1.20s, search 0.05s"; got != want {
			t.Errorf("%q: summary in English %q, want %q", tc.lang, got, want)
		}
	}
	var nilProgress *Progress
	if nilProgress.summaryMsg().String() != "" {
		t.Error("a nil Progress has a summary")
	}
}

// TestInternalErrorLanguages checks the error of a panic in both
// languages.
func TestInternalErrorLanguages(t *testing.T) {
	err := func() (err error) {
		defer func() {
			if v := recover(); v != nil {
				err = InternalError(v)
			}
		}()
		panic("boom")
	}()
	en, zh := diag.ErrorTextIn(err, diag.En), diag.ErrorTextIn(err, diag.Zh)
	if !strings.HasPrefix(en, "internal error while building: boom (at ") || !strings.HasSuffix(en, " (please report)") || en != err.Error() {
		t.Errorf("English: %q", en)
	}
	if !strings.HasPrefix(zh, "构建时发生内部错误：boom (at ") || !strings.HasSuffix(zh, "（请报告此问题）") {
		t.Errorf("Chinese: %q", zh)
	}
}

// TestCheckDirsLanguages checks the refusals of a destination and a
// cache directory in both languages, one line each whatever the path.
func TestCheckDirsLanguages(t *testing.T) {
	top, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", filepath.Join(top, "home"))
	root := filepath.Join(top, "site")
	o := Options{Config: filepath.Join(root, "config.toml"), Content: filepath.Join(root, "content"), Layouts: filepath.Join(root, "layouts")}
	for _, d := range []string{o.Content, o.Layouts, filepath.Join(top, "docs", "thesis")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	forged := filepath.Join(top, "x\n\x1b[32mbuilt 1 reports")
	if err := os.WriteFile(forged, []byte("a file"), 0o644); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(top, "cache")
	for _, tc := range []struct {
		name, dest string
		en, zh     string
	}{
		{"content", o.Content,
			"--destination {S}/content: is the content directory {S}/content",
			"--destination {S}/content: 就是内容目录 {S}/content"},
		{"inside layouts", filepath.Join(o.Layouts, "public"),
			"--destination {S}/layouts/public: inside the layouts directory {S}/layouts",
			"--destination {S}/layouts/public: 位于模板目录 {S}/layouts 之内"},
		{"holds the site", top,
			"--destination {T}: holds the home directory {T}/home\n--destination {T}: holds the site root (the directory of config.toml) {S}\n--destination {T}: holds the content directory {S}/content\n--destination {T}: holds the layouts directory {S}/layouts\n--cache-dir {T}/cache: inside the destination {T}",
			"--destination {T}: 包含主目录 {T}/home\n--destination {T}: 包含站点根目录（config.toml 所在的目录）{S}\n--destination {T}: 包含内容目录 {S}/content\n--destination {T}: 包含模板目录 {S}/layouts\n--cache-dir {T}/cache: 位于输出目录 {T} 之内"},
		{"foreign", filepath.Join(top, "docs"),
			"--destination {T}/docs: holds files the generator did not write (no .portal-site marker); choose an empty or new directory, or remove them",
			"--destination {T}/docs: 含有不是本生成器写出的文件（没有 .portal-site 标记文件）；请选择空的或新的目录，或删除这些文件"},
		{"forged line", forged,
			`--destination {T}/x\n\x1b[32mbuilt 1 reports: a regular file, not a directory`,
			`--destination {T}/x\n\x1b[32mbuilt 1 reports: 是普通文件，不是目录`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := o
			o.Destination, o.CacheDir = tc.dest, cache
			_, err := CheckDirs(o)
			if err == nil {
				t.Fatal("accepted")
			}
			expand := strings.NewReplacer("{S}", root, "{T}", top).Replace
			if got, want := diag.ErrorTextIn(err, diag.En), expand(tc.en); got != want || err.Error() != want {
				t.Errorf("English:\n got %q\nwant %q\nError() %q", got, want, err.Error())
			}
			if got, want := diag.ErrorTextIn(err, diag.Zh), expand(tc.zh); got != want {
				t.Errorf("Chinese:\n got %q\nwant %q", got, want)
			}
		})
	}
}

// TestSummaryLanguages checks the last line of a build in both
// languages.
func TestSummaryLanguages(t *testing.T) {
	p := NewProgress(nil)
	p.stages = []stageTime{{"load", 100 * time.Millisecond}, {"render", 2 * time.Second}}
	r := Result{Site: &site.Site{}, Files: 12, Bytes: 1_500_000, Reused: 10, Rendered: []string{"a/"}, Pages: 9,
		Indexed: []string{"2024"}, Shards: 3, Elapsed: 2150 * time.Millisecond, Stages: p.summaryMsg()}
	if got, want := r.Summary(), "built 0 reports, 0 counties, 12 files (1.5 MB, 10 unchanged; 1 of 9 pages rendered, 1 of 3 search shards built) in 2.15s (load 0.10s, render 2.00s)"; got != want {
		t.Errorf("English:\n got %q\nwant %q", got, want)
	}
	if got, want := r.SummaryMsg().Text(diag.Zh), "已构建 0 份报告、0 个县、12 个文件（1.5 MB，其中 10 个未变；渲染页面 1 个，共 9 个；构建搜索分片 1 个，共 3 个），用时 2.15 秒（读取 0.10 秒、渲染 2.00 秒）"; got != want {
		t.Errorf("Chinese:\n got %q\nwant %q", got, want)
	}
}

// TestLoadLanguages checks the errors of a site that cannot be loaded in
// both languages: no config.toml, and no content directory.
func TestLoadLanguages(t *testing.T) {
	dir := t.TempDir()
	o := Options{Config: filepath.Join(dir, "config.toml"), Content: filepath.Join(dir, "content")}
	_, _, _, noConfig := LoadSite(o)
	if err := os.WriteFile(o.Config, []byte("title = \"法治政府建设年度报告\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, _, noContent := LoadSite(o)
	for _, tc := range []struct {
		err    error
		en, zh string
	}{
		{noConfig, o.Config + ": not found (is --source the site root?)", o.Config + "：找不到（--source 是站点根目录吗？）"},
		{noContent, "content directory " + o.Content + ": not found", "内容目录 " + o.Content + "：找不到"},
	} {
		if got := diag.ErrorTextIn(tc.err, diag.En); got != tc.en {
			t.Errorf("English: %q, want %q", got, tc.en)
		}
		if got := diag.ErrorTextIn(tc.err, diag.Zh); got != tc.zh {
			t.Errorf("Chinese: %q, want %q", got, tc.zh)
		}
	}
}
