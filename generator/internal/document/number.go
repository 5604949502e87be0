package document

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"portal/generator/internal/numeral"
)

// Ranks of the official numbering markers, outermost first (GB/T 9704:
// 一、 then （一） then 1. then （1）).
const (
	rankChapter = 1 // 一、
	rankSection = 2 // （一）
	rankItem    = 3 // 1.
	rankSubItem = 4 // （1）
)

// Limits that tell a heading from a numbered paragraph.
const (
	maxHeadingRunes = 60 // a title longer than this is a paragraph
	maxLeadRunes    = 40 // a first sentence longer than this is not a lead
	maxMarkerBytes  = 64 // an official number with its spaces fits in this
)

const (
	cnNumerals = `一二三四五六七八九十百〇零`
	digits     = `0-9０-９`
	space      = `[ \t\x{3000}]*`
)

// markerPatterns recognise the official numbers, full- and half-width,
// with optional spaces inside.
var markerPatterns = [...]struct {
	rank int
	re   *regexp.Regexp
}{
	{rankSection, regexp.MustCompile(`^[（(]` + space + `[` + cnNumerals + `]{1,4}` + space + `[）)]`)},
	{rankSubItem, regexp.MustCompile(`^[（(]` + space + `[` + digits + `]{1,3}` + space + `[）)]`)},
	{rankChapter, regexp.MustCompile(`^[` + cnNumerals + `]{1,4}` + space + `[、．.]`)},
	{rankItem, regexp.MustCompile(`^[` + digits + `]{1,3}` + space + `[、．.]`)},
}

// marker is the official number at the start of a line.
type marker struct {
	rank   int
	number string // as written, e.g. "（一）" or "1．"
	rest   string // the text after the number and the spaces that follow it
}

// parseMarker finds the official number at the start of s.
func parseMarker(s string) (marker, bool) {
	head := s[:min(len(s), maxMarkerBytes)] // a number is short; spare the regexps long text
	for _, p := range markerPatterns {
		loc := p.re.FindStringIndex(head)
		if loc == nil {
			continue
		}
		rest := s[loc[1]:]
		if p.rank == rankItem && startsWithDigit(rest) {
			return marker{}, false // a decimal such as 1.5万元
		}
		return marker{rank: p.rank, number: s[:loc[1]], rest: strings.TrimLeftFunc(rest, isBlank)}, true
	}
	return marker{}, false
}

// startsWithDigit reports whether s starts with an Arabic digit, ASCII or
// full-width.
func startsWithDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r)
}

// isHeadingTitle reports whether the text after an official number is a
// title rather than the start of a paragraph: it is short and holds no
// sentence, though it may end with a colon.
func isHeadingTitle(rest string) bool {
	if rest == "" || len(rest) > maxHeadingRunes*utf8.UTFMax || utf8.RuneCountInString(rest) > maxHeadingRunes {
		return false
	}
	body := strings.TrimRight(rest, "：:")
	return !strings.ContainsAny(body, "。！？；!?;：:")
}

// leadOf returns the run-in lead of a numbered paragraph: its text up to and
// including the first 。！？ or colon (and any closing quote right after),
// or "" if that is too long to be a lead.
func leadOf(text string) string {
	end := leadEnd(text)
	if end <= 0 || utf8.RuneCountInString(text[:end]) > maxLeadRunes {
		return ""
	}
	for end < len(text) {
		r, n := utf8.DecodeRuneInString(text[end:])
		if !isCloser(r) {
			break
		}
		end += n
	}
	return text[:end]
}

// leadEnd returns the byte offset just after the punctuation that ends the
// first sentence of text, or -1.
func leadEnd(text string) int {
	var prev rune
	for i, r := range text {
		switch {
		case strings.ContainsRune("。！？：!?", r):
			return i + utf8.RuneLen(r)
		case r == ':' && !unicode.IsDigit(prev):
			return i + 1
		}
		prev = r
	}
	return -1
}

// isCloser reports whether r closes a quotation or bracket.
func isCloser(r rune) bool {
	return strings.ContainsRune("”’\"'」』）)》】]", r)
}

// itemRE matches the start of a list item that is never a heading: 1）,
// 一）, 一是, 第一，, ①.
var itemRE = regexp.MustCompile(`^(?:[` + digits + `]{1,3}[）)]|[` + cnNumerals + `]{1,4}(?:[）)]|是)|第[` + cnNumerals + `]{1,3}[，,、]|[①-⑳❶-❿])`)

// startsNewItem reports whether a line starts like a heading or a new item,
// so that it cannot continue the line before it.
func startsNewItem(s string) bool {
	if _, ok := parseMarker(s); ok {
		return true
	}
	return itemRE.MatchString(s[:min(len(s), maxMarkerBytes)])
}

// twinRank pairs the styles that number the same kind of item, one in
// Chinese and one in Arabic numerals: 一、 and 1., （一） and （1）.
var twinRank = map[int]int{rankChapter: rankItem, rankItem: rankChapter, rankSection: rankSubItem, rankSubItem: rankSection}

// fixFirstNumberStyle corrects a common typo: a first heading numbered in
// the twin style of its siblings, such as （1） followed by （二） under 一、.
// Such a heading takes the level of its sibling, so both sit in the tree
// where the document means them. A heading whose parent already has the
// twin's level (1. under 一、, followed by 二、) is no typo.
func fixFirstNumberStyle(blocks []Block) {
	parent, prev := -1, -1
	for i, b := range blocks {
		if b.Kind != Heading {
			continue
		}
		if prev >= 0 && isStyleTypo(blocks[prev], b) && (parent < 0 || blocks[parent].Level < b.Level) {
			blocks[prev].Level = b.Level
		}
		parent, prev = prev, i
	}
}

// isStyleTypo reports whether first, numbered 1, and next, numbered 2, are
// numbered in twin styles.
func isStyleTypo(first, next Block) bool {
	return twinRank[first.Level] == next.Level && numberValue(first.Number) == 1 && numberValue(next.Number) == 2
}

// numberValue returns the value of an official number such as "（二）" or
// "1．", or -1.
func numberValue(number string) int {
	v := strings.TrimFunc(number, func(r rune) bool {
		return !unicode.IsDigit(r) && !strings.ContainsRune(cnNumerals, r)
	})
	return intValue(v)
}

// intValue reads s, all of it, as a number in Arabic or Chinese numerals,
// or both: a year, month or day (二〇二四, 十二, ３１) or the figure of an
// official number. It returns -1 for anything else.
func intValue(s string) int {
	if v, ok := numeral.Written.Int(s); ok {
		return v
	}
	return -1
}
