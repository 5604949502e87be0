// Package docx reads the body of a Word .docx file (Office Open XML) with
// archive/zip and encoding/xml only: its paragraphs, with their outline
// level or heading style, Word's automatic numbering rendered into the
// visible number, bold run-in leads, and tables with merged cells.
//
// What is kept and what is dropped:
//
//   - Text comes from runs: w:t, w:tab (a tab), w:br and w:cr (a line break;
//     a page or column break is dropped, so a sentence broken over a page
//     stays whole), w:noBreakHyphen ("-"). Soft hyphens (w:softHyphen,
//     U+00AD) are dropped; full-width spaces are kept as written.
//   - Inserted revisions (w:ins, w:moveTo) are kept; deleted revisions
//     (w:del, w:moveFrom, w:delText) are dropped. Bookmarks, comments,
//     hidden text (w:vanish), field codes (w:instrText and the code part of
//     complex fields) and pictures are dropped; the result of a field is
//     kept. Headers and footers are separate parts and are never read, so
//     page-number fields never reach the text.
//   - Footnotes and endnotes: the reference mark stays in the text where
//     Word prints it, numbered as Word numbers it (w:footnotePr and
//     w:endnotePr of the section, else of settings.xml; by default 1, 2, 3
//     and i, ii, iii), in brackets when it is a number or a letter ("[1]",
//     so that it never runs into a figure), as it is when a symbol ("①");
//     the note's text (footnotes.xml, endnotes.xml) is in Block.Notes of
//     the block that refers to it, for the reader to show after it. A page
//     has no foot, so notes are numbered on through the pages.
//   - Text boxes: their paragraphs and tables follow the block they are
//     anchored in, marked TextBox, once: Word writes each text box twice,
//     in mc:Choice (DrawingML) and mc:Fallback (VML), and only the first
//     branch is read; a VML-only text box (w:pict) is read as well.
//   - Paragraphs in Word's table-of-contents styles ("toc 1" …) are
//     dropped: they repeat the headings, and the page makes its own.
//   - A paragraph's level comes from its w:outlineLvl, else from its style
//     (outline level, or a name "heading N" / "标题 N", following w:basedOn).
//   - A run is bold by its own w:b, else by its character style (w:rStyle)
//     and its paragraph style, each through w:basedOn; through the styles
//     w:b toggles (a bold character style in a bold paragraph style is not
//     bold, ECMA-376 §17.7.3), and w:b w:val="0" turns bold off.
//   - Automatic numbering (w:numPr, directly or through the style) is
//     rendered with numbering.xml's w:lvlText and w:numFmt (decimal,
//     chineseCounting, ideographTraditional, letters, roman, circled …), so
//     "（%1）" at the second count of chineseCounting reads "（二）". As in
//     Word, every w:num of one definition (w:abstractNum, or the one a
//     w:numStyleLink list style leads to) counts on from the others; a
//     w:startOverride restarts its level the first time that w:num numbers
//     it; a w:lvl override changes the format only; a lower level starts
//     again after a higher one advances, unless its w:lvlRestart says
//     otherwise (0: never; n: only after levels 1..n).
//
// Bad input gets an error that says what is wrong: an old binary .doc, an
// encrypted (password-protected) file, a file that is not a zip, a zip
// without word/document.xml, or one whose parts are too large or too many
// (a zip bomb). Hostile input is refused within bounded memory and time
// (see limits.go): each part is decompressed as a stream of XML tokens
// and never held whole; its expanded size, the nesting of its elements and
// of its tables, and the counts of its elements, paragraphs, cells,
// styles, lists and bytes of text all have limits, and going beyond one
// is an error (ErrLimit, ErrTooLarge) that names the part and, for XML,
// the line and column. Every recursion of the reader goes one XML element
// deeper, so MaxXMLDepth bounds the stack.
package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"strings"

	"portal/generator/internal/diag"
)

// Errors for files that are not a readable .docx; their messages are in
// the editor's language too (diag.ErrorTextIn), as are those of the
// errors that wrap them.
var (
	ErrOldDoc    = diag.Errorf("this is an old binary Word file (.doc, Word 97-2003): open it in Word or WPS and save it as .docx")
	ErrEncrypted = diag.Errorf("the file is encrypted (password-protected): remove the password in Word or WPS and save it again")
	ErrNotZip    = diag.Errorf("not a .docx file (a .docx is a zip archive; this one does not start like one)")
	ErrNoBody    = diag.Errorf("not a Word document: the archive has no word/document.xml")
	ErrTooLarge  = diag.Errorf("the archive is too large when uncompressed (a zip bomb?)")
)

// Document is the body of a .docx: paragraphs and tables in reading order.
type Document struct {
	Blocks []Block
}

// Block is a paragraph or a table; exactly one of the two is set.
type Block struct {
	Para  *Para
	Table *Table
	// Notes are the footnotes and endnotes the block refers to, in order;
	// their marks are in its text.
	Notes []Note
	// TextBox is set on the blocks of a text box: they follow the block
	// the text box is anchored in (and the blocks of its earlier text
	// boxes).
	TextBox bool
}

// Para is one paragraph of the body.
type Para struct {
	// Text is the visible text, automatic number included; a line break
	// inside the paragraph is "\n".
	Text string
	// Level is the heading level, 1 for the top, from the outline level or
	// a heading style; 0 for body text or unknown.
	Level int
	// Number is the automatic number as rendered, e.g. "一、", "（一）",
	// "1."; it is also at the start of Text. "" when the number, if any, is
	// typed.
	Number string
	// Bold is the bold text the paragraph starts with (after Number), when
	// more text follows it: the run-in lead of official documents. "" if none.
	Bold string
	// Style is the paragraph's style id, "" for the default.
	Style string
}

// Table is a table, row by row. A merged cell appears once, in the row and
// column where it starts, with its spans.
type Table struct {
	Rows [][]Cell
	// HeaderRows is how many of the first rows are the table's header: the
	// rows marked w:tblHeader, else the first row of a table of two rows
	// or more; either taken on over the rows their cells are merged into.
	HeaderRows int
}

// Cell is one cell of a table.
type Cell struct {
	// Text is the text of the cell's paragraphs, joined by "\n".
	Text string
	// Col is the grid column where the cell starts, 0-based.
	Col int
	// ColSpan and RowSpan are at least 1.
	ColSpan, RowSpan int
}

// oleSignature starts every OLE compound file: old .doc files and
// encrypted Office files.
var oleSignature = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// encryptedPackage is the stream name, in UTF-16LE, of an encrypted
// Office Open XML file inside its OLE container.
var encryptedPackage = utf16le("EncryptedPackage")

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), 0)
	}
	return b
}

// Read parses a .docx file held in data, within the limits above.
func Read(data []byte) (*Document, error) {
	zr, err := openZip(data)
	if err != nil {
		return nil, err
	}
	r := &reader{zr: zr, b: newBudget(len(data))}
	return r.read()
}

// Check reports whether data can be read as a .docx, looking only at its
// signature and its zip directory: no part is decompressed, so it costs
// little, and Read, which starts with the same checks, finds the rest (a
// corrupt part, malformed XML, a zip bomb whose directory lies). Its
// errors are Read's: an old .doc, an encrypted file, not a zip, a corrupt
// zip directory, too many entries, no word/document.xml, a part too large
// or expanding too much.
func Check(data []byte) error {
	_, err := openZip(data)
	return err
}

// usedParts are the parts Read reads, with their size limits.
var usedParts = []struct {
	name  string
	limit int64
}{
	{documentPart, MaxDocumentSize},
	{"word/styles.xml", MaxPartSize},
	{"word/numbering.xml", MaxPartSize},
	{"word/settings.xml", MaxPartSize},
	{"word/footnotes.xml", MaxPartSize},
	{"word/endnotes.xml", MaxPartSize},
}

// documentPart is the part that holds the body.
const documentPart = "word/document.xml"

// centralHeader starts each entry of a zip directory.
var centralHeader = []byte("PK\x01\x02")

// openZip checks the signature of data and opens it as a zip whose
// directory has word/document.xml and parts of sizes within the limits.
func openZip(data []byte) (*zip.Reader, error) {
	if bytes.HasPrefix(data, oleSignature) {
		if bytes.Contains(data, encryptedPackage) {
			return nil, ErrEncrypted
		}
		return nil, ErrOldDoc
	}
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return nil, ErrNotZip
	}
	// zip.NewReader reads the whole directory, 200 bytes of memory an
	// entry: count the entries it could find first.
	if n := bytes.Count(data, centralHeader); n > 8*MaxEntries {
		return nil, diag.Errorf("%w: more than %d entries", ErrTooLarge, MaxEntries)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, diag.Errorf("corrupt .docx: %v", err)
	}
	if len(zr.File) > MaxEntries {
		return nil, diag.Errorf("%w: %d entries, more than %d", ErrTooLarge, len(zr.File), MaxEntries)
	}
	if findPart(zr, documentPart) == nil {
		return nil, ErrNoBody
	}
	return zr, checkSizes(zr)
}

// checkSizes checks the sizes the zip directory gives the parts Read
// uses (archive/zip holds a part to them as it decompresses it).
func checkSizes(zr *zip.Reader) error {
	var total uint64
	for _, u := range usedParts {
		f := findPart(zr, u.name)
		if f == nil {
			continue
		}
		size := f.UncompressedSize64
		switch {
		case size > uint64(u.limit):
			return diag.Errorf("%w: %s is %d MB, more than %d MB", ErrTooLarge, u.name, size>>20, u.limit>>20)
		case size > minRatioSize && size > MaxRatio*f.CompressedSize64:
			return diag.Errorf("%w: %s expands %d times, more than %d", ErrTooLarge, u.name, size/max(f.CompressedSize64, 1), MaxRatio)
		}
		total += size
	}
	if total > MaxExpanded {
		return diag.Errorf("%w: the parts read are more than %d MB uncompressed in all", ErrTooLarge, MaxExpanded>>20)
	}
	return nil
}

// findPart returns the entry of the named part (case-insensitive), nil if
// there is none.
func findPart(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}

// reader reads the parts of one .docx, each as a stream of XML tokens,
// within one budget.
type reader struct {
	zr *zip.Reader
	b  *budget
}

// read reads the document from its parts: styles and numbering first,
// then the body, then the notes it refers to.
func (r *reader) read() (*Document, error) {
	var st styles
	var num *numbering
	var settings [2]notePr
	err := r.part("word/styles.xml", func(d *xml.Decoder) (err error) {
		st, err = parseStyles(d)
		return err
	})
	if err == nil {
		err = r.part("word/numbering.xml", func(d *xml.Decoder) (err error) {
			num, err = parseNumbering(d, st)
			return err
		})
	}
	if err == nil {
		err = r.part("word/settings.xml", func(d *xml.Decoder) (err error) {
			settings, err = parseSettings(d)
			return err
		})
	}
	if err != nil {
		return nil, err
	}
	var p *bodyParser
	var doc *Document
	err = r.part(documentPart, func(d *xml.Decoder) (err error) {
		p = newBodyParser(d, st, num, r.b)
		doc, err = parseBody(p)
		return err
	})
	if err != nil || len(p.refs) == 0 {
		return doc, err
	}
	var notes [2]map[string]string
	for kind, name := range []string{"footnote", "endnote"} {
		err := r.part("word/"+name+"s.xml", func(d *xml.Decoder) (err error) {
			notes[kind], err = parseNotes(d, name, st, num, r.b)
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	p.numberNotes(settings)
	if err := p.finishNotes(doc.Blocks, notes); err != nil {
		return nil, partError(documentPart, nil, err)
	}
	return doc, nil
}

// part reads the named part with parse, which gets a nil decoder when the
// .docx lacks the part. Its errors name the part.
func (r *reader) part(name string, parse func(*xml.Decoder) error) error {
	f := findPart(r.zr, name)
	if f == nil {
		return parse(nil)
	}
	limit := int64(MaxPartSize)
	if name == documentPart {
		limit = MaxDocumentSize
	}
	rc, err := f.Open()
	if err != nil {
		return diag.Errorf("corrupt .docx: %s: %v", name, err)
	}
	defer rc.Close()
	d, in := newDecoder(rc, limit, r.b)
	if err := parse(d); err != nil {
		return partError(name, in, err)
	}
	return nil
}
