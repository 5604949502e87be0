package layout

import (
	"regexp"
	"strings"
)

// Where running headers, footers and page numbers stand.
const (
	// band is the share of the page's height, at the top and at the
	// bottom, where they stand.
	band = 0.15
	// edgeLines is how many lines at the top and at the bottom of a page
	// may be one.
	edgeLines = 2
)

// pageNumberRE matches a printed page number, white space removed: "3",
// "-3-", "— 3 —", "第3页", "第3页共10页", "共10页第3页", "3/10", "Page 3 of 10".
var pageNumberRE = regexp.MustCompile(`^(?:[-—–－―~·•]*[0-9０-９]{1,4}[-—–－―~·•]*|第[0-9０-９]{1,4}页(?:[,，/]?共[0-9０-９]{1,4}页)?|共[0-9０-９]{1,4}页[,，]?第[0-9０-９]{1,4}页|[0-9]{1,4}/[0-9]{1,4}|(?i:page)[0-9]{1,4}(?:(?i:of)[0-9]{1,4})?)$`)

// digitsRE matches the digits that differ between the copies of a running
// header or footer.
var digitsRE = regexp.MustCompile(`[0-9０-９]+`)

// dropFurniture removes the running headers and footers and the page
// numbers from lines (top to bottom, page by page): a line among the first
// or last edgeLines of its page, within the band at that edge, that reads
// as a page number, or whose text (its digits aside) stands at about the
// same height on most pages.
func dropFurniture(lines []line, pages []Page) []line {
	edge := edgeOf(lines)
	type place struct {
		pages map[int]bool
		ys    []float64
		size  float64
	}
	repeated := map[string]*place{}
	keys := make([]string, len(lines))
	for i := range lines {
		if edge[i] == 0 {
			continue
		}
		key := string(rune('0'+edge[i])) + digitsRE.ReplaceAllString(strings.Join(strings.Fields(lines[i].text()), ""), "#")
		keys[i] = key
		p := repeated[key]
		if p == nil {
			p = &place{pages: map[int]bool{}}
			repeated[key] = p
		}
		p.pages[lines[i].page] = true
		p.ys = append(p.ys, lines[i].y)
		p.size = max(p.size, lines[i].size)
	}
	most := max(2, (len(pages)+1)/2)
	out := lines[:0:0]
	for i, l := range lines {
		if edge[i] != 0 {
			if pageNumberRE.MatchString(strings.Join(strings.Fields(l.text()), "")) {
				continue
			}
			if p := repeated[keys[i]]; len(p.pages) >= most && spread(p.ys) <= 2*p.size {
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

// edgeOf tells, for each line, whether it may be a running header (1) or
// footer (2), or neither (0).
func edgeOf(lines []line) []int {
	edge := make([]int, len(lines))
	for start := 0; start < len(lines); {
		end := start
		for end < len(lines) && lines[end].page == lines[start].page {
			end++
		}
		top, bottom := pageBand(lines[start:end])
		for k := start; k < end; k++ {
			switch l := lines[k]; {
			case k-start < edgeLines && l.y <= top:
				edge[k] = 1
			case end-k <= edgeLines && l.y >= bottom:
				edge[k] = 2
			}
		}
		start = end
	}
	return edge
}

// pageBand returns the heights above which a page's top band ends and
// below which its bottom band starts, from the page's height or, when it
// has none, the extent of its lines.
func pageBand(lines []line) (top, bottom float64) {
	h := lines[0].pageH
	if !(h > 0) || h < lines[len(lines)-1].y {
		h = lines[len(lines)-1].y + lines[len(lines)-1].size
	}
	return band * h, (1 - band) * h
}

// spread returns the difference between the largest and smallest of ys.
func spread(ys []float64) float64 {
	lo, hi := ys[0], ys[0]
	for _, y := range ys {
		lo, hi = min(lo, y), max(hi, y)
	}
	return hi - lo
}
