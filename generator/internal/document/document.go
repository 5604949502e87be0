package document

import "portal/generator/internal/docx"

// BlockKind says what a block is.
type BlockKind int

const (
	// Heading is a numbered section title such as "一、主要举措和成效".
	Heading BlockKind = iota + 1
	// Paragraph is a run of body text.
	Paragraph
)

// String returns "heading" or "paragraph".
func (k BlockKind) String() string {
	switch k {
	case Heading:
		return "heading"
	case Paragraph:
		return "paragraph"
	}
	return "block"
}

// Block is one heading or paragraph of the body, in reading order.
type Block struct {
	Kind BlockKind
	// Level of a heading: 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）;
	// in Markdown the heading level relative to the smallest one used.
	// 0 for paragraphs.
	Level int
	// Number is the official number as written in the source, e.g. "一、",
	// "（一）", "(一)", "1.", "1．", "（1）"; "" if none. Paragraphs that start
	// with a number (run-in items) keep it here too.
	Number string
	// Text of a heading is its title without the number. Text of a paragraph
	// is the whole cleaned paragraph, number and lead included, exactly as it
	// reads.
	Text string
	// Lead is the run-in lead sentence of a numbered paragraph, e.g.
	// "1.深入学习习近平法治思想情况。", a prefix of Text; "" otherwise.
	Lead string
	// Anchor is the HTML id: "s1", "s1-2", "s1-2-3" for headings, by their
	// position in the heading tree; "p1", "p2", ... for paragraphs.
	Anchor string
	// Line is the 1-based line of the source file where the block starts.
	Line int

	// table is set on the paragraphs made from the rows of a .docx table:
	// the page shows the table itself, once, where its first row stands.
	table *docx.Table
	// note is set on a footnote or an endnote of a .docx, which follows
	// the paragraph that refers to it.
	note bool
}

// Header is the title block at the top of an official document. Each field
// holds a line as written; a field the document does not have is "".
type Header struct {
	Organ     string // issuing organ on a line of its own, e.g. "鲁山县信访局"
	DocHeader string // red-header line, e.g. "阳城县信访局文件"
	DocNumber string // 文号, e.g. "阳信发〔2024〕1号"
	Title     string // e.g. "2024年度法治政府建设情况报告"; a title split over lines is joined
}

// Signature is the organ-and-date block at the end.
type Signature struct {
	Organ string // e.g. "芷江侗族自治县信访局"; "" if only a date ends the document
	// Date is the ISO date, e.g. "2024-12-31", converted from 2024年12月31日,
	// 二〇二四年十二月三十一日 and the like; "" if there is none or it is not
	// a real calendar date.
	Date string
	// DateText is the date line as written, e.g. "2024年12月31日".
	DateText string
	// Line is the line where the signature starts; 0 if there is none.
	Line int
}

// Document is a parsed report.
type Document struct {
	Header    Header
	Blocks    []Block
	Signature Signature

	// markdown is set for documents from ParseMarkdown: their HTML is
	// rendered from source rather than from Blocks.
	markdown bool
	source   []byte
}

// Headings returns the heading blocks (for a table of contents).
func (d *Document) Headings() []Block {
	var hs []Block
	for _, b := range d.Blocks {
		if b.Kind == Heading {
			hs = append(hs, b)
		}
	}
	return hs
}
