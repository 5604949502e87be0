package document

import (
	"errors"
	"regexp"
	"strings"

	"portal/generator/internal/diag"
	"portal/generator/internal/docx"
	"portal/generator/internal/layout"
	"portal/generator/internal/ofd"
	"portal/generator/internal/pdf"
)

// ParsePDF parses a PDF held in data: its text with positions (package
// pdf), laid out into paragraphs (package layout), parsed with
// ParseParagraphs, the 版记 at its end left out; Block.Line is the
// 1-based index of the laid-out paragraph. A file that cannot be read —
// not a PDF, protected by a password, corrupt or truncated, beyond the
// reader's limits, a scan with no text layer, a text layer that maps to
// gibberish — gives an empty document and one error naming file; a page
// that is only an image, in a document with text, a warning.
func ParsePDF(file string, data []byte) (*Document, diag.List) {
	pages, err := pdf.Read(data)
	return parseFixed(file, ".pdf", pages, err)
}

// ParseOFD parses an OFD (GB/T 33190) held in data as ParsePDF parses a
// PDF, its text read by package ofd.
func ParseOFD(file string, data []byte) (*Document, diag.List) {
	pages, err := ofd.Read(data)
	return parseFixed(file, ".ofd", pages, err)
}

// parseFixed lays out the pages a reader gave and parses the paragraphs;
// readErr is the reader's error, ext the file type for its message.
func parseFixed(file, ext string, pages []layout.Page, readErr error) (*Document, diag.List) {
	var probs diag.List
	var res *layout.Result
	err := readErr
	if err == nil {
		res, err = layout.Lay(pages)
	}
	switch {
	case errors.Is(err, layout.ErrScanned):
		probs.Errorf(diag.Pos{File: file}, "%v", err)
		return &Document{}, probs
	case err != nil:
		probs.Errorf(diag.Pos{File: file}, "cannot read %s: %v", ext, err)
		return &Document{}, probs
	}
	paras, err := fixedParas(dropImprint(res.Paragraphs))
	if err != nil {
		probs.Errorf(diag.Pos{File: file}, "cannot read %s: %v", ext, err)
		return &Document{}, probs
	}
	d, more := ParseParagraphs(file, paras)
	for _, p := range res.ImagePages {
		probs.Warnf(diag.Pos{File: file}, "page %d is an image with no text layer (a scan?): what it shows is not on the report's page", p)
	}
	return d, append(probs, more...)
}

// fixedParas turns laid-out paragraphs into paragraphs for
// ParseParagraphs: a line standing alone (title, 文号, signature) is never
// joined with another; a table becomes one paragraph a row, each figure
// after its row and column headers, as a .docx table does.
func fixedParas(ps []layout.Paragraph) ([]Para, error) {
	limit := 2 * docx.MaxText
	left := limit
	var paras []Para
	for _, p := range ps {
		switch p.Kind {
		case layout.Table:
			t := fixedTable(p.Rows)
			rows, err := tableRows(t, left, limit)
			if err != nil {
				return nil, err
			}
			for _, s := range rows {
				left -= len(s)
				paras = append(paras, Para{Text: s, asIs: true, table: t})
			}
		default:
			if len(p.Text) > left {
				return nil, tableTextError(limit)
			}
			left -= len(p.Text)
			paras = append(paras, Para{Text: p.Text, box: p.Kind == layout.Line})
		}
	}
	return paras, nil
}

// fixedTable makes a table of laid-out rows; its first row is its header.
func fixedTable(rows [][]layout.Cell) *docx.Table {
	t := &docx.Table{HeaderRows: 1}
	for _, r := range rows {
		var cells []docx.Cell
		for _, c := range r {
			cells = append(cells, docx.Cell{Text: c.Text, Col: c.Col, ColSpan: 1, RowSpan: 1})
		}
		t.Rows = append(t.Rows, cells)
	}
	return t
}

// imprintRE matches the lines of the 版记 that ends an official document
// (GB/T 9704): "抄送：…", and the issuing office with the date of issue,
// "…办公室 2011年3月10日印发".
var imprintRE = regexp.MustCompile(`^(?:抄送|抄报|主题词)[：:]|[0-9０-９〇一二三四五六七八九十]+年[0-9０-９〇一二三四五六七八九十]+月[0-9０-９〇一二三四五六七八九十]+日印发$`)

// dropImprint drops the 版记 at the end of a document: it is no part of
// the report, and it would hide the signature and date above it.
func dropImprint(ps []layout.Paragraph) []layout.Paragraph {
	for len(ps) > 0 && ps[len(ps)-1].Kind != layout.Table && imprintRE.MatchString(strings.Join(strings.Fields(ps[len(ps)-1].Text), "")) {
		ps = ps[:len(ps)-1]
	}
	return ps
}
