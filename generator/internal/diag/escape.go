package diag

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Escape makes s safe to print on a terminal, one line: control
// characters (C0, DEL and C1), the bidirectional controls that reorder
// text (U+202A–U+202E, U+2066–U+2069 and the marks), the line and
// paragraph separators, and bytes that are not UTF-8 are written as Go
// escapes (\n, \x1b, \u202e). Everything else, Chinese included, is kept
// as it is. A name that holds an escape sequence or a newline therefore
// cannot move the cursor, recolour the terminal or forge a line.
func Escape(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < utf8.RuneSelf && unsafeRune(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// needsEscape reports whether Escape changes s.
func needsEscape(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || unsafeRune(r) {
			return true
		}
		i += size
	}
	return false
}

// unsafeRune reports whether a terminal may take r for something other
// than a character to show.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20 || r == 0x7f:
		return true // C0, DEL
	case r < 0x80:
		return false
	case r < 0xa0:
		return true // C1
	}
	// The line and paragraph separators, and unicode.Bidi_Control.
	return r == '\u2028' || r == '\u2029' || r == '\u061c' || r == '\u200e' || r == '\u200f' ||
		('\u202a' <= r && r <= '\u202e') || ('\u2066' <= r && r <= '\u2069')
}

// ErrorText is the message of err fit for a terminal: one line for each
// error joined in it (errors.Join, a ListError), each escaped (Escape).
// Any other error is one line, whatever newlines its message holds.
func ErrorText(err error) string {
	if err == nil {
		return ""
	}
	return strings.Join(errorLines(err), "\n")
}

// ErrorTextIn is ErrorText in lang: the problems of a ListError, the
// errors made by Errorf and other Messagers are shown in lang, any other
// error as it is.
func ErrorTextIn(err error, lang Lang) string {
	if err == nil {
		return ""
	}
	return strings.Join(errorLinesIn(err, lang), "\n")
}

// errorLines lists the lines of ErrorText.
func errorLines(err error) []string { return errorLinesIn(err, En) }

// errorLinesIn lists the lines of ErrorTextIn.
func errorLinesIn(err error, lang Lang) []string {
	var lines []string
	switch e := err.(type) {
	case ListError:
		for _, p := range e {
			lines = append(lines, p.Text(lang))
		}
		return lines
	case *MsgError:
		return []string{Escape(e.Text(lang))}
	case Messager:
		return []string{Escape(e.Msg().Text(lang))}
	case interface{ Unwrap() []error }:
		// errors.Join, whose message is its errors' one a line; not
		// fmt.Errorf with several %w, whose message says more.
		errs := e.Unwrap()
		msgs := make([]string, 0, len(errs))
		for _, x := range errs {
			if x != nil {
				msgs = append(msgs, x.Error())
			}
		}
		if strings.Join(msgs, "\n") == err.Error() {
			for _, x := range errs {
				if x != nil {
					lines = append(lines, errorLinesIn(x, lang)...)
				}
			}
			return lines
		}
	}
	return []string{Escape(err.Error())}
}

// EscapeJSON rewrites in the JSON text b the characters that Escape
// escapes and encoding/json leaves as they are (DEL, C1, the
// bidirectional controls) as \u escapes: the same JSON value, safe to
// print on a terminal. encoding/json escapes the others in strings, and
// outside strings b holds only JSON's own spaces and newlines.
func EscapeJSON(b []byte) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r >= 0x7f && unsafeRune(r) {
			out = append(out, b[last:i]...)
			out = fmt.Appendf(out, `\u%04x`, r)
			last = i + size
		}
		i += size
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}
