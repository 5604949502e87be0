package build

import (
	"regexp"
	"strconv"
	"strings"

	"portal/generator/internal/content"
	"portal/generator/internal/diag"
	"portal/generator/internal/document"
)

// yearInTitle matches a year as titles write it: 2024年度, 2024年.
var yearInTitle = regexp.MustCompile(`((?:19|20)\d\d)\s*年`)

// titleYear is the year a title is about, 0 when it names none or
// several.
func titleYear(title string) int {
	year := 0
	for _, m := range yearInTitle.FindAllStringSubmatch(title, -1) {
		y, _ := strconv.Atoi(m[1])
		if year != 0 && y != year {
			return 0
		}
		year = y
	}
	return year
}

// textTitle is the title of doc's title block, with the organ on the
// line above it when the title leaves it out (鲁山县信访局 /
// 2024年度法治政府建设情况报告).
func textTitle(doc *document.Document) string {
	h := doc.Header
	if h.Title != "" && h.Organ != "" && !strings.HasPrefix(h.Title, h.Organ) {
		return h.Organ + h.Title
	}
	return h.Title
}

// textFacts checks report r's metadata against what its text says, the
// title of its title block (textTitle) and the date of its signature
// (signed, ISO), and returns the title shown: the metadata's, else the
// text's. A title missing from both, or naming another year than the
// metadata's, is an error; a signature before the end of the year
// reported on, a warning.
func textFacts(r *content.Report, textTitle, signed string) (string, diag.List) {
	var problems diag.List
	m := r.Meta
	at := diag.Pos{File: r.MetaFile}
	title := m.Title
	if title == "" {
		title = textTitle
	}
	if title == "" {
		problems.Errorf(at, "missing required key %q: add title = \"…\" to the metadata, or put the title at the top of the report", "title")
	}
	if p, ok := m.Keys["title"]; ok && p.File != "" {
		at = p
	}
	if y := titleYear(m.Title); m.Title != "" && y != 0 && y != m.Year {
		problems.Errorf(at, "title: %q is about %d, the metadata's year is %d", m.Title, y, m.Year)
	}
	if y := titleYear(textTitle); y != 0 && y != m.Year {
		problems.Errorf(diag.Pos{File: r.File}, "the title of the text, %q, is about %d, the metadata's year is %d", textTitle, y, m.Year)
	}
	if len(signed) >= 4 {
		if y, err := strconv.Atoi(signed[:4]); err == nil && y <= m.Year {
			problems.Warnf(diag.Pos{File: r.File}, "the signature is dated %s, before the end of %d, the year reported on", signed, m.Year)
		}
	}
	return title, problems
}
