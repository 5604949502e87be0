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
// (a zip bomb).
package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Limits on what Read accepts, against zip bombs.
const (
	// MaxDocumentSize is the most uncompressed bytes read of word/document.xml.
	MaxDocumentSize = 50 << 20
	// MaxPartSize is the most uncompressed bytes read of each other part:
	// styles.xml, numbering.xml, settings.xml, footnotes.xml, endnotes.xml.
	MaxPartSize = 10 << 20
	// MaxEntries is the most entries a .docx may have.
	MaxEntries = 2000
)

// Errors for files that are not a readable .docx.
var (
	ErrOldDoc    = errors.New("this is an old binary Word file (.doc, Word 97-2003): open it in Word or WPS and save it as .docx")
	ErrEncrypted = errors.New("the file is encrypted (password-protected): remove the password in Word or WPS and save it again")
	ErrNotZip    = errors.New("not a .docx file (a .docx is a zip archive; this one does not start like one)")
	ErrNoBody    = errors.New("not a Word document: the archive has no word/document.xml")
	ErrTooLarge  = errors.New("the archive is too large when uncompressed (a zip bomb?)")
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

// Read parses a .docx file held in data.
func Read(data []byte) (*Document, error) {
	zr, err := openZip(data)
	if err != nil {
		return nil, err
	}
	parts, err := readParts(zr)
	if err != nil {
		return nil, err
	}
	return parts.parse()
}

// Check reports whether data can be read as a .docx, looking only at its
// signature and its zip directory: no part is decompressed, so it costs
// little, and Read, which starts with the same checks, finds the rest (a
// corrupt part, malformed XML, a zip bomb whose directory lies). Its
// errors are Read's: an old .doc, an encrypted file, not a zip, a corrupt
// zip directory, too many entries, no word/document.xml, a part too large.
func Check(data []byte) error {
	_, err := openZip(data)
	return err
}

// usedParts are the parts Read reads, with their size limits.
var usedParts = []struct {
	name  string
	limit int64
	dst   func(*parts) *[]byte
}{
	{"word/document.xml", MaxDocumentSize, func(ps *parts) *[]byte { return &ps.document }},
	{"word/styles.xml", MaxPartSize, func(ps *parts) *[]byte { return &ps.styles }},
	{"word/numbering.xml", MaxPartSize, func(ps *parts) *[]byte { return &ps.numbering }},
	{"word/settings.xml", MaxPartSize, func(ps *parts) *[]byte { return &ps.settings }},
	{"word/footnotes.xml", MaxPartSize, func(ps *parts) *[]byte { return &ps.footnotes }},
	{"word/endnotes.xml", MaxPartSize, func(ps *parts) *[]byte { return &ps.endnotes }},
}

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
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("corrupt .docx: %v", err)
	}
	if len(zr.File) > MaxEntries {
		return nil, fmt.Errorf("%w: %d entries, more than %d", ErrTooLarge, len(zr.File), MaxEntries)
	}
	if findPart(zr, usedParts[0].name) == nil {
		return nil, ErrNoBody
	}
	for _, u := range usedParts {
		if f := findPart(zr, u.name); f != nil && f.UncompressedSize64 > uint64(u.limit) {
			return nil, fmt.Errorf("%w: %s is %d MB, more than %d MB", ErrTooLarge, u.name, f.UncompressedSize64>>20, u.limit>>20)
		}
	}
	return zr, nil
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

// parts are the parts of a .docx that Read uses; nil for one it lacks.
type parts struct {
	document, styles, numbering, settings, footnotes, endnotes []byte
}

// readParts reads the parts Read uses from a zip openZip checked.
func readParts(zr *zip.Reader) (*parts, error) {
	var ps parts
	for _, u := range usedParts {
		b, err := readPart(findPart(zr, u.name), u.name, u.limit)
		if err != nil {
			return nil, err
		}
		*u.dst(&ps) = b
	}
	if ps.document == nil {
		return nil, ErrNoBody
	}
	return &ps, nil
}

// parse reads the document from its parts: styles and numbering first,
// then the body, then the notes it refers to.
func (ps *parts) parse() (*Document, error) {
	st, err := parseStyles(ps.styles)
	if err != nil {
		return nil, fmt.Errorf("corrupt .docx: word/styles.xml: %v", err)
	}
	num, err := parseNumbering(ps.numbering, st)
	if err != nil {
		return nil, fmt.Errorf("corrupt .docx: word/numbering.xml: %v", err)
	}
	settings, err := parseSettings(ps.settings)
	if err != nil {
		return nil, fmt.Errorf("corrupt .docx: word/settings.xml: %v", err)
	}
	p := newBodyParser(ps.document, st, num)
	d, err := parseBody(p)
	if err != nil {
		return nil, fmt.Errorf("corrupt .docx: word/document.xml: %v", err)
	}
	if len(p.refs) == 0 {
		return d, nil
	}
	var notes [2]map[string]string
	for kind, x := range []struct {
		data []byte
		name string
	}{{ps.footnotes, "footnote"}, {ps.endnotes, "endnote"}} {
		if notes[kind], err = parseNotes(x.data, x.name, st, num); err != nil {
			return nil, fmt.Errorf("corrupt .docx: word/%ss.xml: %v", x.name, err)
		}
	}
	p.numberNotes(settings)
	p.finishNotes(d.Blocks, notes)
	return d, nil
}

// readPart reads the part in f, at most limit bytes uncompressed whatever
// its directory says; nil if f is nil.
func readPart(f *zip.File, name string, limit int64) ([]byte, error) {
	if f == nil {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("corrupt .docx: %s: %v", name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("corrupt .docx: %s: %v", name, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w: %s is more than %d MB", ErrTooLarge, name, limit>>20)
	}
	return b, nil
}
