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
		got, err := newMetadata(seed, catalog)
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
