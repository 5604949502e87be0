package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"portal/generator/internal/build"
	"portal/generator/internal/check"
	"portal/generator/internal/content"
	"portal/generator/internal/draft"
	"portal/generator/internal/format"
)

// corpusSource is one text of the development corpus, testdata/corpus
// (SOURCES.toml): real report openings, as editors receive them.
type corpusSource struct {
	File, Agency, County, City, Province string
	Year                                 int
}

// TestNewOnCorpus lays each text of the real corpus out as an editor
// files a submission (content/<province>/<county or city>/<agency>-<year>.txt),
// drafts its metadata with `new` (golden files in testdata/corpus-new)
// and loads the pair: at least 90% must give every required key with no
// error.
func TestNewOnCorpus(t *testing.T) {
	var src struct{ Report []corpusSource }
	if _, err := toml.DecodeFile("testdata/corpus/SOURCES.toml", &src); err != nil {
		t.Fatal(err)
	}
	catalog, err := loadCatalog("../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ok := 0
	for _, s := range src.Report {
		place := s.County
		if place == "" {
			place = s.City
		}
		agency := strings.TrimPrefix(s.Agency, place)
		rel := filepath.Join(s.Province, place, agency+"-"+strconv.Itoa(s.Year)+".txt")
		name := filepath.Join(dir, rel)
		text, err := os.ReadFile(filepath.Join("testdata/corpus", s.File))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Dir(name), 0o755)
		os.WriteFile(name, text, 0o644)
		got, err := draft.Metadata(name, catalog)
		if err != nil {
			t.Errorf("%s: %v", s.File, err)
			continue
		}
		got = bytes.ReplaceAll(got, []byte(filepath.Base(name)), []byte(s.File)) // the golden names the corpus file
		golden := filepath.Join("testdata/corpus-new", strings.TrimSuffix(s.File, ".txt")+".toml")
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			os.WriteFile(golden, got, 0o644)
		}
		if want, err := os.ReadFile(golden); err != nil || !bytes.Equal(got, want) {
			t.Errorf("new %s differs from %s (run go test -update and read the diff)", s.File, golden)
		}
		os.WriteFile(strings.TrimSuffix(name, ".txt")+".toml", got, 0o644)
		one := filepath.Join(t.TempDir(), filepath.Dir(rel))
		os.MkdirAll(one, 0o755)
		os.WriteFile(filepath.Join(one, filepath.Base(rel)), text, 0o644)
		os.WriteFile(filepath.Join(one, strings.TrimSuffix(filepath.Base(rel), ".txt")+".toml"), got, 0o644)
		root := filepath.Dir(filepath.Dir(one))
		reports, problems := content.Load(os.DirFS(root), content.Options{Catalog: catalog, LatestYear: 2100, Kinds: format.Default.Kinds()})
		switch {
		case problems.HasErrors() || len(reports) != 1:
			t.Logf("%s (%s): the drafted metadata does not load:\n%s", s.File, rel, problems)
		case reports[0].Meta.Title == "" || reports[0].Meta.County == "" || reports[0].Meta.Year != s.Year:
			t.Logf("%s (%s): drafted %+v", s.File, rel, reports[0].Meta)
		default:
			ok++
		}
	}
	t.Logf("new drafts every required key, with no error, for %d of %d texts", ok, len(src.Report))
	// check on the same corpus, as an editor runs it before publishing:
	// the whole site loads, and what it lists are warnings.
	o := siteFlags{source: "..", content: dir}.options()
	site, docs, problems, err := build.LoadSite(o)
	if err != nil || problems.HasErrors() || site == nil || len(site.Reports) != len(src.Report) {
		t.Fatalf("check: the corpus with its drafted metadata does not load: %v\n%s", err, problems)
	}
	if review := check.Site(site, docs); review.HasErrors() || len(review) == 0 {
		t.Errorf("check's review of the corpus: %d problems, errors %v", len(review), review.HasErrors())
	}
	if ok*10 < len(src.Report)*9 {
		t.Errorf("new drafts loadable metadata for %d of %d texts, want at least 90%%", ok, len(src.Report))
	}
}
