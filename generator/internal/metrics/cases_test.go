package metrics

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// labelledCase is one case of testdata/cases.txt.
type labelledCase struct {
	name     string
	line     int
	headings []string
	text     string
	want     []string // "key=value[~][?]", sorted
}

// readCases parses testdata/cases.txt (format described at its top).
func readCases(t testing.TB) []labelledCase {
	f, err := os.Open("testdata/cases.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []labelledCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || line == "#" || strings.HasPrefix(line, "# "):
		case strings.HasPrefix(line, "## "):
			cases = append(cases, labelledCase{name: line[3:], line: n})
		case len(cases) == 0:
			t.Fatalf("cases.txt:%d: text before the first case", n)
		case strings.HasPrefix(line, "@ "):
			c := &cases[len(cases)-1]
			c.headings = append(c.headings, line[2:])
		case strings.HasPrefix(line, "=> "):
			c := &cases[len(cases)-1]
			if w := strings.TrimSpace(line[3:]); w != "none" {
				c.want = append(c.want, normalizeWant(t, n, w))
			}
		default:
			cases[len(cases)-1].text += line
		}
	}
	for i := range cases {
		sort.Strings(cases[i].want)
	}
	return cases
}

// normalizeWant turns "key=12.50 ~" into "key=12.5~".
func normalizeWant(t testing.TB, n int, w string) string {
	key, rest, ok := strings.Cut(w, "=")
	fields := strings.Fields(rest)
	if !ok || len(fields) == 0 {
		t.Fatalf("cases.txt:%d: want key=value, got %q", n, w)
	}
	v, err := strconv.ParseFloat(fields[0], 64)
	if err != nil {
		t.Fatalf("cases.txt:%d: %v", n, err)
	}
	return figureLabel(strings.TrimSpace(key), v, strings.Contains(rest, "~"), strings.Contains(rest, "?"))
}

// figureLabel formats a keyed figure the way cases.txt writes it.
func figureLabel(key string, v float64, approx, ambiguous bool) string {
	s := key + "=" + strconv.FormatFloat(math.Round(v*1e6)/1e6, 'f', -1, 64)
	if approx {
		s += "~"
	}
	if ambiguous {
		s += "?"
	}
	return s
}

// keyedLabels returns the labels of the keyed figures, sorted and unique.
func keyedLabels(figs []Figure) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range figs {
		l := figureLabel(f.Key, f.Value, f.Approx, f.Ambiguous)
		if f.Key != "" && !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}

func TestCases(t *testing.T) {
	cat := loadCatalog(t)
	cases := readCases(t)
	if len(cases) < 40 {
		t.Errorf("only %d labelled cases, want at least 40", len(cases))
	}
	tp, fp, fn := 0, 0, 0
	for _, c := range cases {
		p := Passage{Anchor: fmt.Sprintf("L%d", c.line), Text: c.text, Headings: c.headings}
		figs := Extract(cat, []Passage{p})
		checkQuotes(t, p, figs)
		got := keyedLabels(figs)
		a, b, d := compareLabels(got, c.want)
		tp, fp, fn = tp+a, fp+b, fn+d
		if b > 0 || d > 0 {
			t.Errorf("cases.txt:%d %s\n  text: %s\n  got:  %v\n  want: %v\n  all:  %s", c.line, c.name, c.text, got, c.want, describe(figs))
		}
	}
	t.Logf("cases: %d, keyed figures: precision %.3f, recall %.3f (tp %d, fp %d, fn %d)",
		len(cases), ratio(tp, tp+fp), ratio(tp, tp+fn), tp, fp, fn)
}

// compareLabels counts labels in both, only in got, only in want.
func compareLabels(got, want []string) (both, onlyGot, onlyWant int) {
	w := map[string]bool{}
	for _, x := range want {
		w[x] = true
	}
	for _, x := range got {
		if w[x] {
			both++
			delete(w, x)
		} else {
			onlyGot++
		}
	}
	return both, onlyGot, len(w)
}

// ratio is a/b, 1 when b is 0.
func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// describe prints figures for a failure message.
func describe(figs []Figure) string {
	var b strings.Builder
	for _, f := range figs {
		fmt.Fprintf(&b, "\n    %q=%g %s approx=%v amb=%v rule=%s quote=%q", f.Key, f.Value, f.Unit, f.Approx, f.Ambiguous, f.Rule, f.Quote)
	}
	return b.String()
}

// checkQuotes checks that every figure quotes its passage at its offsets.
func checkQuotes(t testing.TB, p Passage, figs []Figure) {
	t.Helper()
	rs := []rune(p.Text)
	for _, f := range figs {
		if f.Start < 0 || f.End > len(rs) || f.Start > f.End || string(rs[f.Start:f.End]) != f.Quote {
			t.Errorf("%s: quote %q is not the passage text at [%d,%d)", p.Anchor, f.Quote, f.Start, f.End)
		}
		if f.Anchor != p.Anchor {
			t.Errorf("%s: figure anchor %q", p.Anchor, f.Anchor)
		}
	}
}
