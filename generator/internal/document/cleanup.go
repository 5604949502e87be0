package document

import (
	"regexp"
	"strings"
	"unicode"
)

// srcLine is one non-empty, cleaned line of a plain-text source.
type srcLine struct {
	no   int    // 1-based line number in the file
	text string // the line without artifacts and surrounding white space
}

var (
	// bookmarkRE matches Word bookmarks left by .docx → .txt conversion,
	// e.g. "[bookmark: _GoBack]".
	bookmarkRE = regexp.MustCompile(`(?i)\[\s*bookmark:[^\]\n]*\]`)
	// blankPageRE matches the "this page has no body text" note put on the
	// page that carries only the signature and seal.
	blankPageRE = regexp.MustCompile(`[（(][ \t\x{3000}]*此页无正文[ \t\x{3000}]*[）)]`)
	// pageNumberRE matches a printed page number such as "— 3 —" or "-3-".
	pageNumberRE = regexp.MustCompile(`^[-—–－]+\s*[0-9０-９]{1,3}\s*[-—–－]+$`)
)

// cleanLines splits src into lines, removes conversion artifacts and white
// space, and returns the lines that still hold text.
func cleanLines(src string) []srcLine {
	var lines []srcLine
	for no := 1; src != ""; no++ {
		s, rest, _ := strings.Cut(src, "\n")
		if s = cleanLine(s); s != "" {
			lines = append(lines, srcLine{no: no, text: s})
		}
		src = rest
	}
	return lines
}

// cleanLine removes bookmarks, blank-page notes, control and zero-width
// characters, and leading and trailing white space (including U+3000) from
// one line.
func cleanLine(s string) string {
	if strings.Contains(s, "[") {
		s = bookmarkRE.ReplaceAllString(s, "")
	}
	if strings.Contains(s, "此页无正文") {
		s = blankPageRE.ReplaceAllString(s, "")
	}
	s = strings.Map(dropInvisible, s)
	return strings.TrimFunc(s, isBlank)
}

// dropInvisible maps control characters (except tab) and zero-width
// characters to nothing, for use with strings.Map.
func dropInvisible(r rune) rune {
	if (unicode.IsControl(r) && r != '\t') || r == '\u200b' || r == '\ufeff' {
		return -1
	}
	return r
}

// isBlank reports whether r is white space, including the full-width space
// U+3000 used for indentation in Chinese documents.
func isBlank(r rune) bool {
	return unicode.IsSpace(r)
}
