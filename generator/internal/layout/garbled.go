package layout

import (
	"fmt"
	"unicode"
)

// Text that maps to garbage: a share of odd characters beyond which a
// text layer is not published.
const (
	// maxOddShare is the largest share of odd characters, of all the
	// characters but white space, of a readable text layer.
	maxOddShare = 0.05
	// minOdd is the fewest odd characters that make a text layer garbled:
	// a stray symbol or two never do.
	minOdd = 8
	// maxSymbolShare is the largest share of ASCII punctuation and
	// symbols of a readable text layer: a font's glyph codes read as
	// ASCII give mostly those.
	maxSymbolShare = 0.3
)

// odd reports a character that a readable Chinese report does not hold,
// and that a text layer without a good ToUnicode map gives: the
// replacement character (a glyph mapped to nothing), private-use
// characters (glyphs of a font's own encoding), control characters, and
// the letters of the Latin-1 and Latin Extended blocks, the Greek and
// the Cyrillic ones (a font's glyph codes read as single-byte text).
func odd(r rune) bool {
	switch {
	case r == unicode.ReplacementChar, unicode.Is(unicode.Co, r):
		return true
	case unicode.IsControl(r):
		return true
	case r >= 0xC0 && r <= 0x24F && r != '×' && r != '÷':
		return true
	case r >= 0x370 && r <= 0x4FF:
		return true
	case !unicode.IsPrint(r) && !isSpace(r):
		return true
	}
	return false
}

// checkGarbled returns an error wrapping ErrGarbled when more than
// maxOddShare of the characters of lines (and at least minOdd) are odd.
func checkGarbled(lines []line) error {
	n, bad, symbols := 0, 0, 0
	for i := range lines {
		for _, s := range lines[i].segs {
			for _, r := range s.text {
				switch {
				case isSpace(r):
					continue
				case odd(r):
					bad++
				case r < 0x80 && unicode.IsPunct(r) || r < 0x80 && unicode.IsSymbol(r):
					symbols++
				}
				n++
			}
		}
	}
	switch {
	case bad >= minOdd && float64(bad) > maxOddShare*float64(n):
		return fmt.Errorf("%w (%d of its %d characters are replacement, private-use or stray characters)", ErrGarbled, bad, n)
	case symbols >= minOdd && float64(symbols) > maxSymbolShare*float64(n):
		return fmt.Errorf("%w (%d of its %d characters are ASCII punctuation and symbols)", ErrGarbled, symbols, n)
	}
	return nil
}
