package metrics

import "sort"

// span is a range of runes [start, end) in a passage.
type span struct{ start, end int }

// elem is a phrase or a figure of a sentence, in text order.
type elem struct {
	start, end int
	ph         *phraseMatch
	t          *tok
	paren      bool // inside parentheses
}

// sentence is one sentence of a passage while it is being read.
type sentence struct {
	c       *catalog
	rs      []rune // the whole passage
	s, e    int
	mask    []uint8 // mask of rs[s:e]
	phrases []phraseMatch
	toks    []*tok
	periods []int // where a part of the year is named (scanTokens)
	elems   []elem
	clauses []span
}

// endsSentence reports whether r ends a sentence.
func endsSentence(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '；', ';', '\n', '\r':
		return true
	}
	return false
}

// maxSentence bounds the length of a sentence; a longer run of text without
// an end mark is cut, which keeps the rules linear on any input.
const maxSentence = 1000

// splitSentences returns the sentences of rs, without their end marks.
func splitSentences(rs []rune) []span {
	var out []span
	start := 0
	for i, r := range rs {
		if i-start >= maxSentence {
			out = append(out, span{start, i})
			start = i
		}
		if endsSentence(r) {
			if i > start {
				out = append(out, span{start, i})
			}
			start = i + 1
		}
	}
	if start < len(rs) {
		out = append(out, span{start, len(rs)})
	}
	return out
}

// readSentence finds the phrases and figures of rs[s:e] and splits it into
// clauses, ready for the rules.
func (c *catalog) readSentence(rs []rune, s, e int) *sentence {
	x := &sentence{c: c, rs: rs, s: s, e: e, mask: computeMask(rs, s, e)}
	x.phrases = c.findPhrases(rs, s, e, x.mask)
	x.toks, x.periods = scanTokens(rs, s, e, x.mask, x.phrases)
	planAt := planStart(rs, s, e, x.mask)
	subAt := x.index("其中")
	subInParen := subAt < e && x.inParen(subAt)
	for _, t := range x.toks {
		t.plan = t.start >= planAt
		t.sub = t.start >= subAt && (!subInParen || t.paren)
	}
	x.buildElems()
	x.clauses = x.splitClauses()
	return x
}

// index returns the offset of the first word w outside names, or e.
func (x *sentence) index(w string) int {
	for i := x.s; i < x.e; i++ {
		if x.mask[i-x.s]&maskName == 0 && hasPrefix(x.rs[i:x.e], w) {
			return i
		}
	}
	return x.e
}

// buildElems lists phrases and figures in text order.
func (x *sentence) buildElems() {
	for i := range x.phrases {
		p := &x.phrases[i]
		x.elems = append(x.elems, elem{start: p.start, end: p.end, ph: p, paren: x.inParen(p.start)})
	}
	for _, t := range x.toks {
		x.elems = append(x.elems, elem{start: t.start, end: t.end, t: t, paren: t.paren})
	}
	sort.SliceStable(x.elems, func(a, b int) bool { return x.elems[a].start < x.elems[b].start })
}

// inParen reports whether rune i is inside parentheses.
func (x *sentence) inParen(i int) bool { return x.mask[i-x.s]&maskParen != 0 }

// splitClauses cuts the sentence at commas outside brackets, then joins a
// piece that only continues the one before it (，同比下降61.71%).
func (x *sentence) splitClauses() []span {
	var out []span
	for _, seg := range x.segments() {
		if len(out) > 0 && x.continues(seg) {
			out[len(out)-1].end = seg.end
			continue
		}
		out = append(out, seg)
	}
	for ci, cl := range out {
		for _, t := range x.toks {
			if t.start >= cl.start && t.start < cl.end {
				t.clause = ci
			}
		}
	}
	return out
}

// segments returns the pieces of the sentence between commas.
func (x *sentence) segments() []span {
	var out []span
	start := x.s
	for i := x.s; i < x.e; i++ {
		r := x.rs[i]
		if (r == '，' || r == ',') && x.mask[i-x.s] == 0 && !x.inTok(i) && !x.betweenDigits(i) {
			out = append(out, span{start, i})
			start = i + 1
		}
	}
	return append(out, span{start, x.e})
}

// betweenDigits reports whether rune i is a half-width comma between digits.
func (x *sentence) betweenDigits(i int) bool {
	return x.rs[i] == ',' && i > x.s && i+1 < x.e && digitValue(x.rs[i-1]) >= 0 && digitValue(x.rs[i+1]) >= 0
}

// inTok reports whether rune i belongs to a figure (1,234).
func (x *sentence) inTok(i int) bool {
	for _, t := range x.toks {
		if i >= t.start && i < t.end {
			return true
		}
	}
	return false
}

// continues reports whether a segment only continues the clause before it:
// its first element is a figure preceded by nothing but a change marker
// (同比下降, 件次、人次同比下降) or 分别/均.
func (x *sentence) continues(seg span) bool {
	for _, el := range x.elems {
		if el.start < seg.start || el.paren {
			continue
		}
		if el.start >= seg.end || el.t == nil {
			return false
		}
		r := trimSpaces(x.rs[seg.start:el.start])
		if eachWords.prefix(r) != "" && isFiller(r) {
			return true
		}
		ci, ok := analyzeChange(r)
		if !ok {
			return false
		}
		_, unitsOK := unitLabels(ci.labels)
		return unitsOK
	}
	return false
}

// containsRune reports whether s contains r.
func containsRune(s string, r rune) bool {
	for _, c := range s {
		if c == r {
			return true
		}
	}
	return false
}

// trimSpaces removes spaces at both ends of rs.
func trimSpaces(rs []rune) []rune {
	for len(rs) > 0 && isSpace(rs[0]) {
		rs = rs[1:]
	}
	for len(rs) > 0 && isSpace(rs[len(rs)-1]) {
		rs = rs[:len(rs)-1]
	}
	return rs
}
