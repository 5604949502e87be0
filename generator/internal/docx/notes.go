package docx

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// Note is a footnote or an endnote that a block refers to.
type Note struct {
	// Mark is the note's reference mark, as it stands in the text of the
	// block that refers to it: the number in brackets when it is a number
	// or a letter ("[1]", "[ii]", "[一]"), so that it never runs into a
	// figure before it; a symbol as it is ("①", "*"); a custom mark as
	// typed.
	Mark string
	// Text is the note's text, its paragraphs joined by "\n".
	Text string
	// Endnote is true for an endnote, false for a footnote.
	Endnote bool

	ref int // index in bodyParser.refs
}

// Kinds of notes, as indexes.
const (
	footnote = iota
	endnote
)

// noteRef is a reference to a note, as read in the body.
type noteRef struct {
	kind    int
	id      string
	section int    // index of the section the reference is in
	custom  bool   // the mark is typed (w:customMarkFollows)
	mark    string // the custom mark, or the mark once numbered
}

// notePr is w:footnotePr or w:endnotePr: how notes are numbered.
type notePr struct {
	Fmt     *val `xml:"numFmt"`
	Start   *val `xml:"numStart"`
	Restart *val `xml:"numRestart"`
}

// sectPr holds the section properties Read uses.
type sectPr struct {
	Notes [2]notePr
}

// UnmarshalXML reads w:footnotePr and w:endnotePr of a w:sectPr.
func (s *sectPr) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var v struct {
		Foot notePr `xml:"footnotePr"`
		End  notePr `xml:"endnotePr"`
	}
	if err := d.DecodeElement(&v, &start); err != nil {
		return err
	}
	s.Notes = [2]notePr{v.Foot, v.End}
	return nil
}

// parseSettings reads the document-wide note numbering of settings.xml
// from d; a nil d gives Word's defaults.
func parseSettings(d *xml.Decoder) ([2]notePr, error) {
	var doc sectPr
	if d == nil {
		return doc.Notes, nil
	}
	if err := d.Decode(&doc); err != nil {
		return doc.Notes, err
	}
	return doc.Notes, nil
}

// placeholder stands in the text for the mark of reference i until the
// marks are numbered. U+0001 cannot come from a document: XML 1.0 does not
// allow it, and the decoder rejects it.
func placeholder(i int) string {
	return "\x01" + strconv.Itoa(i) + "\x01"
}

// maxNoteRefs bounds the note references of a document.
const maxNoteRefs = 100000

// noteReference reads a w:footnoteReference or w:endnoteReference and
// returns what stands in the text for now: a placeholder of the mark, or
// "" for a custom mark, which follows as text.
func (p *bodyParser) noteReference(e xml.StartElement) string {
	if len(p.refs) >= maxNoteRefs {
		return ""
	}
	kind := footnote
	if e.Name.Local == "endnoteReference" {
		kind = endnote
	}
	custom := false
	if v := attrPtr(e, "customMarkFollows"); v != nil {
		custom = (&val{Val: v}).on()
	}
	p.refs = append(p.refs, noteRef{kind: kind, id: attr(e, "id"), section: len(p.sections), custom: custom})
	i := len(p.refs) - 1
	p.notes = append(p.notes, Note{Endnote: kind == endnote, ref: i})
	if custom {
		p.customMark = i
		return ""
	}
	return placeholder(i)
}

// takeCustomMark keeps text s as the typed mark of the reference just
// read, if it has one.
func (p *bodyParser) takeCustomMark(s string) {
	if p.customMark >= 0 {
		p.refs[p.customMark].mark = s
		p.customMark = -1
	}
}

// attrPtr returns the attribute with the given local name, nil if absent.
func attrPtr(se xml.StartElement, local string) *string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return &a.Value
		}
	}
	return nil
}

// numberNotes gives each reference its mark: numbered in order, each kind
// on its own, in the format of the reference's section (else of
// settings.xml; by default decimal for footnotes, lowerRoman for
// endnotes), starting again in each section only when it says eachSect.
func (p *bodyParser) numberNotes(settings [2]notePr) {
	var count [2]int
	last := [2]int{-1, -1}
	for i := range p.refs {
		r := &p.refs[i]
		if r.custom {
			continue
		}
		pr := p.notePr(r.kind, r.section, settings)
		if r.section != last[r.kind] && pr.Restart.get("") == "eachSect" {
			count[r.kind] = 0
		}
		last[r.kind] = r.section
		start, err := strconv.Atoi(pr.Start.get("1"))
		if err != nil || start < 0 || start > 1<<20 {
			start = 1
		}
		def := [2]string{"decimal", "lowerRoman"}[r.kind]
		r.mark = noteMark(formatNumber(start+count[r.kind], pr.Fmt.get(def)))
		count[r.kind]++
	}
}

// notePr returns the numbering of a kind of note in a section: each
// property from the section, else from settings.xml.
func (p *bodyParser) notePr(kind, section int, settings [2]notePr) notePr {
	pr := settings[kind]
	if section < len(p.sections) {
		s := p.sections[section][kind]
		pr.Fmt = cmpVal(s.Fmt, pr.Fmt)
		pr.Start = cmpVal(s.Start, pr.Start)
		pr.Restart = cmpVal(s.Restart, pr.Restart)
	}
	return pr
}

// cmpVal returns a, or b when a is nil.
func cmpVal(a, b *val) *val {
	if a != nil {
		return a
	}
	return b
}

// noteMark puts a number made of letters or digits in brackets.
func noteMark(n string) string {
	for _, r := range n {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return n
		}
	}
	return "[" + n + "]"
}

// finishNotes puts the marks in the text of the blocks and the notes'
// text in their Notes; a reference to a note that notes lacks keeps its
// mark and has no Note. The text of a note referred to more than once
// counts as text again each time.
func (p *bodyParser) finishNotes(blocks []Block, notes [2]map[string]string) error {
	if len(p.refs) == 0 {
		return nil
	}
	var pairs []string
	for i, r := range p.refs {
		if !r.custom {
			pairs = append(pairs, placeholder(i), r.mark)
		}
	}
	marks := strings.NewReplacer(pairs...)
	used := map[noteKey]bool{}
	for i := range blocks {
		b := &blocks[i]
		if b.Para != nil {
			b.Para.Text, b.Para.Bold = marks.Replace(b.Para.Text), marks.Replace(b.Para.Bold)
		}
		if b.Table != nil {
			for _, row := range b.Table.Rows {
				for j := range row {
					row[j].Text = marks.Replace(row[j].Text)
				}
			}
		}
		var err error
		if b.Notes, err = p.noteTexts(b.Notes, notes, used); err != nil {
			return err
		}
	}
	return nil
}

// noteTexts fills in the marks and texts of a block's notes, dropping
// those without text. used holds the notes given so far, by kind and id.
func (p *bodyParser) noteTexts(ns []Note, notes [2]map[string]string, used map[noteKey]bool) ([]Note, error) {
	var kept []Note
	for _, n := range ns {
		r := p.refs[n.ref]
		n.Mark, n.Text = r.mark, notes[r.kind][r.id]
		if k := (noteKey{r.kind, r.id}); used[k] {
			if err := p.takeText(len(n.Text)); err != nil {
				return nil, err
			}
		} else {
			used[k] = true
		}
		if r.custom && r.mark != "" { // the note repeats its typed mark
			if rest, ok := strings.CutPrefix(n.Text, r.mark); ok {
				n.Text = strings.TrimLeftFunc(rest, isSpace)
			}
		}
		if n.Text != "" {
			kept = append(kept, n)
		}
	}
	return kept, nil
}

// noteKey is a note of footnotes.xml or endnotes.xml.
type noteKey struct {
	kind int
	id   string
}

// parseNotes reads footnotes.xml or endnotes.xml (kind "footnote" or
// "endnote") from d, within budget b: the text of each note by id.
// Separators and notices are not notes; the note's own mark
// (w:footnoteRef) is left out. A nil d gives no notes.
func parseNotes(d *xml.Decoder, kind string, st styles, num *numbering, b *budget) (map[string]string, error) {
	notes := map[string]string{}
	if d == nil {
		return notes, nil
	}
	p := newBodyParser(d, st, num, b)
	p.inNotes = true
	for {
		tok, err := p.d.Token()
		if err == io.EOF {
			return notes, nil
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		switch {
		case !ok || se.Name.Local == kind+"s":
		case se.Name.Local == kind:
			var blocks []Block
			if err := p.children(func(e xml.StartElement) (bool, error) { return p.block(e, &blocks) }); err != nil {
				return nil, err
			}
			if typ := attr(se, "type"); typ == "" || typ == "normal" {
				notes[attr(se, "id")] = blocksText(blocks)
			}
		default:
			if err := p.d.Skip(); err != nil {
				return nil, err
			}
		}
	}
}

// blocksText is the text of blocks: paragraphs, and table rows with their
// cells joined by a space, one a line.
func blocksText(blocks []Block) string {
	var lines []string
	for _, b := range blocks {
		switch {
		case b.Para != nil:
			lines = append(lines, b.Para.Text)
		case b.Table != nil:
			for _, r := range b.Table.Rows {
				var cells []string
				for _, c := range r {
					cells = append(cells, c.Text)
				}
				lines = append(lines, strings.Join(cells, " "))
			}
		}
	}
	return strings.TrimFunc(strings.Join(lines, "\n"), isSpace)
}
