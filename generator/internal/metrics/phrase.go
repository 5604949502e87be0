package metrics

import (
	"sort"
	"strings"
	"unicode"

	"portal/generator/internal/config"
)

// Phrase syntax (the phrases of a catalog entry):
//
//	信访总量          the literal words
//	覆盖*群众         覆盖, then 群众 within maxPhraseGap Chinese characters (覆盖城乡群众)
//	矛盾纠纷…化解率   化解率, in a sentence that mentions 矛盾纠纷 before it
//
// The part after … is what stands next to the number; the part before it only
// sets the topic. Where phrases overlap, the longest wins, then the one with a
// topic, so 按期办结率 beats 办结率 and 矛盾纠纷…化解率 beats 化解率. A
// phrase also covers a generic complement right after it (法治学习活动,
// 学习法律法规专题知识: see complements).

// maxPhraseGap is how many characters a * may stand for.
const maxPhraseGap = 6

// pattern is one compiled phrase of one metric.
type pattern struct {
	metric int
	ctx    []rune // topic that must come earlier in the sentence, or nil
	head   []rune // the words next to the number
	tail   []rune // after a *: words that follow head within maxPhraseGap
	rate   bool   // the phrase names a rate (ends with 率)
}

// phraseMatch is a phrase found in a sentence, with every metric it names.
type phraseMatch struct {
	start, end int // rune offsets in the passage
	ctxLen     int
	metrics    []int // catalog indices, ascending
}

// compilePattern parses one phrase; ok is false for an empty phrase.
func compilePattern(metric int, phrase string) (pattern, bool) {
	p := pattern{metric: metric}
	s := strings.ReplaceAll(strings.TrimSpace(phrase), "...", "…")
	if ctx, rest, ok := strings.Cut(s, "…"); ok {
		p.ctx = []rune(strings.TrimSpace(ctx))
		s = strings.TrimSpace(rest)
	}
	head, tail, _ := strings.Cut(s, "*")
	p.head = []rune(strings.TrimSpace(head))
	p.tail = []rune(strings.TrimSpace(tail))
	p.rate = strings.HasSuffix(s, "率")
	return p, len(p.head) > 0
}

// matchAt returns the end of p matched at rs[i:e], or -1.
func (p *pattern) matchAt(rs []rune, i, e int) int {
	end := i + len(p.head)
	if end > e || !runesEqual(rs[i:end], p.head) {
		return -1
	}
	if len(p.tail) == 0 {
		return end
	}
	for j := end; j <= end+maxPhraseGap && j+len(p.tail) <= e; j++ {
		if runesEqual(rs[j:j+len(p.tail)], p.tail) {
			return j + len(p.tail)
		}
		if !unicode.Is(unicode.Han, rs[j]) {
			break
		}
	}
	return -1
}

// phraseCand is one phrase found at one place, before overlaps are settled.
type phraseCand struct {
	start, end, ctxLen, metric int
}

// findPhrases returns the phrases of sentence rs[s:e], left to right, not
// overlapping and outside book titles and quotations.
func (c *catalog) findPhrases(rs []rune, s, e int, mask []uint8) []phraseMatch {
	return withComplements(rs, s, e, mask, settleOverlaps(c.phraseCands(rs, s, e, mask)))
}

// complements are generic nouns the genre puts after a name before its
// count, which leave the name what it is: 法治学习活动12次 is 法治学习 12次,
// 学习法律法规专题知识12场次 is 学习法律法规 12场次.
var complements = newWordSet("活动", "专题知识", "知识")

// withComplements widens each phrase of ms over a complement right after
// it, unless the complement is in a book title or another phrase starts in
// it.
func withComplements(rs []rune, s, e int, mask []uint8, ms []phraseMatch) []phraseMatch {
	for i := range ms {
		w := complements.prefix(rs[ms[i].end:e])
		if w == "" {
			continue
		}
		end := ms[i].end + runeLen(w)
		if i+1 < len(ms) && ms[i+1].start < end || masked(mask, s, ms[i].end, end, maskTitle) {
			continue
		}
		ms[i].end = end
	}
	return ms
}

// phraseCands returns every phrase found in sentence rs[s:e]. A phrase that
// is only the start of a rate (化解 in 化解率) is not one.
func (c *catalog) phraseCands(rs []rune, s, e int, mask []uint8) []phraseCand {
	var cands []phraseCand
	for i := s; i < e; i++ {
		if mask[i-s]&maskTitle != 0 || !c.heads.mayHave(rs[i]) {
			continue
		}
		for _, pi := range c.byFirst[rs[i]] {
			p := &c.pats[pi]
			end := p.matchAt(rs, i, e)
			if end < 0 || masked(mask, s, i, end, maskTitle) || (end < e && rs[end] == '率' && !p.rate) {
				continue
			}
			if len(p.ctx) > 0 && !containsRunes(rs[s:i], p.ctx) {
				continue
			}
			cands = append(cands, phraseCand{i, end, len(p.ctx), p.metric})
		}
	}
	return cands
}

// settleOverlaps keeps the longest phrases (then those with a topic) where
// phrases overlap. Metrics sharing a phrase share its match; two overlapping
// phrases of one metric (集中学法 and 学法活动) become one.
func settleOverlaps(cands []phraseCand) []phraseMatch {
	sort.SliceStable(cands, func(a, b int) bool {
		x, y := cands[a], cands[b]
		if lx, ly := x.end-x.start, y.end-y.start; lx != ly {
			return lx > ly
		}
		if x.ctxLen != y.ctxLen {
			return x.ctxLen > y.ctxLen
		}
		return x.start < y.start
	})
	var out []phraseMatch
	for _, k := range cands {
		if i := sameMatch(out, k.start, k.end, k.ctxLen); i >= 0 {
			out[i].metrics = addIndex(out[i].metrics, k.metric)
			continue
		}
		if i := overlapping(out, k.start, k.end); i >= 0 {
			joinSame(out, i, k)
			continue
		}
		out = append(out, phraseMatch{start: k.start, end: k.end, ctxLen: k.ctxLen, metrics: []int{k.metric}})
	}
	sort.Slice(out, func(a, b int) bool { return out[a].start < out[b].start })
	return out
}

// joinSame widens out[i] to cover k if both name the same single metric and
// the union overlaps nothing else.
func joinSame(out []phraseMatch, i int, k phraseCand) {
	m := &out[i]
	s, e := min(m.start, k.start), max(m.end, k.end)
	if len(m.metrics) == 1 && m.metrics[0] == k.metric && m.ctxLen == k.ctxLen && overlapCount(out, s, e) == 1 {
		m.start, m.end = s, e
	}
}

// masked reports whether any rune of rs[i:j] has one of the mask bits.
func masked(mask []uint8, s, i, j int, bits uint8) bool {
	for k := i; k < j; k++ {
		if mask[k-s]&bits != 0 {
			return true
		}
	}
	return false
}

// sameMatch returns the index of a match in out with the same span and
// topic length, or -1.
func sameMatch(out []phraseMatch, start, end, ctxLen int) int {
	for i, m := range out {
		if m.start == start && m.end == end && m.ctxLen == ctxLen {
			return i
		}
	}
	return -1
}

// overlapCount returns how many matches in out overlap [start,end).
func overlapCount(out []phraseMatch, start, end int) int {
	n := 0
	for _, m := range out {
		if start < m.end && m.start < end {
			n++
		}
	}
	return n
}

// overlapping returns the index of a match in out that overlaps
// [start,end), or -1.
func overlapping(out []phraseMatch, start, end int) int {
	for i, m := range out {
		if start < m.end && m.start < end {
			return i
		}
	}
	return -1
}

// addIndex adds i to the ascending list xs if it is not there yet.
func addIndex(xs []int, i int) []int {
	k := sort.SearchInts(xs, i)
	if k < len(xs) && xs[k] == i {
		return xs
	}
	xs = append(xs, 0)
	copy(xs[k+1:], xs[k:])
	xs[k] = i
	return xs
}

// runesEqual reports whether a and b hold the same runes.
func runesEqual(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// containsRunes reports whether sub occurs in rs.
func containsRunes(rs, sub []rune) bool {
	for i := 0; i+len(sub) <= len(rs); i++ {
		if runesEqual(rs[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// catalog is the compiled metric catalog.
type catalog struct {
	metrics []config.Metric
	pats    []pattern
	byFirst map[rune][]int // patterns by the first rune of their head
	heads   runeSet        // the keys of byFirst
	changes map[string]int // base key → index of its change metric
}

// compileCatalog compiles the phrases of every metric. A metric without
// phrases is named by its label.
func compileCatalog(ms []config.Metric) *catalog {
	c := &catalog{metrics: ms, byFirst: map[rune][]int{}, changes: map[string]int{}}
	for i, m := range ms {
		phrases := m.Phrases
		if len(phrases) == 0 {
			phrases = []string{m.Label}
		}
		for _, ph := range phrases {
			if p, ok := compilePattern(i, ph); ok {
				c.byFirst[p.head[0]] = append(c.byFirst[p.head[0]], len(c.pats))
				c.heads.add(p.head[0])
				c.pats = append(c.pats, p)
			}
		}
		if m.Kind == config.KindChange && m.Base != "" {
			if _, dup := c.changes[m.Base]; !dup {
				c.changes[m.Base] = i
			}
		}
	}
	return c
}
