package metrics

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"portal/generator/internal/document"
)

// realCorpusDir holds the development corpus of real report openings
// (SOURCES.toml says where each comes from) and their hand-labelled
// figures (gold.toml).
const realCorpusDir = "../../testdata/corpus"

// The levels TestRealCorpusGold holds the extractor to on the real corpus.
// Raise them when the extractor improves; never lower them to let a change
// in.
const (
	realCorpusMinRecall    = 0.95
	realCorpusMinPrecision = 1.0
)

// tally counts true positives, false positives and false negatives.
type tally struct{ tp, fp, fn int }

func (s tally) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s tally) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

// add adds o to s.
func (s *tally) add(o tally) { s.tp, s.fp, s.fn = s.tp+o.tp, s.fp+o.fp, s.fn+o.fn }

// corpusScore is the tally of a scoring run, overall and per metric, with a
// line for every mistake.
type corpusScore struct {
	total     tally
	byMetric  map[string]*tally
	mistakes  []string
	approxBad []string
}

// metric returns the tally of key.
func (c *corpusScore) metric(key string) *tally {
	if c.byMetric[key] == nil {
		c.byMetric[key] = &tally{}
	}
	return c.byMetric[key]
}

// TestRealCorpusGold runs the extractor on every text of the development
// corpus as a build does (document.ParseText, FromDocument,
// Extractor.CatalogFigures, then Merge for the published values) and
// compares the published values with the hand-labelled gold: recall and
// precision per metric and overall are logged, and held to the levels
// reached. A value is right when gold has its key with the same value;
// keys gold calls ambiguous count neither way.
func TestRealCorpusGold(t *testing.T) {
	gold := readRealGold(t)
	score := scoreRealCorpus(t, NewExtractor(loadCatalog(t)), gold)
	for _, k := range sortedTallyKeys(score.byMetric) {
		s := score.byMetric[k]
		t.Logf("%-26s recall %.3f precision %.3f (tp %d, fp %d, fn %d)", k, s.recall(), s.precision(), s.tp, s.fp, s.fn)
	}
	for _, m := range score.mistakes {
		t.Log(m)
	}
	t.Logf("real corpus, %d texts: recall %.3f, precision %.3f (tp %d, fp %d, fn %d)",
		len(gold.Report), score.total.recall(), score.total.precision(), score.total.tp, score.total.fp, score.total.fn)
	if r, p := score.total.recall(), score.total.precision(); r < realCorpusMinRecall || p < realCorpusMinPrecision {
		t.Errorf("real corpus: recall %.3f (want ≥ %.2f), precision %.3f (want ≥ %.2f)", r, realCorpusMinRecall, p, realCorpusMinPrecision)
	}
	for _, m := range score.approxBad {
		t.Error(m)
	}
}

// readRealGold reads gold.toml and checks that it labels every text of
// the corpus, and only those.
func readRealGold(t *testing.T) goldFile {
	t.Helper()
	var gold goldFile
	md, err := toml.DecodeFile(filepath.Join(realCorpusDir, "gold.toml"), &gold)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range md.Undecoded() {
		if !isGoldPlaceKey(k.String()) {
			t.Errorf("gold.toml: unknown key %s", k)
		}
	}
	texts, err := filepath.Glob(filepath.Join(realCorpusDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	labelled := map[string]bool{}
	for _, r := range gold.Report {
		if labelled[r.File] {
			t.Errorf("gold.toml: %s labelled twice", r.File)
		}
		labelled[r.File] = true
	}
	for _, f := range texts {
		if !labelled[filepath.Base(f)] {
			t.Errorf("gold.toml: %s is not labelled", filepath.Base(f))
		}
		delete(labelled, filepath.Base(f))
	}
	for f := range labelled {
		t.Errorf("gold.toml: %s labels a text the corpus does not have", f)
	}
	if len(texts) < 40 {
		t.Errorf("the corpus has %d texts, want at least 40", len(texts))
	}
	return gold
}

// isGoldPlaceKey reports whether key is one of the facts about the report
// that gold.toml carries for navigation and the scorer does not read.
func isGoldPlaceKey(key string) bool {
	for _, k := range []string{"agency", "county", "city", "province"} {
		if key == "report."+k {
			return true
		}
	}
	return false
}

// scoreRealCorpus extracts the published values of every labelled text
// and scores them against its gold.
func scoreRealCorpus(t testing.TB, ex *Extractor, gold goldFile) *corpusScore {
	t.Helper()
	score := &corpusScore{byMetric: map[string]*tally{}}
	for _, r := range gold.Report {
		src, err := os.ReadFile(filepath.Join(realCorpusDir, r.File))
		if err != nil {
			t.Fatal(err)
		}
		values := publishedValues(t, ex, r.File, string(src))
		score.report(r, values)
	}
	return score
}

// publishedValues returns what a build publishes from the text src of file.
func publishedValues(t testing.TB, ex *Extractor, file, src string) []Value {
	t.Helper()
	d, _ := document.ParseText(file, src)
	figures, err := ex.CatalogFigures(FromDocument(d))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	values, _ := Merge(ex.c.metrics, nil, figures)
	return values
}

// report scores the values of one report against its gold.
func (c *corpusScore) report(r goldReport, values []Value) {
	ambiguous := setOf(r.Notes.Ambiguous)
	approx := setOf(r.Notes.Approx)
	got := map[string]bool{}
	for _, v := range values {
		if ambiguous[v.Key] {
			continue
		}
		got[v.Key] = true
		want, ok := r.Metrics[v.Key]
		var s tally
		switch {
		case !ok:
			s.fp = 1
			c.mistakes = append(c.mistakes, fmt.Sprintf("%s: false %s=%g (quote %q)", r.File, v.Key, v.Value, quoteOf(v)))
		case !sameValue(want, v.Value):
			s.fp, s.fn = 1, 1
			c.mistakes = append(c.mistakes, fmt.Sprintf("%s: %s=%g, gold says %g (quote %q)", r.File, v.Key, v.Value, want, quoteOf(v)))
		default:
			s.tp = 1
			if v.Approx != approx[v.Key] {
				c.approxBad = append(c.approxBad, fmt.Sprintf("%s: %s approx=%v, gold says %v", r.File, v.Key, v.Approx, approx[v.Key]))
			}
		}
		c.metric(v.Key).add(s)
		c.total.add(s)
	}
	for _, k := range sortedKeys(r.Metrics) {
		if !got[k] && !ambiguous[k] {
			c.metric(k).add(tally{fn: 1})
			c.total.add(tally{fn: 1})
			c.mistakes = append(c.mistakes, fmt.Sprintf("%s: missed %s=%g", r.File, k, r.Metrics[k]))
		}
	}
}

// quoteOf returns the clause a value was extracted from.
func quoteOf(v Value) string {
	if v.Figure == nil {
		return ""
	}
	return strings.TrimSpace(v.Figure.Quote)
}

// sortedTallyKeys returns the keys of m in order.
func sortedTallyKeys(m map[string]*tally) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// BenchmarkRealCorpus measures CatalogFigures, as a build calls it, on the
// real corpus, counting the bytes of passage text; parsing is not timed.
func BenchmarkRealCorpus(b *testing.B) {
	files, err := filepath.Glob(filepath.Join(realCorpusDir, "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no corpus: %v", err)
	}
	ex := NewExtractor(loadCatalog(b))
	var reports [][]Passage
	var size int64
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		ps := seedPassages(b, f, string(src))
		for _, p := range ps {
			size += int64(len(p.Text))
		}
		reports = append(reports, ps)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, ps := range reports {
			if _, err := ex.CatalogFigures(ps); err != nil {
				b.Fatal(err)
			}
		}
	}
}
