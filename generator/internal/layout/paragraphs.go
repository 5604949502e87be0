package layout

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Rules of paragraphs, in ems of the body text.
const (
	// indent is the least first-line indent: official documents indent
	// by two full-width characters.
	indent = 1.2
	// offset is the least indent of a line set off on its own: centred,
	// or set to the right as the signature and the date are.
	offset = 3.5
	// centreIn is the least indent of a centred line: more than the
	// first-line indent.
	centreIn = 2.5
	// centreSlack is how far the two margins of a centred line may differ.
	centreSlack = 1.5
	// gapFactor is how many times the usual line pitch a gap must be to
	// end a paragraph.
	gapFactor = 1.6
	// sizeChange is the change of font size that ends a paragraph.
	sizeChange = 0.2
)

// column is the geometry of the body text: its margins, font size and
// line pitch.
type column struct {
	left, right float64
	size        float64
	pitch       float64 // 0 if unknown
	// indented is set when paragraphs start with a first-line indent:
	// then an indent, not the text, tells where one starts.
	indented bool
}

// measure finds the body text's column from its lines.
func measure(lines []line) column {
	sizes := map[float64]int{}
	for _, l := range lines {
		sizes[math.Round(l.size*2)/2] += utf8.RuneCountInString(l.text())
	}
	c := column{size: mostCommon(sizes)}
	if c.size <= 0 {
		c.size = 1
	}
	lefts := make([]float64, len(lines))
	rights := make([]float64, len(lines))
	for i, l := range lines {
		lefts[i], rights[i] = l.x0, l.x1
	}
	c.left, _ = commonEdge(lefts, c.size, false)
	var shared bool
	c.right, shared = commonEdge(rights, c.size, true)
	if w := lines[0].pageW; (!shared || c.right-c.left < w/2) && w > c.right {
		// Too few lines, or too alike, to show the right margin: take
		// it as wide as the left one.
		c.right = max(c.right, w-c.left)
	}
	n := 0
	for _, l := range lines {
		if in := l.x0 - c.left; in >= indent*c.size && in < offset*c.size {
			n++
		}
	}
	c.indented = n >= 2 && n*10 >= len(lines)
	var pitches []float64
	for i := 1; i < len(lines); i++ {
		if dy := lines[i].y - lines[i-1].y; lines[i].page == lines[i-1].page && dy > 0 && dy < 3*c.size {
			pitches = append(pitches, dy)
		}
	}
	if len(pitches) > 0 {
		slices.Sort(pitches)
		c.pitch = pitches[len(pitches)/2]
	}
	return c
}

// commonEdge returns the margin the line ends xs share: the leftmost (or,
// with right, the rightmost) position shared by at least a tenth of the
// lines and at least two, to half an em; the extreme one, and false, if
// none is.
func commonEdge(xs []float64, em float64, right bool) (float64, bool) {
	if right {
		for i := range xs {
			xs[i] = -xs[i]
		}
	}
	slices.Sort(xs)
	need := max(2, len(xs)/10)
	edge, shared := xs[0], false
	for i, j := 0, 0; i < len(xs); i++ {
		for j < len(xs) && xs[j]-xs[i] <= em/2 {
			j++ // never back: time linear in the lines
		}
		if j-i >= need {
			edge, shared = xs[i], true
			break
		}
	}
	if right {
		return -edge, shared
	}
	return edge, shared
}

// paragraphs groups lines into paragraphs.
func paragraphs(lines []line) []Paragraph {
	c := measure(slices.Clone(lines))
	table := tableLines(lines)
	var out []Paragraph
	var cur *Paragraph
	var b strings.Builder
	flush := func() {
		if cur != nil {
			cur.Text = b.String()
			out = append(out, *cur)
			cur = nil
			b.Reset()
		}
	}
	for i := 0; i < len(lines); i++ {
		l := &lines[i]
		if table[i] {
			flush()
			j := i
			for j < len(lines) && table[j] {
				j++
			}
			out = append(out, makeTable(lines[i:j]))
			i = j - 1
			continue
		}
		centred, standalone := c.standalone(l)
		if standalone {
			flush()
			out = append(out, Paragraph{Kind: Line, Text: l.text(), Page: l.page, Centered: centred, Red: l.red, Size: l.size})
			continue
		}
		if cur != nil && c.continues(&lines[i-1], l) {
			writeLineJoin(&b, l.text())
			b.WriteString(l.text())
			continue
		}
		flush()
		cur = &Paragraph{Kind: Body, Page: l.page, Red: l.red, Size: l.size}
		b.WriteString(l.text())
	}
	flush()
	return out
}

// standalone reports whether a line stands alone, and whether it is
// centred: a centred line, a line set off to the right, a line in red or
// in a larger font.
func (c column) standalone(l *line) (centred, alone bool) {
	in, out := l.x0-c.left, c.right-l.x1
	centred = in >= centreIn*c.size && math.Abs(in-out) <= centreSlack*c.size
	return centred, centred || in >= offset*c.size || l.red || l.size > (1+sizeChange)*c.size
}

// continues reports whether line l goes on with the paragraph whose last
// line is prev: l is not indented, prev fills the column (filled), l is in
// the same font size and, on the same page, follows at the usual pitch.
func (c column) continues(prev, l *line) bool {
	switch {
	case l.x0-c.left >= indent*c.size:
		return false
	case !c.filled(prev, l):
		return false
	case math.Abs(l.size-prev.size) > sizeChange*c.size, l.red != prev.red:
		return false
	case l.page == prev.page && c.pitch > 0 && l.y-prev.y > gapFactor*c.pitch:
		return false
	case !c.indented && endsSentence(prev.text()) && itemRE.MatchString(l.text()):
		return false
	}
	return true
}

// itemRE matches the start of a numbered item: 1、 1. （一） (1) 一、 第一条.
var itemRE = regexp.MustCompile(`^(?:[0-9０-９]{1,3}[、.．]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十0-9０-９]{1,3}[）)]|第[一二三四五六七八九十百]{1,4}[条章节])`)

// endsSentence reports whether s ends a sentence or a quotation.
func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("。！？；：.!?;:”’」』》）)", r)
}

// filled reports whether line prev ends close enough to the right margin
// for the paragraph to go on with line l: closer than the first word of l
// is wide (with half an em to spare), so that the word would not have fit
// at the end of prev. Justified lines end at the margin; ragged ones
// short of it by less than the word that follows.
func (c column) filled(prev, l *line) bool {
	return prev.x1 >= c.right-(firstWord(l.text())+0.5)*prev.size
}

// firstWord returns the width in ems of the first piece of s a line may
// not break in: a Latin word or a number (half an em a character, about),
// or one Chinese character; with the punctuation after it, which never
// starts a line.
func firstWord(s string) float64 {
	rs := []rune(s)
	w, i := 0.0, 0
	for i < len(rs) && !wide(rs[i]) && !isSpace(rs[i]) {
		w, i = w+0.55, i+1
	}
	if i == 0 && len(rs) > 0 {
		w, i = 1, 1
	}
	for i < len(rs) && strings.ContainsRune("，。、；：！？）》」』”’％…", rs[i]) {
		w, i = w+1, i+1
	}
	return w
}

// tableLines marks the lines that are rows of a table: lines of two
// segments or more, two or more in a row. A line whose segments are all
// one character is letter-spaced text, not a row.
func tableLines(lines []line) []bool {
	table := make([]bool, len(lines))
	row := func(l *line) bool {
		return len(l.segs) > 1 && slices.ContainsFunc(l.segs, func(s seg) bool { return utf8.RuneCountInString(s.text) > 1 })
	}
	for i := 0; i < len(lines); {
		j := i
		for j < len(lines) && row(&lines[j]) {
			j++
		}
		if j-i >= 2 {
			for k := i; k < j; k++ {
				table[k] = true
			}
		}
		i = max(j, i+1)
	}
	return table
}

// makeTable makes a table of rows: each segment a cell, its column the
// span of the segments that overlap it, across all the rows (cells set
// left, centred or right in their columns all overlap there).
func makeTable(rows []line) Paragraph {
	var spans [][2]float64
	for _, r := range rows {
		for _, s := range r.segs {
			spans = append(spans, [2]float64{s.x0, s.x1})
		}
	}
	slices.SortFunc(spans, func(a, b [2]float64) int { return cmp.Compare(a[0], b[0]) })
	var cols [][2]float64 // the columns, left to right
	for _, s := range spans {
		if n := len(cols); n > 0 && s[0] < cols[n-1][1] {
			cols[n-1][1] = max(cols[n-1][1], s[1])
			continue
		}
		cols = append(cols, s)
	}
	p := Paragraph{Kind: Table, Page: rows[0].page, Size: rows[0].size}
	var text []string
	for _, r := range rows {
		var cells []Cell
		var cellText []string
		for _, s := range r.segs {
			col, _ := slices.BinarySearchFunc(cols, s.x0, func(c [2]float64, x float64) int {
				return cmp.Compare(c[0], x+0.001)
			})
			cells = append(cells, Cell{Text: s.text, Col: max(col-1, 0)})
			cellText = append(cellText, s.text)
		}
		p.Rows = append(p.Rows, cells)
		text = append(text, strings.Join(cellText, " "))
	}
	p.Text = strings.Join(text, "\n")
	return p
}

// writeLineJoin writes a space before next, the text of a line that goes
// on with the paragraph in b, if the line broke between two Latin words:
// a number, or Chinese text, may break anywhere.
func writeLineJoin(b *strings.Builder, next string) {
	last, _ := utf8.DecodeLastRuneInString(b.String())
	first, _ := utf8.DecodeRuneInString(next)
	if latinLetter(last) && latinLetter(first) {
		b.WriteByte(' ')
	}
}

// latinLetter reports a letter that is not full-width.
func latinLetter(r rune) bool {
	return unicode.IsLetter(r) && !wide(r)
}
