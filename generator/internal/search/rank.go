package search

import (
	"cmp"
	"math"
)

// Ranking is BM25 over the body, with fixed bonuses that put a hit in the
// title or metadata above a hit in a heading, and a heading hit above any
// body hit. Everything the client compares is an integer, computed the
// same way in Go and JavaScript, so both order results identically.
//
// The build stores, for each (gram, report), the body weight
// w = tf·(k1+1) / (tf + k1·K) quantised to 0..63, where K is the report's
// length factor 1−b+b·len/refLength quantised to 1/32 steps (kq). The score
// of a report is Σ over the query's terms of idf(term) × (w + H·hBonus +
// T·tBonus), where idf is quantised to 1/64 steps. Ties go to the lower
// report number, which is the newer year (reports are numbered newest
// year first, then in site order).
const (
	bm25K1     = 1.2
	bm25B      = 0.75
	weightMax  = 63  // w is 0..weightMax
	headBonus  = 80  // > weightMax: a heading hit beats any body hit
	titleBonus = 160 // > weightMax+headBonus: a title hit beats both
	kqScale    = 32
	// refLength stands for BM25's average report length, in units: about
	// what an annual report of 3,000 characters has. A fixed length, not
	// the corpus's average, keeps a report's weights a function of its own
	// text, so that a new report changes no other report's postings and
	// each year's shard of the index can be built on its own; the corpus
	// still counts through idf, taken when a query runs.
	refLength = 3000
)

// lengthFactor quantises K = 1−b+b·len/refLength to kq = round(32·K),
// 1..255.
func lengthFactor(length int) int {
	k := 1 - bm25B + bm25B*float64(length)/refLength
	return min(max(int(math.Floor(k*kqScale+0.5)), 1), 255)
}

// bodyWeight returns the quantised BM25 weight of tf body occurrences in a
// report with length factor kq. search.js: bodyWeight.
func bodyWeight(tf, kq int) int {
	if tf <= 0 {
		return 0
	}
	t := float64(tf)
	w := t * (bm25K1 + 1) / (t + bm25K1*float64(kq)/kqScale)
	return min(int(math.Floor(w/(bm25K1+1)*weightMax+0.5)), weightMax)
}

// idfWeight returns the quantised inverse document frequency of a term
// found in df of n reports. search.js: idfWeight.
func idfWeight(df, n int) int {
	x := math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
	return max(int(math.Floor(x*64+0.5)), 1)
}

// termScore is one term's contribution before idf.
func termScore(p payload) int {
	s := p.weight()
	if p.heading() {
		s += headBonus
	}
	if p.title() {
		s += titleBonus
	}
	return s
}

// compareHits orders hits by score, highest first, then by report number.
func compareHits(a, b Hit) int {
	return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Doc, b.Doc))
}
