package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"portal/generator/internal/content"
	"portal/generator/internal/draft"
	"portal/generator/internal/format"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestNewOnSeeds checks `new` on each seed against golden files, and that
// the drafted TOML is valid metadata for the loader.
func TestNewOnSeeds(t *testing.T) {
	catalog, err := loadCatalog("../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	seeds, _ := filepath.Glob("testdata/seeds/*.txt")
	if len(seeds) != 5 {
		t.Fatalf("%d seeds", len(seeds))
	}
	for _, seed := range seeds {
		got, err := draft.Metadata(seed, catalog)
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata/new", strings.TrimSuffix(filepath.Base(seed), ".txt")+".toml")
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			os.WriteFile(golden, got, 0o644)
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("new %s differs from %s (run go test -update and read the diff)\n%s", seed, golden, got)
		}
		raw, _ := os.ReadFile(seed)
		fsys := fstest.MapFS{"r.txt": {Data: raw}, "r.toml": {Data: got}}
		if _, problems := content.Load(fsys, content.Options{Catalog: catalog, LatestYear: 2100, Kinds: format.Default.Kinds()}); problems.HasErrors() {
			t.Errorf("%s: drafted metadata does not load:\n%s", seed, problems)
		}
	}
}

func TestNewRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	txt := filepath.Join(dir, "a.txt")
	os.WriteFile(txt, []byte("某县信访局2024年度法治政府建设情况报告\n正文。\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "a.toml"), []byte("keep"), 0o644)
	var out, errb bytes.Buffer
	if code := run([]string{"new", "--source", "..", txt}, &out, &errb); code != 1 {
		t.Errorf("exit %d", code)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a.toml")); string(b) != "keep" {
		t.Error("existing metadata overwritten")
	}
}

// TestNewReadsPathAndText checks what `new` drafts from the path and the
// text of submissions unlike the seeds: a report that opens with its
// addressee, an organ named with its city, a report whose year only its
// path and body give.
func TestNewReadsPathAndText(t *testing.T) {
	catalog, err := loadCatalog("../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, tc := range []struct {
		path, text string
		want       []string
	}{
		{"陕西省/合阳县/信访局-2023.txt", "中共合阳县委、合阳县人民政府：\n　　2023年，县信访局共受理信访事项156件。\n一、主要工作\n全年集中学法6次。\n\n合阳县信访局\n2024年1月15日\n",
			[]string{`title = "合阳县信访局2023年度法治政府建设情况报告"  # 标题: the text has no title line`, `agency = "信访局"`, `county = "合阳县"`, `province = "陕西省"`, "year = 2023\n", "# published = 2024-03-31", "written = 2024-01-15"}},
		{"h.txt", "怀化市鹤城区信访局2024年度法治政府建设工作报告\n一、主要工作\n全年集中学法6次。\n",
			[]string{`agency = "信访局"`, `county = "鹤城区"`, `city = "怀化市"`, `division_code = "431202"`, "year = 2024\n", "# published = 2025-03-31"}},
		{"河南省/郏县/司法局-2022.txt", "一、主要工作\n2022年，我局坚持依法行政。\n",
			[]string{`agency = "司法局"`, `county = "郏县"`, `city = "平顶山市"`, "year = 2022\n"}},
	} {
		name := filepath.Join(dir, filepath.FromSlash(tc.path))
		os.MkdirAll(filepath.Dir(name), 0o755)
		os.WriteFile(name, []byte(tc.text), 0o644)
		got, err := draft.Metadata(name, catalog)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(string(got), w) {
				t.Errorf("%s: no %q in\n%s", tc.path, w, got)
			}
		}
	}
}
