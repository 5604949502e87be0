package document

import "portal/generator/internal/diag"

// ParseText parses a plain-text official document: src is valid UTF-8 with
// LF line endings. file names the file in problems. Parsing never fails; the
// problems are warnings for an editor to look at.
func ParseText(file, src string) (*Document, diag.List) {
	var probs diag.List
	lines := cleanLines(src)
	warnPageNumbers(file, lines, &probs)
	d := parseLines(file, lines, parseBody, &probs)
	return d, probs
}

// parseLines makes a document of cleaned lines: the title block, the
// signature, and the body between them, which body turns into blocks.
// ParseText and ParseParagraphs share it.
func parseLines(file string, lines []srcLine, body func([]srcLine) []Block, probs *diag.List) *Document {
	d := &Document{}
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
