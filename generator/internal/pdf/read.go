package pdf

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"

	"portal/generator/internal/layout"
)

// readDoc reads the pages of the document in data with the engine
// instance inst.
func readDoc(inst pdfium.Pdfium, data []byte) ([]layout.Page, error) {
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	switch {
	case errors.Is(err, pdfiumerrors.ErrPassword), errors.Is(err, pdfiumerrors.ErrSecurity):
		return nil, ErrEncrypted
	case errors.Is(err, pdfiumerrors.ErrFormat), errors.Is(err, pdfiumerrors.ErrFile), errors.Is(err, pdfiumerrors.ErrUnknown):
		return nil, fmt.Errorf("%w: the engine cannot open it (%v)", ErrCorrupt, err)
	case err != nil:
		return nil, err
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	switch {
	case err != nil:
		return nil, err
	case count.PageCount > MaxPages:
		return nil, fmt.Errorf("%w: more than %d pages", ErrLimit, MaxPages)
	case count.PageCount == 0:
		return nil, fmt.Errorf("%w: it has no pages", ErrCorrupt)
	}
	r := &reader{inst: inst, chars: MaxChars}
	pages := make([]layout.Page, count.PageCount)
	for i := range pages {
		if pages[i], err = r.page(doc.Document, i); err != nil {
			return nil, err
		}
	}
	return pages, nil
}

// reader reads the pages of one document.
type reader struct {
	inst  pdfium.Pdfium
	chars int // characters the pages may still hold
}

// page reads page i of doc.
func (r *reader) page(doc references.FPDF_DOCUMENT, i int) (layout.Page, error) {
	var p layout.Page
	lp, err := r.inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: i})
	if err != nil {
		return p, fmt.Errorf("%w: page %d cannot be read (%v)", ErrCorrupt, i+1, err)
	}
	defer r.inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	page := requests.Page{ByReference: &lp.Page}
	objects, err := r.inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: page})
	if err != nil {
		return p, err
	}
	if objects.Count > MaxObjects {
		return p, fmt.Errorf("%w: page %d draws more than %d objects", ErrLimit, i+1, MaxObjects)
	}
	w, err := r.inst.FPDF_GetPageWidthF(&requests.FPDF_GetPageWidthF{Page: page})
	if err != nil {
		return p, err
	}
	h, err := r.inst.FPDF_GetPageHeightF(&requests.FPDF_GetPageHeightF{Page: page})
	if err != nil {
		return p, err
	}
	p.W, p.H = float64(w.PageWidth), float64(h.PageHeight)
	if p.Runs, err = r.runs(page, p.H, i); err != nil {
		return p, err
	}
	if !slices.ContainsFunc(p.Runs, func(r layout.Run) bool { return !r.Hidden }) {
		// No text to read: a scan, perhaps with an OCR layer.
		p.Images, err = r.images(page, objects.Count)
	}
	return p, err
}

// runs reads the characters of a page as runs of one glyph, Y measured
// down from the top of a page of height h. A character the fonts map to
// no Unicode is U+FFFD, for the layout stage to find.
func (r *reader) runs(page requests.Page, h float64, no int) ([]layout.Run, error) {
	tp, err := r.inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: page})
	if err != nil {
		return nil, err
	}
	defer r.inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	n, err := r.inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return nil, err
	}
	if r.chars -= n.Count; r.chars < 0 {
		return nil, fmt.Errorf("%w: more than %d characters (at page %d)", ErrLimit, MaxChars, no+1)
	}
	var runs []layout.Run
	styles := map[references.FPDF_PAGEOBJECT]style{}
	for k := 0; k < n.Count; k++ {
		u, err := r.inst.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp.TextPage, Index: k})
		if err != nil {
			return nil, err
		}
		c := rune(u.Unicode)
		if c == 0 || c > unicode.MaxRune || !utf8.ValidRune(c) {
			c = utf8.RuneError
		}
		if unicode.IsSpace(c) {
			continue // spaces, PDFium's own included: the layout reads the gaps
		}
		run, ok, err := r.glyph(tp.TextPage, k, c, h, styles)
		if err != nil {
			return nil, err
		}
		if ok {
			runs = append(runs, run)
		}
	}
	return runs, nil
}

// style is what a text object gives each of its glyphs.
type style struct {
	size   float64 // the font size, its text matrix's scale included
	color  uint32
	hidden bool
}

// glyph reads the position, size and style of character k of a text page.
func (r *reader) glyph(tp references.FPDF_TEXTPAGE, k int, c rune, h float64, styles map[references.FPDF_PAGEOBJECT]style) (layout.Run, bool, error) {
	origin, err := r.inst.FPDFText_GetCharOrigin(&requests.FPDFText_GetCharOrigin{TextPage: tp, Index: k})
	if err != nil {
		return layout.Run{}, false, err
	}
	box, err := r.inst.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: tp, Index: k})
	if err != nil {
		return layout.Run{}, false, err
	}
	obj, err := r.inst.FPDFText_GetTextObject(&requests.FPDFText_GetTextObject{TextPage: tp, Index: k})
	if err != nil {
		return layout.Run{}, false, err
	}
	st, ok := styles[obj.TextObject]
	if !ok {
		if st, err = r.style(obj.TextObject); err != nil {
			return layout.Run{}, false, err
		}
		styles[obj.TextObject] = st
	}
	size := st.size
	if size <= 0 {
		size = math.Abs(float64(box.Rect.Top - box.Rect.Bottom))
	}
	run := layout.Run{
		X:      origin.X,
		Y:      h - origin.Y,
		W:      float64(box.Rect.Right - box.Rect.Left),
		Size:   size,
		Text:   string(c),
		Color:  st.color,
		Hidden: st.hidden,
	}
	return run, size > 0, nil
}

// style reads the font size, fill colour and render mode of a text
// object.
func (r *reader) style(obj references.FPDF_PAGEOBJECT) (style, error) {
	var st style
	size, err := r.inst.FPDFTextObj_GetFontSize(&requests.FPDFTextObj_GetFontSize{PageObject: obj})
	if err == nil {
		st.size = float64(size.FontSize)
	}
	fill, err := r.inst.FPDFPageObj_GetFillColor(&requests.FPDFPageObj_GetFillColor{PageObject: obj})
	if err == nil {
		st.color = uint32(fill.FillColor.R&0xFF)<<16 | uint32(fill.FillColor.G&0xFF)<<8 | uint32(fill.FillColor.B&0xFF)
	}
	mode, err := r.inst.FPDFTextObj_GetTextRenderMode(&requests.FPDFTextObj_GetTextRenderMode{PageObject: obj})
	if err != nil {
		return st, err
	}
	st.hidden = mode.TextRenderMode == enums.FPDF_TEXTRENDERMODE_INVISIBLE
	return st, nil
}

// images counts the images a page of n objects draws, and the forms (a
// scan is often an image inside a form).
func (r *reader) images(page requests.Page, n int) (int, error) {
	images := 0
	for k := 0; k < n; k++ {
		obj, err := r.inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: page, Index: k})
		if err != nil {
			return 0, err
		}
		t, err := r.inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: obj.PageObject})
		if err != nil {
			return 0, err
		}
		if t.Type == enums.FPDF_PAGEOBJ_IMAGE || t.Type == enums.FPDF_PAGEOBJ_FORM {
			images++
		}
	}
	return images, nil
}
