package content

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/unicode/runenames"

	"portal/generator/internal/diag"
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

// cleanText returns s, the value of the field key, without blanks at its
// ends and in Unicode normal form C, and what is wrong with it under rule
// (a zero Msg if nothing): the first character a reader could not see or
// could take for another, and how many such characters it holds.
func cleanText(key, s string, rule textRule) (string, diag.Msg) {
	s = norm.NFC.String(strings.TrimSpace(s))
	var first diag.Msg
	n := 0
	for _, r := range s {
		if why := badRune(key, r, rule); why.Format != "" {
			if n == 0 {
				first = why
			}
			n++
		}
	}
	if n > 1 {
		first = diag.Msgf("%v (%d such characters in all)", first, n)
	}
	return s, first
}

// badRune says what is wrong with r in the field key under rule, or
// returns a zero Msg.
func badRune(key string, r rune, rule textRule) diag.Msg {
	switch {
	case r == '\n' || r == '\t':
		if rule == proseRule {
			return diag.Msg{}
		}
		return diag.Msgf("%s: contains a control character %s; remove it", key, runeName(r))
	case unicode.Is(unicode.Bidi_Control, r):
		return diag.Msgf("%s: contains a bidirectional control character %s, which reorders the text as shown; remove it", key, runeName(r))
	case unicode.In(r, unicode.Cf, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector) || r == '\u2800':
		return diag.Msgf("%s: contains an invisible character %s; remove it", key, runeName(r))
	case unicode.In(r, unicode.Cc, unicode.Zl, unicode.Zp):
		return diag.Msgf("%s: contains a control character %s; remove it", key, runeName(r))
	case unicode.Is(unicode.Zs, r):
		if rule == proseRule || rule != urlRule && (r == ' ' || r == '\u3000') {
			return diag.Msg{}
		}
		if rule == urlRule {
			return diag.Msgf("%s: contains a space %s; a URL has none (write %%20)", key, runeName(r))
		}
		return diag.Msgf("%s: contains an unusual space %s; use an ordinary space", key, runeName(r))
	case unicode.Is(unicode.Co, r):
		return diag.Msgf("%s: contains a private-use character %s, which readers' devices show differently or not at all; write a standard character", key, runeName(r))
	case !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S) && (r < 0x20000 || r > 0x3FFFF):
		// Planes 2 and 3 hold only ideographs, some newer than Go's tables.
		return diag.Msgf("%s: contains %s, which is not a character (unassigned in Unicode); remove it", key, runeName(r))
	case rule != proseRule && isRadical(r):
		like := norm.NFKC.String(string(r))
		if like != string(r) {
			return diag.Msgf("%s: contains %s, a radical that looks like the character %s; write %s itself", key, runeName(r), like, like)
		}
		return diag.Msgf("%s: contains %s, a radical or stroke, not a character; write the character itself", key, runeName(r))
	}
	return diag.Msg{}
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
