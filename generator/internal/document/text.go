package document

import (
	"slices"
	"strings"

	"portal/generator/internal/diag"
)

// ParseText parses a plain-text official document: src is valid UTF-8 with
// LF line endings. file names the file in problems. The problems are
// warnings for an editor to look at, but for a text past the limits of
// limits.go, which is an error, and whose document is empty.
func ParseText(file, src string) (*Document, diag.List) {
	if overLines(src) {
		return &Document{}, diag.List{tooManyLines(file, 0)}
	}
	var probs diag.List
	lines := cleanLines(src)
	warnPageNumbers(file, lines, &probs)
	d := parseLines(file, lines, parseBody, &probs)
	d.compact()
	return d, probs
}

// compact copies the document's text into one string of its own, so that
// it holds no part of src (nor of the buffers lines were joined in), and
// its blocks into a slice of their exact number: a build keeping many
// documents keeps each one's text once.
func (d *Document) compact() {
	n := 0
	for _, b := range d.Blocks {
		n += len(b.Text) + len(b.Number)
	}
	var buf strings.Builder
	buf.Grow(n)
	offsets := make([][2]int, len(d.Blocks)) // start of Text and of Number
	for i, b := range d.Blocks {
		offsets[i][0] = buf.Len()
		buf.WriteString(b.Text)
		offsets[i][1] = -1
		if !strings.HasPrefix(b.Text, b.Number) {
			offsets[i][1] = buf.Len()
			buf.WriteString(b.Number)
		}
	}
	all := buf.String()
	d.Blocks = slices.Clone(d.Blocks) // no spare capacity
	for i := range d.Blocks {
		b := &d.Blocks[i]
		text := all[offsets[i][0] : offsets[i][0]+len(b.Text)]
		if strings.HasPrefix(b.Text, b.Lead) {
			b.Lead = text[:len(b.Lead)]
		} else {
			b.Lead = strings.Clone(b.Lead)
		}
		if at := offsets[i][1]; at >= 0 {
			b.Number = all[at : at+len(b.Number)]
		} else {
			b.Number = text[:len(b.Number)]
		}
		b.Text = text
	}
	h := &d.Header
	h.Organ, h.DocHeader, h.DocNumber, h.Title = strings.Clone(h.Organ), strings.Clone(h.DocHeader), strings.Clone(h.DocNumber), strings.Clone(h.Title)
	g := &d.Signature
	g.Organ, g.Date, g.DateText = strings.Clone(g.Organ), strings.Clone(g.Date), strings.Clone(g.DateText)
}

// parseLines makes a document of cleaned lines: the title block, the
// signature, and the body between them, which body turns into blocks.
// ParseText and ParseParagraphs share it.
func parseLines(file string, lines []srcLine, body func([]srcLine) []Block, probs *diag.List) *Document {
	d := &Document{}
	if len(lines) > maxBlocks {
		probs.Add(tooManyBlocks(file, lines[maxBlocks].no))
		return d
	}
	d.Header, lines = parseHeader(lines)
	d.Signature, lines = parseSignature(file, lines, probs)
	d.Blocks = body(lines)
	fixFirstNumberStyle(d.Blocks)
	assignAnchors(d.Blocks)
	if len(d.Blocks) == 0 {
		probs.Warnf(diag.Pos{File: file, Line: 1}, "no body text found")
	}
	return d
}

// warnPageNumbers reports lines that look like printed page numbers, which
// a conversion from PDF leaves in the text.
func warnPageNumbers(file string, lines []srcLine, probs *diag.List) {
	for _, l := range lines {
		if pageNumberRE.MatchString(l.text) {
			probs.Warnf(diag.Pos{File: file, Line: l.no}, "%q looks like a page number left by conversion; delete it", l.text)
		}
	}
}
