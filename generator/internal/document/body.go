package document

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxLabelRunes is the length up to which a line without any punctuation
// (such as "无" or an unnumbered subtitle) stands on its own and is never
// joined to the next line.
const maxLabelRunes = 20

// maxTailBytes is how much of the end of a paragraph continues reads.
const maxTailBytes = 64

// parseBody turns the cleaned body lines into blocks, joining the pieces of
// a paragraph that a page break or a hard line break split.
func parseBody(lines []srcLine) []Block {
	var blocks []Block
	for i := 0; i < len(lines); {
		text, n := joinContinuations(lines[i:])
		b := classify(text, lines[i].no)
		if i+n < len(lines) && startsBodyText(lines[i+n].text) {
			b = headingIfStandingLead(b)
		}
		blocks = append(blocks, b)
		i += n
	}
	return blocks
}

// startsBodyText reports whether a line starts running text: not a heading,
// an item or a page number.
func startsBodyText(s string) bool {
	return !startsNewItem(s) && !pageNumberRE.MatchString(s)
}

// headingIfStandingLead turns a numbered paragraph that is nothing but its
// short lead sentence, on a line of its own before running text — such as
// "（一）坚持党的领导，强化组织保障。" — into the heading it is. Followed by
// another item instead, it is an item of a list and stays a paragraph.
func headingIfStandingLead(b Block) Block {
	if b.Kind != Paragraph || b.Lead == "" || b.Lead != b.Text {
		return b
	}
	m, _ := parseMarker(b.Text)
	return Block{Kind: Heading, Level: m.rank, Number: m.number, Text: m.rest, Line: b.Line}
}

// joinContinuations joins lines[0] with the lines that continue it and
// returns the text and the number of lines used.
func joinContinuations(lines []srcLine) (string, int) {
	var b strings.Builder
	b.WriteString(lines[0].text)
	n := 1
	for ; n < len(lines) && continues(b.String(), lines[n].text); n++ {
		if needsSpace(b.String(), lines[n].text) {
			b.WriteByte(' ')
		}
		b.WriteString(lines[n].text)
	}
	return b.String(), n
}

// continues reports whether next carries on the text cur: cur stops
// mid-sentence and next does not start a heading or a new item. It looks
// at no more than the start and the end of a long cur, which grows as
// lines are joined to it: a page number is short, and only the last
// maxTailBytes bytes tell the end of a sentence (closing quotes included).
func continues(cur, next string) bool {
	if !startsBodyText(next) || len(cur) <= maxTailBytes && pageNumberRE.MatchString(cur) {
		return false
	}
	m, numbered := parseMarker(cur)
	switch {
	case numbered && m.rest == "":
		return true // a number alone on its line: the title follows
	case endsClause(cur):
		return true
	case endsSentence(cur[max(0, len(cur)-maxTailBytes):]):
		return false
	case numbered && isHeadingTitle(m.rest):
		return false
	}
	return !isLabel(cur)
}

// needsSpace reports whether two pieces of one paragraph are joined with a
// space: between two Latin words. Chinese text is joined directly.
func needsSpace(a, b string) bool {
	last, _ := utf8.DecodeLastRuneInString(a)
	first, _ := utf8.DecodeRuneInString(b)
	return isLatinLetter(last) && isLatinLetter(first)
}

// isLatinLetter reports whether r is an ASCII letter.
func isLatinLetter(r rune) bool {
	return r < utf8.RuneSelf && unicode.IsLetter(r)
}

// endsSentence reports whether s ends with sentence-ending punctuation,
// possibly followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, isCloser)
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("。！？；：…!?;:.", r)
}

// endsClause reports whether s ends with punctuation that is never the end
// of a sentence or a title: a comma or an enumeration comma.
func endsClause(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("，、,", r)
}

// isLabel reports whether s is a short line without punctuation, which
// stands on its own.
func isLabel(s string) bool {
	return len(s) <= maxLabelRunes*utf8.UTFMax && utf8.RuneCountInString(s) <= maxLabelRunes &&
		!strings.ContainsFunc(s, unicode.IsPunct)
}

// classify makes a heading or a paragraph of one joined text that starts on
// line no.
func classify(text string, no int) Block {
	m, numbered := parseMarker(text)
	if numbered && isHeadingTitle(m.rest) {
		return Block{Kind: Heading, Level: m.rank, Number: m.number, Text: m.rest, Line: no}
	}
	b := Block{Kind: Paragraph, Text: text, Line: no}
	if numbered {
		b.Number = m.number
		b.Lead = leadOf(text)
	}
	return b
}
