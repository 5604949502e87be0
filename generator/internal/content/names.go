package content

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/unicode/runenames"
)

// textRule says which characters a metadata field may hold.
type textRule int

const (
	// nameRule is for names, titles and numbers, which identify a report
	// or a place and are compared: no character a reader cannot see or
	// tell from another, no control, no space but the ordinary and the
	// ideographic ones.
	nameRule textRule = iota
	// pathRule is nameRule for the names that make paths and URLs.
	pathRule
	// proseRule is for free text (summary): line breaks, tabs and any
	// space are fine, characters that are invisible or reorder the text
	// are not.
	proseRule
	// urlRule is for URLs: as nameRule, and no space at all.
	urlRule
)

// cleanText returns s without blanks at its ends and in Unicode normal
// form C, and what is wrong with it under rule ("" if nothing): the first
// character a reader could not see or could take for another, and how
// many such characters it holds.
func cleanText(s string, rule textRule) (string, string) {
	s = norm.NFC.String(strings.TrimSpace(s))
	var first string
	n := 0
	for _, r := range s {
		if why := badRune(r, rule); why != "" {
			if n == 0 {
				first = why
			}
			n++
		}
	}
	if n > 1 {
		first += fmt.Sprintf(" (%d such characters in all)", n)
	}
	return s, first
}

// badRune says what is wrong with r in a field under rule, or "".
func badRune(r rune, rule textRule) string {
	code := runeName(r)
	switch {
	case r == '\n' || r == '\t':
		if rule == proseRule {
			return ""
		}
		return "contains a control character " + code + "; remove it"
	case unicode.Is(unicode.Bidi_Control, r):
		return "contains a bidirectional control character " + code + ", which reorders the text as shown; remove it"
	case unicode.In(r, unicode.Cf, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector) || r == '\u2800':
		return "contains an invisible character " + code + "; remove it"
	case unicode.In(r, unicode.Cc, unicode.Zl, unicode.Zp):
		return "contains a control character " + code + "; remove it"
	case unicode.Is(unicode.Zs, r):
		if rule == proseRule || rule != urlRule && (r == ' ' || r == '\u3000') {
			return ""
		}
		if rule == urlRule {
			return "contains a space " + code + "; a URL has none (write %20)"
		}
		return "contains an unusual space " + code + "; use an ordinary space"
	case unicode.Is(unicode.Co, r):
		return "contains a private-use character " + code + ", which readers' devices show differently or not at all; write a standard character"
	case !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S) && (r < 0x20000 || r > 0x3FFFF):
		// Planes 2 and 3 hold only ideographs, some newer than Go's tables.
		return "contains " + code + ", which is not a character (unassigned in Unicode); remove it"
	case rule != proseRule && isRadical(r):
		like := norm.NFKC.String(string(r))
		if like != string(r) {
			return fmt.Sprintf("contains %s, a radical that looks like the character %s; write %s itself", code, like, like)
		}
		return "contains " + code + ", a radical or stroke, not a character; write the character itself"
	}
	return ""
}

// isRadical reports whether r is a CJK radical or stroke: Kangxi radical
// ⼭ (U+2F2D) looks like 山 (U+5C71) but does not compare equal to it.
func isRadical(r rune) bool {
	return r >= 0x2E80 && r <= 0x2FDF || r >= 0x31C0 && r <= 0x31EF
}

// runeName formats r as U+200B (zero width space).
func runeName(r rune) string {
	code := fmt.Sprintf("U+%04X", r)
	name := strings.ToLower(runenames.Name(r))
	switch r {
	case '\t':
		name = "tab"
	case '\n':
		name = "line feed"
	case '\r':
		name = "carriage return"
	}
	if name == "" || strings.HasPrefix(name, "<") {
		return code
	}
	return code + " (" + name + ")"
}
