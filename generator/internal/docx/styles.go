package docx

import (
	"cmp"
	"encoding/xml"
	"strconv"
	"strings"
)

// val is an element whose w:val attribute is what matters.
type val struct {
	Val *string `xml:"val,attr"`
}

// get returns the attribute, or def when the element or attribute is absent.
func (v *val) get(def string) string {
	if v == nil || v.Val == nil {
		return def
	}
	return *v.Val
}

// on reports whether a toggle property such as w:b is on: present, and
// without a false value.
func (v *val) on() bool {
	if v == nil {
		return false
	}
	switch strings.ToLower(v.get("true")) {
	case "0", "false", "off", "none":
		return false
	}
	return true
}

// numPr is a paragraph's numbering reference.
type numPr struct {
	Ilvl  *val `xml:"ilvl"`
	NumID *val `xml:"numId"`
}

// pPr holds the paragraph properties Read uses.
type pPr struct {
	Style   *val    `xml:"pStyle"`
	Outline *val    `xml:"outlineLvl"`
	NumPr   *numPr  `xml:"numPr"`
	SectPr  *sectPr `xml:"sectPr"`
}

// style is one paragraph or character style of styles.xml.
type style struct {
	Type    string `xml:"type,attr"`
	ID      string `xml:"styleId,attr"`
	Default string `xml:"default,attr"`
	Name    *val   `xml:"name"`
	BasedOn *val   `xml:"basedOn"`
	PPr     pPr    `xml:"pPr"`
	RPr     rPr    `xml:"rPr"`
}

// styles holds the paragraph and character styles by id, and the
// document's default run properties.
type styles struct {
	para, char map[string]*style
	// defaultPara is the id of the default paragraph style, which a
	// paragraph without w:pStyle has.
	defaultPara string
	// numbering maps numbering styles (list styles) to their w:numId.
	numbering map[string]string
	// defaultBold is w:b of the document defaults (w:docDefaults), nil if
	// not set.
	defaultBold *val
}

// parseStyles reads styles.xml from d, at most MaxStyles styles; a nil d
// gives no styles.
func parseStyles(d *xml.Decoder) (styles, error) {
	st := styles{para: map[string]*style{}, char: map[string]*style{}, numbering: map[string]string{}}
	if d == nil {
		return st, nil
	}
	var defaults struct {
		RPr rPr `xml:"rPrDefault>rPr"`
	}
	n := 0
	err := elements(d, func(e xml.StartElement) error {
		switch e.Name.Local {
		case "docDefaults":
			return d.DecodeElement(&defaults, &e)
		case "style":
			if n++; n > MaxStyles {
				return overLimit("more than %d styles", MaxStyles)
			}
			s := &style{}
			if err := d.DecodeElement(s, &e); err != nil {
				return err
			}
			st.add(s)
		default:
			return d.Skip()
		}
		return nil
	})
	st.defaultBold = defaults.RPr.Bold
	return st, err
}

// add adds a style of styles.xml.
func (st *styles) add(s *style) {
	switch s.Type {
	case "", "paragraph":
		st.para[s.ID] = s
		if s.Default == "1" || s.Default == "true" {
			st.defaultPara = s.ID
		}
	case "character":
		st.char[s.ID] = s
	case "numbering":
		if s.PPr.NumPr != nil {
			st.numbering[s.ID] = s.PPr.NumPr.NumID.get("")
		}
	}
}

// elements calls each on every child element of the root element of d,
// after its start tag; each must read the child up to its end tag. It
// stops at the end of the root, and reports io.EOF if there is no root.
func elements(d *xml.Decoder, each func(xml.StartElement) error) error {
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		if _, ok := tok.(xml.StartElement); ok {
			return children(d, each)
		}
	}
}

// bold reports whether a run is bold: its own w:b when it has one, else
// what its paragraph style and its character style give. w:b is a toggle
// property: through the styles a paragraph style's bold and a character
// style's bold cancel each other (ECMA-376 §17.7.3), as Word shows them;
// each style takes w:b from the nearest style of its w:basedOn chain that
// sets it; with neither, the document default holds.
func (st styles) bold(direct *val, pStyle, rStyle string) bool {
	if direct != nil {
		return direct.on()
	}
	p := chainBold(st.para, cmp.Or(pStyle, st.defaultPara))
	c := chainBold(st.char, rStyle)
	if p == nil && c == nil {
		return st.defaultBold.on()
	}
	return p.on() != c.on()
}

// chainBold returns w:b of the style id or of the nearest style it is
// based on that sets it; nil if none does.
func chainBold(m map[string]*style, id string) *val {
	for range maxStyleChain {
		s := m[id]
		if s == nil {
			return nil
		}
		if s.RPr.Bold != nil {
			return s.RPr.Bold
		}
		id = s.BasedOn.get("")
	}
	return nil
}

// maxStyleChain bounds w:basedOn chains (which could loop).
const maxStyleChain = 16

// level returns the heading level a style gives, 0 for none: its outline
// level, or a name such as "heading 2" or "标题 2", through w:basedOn.
func (st styles) level(id string) int {
	for range maxStyleChain {
		s := st.para[id]
		if s == nil {
			return 0
		}
		if s.PPr.Outline != nil {
			return outlineLevel(s.PPr.Outline)
		}
		if n := headingName(s.Name.get("")); n > 0 {
			return n
		}
		id = s.BasedOn.get("")
	}
	return 0
}

// numPr returns the numbering a style gives, through w:basedOn; nil for
// none.
func (st styles) numPr(id string) *numPr {
	for range maxStyleChain {
		s := st.para[id]
		if s == nil {
			return nil
		}
		if s.PPr.NumPr != nil {
			return s.PPr.NumPr
		}
		id = s.BasedOn.get("")
	}
	return nil
}

// outlineLevel turns w:outlineLvl (0 for the top, 9 for body text) into a
// level (1 for the top, 0 for body text).
func outlineLevel(v *val) int {
	n, err := strconv.Atoi(v.get(""))
	if err != nil || n < 0 || n > 8 {
		return 0
	}
	return n + 1
}

// headingName returns N of a style named "heading N" or "标题 N", else 0.
func headingName(name string) int {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, p := range []string{"heading", "标题"} {
		if rest, ok := strings.CutPrefix(name, p); ok {
			n, err := strconv.Atoi(strings.TrimSpace(rest))
			if err == nil && n >= 1 && n <= 9 {
				return n
			}
		}
	}
	return 0
}

// isTOC reports whether a style is one of Word's table-of-contents styles
// ("toc 1" … "toc 9"), whose paragraphs repeat the headings and are
// dropped: the page makes its own table of contents.
func (st styles) isTOC(id string) bool {
	s := st.para[id]
	if s == nil {
		return false
	}
	name := strings.ToLower(strings.TrimSpace(s.Name.get("")))
	return strings.HasPrefix(name, "toc ") || name == "toc heading"
}
