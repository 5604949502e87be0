package metrics

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// CatalogFigures gives the figures of catalog metrics that Extract gives,
// in the same order, on the seeds and the synthetic reports.
func TestCatalogFiguresAsExtract(t *testing.T) {
	files, _ := filepath.Glob("testdata/corpus/*.txt")
	seeds, _ := filepath.Glob("../../../../shared/seeds/*.txt")
	ex := NewExtractor(loadCatalog(t))
	keyed := 0
	for _, f := range append(files, seeds...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ps := seedPassages(t, f, string(src))
		want := slices.DeleteFunc(ex.Extract(ps), func(f Figure) bool { return f.Key == "" })
		got, err := ex.CatalogFigures(ps)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: CatalogFigures gave %d figures (%v), Extract %d", f, len(got), err, len(want))
		}
		keyed += len(got)
	}
	if keyed == 0 {
		t.Error("no figures")
	}
}

// A text stating more figures than a report can is refused early, naming
// where the limit was passed; one at the limit is read whole.
func TestCatalogFiguresLimit(t *testing.T) {
	ex := NewExtractor(loadCatalog(t))
	sentence := "全县信访总量1927件。"
	if figs, err := ex.CatalogFigures([]Passage{{Anchor: "p1", Text: sentence}}); err != nil || len(figs) != 1 {
		t.Fatalf("one sentence: %d figures, %v", len(figs), err)
	}
	at := []Passage{{Anchor: "p1", Text: strings.Repeat(sentence, MaxCatalogFigures)}}
	if figs, err := ex.CatalogFigures(at); err != nil || len(figs) != MaxCatalogFigures {
		t.Errorf("at the limit: %d figures, %v", len(figs), err)
	}
	var over []Passage
	for range MaxCatalogFigures / 10 {
		over = append(over, Passage{Anchor: "p1", Text: strings.Repeat(sentence, 10)})
	}
	over = append(over, Passage{Anchor: "p-last", Text: sentence})
	_, err := ex.CatalogFigures(over)
	if err == nil || !strings.Contains(err.Error(), "more than 2000 figures") || !strings.Contains(err.Error(), "p-last") {
		t.Errorf("over the limit: %v", err)
	}
}
