package document

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of the title block.
const (
	maxHeaderLines = 8  // the title block is among the first lines
	maxTitleRunes  = 60 // longer lines are body text
	maxOrganRunes  = 30 // an organ name is short
	maxRepeatLines = 3  // a repeated title may be split over this many lines
)

var (
	// docNumberRE matches a 文号 such as 阳信发〔2024〕1号, with any of the
	// brackets people type for 〔〕.
	docNumberRE = regexp.MustCompile(`^[\p{Han}A-Za-z]{1,16}[ \t\x{3000}]*[〔\[［【(（][ \t\x{3000}]*[0-9０-９]{4}[ \t\x{3000}]*[〕\]］】)）][ \t\x{3000}]*第?[0-9０-９]{1,5}[ \t\x{3000}]*号$`)
	// sealNoteRE matches a note "（盖章）" after the organ of a signature.
	sealNoteRE = regexp.MustCompile(`[ \t\x{3000}]*[（(]盖?章[）)]$`)
	// organSuffixes end the names of issuing organs.
	organSuffixes = []string{"局", "委", "办", "室", "院", "府", "会", "部", "厅", "处", "所", "中心", "站", "队", "馆", "社", "署", "组", "公司", "街道", "镇", "乡"}
	// titleEndings end the title of a report.
	titleEndings = []string{"报告", "总结", "汇报", "情况", "计划", "方案", "要点", "意见", "通知", "说明", "年报"}
	// notOrganWords never occur in the name of an organ.
	notOrganWords = []string{"报告", "总结", "关于"}
)

// headerParser collects the title block line by line.
type headerParser struct {
	h         Header
	titleDone bool // the title is complete; later title-like lines are body
}

// parseHeader takes the title block from the start of lines and returns it
// with the lines that remain.
func parseHeader(lines []srcLine) (Header, []srcLine) {
	var p headerParser
	i := 0
	for i < len(lines) && i < maxHeaderLines {
		n := p.accept(lines[i:])
		if n == 0 {
			break
		}
		i += n
	}
	return p.h, lines[i:]
}

// accept takes lines[0] (and, for a repeated title, the lines after it)
// into the header. It returns the number of lines taken, 0 at the end of
// the title block.
func (p *headerParser) accept(lines []srcLine) int {
	s := lines[0].text
	switch {
	case p.h.Title == "" && p.h.DocNumber == "" && isDocNumber(s):
		p.h.DocNumber = s
	case p.h.Title == "" && p.h.DocHeader == "" && isDocHeader(s):
		p.h.DocHeader = s
	case !isTitleLine(s):
		return 0
	case p.h.Title != "":
		return p.acceptAfterTitle(lines)
	case p.h.Organ == "" && isOrganLine(s):
		p.h.Organ = s
	default:
		p.h.Title, p.titleDone = s, endsTitle(s)
	}
	return 1
}

// acceptAfterTitle handles a title-like line that follows the title: a
// repeat of the title, the rest of a split title, or the organ under it.
func (p *headerParser) acceptAfterTitle(lines []srcLine) int {
	if n := repeatsTitle(p.h.Title, lines); n > 0 {
		// A title printed twice is complete: what follows is not more of it.
		p.titleDone = true
		return n
	}
	s := lines[0].text
	switch {
	case !p.titleDone:
		p.h.Title += s
		p.titleDone = endsTitle(p.h.Title)
	case p.h.Organ == "" && isOrganLine(s):
		p.h.Organ = s
	default:
		return 0
	}
	return 1
}

// repeatsTitle returns how many of the first lines together spell title
// again (a title printed once whole and once split), or 0.
func repeatsTitle(title string, lines []srcLine) int {
	want := strings.Join(strings.Fields(title), "")
	got := ""
	for n := 1; n <= maxRepeatLines && n <= len(lines); n++ {
		s := lines[n-1].text
		if !isTitleLine(s) {
			return 0
		}
		got += strings.Join(strings.Fields(s), "")
		if got == want {
			return n
		}
		if !strings.HasPrefix(want, got) {
			return 0
		}
	}
	return 0
}

// isDocNumber reports whether s is a 文号 line.
func isDocNumber(s string) bool {
	return docNumberRE.MatchString(s)
}

// isDocHeader reports whether s is a red-header line such as
// "阳城县信访局文件".
func isDocHeader(s string) bool {
	return strings.HasSuffix(s, "文件") && utf8.RuneCountInString(s) <= maxOrganRunes+2 &&
		!strings.ContainsFunc(s, unicode.IsPunct)
}

// isTitleLine reports whether s may be (part of) a title or an organ line:
// short, not numbered, not a date and without sentence punctuation.
func isTitleLine(s string) bool {
	if utf8.RuneCountInString(s) > maxTitleRunes || strings.ContainsAny(s, "。，；：！？,;:!?") {
		return false
	}
	if _, numbered := parseMarker(s); numbered {
		return false
	}
	_, isDate := parseDate(s)
	return !isDate
}

// isOrganLine reports whether s is the name of an organ on its own line,
// such as "鲁山县信访局".
func isOrganLine(s string) bool {
	s = sealNoteRE.ReplaceAllString(s, "")
	if utf8.RuneCountInString(s) > maxOrganRunes || strings.ContainsFunc(s, unicode.IsDigit) ||
		strings.ContainsFunc(s, unicode.IsPunct) || containsAny(s, notOrganWords) {
		return false
	}
	if _, numbered := parseMarker(s); numbered {
		return false
	}
	return hasAnySuffix(s, organSuffixes)
}

// endsTitle reports whether s ends like the title of a report.
func endsTitle(s string) bool {
	return hasAnySuffix(s, titleEndings)
}

// hasAnySuffix reports whether s ends with one of suffixes.
func hasAnySuffix(s string, suffixes []string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// containsAny reports whether s contains one of words.
func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
