package search

import (
	"strings"
	"unicode/utf8"
)

// Query limits keep a pasted page from turning into hundreds of fetches.
const (
	maxTerms     = 8  // terms after the eighth are dropped
	maxTermUnits = 32 // units after the 32nd of a term are dropped
)

// Term is one thing a query asks for: a contiguous run of units that a
// report must contain. Terms of a query are ANDed.
type Term struct {
	Key   string  // canonical key, e.g. "信访局", "2024年", "gb 18030"
	Units []Token // the units, in order
}

// ParseQuery splits a query into terms. White space separates terms
// (ASCII or full-width); so does punctuation, which is otherwise ignored.
// Text in double quotes is one phrase in which white space is ignored:
// "ISO 9001" asks for iso followed by 9001. Duplicate terms are dropped.
func ParseQuery(q string) []Term {
	var terms []Term
	seen := map[string]bool{}
	add := func(units []Token) {
		if len(units) == 0 || len(terms) >= maxTerms {
			return
		}
		cut := len(units) > maxTermUnits
		if cut {
			units = units[:maxTermUnits]
		}
		units = append([]Token(nil), units...)
		if last := &units[len(units)-1]; cut && strings.HasSuffix(last.Text, "+") {
			// A long word cut here ends here: the term is the query as
			// if it stopped at the cut, and its key parses back to it.
			last.Text = strings.TrimSuffix(last.Text, "+")
		}
		k := keyOf(units)
		if !seen[k] {
			seen[k] = true
			terms = append(terms, Term{Key: k, Units: units})
		}
	}
	for _, part := range splitQuery(q) {
		var run []Token
		for _, t := range Tokens(part) {
			if t.Gap && len(run) > 0 {
				add(run)
				run = run[:0]
			}
			run = append(run, t)
		}
		add(run)
	}
	return terms
}

// splitQuery splits q at white space outside double quotes; a quoted part
// is returned with its white space, which the tokeniser ignores.
func splitQuery(q string) []string {
	var parts []string
	var cur strings.Builder
	quoted := false
	flush := func() {
		if cur.Len() > 0 {
			parts = append(parts, cur.String())
			cur.Reset()
		}
	}
	for i := 0; i < len(q); {
		r, size := utf8.DecodeRuneInString(q[i:])
		i += size
		f := fold(r)
		switch {
		case f == '"':
			flush()
			quoted = !quoted
		case !quoted && classOf(f) == classSpace && !isInvisible(r):
			flush()
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return parts
}

// isInvisible reports whether r is a zero-width formatting character,
// which separates nothing even in a query.
func isInvisible(r rune) bool {
	return r == 0xAD || (r >= 0x200B && r <= 0x200D) || r == 0x2060 || r == 0xFEFF
}
