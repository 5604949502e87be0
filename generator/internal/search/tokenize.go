package search

import (
	"strings"
	"unicode/utf8"
)

// The tokeniser is shared, rule for rule, with the browser client
// (client/search.js: fold, classOf, scan). Change both together; the
// browser test compares them on sample text.

// Character classes after folding.
const (
	classPunct  = iota // breaks runs: a gap
	classSpace         // ignored: no gap
	classDigit         // 0-9
	classLetter        // a-z
	classCJK           // one unit per character
)

// fold maps a code point to its search form: full-width ASCII forms
// (U+FF01–U+FF5E) to ASCII, the ideographic space to a space, and ASCII
// capitals to small letters. Nothing else changes.
func fold(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000:
		return ' '
	}
	if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	return r
}

// classOf returns the class of a folded code point.
func classOf(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return classDigit
	case r >= 'a' && r <= 'z':
		return classLetter
	case r < 0x80:
		if r <= ' ' || r == 0x7F {
			return classSpace
		}
		return classPunct
	case isCJK(r):
		return classCJK
	case isSpace(r):
		return classSpace
	}
	return classPunct
}

// isCJK reports whether r is written as one unit per character: Han
// ideographs (URO, extensions A–H, compatibility), 々 and 〇, kana and
// Hangul syllables.
func isCJK(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF,
		r >= 0xF900 && r <= 0xFAFF, r >= 0x20000 && r <= 0x323AF,
		r == 0x3005, r == 0x3007,
		r >= 0x3041 && r <= 0x30FF && r != 0x30FB, // kana, without the middle dot
		r >= 0xAC00 && r <= 0xD7A3:
		return true
	}
	return false
}

// isSpace reports whether the non-ASCII r is white space or an invisible
// formatting character, which the tokeniser skips without a gap.
func isSpace(r rune) bool {
	switch {
	case r == 0x85, r == 0xA0, r == 0xAD, r == 0x1680,
		r >= 0x2000 && r <= 0x200D, r == 0x2028, r == 0x2029,
		r == 0x202F, r == 0x205F, r == 0x2060, r == 0x3000, r == 0xFEFF:
		return true
	}
	return false
}

// maxWordBytes is the longest word unit, in bytes after folding: a
// longer run of digits or letters is cut into units of at most this
// length, so that every term of the index has a bounded key. The Text of
// a unit that the next one continues ends with "+", and that of a
// continuation starts with "+" (no other unit has a "+"), so that a long
// word still matches only itself, whole, and its key is the word as
// written (keyOf).
const maxWordBytes = 32

// Token is one unit of text: a CJK character, or a word of ASCII digits
// (with inner decimal points, as in 99.96) or of ASCII letters, after
// folding; a word longer than maxWordBytes is several tokens.
type Token struct {
	Text       string // folded: "信", "2024", "gb", "99.96"; "+" marks the cuts of a long word
	Start, End int    // byte offsets of the unit in the input
	// Gap reports whether punctuation separates this token from the one
	// before it. Phrases never match across a gap.
	Gap bool
	// Word reports whether the token is a word rather than a CJK character.
	Word bool
}

// cont reports whether t continues the word of the token before it.
func (t Token) cont() bool { return strings.HasPrefix(t.Text, "+") }

// scanner yields the tokens of a string one at a time without allocating
// for text that needs no folding.
type scanner struct {
	s    string
	i    int
	more int // the class of a word cut at maxWordBytes that goes on at i, or 0
}

// next returns the next token; ok is false at the end.
func (sc *scanner) next() (t Token, ok bool) {
	if c := sc.more; c != 0 {
		sc.more = 0
		return sc.word(c, false, true), true
	}
	s := sc.s
	gap := false
	for sc.i < len(s) {
		r, size := utf8.DecodeRuneInString(s[sc.i:])
		if r == utf8.RuneError && size <= 1 {
			gap = true // invalid UTF-8 reads as punctuation
			sc.i += max(size, 1)
			continue
		}
		f := fold(r)
		c := classOf(f)
		switch c {
		case classSpace:
			sc.i += size
			continue
		case classPunct:
			gap = true
			sc.i += size
			continue
		case classCJK:
			t = Token{Text: s[sc.i : sc.i+size], Start: sc.i, End: sc.i + size, Gap: gap}
			sc.i += size
			return t, true
		}
		return sc.word(c, gap, false), true
	}
	return Token{}, false
}

// word scans a word of class c (digits or letters) starting at sc.i, up
// to maxWordBytes folded bytes; cont says it continues a word cut there.
func (sc *scanner) word(c int, gap, cont bool) Token {
	s := sc.s
	start := sc.i
	plain := true // the bytes are already folded
	j, n := start, 0
	for j < len(s) {
		size, width, folded := wordPiece(s[j:], c)
		if size == 0 {
			break
		}
		if n+width > maxWordBytes {
			sc.more = c
			break
		}
		plain = plain && folded
		j += size
		n += width
	}
	sc.i = j
	text := s[start:j]
	if !plain {
		var b strings.Builder
		for _, r := range text {
			b.WriteRune(fold(r))
		}
		text = b.String()
	}
	if cont {
		text = "+" + text
	}
	if sc.more != 0 {
		text += "+"
	}
	return Token{Text: text, Start: start, End: j, Gap: gap, Word: true}
}

// wordPiece returns the next piece of a word of class c at the start of
// s: its size in s, its width after folding and whether it is folded
// already; size is 0 where the word ends. A piece is a character of the
// class, or a decimal point or full stop with the digit after it, which
// keeps "99.96" together.
func wordPiece(s string, c int) (size, width int, folded bool) {
	r, size := utf8.DecodeRuneInString(s)
	f := fold(r)
	if classOf(f) == c {
		return size, 1, f == r
	}
	if c != classDigit || f != '.' {
		return 0, 0, false
	}
	r2, size2 := utf8.DecodeRuneInString(s[size:])
	if classOf(fold(r2)) != classDigit {
		return 0, 0, false
	}
	return size + size2, 2, r == '.' && r2 == fold(r2)
}

// Tokens splits s into search units.
func Tokens(s string) []Token {
	var ts []Token
	sc := scanner{s: s}
	for {
		t, ok := sc.next()
		if !ok {
			return ts
		}
		ts = append(ts, t)
	}
}

// Fold returns s with every code point folded (full-width ASCII to ASCII,
// capitals to small letters, U+3000 to a space). It is what a match is
// "contiguous after".
func Fold(s string) string {
	return strings.Map(fold, s)
}

// keyOf joins units into the canonical key of a gram or phrase: the units
// in order, with a space between two consecutive words so that "1 2" and
// "12" stay apart. The pieces of a long word are joined without their
// "+" marks, which remain only at the ends of the key, so that a long
// word's key is the word. Tokenising the key of a query term gives back
// its units.
func keyOf(units []Token) string {
	var b strings.Builder
	for i, u := range units {
		text := u.Text
		switch {
		case i > 0 && u.cont():
			text = text[1:]
		case i > 0 && u.Word && units[i-1].Word:
			b.WriteByte(' ')
		}
		if i+1 < len(units) && units[i+1].cont() {
			text = strings.TrimSuffix(text, "+")
		}
		b.WriteString(text)
	}
	return b.String()
}
