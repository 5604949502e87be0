package layout

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Gaps between runs of one line, in ems of the smaller font.
const (
	// spaceGap is the least gap read as a space between Latin words.
	spaceGap = 0.2
	// cellGap is the least gap that separates two pieces of a line: the
	// cells of a table row, or a letter-spaced title.
	cellGap = 1.5
	// sameBaseline is how far apart, in ems, two baselines of one line
	// may be.
	sameBaseline = 0.4
	// dupOffset is how close a run repeating the run before it must
	// start to be a copy of it (text made bold by printing it twice).
	dupOffset = 0.3
)

// line is one line of a page: the runs on one baseline, left to right, cut
// into segments where a wide gap separates them.
type line struct {
	page   int     // 1-based
	pageW  float64 // the page's width
	pageH  float64 // the page's height
	y      float64 // the baseline
	x0, x1 float64 // left and right ends
	size   float64 // the font size of most of its characters
	segs   []seg
	red    bool
}

// seg is a piece of a line between wide gaps.
type seg struct {
	x0, x1 float64
	text   string
}

// text returns the line's text: its segments joined, with a space between
// two that are not both full-width where they meet.
func (l *line) text() string {
	if len(l.segs) == 1 {
		return l.segs[0].text
	}
	var b strings.Builder
	for i, s := range l.segs {
		if i > 0 {
			writeJoin(&b, s.text)
		}
		b.WriteString(s.text)
	}
	return b.String()
}

// writeJoin writes a space before next if the text in b and next meet
// between two characters that are not full-width.
func writeJoin(b *strings.Builder, next string) {
	last, _ := utf8.DecodeLastRuneInString(b.String())
	first, _ := utf8.DecodeRuneInString(next)
	if b.Len() > 0 && !wide(last) && !wide(first) && !isSpace(last) && !isSpace(first) {
		b.WriteByte(' ')
	}
}

// pageLines returns the lines of a page, top to bottom.
func pageLines(p *Page, no int) []line {
	runs := make([]Run, 0, len(p.Runs))
	for _, r := range p.Runs {
		if usable(r) {
			r.W = max(r.W, 0)
			runs = append(runs, r)
		}
	}
	slices.SortStableFunc(runs, func(a, b Run) int {
		return cmp.Or(cmp.Compare(a.Y, b.Y), cmp.Compare(a.X, b.X))
	})
	var lines []line
	for i := 0; i < len(runs); {
		j := i + 1
		for j < len(runs) && runs[j].Y-runs[i].Y <= sameBaseline*min(runs[i].Size, runs[j].Size) {
			j++
		}
		if l, ok := makeLine(runs[i:j], no, p.W, p.H); ok {
			lines = append(lines, l)
		}
		i = j
	}
	return lines
}

// makeLine makes a line of the runs of one baseline.
func makeLine(runs []Run, page int, pageW, pageH float64) (line, bool) {
	slices.SortStableFunc(runs, func(a, b Run) int { return cmp.Compare(a.X, b.X) })
	runs = dropCopies(runs)
	usual := usualGap(runs)
	l := line{page: page, pageW: pageW, pageH: pageH, y: runs[0].Y, x0: runs[0].X}
	sizes := map[float64]int{}
	red, all := 0, 0
	var b strings.Builder
	cur := seg{x0: runs[0].X}
	end := runs[0].X // where the glyph after the last run would go
	for k := range runs {
		r := &runs[k]
		text := strings.TrimFunc(r.Text, isSpace)
		if k > 0 {
			prev := &runs[k-1]
			em := min(r.Size, prev.Size)
			gap := r.X - end
			switch {
			case gap > cellGap*em:
				cur.text = b.String()
				l.segs = append(l.segs, cur)
				b.Reset()
				cur = seg{x0: r.X}
			case gap-usual > spaceGap*em, startsOrEndsSpace(prev.Text, r.Text):
				writeJoin(&b, text)
			}
		}
		b.WriteString(text)
		end = max(end, r.X+r.W)
		cur.x1 = end
		n := utf8.RuneCountInString(text)
		sizes[r.Size] += n
		all += n
		if isRed(r.Color) {
			red += n
		}
	}
	cur.text = b.String()
	l.segs = append(l.segs, cur)
	l.x1 = end
	l.size = mostCommon(sizes)
	l.red = red*2 > all
	return l, all > 0
}

// dropCopies drops each run that repeats the run before it a little to
// its side: text made bold, or shadowed, by printing it twice.
func dropCopies(runs []Run) []Run {
	out := runs[:1]
	for _, r := range runs[1:] {
		if p := out[len(out)-1]; r.Text == p.Text && r.X-p.X < dupOffset*r.Size {
			continue
		}
		out = append(out, r)
	}
	return out
}

// usualGap returns the usual gap between the glyphs of a line: the
// median gap, not less than 0. A justified line spreads its glyphs
// apart, and only a gap wider than the usual one by spaceGap is a space.
func usualGap(runs []Run) float64 {
	var gaps []float64
	for k := 1; k < len(runs); k++ {
		if g := runs[k].X - (runs[k-1].X + runs[k-1].W); g < cellGap*runs[k].Size {
			gaps = append(gaps, max(g, 0))
		}
	}
	if len(gaps) == 0 {
		return 0
	}
	slices.Sort(gaps)
	return gaps[len(gaps)/2]
}

// startsOrEndsSpace reports whether prev ends, or next starts, with white
// space of its own.
func startsOrEndsSpace(prev, next string) bool {
	return prev != strings.TrimRightFunc(prev, isSpace) || next != strings.TrimLeftFunc(next, isSpace)
}

// mostCommon returns the key with the largest count, the largest key of
// those that tie.
func mostCommon(counts map[float64]int) float64 {
	best, n := 0.0, -1
	for k, c := range counts {
		if c > n || c == n && k > best {
			best, n = k, c
		}
	}
	return best
}

// isRed reports a colour that reads as red: the 版头 and the seal of an
// official document.
func isRed(c uint32) bool {
	r, g, b := c>>16&0xFF, c>>8&0xFF, c&0xFF
	return r >= 0xA0 && g <= 0x70 && b <= 0x70
}
