package metrics

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{
		"1927件", "99.96%", "3万余份", "163.35万元", "１２３", "1,234,567", "一百二十三", "二〇二四年",
		"两千余", "超过20万人", "95%以上", "百分之九十五", "三千五", "一亿二千万", "十十", "30余万", "百余",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, size, ok := ParseNumber(s)
		if !ok {
			if size != 0 || n != (Number{}) {
				t.Fatalf("ParseNumber(%q) = %+v, %d, false", s, n, size)
			}
			return
		}
		if size <= 0 || size > len(s) || n.Text != s[:size] {
			t.Fatalf("ParseNumber(%q): size %d, text %q", s, size, n.Text)
		}
		if math.IsNaN(n.Value) || math.IsInf(n.Value, 0) || n.Value < 0 {
			t.Fatalf("ParseNumber(%q): value %g", s, n.Value)
		}
		if n.Approx != (n.Qualifier != "") {
			t.Fatalf("ParseNumber(%q): approx %v, qualifier %q", s, n.Approx, n.Qualifier)
		}
		if n2, size2, ok2 := ParseNumber(s); n2 != n || size2 != size || !ok2 {
			t.Fatalf("ParseNumber(%q) is not deterministic", s)
		}
	})
}

func FuzzExtract(f *testing.F) {
	for _, c := range readCases(f) {
		f.Add(c.text, strings.Join(c.headings, "\n"))
	}
	seeds, _ := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	for _, s := range seeds {
		src, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range seedPassages(f, s, string(src)) {
			f.Add(p.Text, strings.Join(p.Headings, "\n"))
		}
	}
	cat := loadCatalog(f)
	f.Fuzz(func(t *testing.T, text, headings string) {
		if !utf8.ValidString(text) {
			return
		}
		p := Passage{Anchor: "p1", Text: text}
		if headings != "" {
			p.Headings = strings.Split(headings, "\n")
		}
		figs := Extract(cat, []Passage{p})
		checkQuotes(t, p, figs)
		for _, fg := range figs {
			if math.IsNaN(fg.Value) || math.IsInf(fg.Value, 0) || fg.Rule == "" {
				t.Fatalf("figure %+v", fg)
			}
		}
		if again := Extract(cat, []Passage{p}); !reflect.DeepEqual(again, figs) {
			t.Fatalf("Extract is not deterministic on %q", text)
		}
	})
}

// FuzzSentenceWithoutNumeral checks the invariant behind Extract's
// prefilter: a sentence holding no digit and no Chinese numeral yields no
// figure, so skipping it loses nothing.
func FuzzSentenceWithoutNumeral(f *testing.F) {
	for _, s := range []string{
		"约半数群众参与", "超过规定时限", "近年来逐步推进", "逾期未办结", "大约过半", "数倍增长",
		"全年办理行政复议案件若干件", "将近", "百分比", "同比上升", "１２", "第一", "几十", "办理案件三件", "培训两千余人次",
	} {
		f.Add(s)
	}
	c := compileCatalog(loadCatalog(f))
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		rs := []rune(s)
		if hasNumeral(rs) || len(rs) == 0 {
			return
		}
		if x := c.readSentence(rs, 0, len(rs)); len(x.toks) > 0 {
			t.Fatalf("%q: no numeral, yet a figure %q", s, string(rs[x.toks[0].start:x.toks[0].end]))
		}
	})
}
