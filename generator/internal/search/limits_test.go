package search

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"portal/generator/internal/diag"

	"portal/generator/internal/heaptest"
)

// TestLongWordsExact indexes words longer than maxWordBytes, and words
// that their pieces could be mistaken for, and expects every query to
// match exactly the reports that hold it as a whole word: as the oracle
// says, and as written here.
func TestLongWordsExact(t *testing.T) {
	rep := strings.Repeat
	a40, a32, a8 := rep("a", 40), rep("a", 32), rep("a", 8)
	mk := func(url string, text string) Doc {
		return Doc{Title: "报告", URL: url, Province: "测试省", ProvinceKey: "test", County: "甲县", CountyKey: "t",
			Agency: "某局", AgencyFull: "甲县某局", Year: 2024, Passages: []Passage{{Anchor: "p1", Text: text}}}
	}
	docs := []Doc{
		mk("whole/", "编号"+strings.ToUpper(a40)+"。"),        // the 40-letter word, in capitals
		mk("spaced/", a32+" "+a8),                          // its two pieces as two words
		mk("longer/", a40+"b"),                             // a longer word it starts
		mk("later/", "b"+a40),                              // a longer word it ends
		mk("twice/", rep("a", 72)),                         // 40 letters twice over, less 8
		mk("short/", "记"+a8+"录"),                           // the last piece alone
		mk("digits/", "共"+rep("7", 31)+".25"+rep("8", 40)), // a decimal cut at the limit
		mk("phrase/", "信访"+a40+"局"+rep("x", 100)+"结束"),     // long words inside a phrase
	}
	s, _ := buildIndex(t, docs, Options{})
	order := orderDocs(docs)
	for _, c := range []struct {
		q    string
		want []string
	}{
		{a40, []string{"whole/", "phrase/"}},
		{strings.ToUpper(a40), []string{"whole/", "phrase/"}},
		{`"` + a32 + " " + a8 + `"`, []string{"spaced/"}},
		{a8, []string{"spaced/", "short/"}},
		{a32, []string{"spaced/"}},
		{a40 + "b", []string{"longer/"}},
		{rep("a", 72), []string{"twice/"}},
		{rep("a", 64), nil},
		{rep("7", 31) + ".25" + rep("8", 40), []string{"digits/"}},
		{rep("7", 31), nil},
		{"信访" + a40 + "局" + rep("x", 100), []string{"phrase/"}},
		{a40 + "局" + rep("x", 100) + "结束", []string{"phrase/"}},
		{rep("x", 100), []string{"phrase/"}},
		{rep("x", 64), nil},
		{rep("x", 99), nil},
	} {
		res := checkAgainstOracle(t, s, docs, Request{Query: c.q})
		var got []string
		for _, h := range res.Hits {
			got = append(got, docs[order[h.Doc]].URL)
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) && !(len(got) == 0 && len(c.want) == 0) {
			t.Errorf("%.20q… (%d bytes): reports %v, want %v", c.q, len(c.q), got, c.want)
		}
	}
}

// distinctWords returns n distinct lower-case words, separated by spaces
// (no gap: one run), and the bytes they take.
func distinctWords(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.FormatInt(int64(i), 26)) // digits then letters: a word or two
		b.WriteString("x")
	}
	return b.String()
}

// termsDoc is a report with exactly n distinct terms (n ≥ 10): a run of
// distinct units, each a letter word, and single words in passages of
// their own.
func termsDoc(n int) Doc {
	d := Doc{URL: "r/", File: "content/甲省/乙县/某局-2024.txt", Year: 2024}
	run := (n + 6) / 4 // a run of k distinct units has 4k-6 terms
	words := strings.Fields(distinctWords(run + 4))
	var b strings.Builder
	for i, w := range words[:run] {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(lettersOnly(w))
	}
	d.Passages = append(d.Passages, Passage{Anchor: "p1", Text: b.String()})
	for i := range n - (4*run - 6) {
		d.Passages = append(d.Passages, Passage{Anchor: "q" + strconv.Itoa(i), Text: "、" + lettersOnly(words[run+i]) + "。"})
	}
	return d
}

// lettersOnly spells the digits of a base-26 word as letters, so that
// it is one unit.
func lettersOnly(w string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return 'q' + (r - '0')
		}
		return r
	}, w)
}

// TestReportTermLimit analyses reports of exactly maxReportTerms terms
// and one more: the first is indexed, the second is over the limit.
func TestReportTermLimit(t *testing.T) {
	for _, n := range []int{maxReportTerms, maxReportTerms + 1} {
		d := termsDoc(n)
		a := &analyzer{words: &interner{ids: map[string]uint32{}}, table: newGramTable()}
		r := &docResult{}
		a.analyze(&d, 0, r)
		if over := n > maxReportTerms; r.over != over || !over && len(r.grams) != n {
			t.Errorf("%d terms: over = %v with %d grams, want over = %v", n, r.over, len(r.grams), over)
		}
	}
	// A report far past the limit, in one run of distinct words, is
	// given up soon after the limit: its words are not all read.
	d := Doc{Passages: []Passage{{Text: distinctWords(1 << 20)}}}
	a := &analyzer{words: &interner{ids: map[string]uint32{}}, table: newGramTable()}
	r := &docResult{}
	a.analyze(&d, 0, r)
	if words := len(a.words.words); !r.over || words > maxReportTerms/4+runChunk {
		t.Errorf("1M distinct words: over = %v after reading %d words", r.over, words)
	}
}

// TestReportTermLimitError builds an index with reports past the limit
// in two years among ordinary ones: the build fails with one error per
// such report, naming its file (its URL when it has none), and nothing
// else.
func TestReportTermLimitError(t *testing.T) {
	docs := generateDocs(40, 3)
	big := Doc{URL: "big/", File: "content/甲省/乙县/某局-2023.md", Year: 2023,
		Passages: []Passage{{Text: distinctWords(maxReportTerms / 3)}}}
	docs = append(docs, big)
	big.File, big.URL, big.Year = "", "big2/", 2021
	docs = append(docs, big)
	m := newMemFiles()
	_, err := Build(docs, Options{}, m.add)
	le, ok := err.(diag.ListError)
	if !ok || len(le) != 2 {
		t.Fatalf("err = %v, want two problems", err)
	}
	le = slicesSorted(le)
	for i, file := range []string{"big2/", "content/甲省/乙县/某局-2023.md"} {
		p := le[i]
		if p.Pos.File != file || p.Severity != diag.Error || !strings.Contains(p.Message, "split the report") {
			t.Errorf("problem %d: %v, want an error naming %s", i, p, file)
		}
	}
}

// slicesSorted returns l sorted as diag sorts problems.
func slicesSorted(l diag.ListError) diag.ListError {
	s := diag.List(l)
	s.Sort()
	return diag.ListError(s)
}

// BenchmarkIndexHostile builds the index of one report of 19 MB of
// distinct words (3.7 GB of heap and 8.8 million terms before the limit,
// an error now) and of one report just under the term limit, and
// reports the peak heap against the bytes in.
func BenchmarkIndexHostile(b *testing.B) {
	for _, c := range []struct {
		name string
		doc  func() Doc
	}{
		{"distinct_words_19MB", func() Doc {
			return Doc{URL: "r/", Year: 2024, Passages: []Passage{{Text: distinctWords(19 << 20 / 6)}}}
		}},
		{"long_words_19MB", func() Doc {
			return Doc{URL: "r/", Year: 2024, Passages: []Passage{{Text: strings.Repeat(strings.Repeat("q", 99)+"x ", 19<<20/101)}}}
		}},
		{"at_term_limit", func() Doc { return termsDoc(maxReportTerms) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			d := c.doc()
			size := 0
			for _, p := range d.Passages {
				size += len(p.Text)
			}
			b.SetBytes(int64(size))
			var peak uint64
			for b.Loop() {
				peak = max(peak, heaptest.PeakHeap(func() {
					_, _ = Build([]Doc{d}, Options{}, newMemFiles().add)
				}))
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
			b.ReportMetric(float64(size)/(1<<20), "in-MiB")
		})
	}
}

// TestLongRun indexes passages longer than runChunk units without a gap,
// which the analyzer indexes piece by piece, and expects phrases across
// the pieces to match as the oracle says, positions and all.
func TestLongRun(t *testing.T) {
	alphabet := []rune("法治政府建设信访局") // few units: grams repeat
	rnd := rand.New(rand.NewPCG(5, 6))
	var docs []Doc
	for i := range 4 {
		var b strings.Builder
		for range 3*runChunk + 100 {
			b.WriteRune(alphabet[rnd.IntN(len(alphabet))])
		}
		docs = append(docs, Doc{Title: "报告", URL: fmt.Sprintf("r%d/", i), Province: "测试省", ProvinceKey: "t", County: "甲县",
			CountyKey: "t", Agency: "某局", AgencyFull: "甲县某局", Year: 2024, Passages: []Passage{{Anchor: "p1", Text: b.String()}}})
	}
	s, _ := buildIndex(t, docs, Options{})
	text := []rune(docs[1].Passages[0].Text)
	for _, at := range []int{0, runChunk - 6, runChunk - 4, runChunk - 3, runChunk - 1, 2*runChunk - 5, 3*runChunk - 4, len(text) - 12} {
		for _, n := range []int{2, 4, 5, 9, 12} {
			q := string(text[at : at+n])
			if res := checkAgainstOracle(t, s, docs, Request{Query: q}); res.Total == 0 {
				t.Errorf("%q at unit %d: no report", q, at)
			}
		}
	}
}

// BenchmarkIndexCorpus builds the index of the corpus in $SEARCH_CORPUS
// (gencorpus.py --format plain), and reports its peak heap and size.
func BenchmarkIndexCorpus(b *testing.B) {
	dir := os.Getenv("SEARCH_CORPUS")
	if dir == "" {
		b.Skip("SEARCH_CORPUS not set")
	}
	docs := loadPlainCorpus(b, dir)
	size := 0
	for _, d := range docs {
		for _, p := range d.Passages {
			size += len(p.Text)
		}
	}
	b.SetBytes(int64(size))
	var peak uint64
	var st Stats
	for b.Loop() {
		peak = max(peak, heaptest.PeakHeap(func() {
			var err error
			if st, err = Build(docs, Options{}, newMemFiles().add); err != nil {
				b.Fatal(err)
			}
		}))
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
	b.ReportMetric(float64(st.DirBytes+st.PostingBytes+st.PositionBytes+st.FragmentBytes+st.OtherBytes)/1e6, "index-MB")
	b.ReportMetric(float64(st.Terms), "terms")
}

// A panic while analysing a report (a bug, on whatever text) is an error
// naming the report, not the end of the process; the others are analysed.
func TestAnalyzePanicIsAnError(t *testing.T) {
	docs := generateDocs(20, 2)
	docs[7].File = "content/甲省/乙县/某局-2024.txt"
	analyzeHook = func(d *Doc) {
		if d.File == "content/甲省/乙县/某局-2024.txt" {
			panic("boom")
		}
	}
	defer func() { analyzeHook = nil }()
	_, err := Build(docs, Options{}, newMemFiles().add)
	le, ok := err.(diag.ListError)
	if !ok || len(le) != 1 || le[0].Pos.File != docs[7].File || !strings.Contains(le[0].Message, "internal error while indexing: boom") {
		t.Fatalf("err = %v, want one error naming %s", err, docs[7].File)
	}
	analyzeHook = nil
	if _, err := Build(docs, Options{}, newMemFiles().add); err != nil {
		t.Fatalf("without the panic: %v", err)
	}
}
