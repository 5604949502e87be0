package docx

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"portal/generator/internal/diag"
)

// bodyParser reads word/document.xml (or the notes) as a stream of tokens.
type bodyParser struct {
	d      *xml.Decoder
	styles styles
	num    *numbering
	// fields is the stack of open complex fields; true while in the code
	// part (before w:fldChar separate), whose text is not shown.
	fields []bool

	// refs are the note references read so far, in order.
	refs []noteRef
	// notes and boxes are the notes and the text-box blocks of the block
	// being read, which follow it.
	notes []Note
	boxes []Block
	// sections are the note numbering of the sections ended so far.
	sections [][2]notePr
	// customMark is the reference whose typed mark the next text is; -1
	// for none.
	customMark int
	// boxDepth is the depth of text boxes in text boxes being read.
	boxDepth int
	// inNotes is set while reading the notes, which cannot refer to notes.
	inNotes bool
	// b is what the paragraphs, cells and text may still take.
	b *budget
	// tableDepth is the depth of tables in tables being read.
	tableDepth int
}

// newBodyParser makes a parser of the XML d, within budget b.
func newBodyParser(d *xml.Decoder, st styles, num *numbering, b *budget) *bodyParser {
	return &bodyParser{d: d, styles: st, num: num, b: b, customMark: -1}
}

// transparent elements are containers whose content is read as if they
// were not there: content controls, custom XML, inserted revisions,
// hyperlinks, simple fields (their content is the field's result).
var transparent = map[string]bool{
	"document": true, "body": true, "sdt": true, "sdtContent": true, "customXml": true,
	"ins": true, "moveTo": true, "hyperlink": true, "smartTag": true, "fldSimple": true,
	"dir": true, "bdo": true,
}

// errUnexpectedEOF reports a document.xml that stops in the middle.
var errUnexpectedEOF = diag.Errorf("unexpected end of the XML")

// parseBody reads the paragraphs and tables of document.xml.
func parseBody(p *bodyParser) (*Document, error) {
	var doc Document
	for {
		tok, err := p.d.Token()
		if err == io.EOF {
			return &doc, nil
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || transparent[se.Name.Local] {
			continue
		}
		took, err := p.block(se, &doc.Blocks)
		switch {
		case err != nil:
			return nil, err
		case took:
		case se.Name.Local == "sectPr":
			err = p.endSection(se)
		default:
			err = p.d.Skip()
		}
		if err != nil {
			return nil, err
		}
	}
}

// block reads a paragraph or a table whose start tag e was just read and
// appends it to out with the notes it refers to, followed by the blocks of
// the text boxes anchored in it. It reports false, reading nothing, for
// any other element.
func (p *bodyParser) block(e xml.StartElement, out *[]Block) (bool, error) {
	var b Block
	var err error
	switch e.Name.Local {
	case "p":
		b.Para, err = p.para()
	case "tbl":
		b.Table, err = p.table()
	default:
		return false, nil
	}
	if err != nil {
		return true, err
	}
	b.Notes, p.notes = p.notes, nil
	if b.Para == nil || !p.styles.isTOC(b.Para.Style) {
		*out = append(*out, b)
	}
	*out = append(*out, p.boxes...)
	p.boxes = nil
	return true, nil
}

// endSection reads a w:sectPr after its start tag e, up to its end tag:
// the section it ends numbers its notes so.
func (p *bodyParser) endSection(e xml.StartElement) error {
	var s sectPr
	if err := p.d.DecodeElement(&s, &e); err != nil {
		return err
	}
	if len(p.sections) < maxNoteRefs {
		p.sections = append(p.sections, s.Notes)
	}
	return nil
}

// segment is a piece of a paragraph's text and whether it is bold.
type segment struct {
	text string
	bold bool
}

// para reads a paragraph after its start tag, up to its end tag.
func (p *bodyParser) para() (*Para, error) {
	if err := take(&p.b.paragraphs, 1, errParagraphs); err != nil {
		return nil, err
	}
	var props pPr
	var segs []segment
	err := p.children(func(e xml.StartElement) (bool, error) {
		switch e.Name.Local {
		case "pPr":
			return true, p.d.DecodeElement(&props, &e)
		case "r":
			s, err := p.run(props.Style.get(""))
			segs = append(segs, s...)
			return true, err
		}
		return false, nil // deletions, bookmarks, comments, sdtPr, math …
	})
	if err != nil {
		return nil, err
	}
	if props.SectPr != nil && len(p.sections) < maxNoteRefs { // the last paragraph of a section
		p.sections = append(p.sections, props.SectPr.Notes)
	}
	return p.finishPara(props, segs)
}

// children reads the children of the element whose start tag was just
// read, up to its end tag: handle is called on each child start element,
// looking through transparent containers; a child handle does not take
// (false) is skipped.
func (p *bodyParser) children(handle func(xml.StartElement) (bool, error)) error {
	depth := 0
	for {
		tok, err := p.d.Token()
		if err != nil {
			return eof(err)
		}
		switch e := tok.(type) {
		case xml.EndElement:
			if depth == 0 {
				return nil
			}
			depth--
		case xml.StartElement:
			if transparent[e.Name.Local] {
				depth++
				continue
			}
			took, err := handle(e)
			if err != nil {
				return err
			}
			if !took {
				if err := p.d.Skip(); err != nil {
					return err
				}
			}
		}
	}
}

// finishPara builds the paragraph from its properties and text pieces;
// its automatic number counts as text.
func (p *bodyParser) finishPara(props pPr, segs []segment) (*Para, error) {
	para := &Para{Style: props.Style.get("")}
	switch {
	case props.Outline != nil:
		para.Level = outlineLevel(props.Outline)
	default:
		para.Level = p.styles.level(para.Style)
	}
	np := props.NumPr
	if np == nil {
		np = p.styles.numPr(para.Style)
	} else if np.NumID == nil {
		if sp := p.styles.numPr(para.Style); sp != nil {
			np = &numPr{Ilvl: np.Ilvl, NumID: sp.NumID}
		}
	}
	if np != nil {
		if id := np.NumID.get("0"); id != "0" {
			ilvl, _ := strconv.Atoi(np.Ilvl.get("0"))
			para.Number = p.num.next(id, ilvl)
		}
	}
	if err := p.takeText(len(para.Number)); err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString(para.Number)
	for _, s := range segs {
		b.WriteString(s.text)
	}
	para.Text = b.String()
	para.Bold = boldLead(segs)
	return para, nil
}

// takeText takes n bytes of text from the budget.
func (p *bodyParser) takeText(n int) error {
	return p.b.takeText(n)
}

// boldLead returns the bold text segs start with, when non-blank text that
// is not bold follows it; "" otherwise.
func boldLead(segs []segment) string {
	var lead strings.Builder
	for i, s := range segs {
		if s.bold || strings.TrimSpace(s.text) == "" && lead.Len() == 0 {
			lead.WriteString(s.text)
			continue
		}
		for _, rest := range segs[i:] {
			if strings.TrimFunc(rest.text, isSpace) != "" {
				return strings.TrimFunc(lead.String(), isSpace)
			}
		}
		return ""
	}
	return ""
}

// isSpace reports white space, including the full-width space U+3000.
func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\u3000' || r == '\u00a0'
}

// rPr holds the run properties Read uses.
type rPr struct {
	Style  *val `xml:"rStyle"`
	Bold   *val `xml:"b"`
	Vanish *val `xml:"vanish"`
}

// run reads a run of a paragraph in style pStyle after its start tag, up
// to its end tag.
func (p *bodyParser) run(pStyle string) ([]segment, error) {
	var props rPr
	var b strings.Builder
	for {
		tok, err := p.d.Token()
		if err != nil {
			return nil, eof(err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			p.customMark = -1
			if props.Vanish.on() {
				return nil, nil
			}
			text := strings.ReplaceAll(b.String(), "\u00ad", "")
			bold := p.styles.bold(props.Bold, pStyle, props.Style.get(""))
			return []segment{{text: text, bold: bold}}, nil
		case xml.StartElement:
			if err := p.runChild(t, &props, &b); err != nil {
				return nil, err
			}
		}
	}
}

// runChild reads a child of a run after its start tag t, up to its end
// tag: its properties into props, its text into b, the text boxes of a
// drawing into p.boxes.
func (p *bodyParser) runChild(t xml.StartElement, props *rPr, b *strings.Builder) error {
	switch t.Name.Local {
	case "rPr":
		return p.d.DecodeElement(props, &t)
	case "drawing", "pict", "object", "AlternateContent":
		return p.shapes(0)
	case "t":
		return p.text(b)
	case "fldChar":
		p.fieldChar(attr(t, "fldCharType"))
	}
	if text := p.runText(t); !p.inFieldCode() {
		if err := p.takeText(len(text)); err != nil {
			return err
		}
		b.WriteString(text)
	}
	return p.d.Skip() // softHyphen, instrText, delText …
}

// text reads a w:t after its start tag, up to its end tag, and writes its
// text to b, unless it is a field's code.
func (p *bodyParser) text(b *strings.Builder) error {
	if p.inFieldCode() {
		return p.d.Skip()
	}
	start := b.Len()
	for {
		tok, err := p.d.Token()
		if err != nil {
			return eof(err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			if err := p.takeText(len(t)); err != nil {
				return err
			}
			b.Write(t)
		case xml.StartElement:
			if err := p.d.Skip(); err != nil {
				return err
			}
		case xml.EndElement:
			p.takeCustomMark(b.String()[start:])
			return nil
		}
	}
}

// runText returns the text an empty run element stands for: a tab, a line
// break (not a page or column break), a hyphen, a note's mark.
func (p *bodyParser) runText(t xml.StartElement) string {
	switch t.Name.Local {
	case "footnoteReference", "endnoteReference":
		if !p.inNotes {
			return p.noteReference(t)
		}
	case "tab", "ptab":
		return "\t"
	case "br":
		if typ := attr(t, "type"); typ != "page" && typ != "column" {
			return "\n"
		}
	case "cr":
		return "\n"
	case "noBreakHyphen":
		return "-"
	}
	return ""
}

// fieldChar follows the begin, separate and end marks of complex fields.
func (p *bodyParser) fieldChar(typ string) {
	switch typ {
	case "begin":
		if len(p.fields) < 64 {
			p.fields = append(p.fields, true)
		}
	case "separate":
		if n := len(p.fields); n > 0 {
			p.fields[n-1] = false
		}
	case "end":
		if n := len(p.fields); n > 0 {
			p.fields = p.fields[:n-1]
		}
	}
}

// inFieldCode reports whether text now is the code of a field.
func (p *bodyParser) inFieldCode() bool {
	for _, code := range p.fields {
		if code {
			return true
		}
	}
	return false
}

// table reads a table after its start tag, up to its end tag; tables
// in its cells at most MaxTableDepth deep.
func (p *bodyParser) table() (*Table, error) {
	if p.tableDepth >= MaxTableDepth {
		return nil, overLimit("tables nested deeper than %d", MaxTableDepth)
	}
	p.tableDepth++
	defer func() { p.tableDepth-- }()
	t := &Table{}
	// open[col] is the cell, by row and index, that a vertical merge at
	// grid column col continues.
	type ref struct{ row, i int }
	open := map[int]ref{}
	marked := 0 // leading rows marked w:tblHeader
	err := p.children(func(e xml.StartElement) (bool, error) {
		if e.Name.Local != "tr" {
			return false, nil
		}
		if err := p.takeCell(); err != nil {
			return true, err
		}
		cells, header, err := p.row()
		if err != nil {
			return true, err
		}
		r := len(t.Rows)
		if header && marked == r {
			marked++
		}
		var kept []Cell
		for _, c := range cells {
			if c.merge == "continue" {
				if o, ok := open[c.Col]; ok {
					t.Rows[o.row][o.i].RowSpan++
					continue
				}
			}
			if c.merge == "restart" {
				open[c.Col] = ref{r, len(kept)}
			} else {
				delete(open, c.Col)
			}
			kept = append(kept, c.Cell)
		}
		t.Rows = append(t.Rows, kept)
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	t.HeaderRows = headerRows(t.Rows, marked)
	return t, nil
}

// headerRows returns how many rows head the table: the leading rows marked
// w:tblHeader (Word repeats them on each page), else the first row of a
// table of two rows or more; in both cases taken on over the rows that
// their cells are merged down into. A first row taken by default whose
// merged cells reach the last row heads nothing.
func headerRows(rows [][]Cell, marked int) int {
	head := marked
	if head == 0 && len(rows) >= 2 {
		head = 1
	}
	for r := 0; r < head && r < len(rows); r++ {
		for _, c := range rows[r] {
			head = max(head, min(r+c.RowSpan, len(rows)))
		}
	}
	if marked == 0 && head >= len(rows) {
		return 0
	}
	return head
}

// rawCell is a cell with its vertical-merge mark: "restart", "continue"
// or "".
type rawCell struct {
	Cell
	merge string
}

// tcPr holds the cell properties Read uses.
type tcPr struct {
	GridSpan *val `xml:"gridSpan"`
	VMerge   *val `xml:"vMerge"`
}

// trPr holds the row properties Read uses.
type trPr struct {
	GridBefore *val `xml:"gridBefore"`
	TblHeader  *val `xml:"tblHeader"`
}

// row reads a table row after its start tag, up to its end tag, and
// whether it is marked as a header row.
func (p *bodyParser) row() ([]rawCell, bool, error) {
	var cells []rawCell
	header := false
	col := 0
	err := p.children(func(e xml.StartElement) (bool, error) {
		switch e.Name.Local {
		case "trPr":
			var props trPr
			if err := p.d.DecodeElement(&props, &e); err != nil {
				return true, err
			}
			n, _ := strconv.Atoi(props.GridBefore.get("0"))
			col += min(max(n, 0), 1000)
			header = props.TblHeader.on()
			return true, nil
		case "tc":
			if err := p.takeCell(); err != nil {
				return true, err
			}
			c, err := p.cell()
			c.Col = col
			col += c.ColSpan
			cells = append(cells, c)
			return true, err
		}
		return false, nil
	})
	if err != nil {
		return nil, false, err
	}
	return cells, header, nil
}

// takeCell takes a table row or cell from the budget.
func (p *bodyParser) takeCell() error {
	return take(&p.b.cells, 1, errCells)
}

// maxSpan bounds a cell's gridSpan.
const maxSpan = 1000

// cell reads a table cell after its start tag, up to its end tag.
func (p *bodyParser) cell() (rawCell, error) {
	c := rawCell{Cell: Cell{ColSpan: 1, RowSpan: 1}}
	var texts []string
	err := p.children(func(e xml.StartElement) (bool, error) {
		switch e.Name.Local {
		case "tcPr":
			var props tcPr
			if err := p.d.DecodeElement(&props, &e); err != nil {
				return true, err
			}
			if n, err := strconv.Atoi(props.GridSpan.get("1")); err == nil && n > 1 {
				c.ColSpan = min(n, maxSpan)
			}
			if props.VMerge != nil {
				c.merge = props.VMerge.get("continue")
			}
			return true, nil
		case "p":
			para, err := p.para()
			if err != nil {
				return true, err
			}
			if s := strings.TrimFunc(para.Text, isSpace); s != "" {
				texts = append(texts, s)
			}
			return true, nil
		case "tbl": // a nested table: its cells' text, row by row
			t, err := p.table()
			if err != nil {
				return true, err
			}
			for _, r := range t.Rows {
				var parts []string
				for _, x := range r {
					parts = append(parts, x.Text)
				}
				texts = append(texts, strings.Join(parts, " "))
			}
			return true, nil
		}
		return false, nil
	})
	c.Text = strings.Join(texts, "\n")
	return c, err
}

// attr returns the value of the attribute with the given local name.
func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// eof turns io.EOF inside an element into a clear error.
func eof(err error) error {
	if err == io.EOF {
		return errUnexpectedEOF
	}
	return err
}
