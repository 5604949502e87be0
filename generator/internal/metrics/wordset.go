package metrics

import "sort"

// wordSet is a vocabulary list for prefix matching: the longest word that
// starts a text wins, found through an index by first rune.
type wordSet struct {
	words   []string // longest first
	forms   [][]rune // the runes of words
	byFirst map[rune][]int
	starts  runeSet // the first runes of words: most runes start none
}

// runeSet is a set of runes of the Basic Multilingual Plane as a bitmap,
// for a test far cheaper than a map lookup.
type runeSet [1 << 16 / 64]uint64

func (s *runeSet) add(r rune) {
	if uint32(r) < 1<<16 {
		s[r/64] |= 1 << (r % 64)
	}
}

// mayHave reports whether r may be in the set: always outside the BMP.
func (s *runeSet) mayHave(r rune) bool {
	return uint32(r) >= 1<<16 || s[r/64]&(1<<(r%64)) != 0
}

// newWordSet builds a set from words.
func newWordSet(words ...string) *wordSet {
	ws := append([]string(nil), words...)
	sort.SliceStable(ws, func(a, b int) bool { return runeLen(ws[a]) > runeLen(ws[b]) })
	s := &wordSet{words: ws, byFirst: map[rune][]int{}}
	for i, w := range ws {
		f := []rune(w)
		s.forms = append(s.forms, f)
		if len(f) > 0 {
			s.byFirst[f[0]] = append(s.byFirst[f[0]], i)
			s.starts.add(f[0])
		}
	}
	return s
}

// prefix returns the longest word of s that rs starts with, or "".
func (s *wordSet) prefix(rs []rune) string {
	if len(rs) == 0 || !s.starts.mayHave(rs[0]) {
		return ""
	}
	for _, i := range s.byFirst[rs[0]] {
		if f := s.forms[i]; len(f) <= len(rs) && runesEqual(rs[:len(f)], f) {
			return s.words[i]
		}
	}
	return ""
}
