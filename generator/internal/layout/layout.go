// Package layout rebuilds the paragraphs of a fixed-layout document (a PDF,
// an OFD) from the positions of its text: lines from glyph positions,
// paragraphs from the first-line indent and the spacing, running headers,
// footers and page numbers removed, a paragraph cut by a page break joined,
// title, 文号 and signature lines kept as lines of their own, and tables
// kept row by row in reading order.
//
// It knows nothing of the file formats: a reader (package pdf, package ofd)
// gives it pages of positioned text runs, in any unit of length, the same
// for both axes.
package layout

import (
	"errors"
	"math"
	"strings"
	"unicode"
)

// Run is a piece of text drawn on a page: one glyph or several on one
// baseline, in one font size.
type Run struct {
	// X and Y are where the baseline of the first glyph starts, from the
	// page's top-left corner, Y growing down.
	X, Y float64
	// W is the advance width of the run: where the next glyph would go.
	W float64
	// Size is the font size (the em).
	Size float64
	// Text is the run's characters, as Unicode.
	Text string
	// Color is the fill colour as 0xRRGGBB.
	Color uint32
	// Hidden marks text drawn invisibly, as the text layer of a scan made
	// by OCR software: it is never read.
	Hidden bool
}

// Page is one page: its size, its text runs in any order, and how many
// images it draws.
type Page struct {
	W, H   float64
	Runs   []Run
	Images int
}

// Kind says what a paragraph is.
type Kind int

const (
	// Body is a paragraph of running text, its lines joined.
	Body Kind = iota + 1
	// Line is a line standing alone: centred (the 版头, the 文号, a title),
	// set off to the right (the signature and the date), or alone between
	// larger gaps. It is never joined with another.
	Line
	// Table is a table: Rows holds its cells, Text its rows.
	Table
)

// Paragraph is one paragraph of the document, in reading order.
type Paragraph struct {
	Kind Kind
	// Text is the text, its lines joined: no space between Chinese
	// characters, one between Latin words. A table's Text is its rows,
	// one a line, their cells separated by a space.
	Text string
	// Page is the 1-based page where the paragraph starts.
	Page int
	// Centered marks a line centred on the text column.
	Centered bool
	// Red marks a paragraph mostly in red, such as the 版头 of an
	// official document.
	Red bool
	// Size is the font size of the paragraph's first line.
	Size float64
	// Rows are the rows of a table, each its non-empty cells left to right.
	Rows [][]Cell
}

// Cell is one cell of a table row.
type Cell struct {
	Text string
	// Col is the 0-based column of the table where the cell starts.
	Col int
}

// Result is what Lay gives.
type Result struct {
	Paragraphs []Paragraph
	// ImagePages are the 1-based pages that draw images and no text: a
	// scanned page within a document that has a text layer.
	ImagePages []int
}

// ErrScanned is returned for a document whose pages are images with no
// text layer: a scan. It is not read by OCR: a misread figure on the portal
// would be worse than no page.
var ErrScanned = errors.New("扫描件，没有可复制的文字层：请改交可以复制文字的 PDF、Word 文档或文本文件（不做文字识别）")

// ErrNoText is returned for a document with neither text nor images.
var ErrNoText = errors.New("the document has no text")

// ErrGarbled is wrapped by the error of a text layer that does not map to
// real characters.
var ErrGarbled = errors.New("the text layer does not map to readable characters (fonts without a ToUnicode map?), so it would be published as gibberish: export the file again with its fonts embedded, or submit the Word or text file")

// Limits on what Lay reads, against hostile input.
const (
	// MaxRuns is the most runs of all the pages.
	MaxRuns = 4_000_000
	// MaxText is the most bytes of text of all the runs.
	MaxText = 16 << 20
)

// ErrLimit is returned for pages beyond MaxRuns or MaxText.
var ErrLimit = errors.New("the document has more text than the reader accepts (a damaged or hostile file?)")

// Lay rebuilds the paragraphs of pages. It returns ErrScanned when the
// pages are images without text (or most of them are), ErrNoText when
// they have neither, an error wrapping ErrGarbled when the text is mostly
// characters no font maps to Unicode, and ErrLimit beyond the limits.
func Lay(pages []Page) (*Result, error) {
	if err := checkLimits(pages); err != nil {
		return nil, err
	}
	res := &Result{}
	var lines []line
	scanned := 0
	for i := range pages {
		pl := pageLines(&pages[i], i+1)
		if len(pl) == 0 && pages[i].Images > 0 {
			scanned++
			res.ImagePages = append(res.ImagePages, i+1)
		}
		lines = append(lines, pl...)
	}
	switch {
	case len(lines) == 0 && scanned > 0, scanned > 0 && scanned*2 > len(pages):
		return nil, ErrScanned
	case len(lines) == 0:
		return nil, ErrNoText
	}
	if err := checkGarbled(lines); err != nil {
		return nil, err
	}
	lines = dropFurniture(lines, pages)
	if len(lines) == 0 {
		return nil, ErrNoText
	}
	res.Paragraphs = paragraphs(lines)
	return res, nil
}

// checkLimits checks the runs of pages against MaxRuns and MaxText.
func checkLimits(pages []Page) error {
	runs, text := 0, 0
	for _, p := range pages {
		runs += len(p.Runs)
		for _, r := range p.Runs {
			text += len(r.Text)
		}
		if runs > MaxRuns || text > MaxText {
			return ErrLimit
		}
	}
	return nil
}

// usable reports whether a run has a finite, sensible position and size,
// and something to read.
func usable(r Run) bool {
	for _, v := range []float64{r.X, r.Y, r.W, r.Size} {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e7 {
			return false
		}
	}
	return !r.Hidden && r.Size > 0 && strings.TrimFunc(r.Text, isSpace) != ""
}

// isSpace reports white space, the ideographic space included.
func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' }

// wide reports a character set in a full-width cell: Han, kana, hangul,
// and full-width punctuation and forms. No space is ever written next to
// one.
func wide(r rune) bool {
	switch {
	case unicode.Is(unicode.Han, r), unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
		return true
	case r >= 0x2E80 && r <= 0x303F, r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6:
		return true
	case r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…' || r == '·':
		return true
	}
	return false
}
