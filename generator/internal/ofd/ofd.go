// Package ofd reads the text of an OFD (GB/T 33190, the national format of
// electronic official documents) with its positions, for the layout
// stage: each page's text runs, its size and how many images it draws.
//
// An OFD is a zip of XML parts: OFD.xml names the document's Document.xml,
// which lists the pages and the templates; each page's Content.xml holds
// text objects whose TextCode elements place their characters. Read takes
// the first document of the file, each page's templates drawn before the
// page, and ignores annotations, seals and signatures. It reads with the
// standard library, within the limits of limits.go.
package ofd

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"portal/generator/internal/layout"
)

// reader reads one OFD.
type reader struct {
	files  map[string]*zip.File
	budget *budget
}

// Read reads the pages of the OFD held in data, in millimetres. Its errors
// wrap ErrNotOFD, ErrEncrypted, ErrCorrupt or ErrLimit.
func Read(data []byte) ([]layout.Page, error) {
	if len(data) > MaxSize {
		return nil, fmt.Errorf("%w: the file is larger than %d MB", ErrLimit, MaxSize>>20)
	}
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
			return nil, fmt.Errorf("%w: truncated or damaged zip (%v)", ErrCorrupt, err)
		}
		return nil, fmt.Errorf("%w: it is not a zip archive", ErrNotOFD)
	}
	files, err := zipFiles(z)
	if err != nil {
		return nil, err
	}
	if files["OFD.xml"] == nil {
		return nil, fmt.Errorf("%w: the zip has no OFD.xml", ErrNotOFD)
	}
	r := &reader{files: files, budget: &budget{expanded: MaxExpanded, elements: MaxElements, glyphs: MaxGlyphs}}
	root, err := r.docRoot()
	if err != nil {
		return nil, err
	}
	doc, err := r.document(root)
	if err != nil {
		return nil, err
	}
	pages := make([]layout.Page, 0, len(doc.pages))
	for _, pg := range doc.pages {
		p, err := r.page(pg, doc)
		if err != nil {
			return nil, err
		}
		pages = append(pages, p)
	}
	return pages, nil
}

// decode decodes part name into v.
func (r *reader) decode(name string, v any) error {
	d, c, err := r.open(name)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := d.Decode(v); err != nil {
		if errors.Is(err, ErrLimit) || errors.Is(err, ErrCorrupt) {
			return err
		}
		return fmt.Errorf("%w: %s: %v", ErrCorrupt, name, err)
	}
	return nil
}

// docRoot returns the part name of the first document's Document.xml.
func (r *reader) docRoot() (string, error) {
	var o struct {
		DocBody []struct {
			DocRoot string `xml:"DocRoot"`
		} `xml:"DocBody"`
	}
	if err := r.decode("OFD.xml", &o); err != nil {
		return "", err
	}
	if len(o.DocBody) == 0 || strings.TrimSpace(o.DocBody[0].DocRoot) == "" {
		return "", fmt.Errorf("%w: OFD.xml names no document", ErrCorrupt)
	}
	return resolve("OFD.xml", o.DocBody[0].DocRoot), nil
}

// resolve returns the part name of loc, a location given in part base:
// absolute from the zip's root, or relative to base's folder.
func resolve(base, loc string) string {
	loc = strings.TrimSpace(strings.ReplaceAll(loc, "\\", "/"))
	if strings.HasPrefix(loc, "/") {
		return strings.TrimPrefix(path.Clean(loc), "/")
	}
	return strings.TrimPrefix(path.Join("/", path.Dir(base), loc), "/")
}

// docInfo is what Document.xml tells of the pages.
type docInfo struct {
	pages     []pageRef
	box       box               // the default page size
	templates map[string]string // template ID → part name
}

// pageRef is a page of Document.xml: its content.
type pageRef struct {
	part string
}

// document reads Document.xml at part name.
func (r *reader) document(name string) (*docInfo, error) {
	var d struct {
		CommonData struct {
			PhysicalBox  string `xml:"PageArea>PhysicalBox"`
			TemplatePage []struct {
				ID      string `xml:"ID,attr"`
				BaseLoc string `xml:"BaseLoc,attr"`
			} `xml:"TemplatePage"`
		} `xml:"CommonData"`
		Pages []struct {
			BaseLoc string `xml:"BaseLoc,attr"`
		} `xml:"Pages>Page"`
	}
	if err := r.decode(name, &d); err != nil {
		return nil, err
	}
	if len(d.Pages) > MaxPages {
		return nil, fmt.Errorf("%w: more than %d pages", ErrLimit, MaxPages)
	}
	if len(d.Pages) == 0 {
		return nil, fmt.Errorf("%w: %s lists no pages", ErrCorrupt, name)
	}
	info := &docInfo{box: parseBox(d.CommonData.PhysicalBox), templates: map[string]string{}}
	for _, t := range d.CommonData.TemplatePage {
		info.templates[t.ID] = resolve(name, t.BaseLoc)
	}
	for _, p := range d.Pages {
		info.pages = append(info.pages, pageRef{part: resolve(name, p.BaseLoc)})
	}
	return info, nil
}

// box is a rectangle: x, y, width, height.
type box struct{ x, y, w, h float64 }

// parseBox reads "x y w h"; a missing or bad value is 0.
func parseBox(s string) box {
	v := floats(s, 4)
	for len(v) < 4 {
		v = append(v, 0)
	}
	return box{v[0], v[1], v[2], v[3]}
}

// floats reads at most n numbers separated by white space; a bad one is 0.
func floats(s string, n int) []float64 {
	var v []float64
	for _, f := range strings.Fields(s) {
		if len(v) == n {
			break
		}
		x, err := strconv.ParseFloat(f, 64)
		if err != nil {
			x = 0
		}
		v = append(v, x)
	}
	return v
}

// page reads a page: its own content and its templates'.
func (r *reader) page(ref pageRef, doc *docInfo) (layout.Page, error) {
	p := layout.Page{W: doc.box.w, H: doc.box.h}
	return p, r.content(ref.part, &p, doc.templates)
}

// content reads the page or template content of part into p, and the
// content of the templates it names among templates (nil for a
// template's own content: a template draws no other).
func (r *reader) content(part string, p *layout.Page, templates map[string]string) error {
	err := r.readContent(part, p, templates)
	if err != nil && !errors.Is(err, ErrLimit) && !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrEncrypted) {
		err = fmt.Errorf("%w: %s: %v", ErrCorrupt, part, err)
	}
	return err
}

// readContent is content, its errors as the decoder gives them.
func (r *reader) readContent(part string, p *layout.Page, templates map[string]string) error {
	d, c, err := r.open(part)
	if err != nil {
		return err
	}
	defer c.Close()
	var area bool // inside the page's Area, which may give its size
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "Area":
				area = true
			case "PhysicalBox":
				if area {
					var s string
					if err := d.DecodeElement(&s, &t); err != nil {
						return err
					}
					if b := parseBox(s); b.w > 0 && b.h > 0 {
						p.W, p.H = b.w, b.h
					}
				}
			case "Template":
				if tp, ok := templates[attr(t, "TemplateID")]; ok && templates != nil {
					if err := r.content(tp, p, nil); err != nil {
						return err
					}
				}
			case "ImageObject":
				p.Images++
			case "TextObject":
				if err := r.textObject(d, t, p); err != nil {
					return err
				}
			}
		case xml.EndElement:
			if t.Name.Local == "Area" {
				area = false
			}
		}
	}
}

// attr returns the value of attribute name of e, "" if it has none.
func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
