package metrics

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/BurntSushi/toml"

	"portal/generator/internal/document"
)

// goldFile is testdata/seeds-metrics.toml: hand-labelled figures of the
// seed reports.
type goldFile struct {
	Report []goldReport `toml:"report"`
}

// goldReport is one labelled report.
type goldReport struct {
	File    string             `toml:"file"`
	Year    int                `toml:"year"`
	Metrics map[string]float64 `toml:"metrics"`
	Notes   struct {
		Approx    []string `toml:"approx"`
		Ambiguous []string `toml:"ambiguous"`
	} `toml:"notes"`
}

// seedScore is the tally of one scoring run.
type seedScore struct{ tp, fp, fn int }

func (s seedScore) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s seedScore) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

// TestSeedsGold scores Extract (through Merge, as the site publishes) on the
// seed reports against the hand-labelled gold file. A predicted (key, value)
// is correct if gold has the key with the same value; keys gold calls
// ambiguous count neither way; other keys are false positives.
func TestSeedsGold(t *testing.T) {
	var gold goldFile
	if _, err := toml.DecodeFile("testdata/seeds-metrics.toml", &gold); err != nil {
		t.Fatal(err)
	}
	cat := loadCatalog(t)
	var total seedScore
	for _, r := range gold.Report {
		src, err := os.ReadFile(filepath.Join(seedDir, r.File))
		if err != nil {
			t.Fatal(err)
		}
		passages := seedPassages(t, r.File, string(src))
		values, _ := Merge(cat, nil, Extract(cat, passages))
		s := scoreReport(t, r, values)
		total.tp, total.fp, total.fn = total.tp+s.tp, total.fp+s.fp, total.fn+s.fn
	}
	t.Logf("seeds: precision %.3f, recall %.3f (tp %d, fp %d, fn %d)",
		total.precision(), total.recall(), total.tp, total.fp, total.fn)
	if total.precision() < 1 || total.recall() < 0.9 {
		t.Errorf("seeds: precision %.3f (want 1.0), recall %.3f (want ≥ 0.9)", total.precision(), total.recall())
	}
}

// seedDir holds the seed reports.
const seedDir = "../../testdata/seeds"

// scoreReport compares the published values of one report with its gold.
func scoreReport(t *testing.T, r goldReport, values []Value) seedScore {
	t.Helper()
	ambiguous := setOf(r.Notes.Ambiguous)
	approx := setOf(r.Notes.Approx)
	var s seedScore
	got := map[string]bool{}
	for _, v := range values {
		if ambiguous[v.Key] {
			continue
		}
		got[v.Key] = true
		want, ok := r.Metrics[v.Key]
		switch {
		case !ok:
			s.fp++
			t.Errorf("%s: %s=%g is not in the gold file (quote %q)", r.File, v.Key, v.Value, v.Figure.Quote)
		case !sameValue(want, v.Value):
			s.fp++
			s.fn++
			t.Errorf("%s: %s=%g, gold says %g (quote %q)", r.File, v.Key, v.Value, want, v.Figure.Quote)
		default:
			s.tp++
			if v.Approx != approx[v.Key] {
				t.Errorf("%s: %s approx=%v, gold says %v", r.File, v.Key, v.Approx, approx[v.Key])
			}
		}
	}
	for _, k := range sortedKeys(r.Metrics) {
		if !got[k] && !ambiguous[k] {
			s.fn++
			t.Logf("%s: missed %s=%g", r.File, k, r.Metrics[k])
		}
	}
	return s
}

// setOf returns the set of ss.
func setOf(ss []string) map[string]bool {
	m := map[string]bool{}
	for _, s := range ss {
		m[s] = true
	}
	return m
}

// sortedKeys returns the keys of m in order.
func sortedKeys(m map[string]float64) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// seedPassages turns a plain-text report into passages through the document
// parser, as the site does.
func seedPassages(t testing.TB, file, src string) []Passage {
	d, _ := document.ParseText(file, src)
	return FromDocument(d)
}

// TestCorpus runs Extract on the synthetic reports of testdata/corpus:
// quotes must be true to the text, output deterministic, and figures found.
func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/corpus/*.txt")
	cat := loadCatalog(t)
	keyed := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ps := seedPassages(t, f, string(src))
		figs := Extract(cat, ps)
		byAnchor := map[string]Passage{}
		for _, p := range ps {
			byAnchor[p.Anchor] = p
		}
		for _, fg := range figs {
			checkQuotes(t, byAnchor[fg.Anchor], []Figure{fg})
			if fg.Key != "" {
				keyed++
			}
		}
		if again := Extract(cat, ps); !reflect.DeepEqual(again, figs) {
			t.Errorf("%s: Extract is not deterministic", f)
		}
	}
	if len(files) == 0 || keyed == 0 {
		t.Errorf("%d reports, %d keyed figures", len(files), keyed)
	}
}
