package ofd

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// Limits on what Read accepts, against hostile files: each far beyond what
// a real report needs (a 100-page OFD is a few MB, its page XML 100 KB a
// page), and together they keep one Read under about 200 MiB of memory
// and its work linear in the size of the file.
const (
	// MaxSize is the largest file read.
	MaxSize = 64 << 20
	// MaxEntries is the most entries of the zip.
	MaxEntries = 10_000
	// MaxPartSize is the most bytes one XML part may expand to.
	MaxPartSize = 16 << 20
	// MaxExpanded is the most bytes all the XML parts read may expand to.
	MaxExpanded = 128 << 20
	// MaxRatio is the most a part over 1 MB may expand, as a multiple of
	// its compressed size (real parts: 3 to 30 times; zip bombs: 300 to
	// 1,000 times).
	MaxRatio = 200
	// MaxPages is the most pages.
	MaxPages = 2000
	// MaxXMLDepth is the deepest XML element nesting, page blocks in page
	// blocks included.
	MaxXMLDepth = 128
	// MaxElements is the most XML elements of all the parts read.
	MaxElements = 4_000_000
	// MaxGlyphs is the most characters of all the pages.
	MaxGlyphs = 2_000_000
)

// minRatioSize is the size above which MaxRatio applies.
const minRatioSize = 1 << 20

// Errors of Read; each is wrapped with what went wrong and where.
var (
	// ErrNotOFD is a file that is not an OFD: not a zip, or a zip
	// without OFD.xml.
	ErrNotOFD = errors.New("not an OFD file")
	// ErrEncrypted is an OFD whose parts are encrypted.
	ErrEncrypted = errors.New("the OFD is encrypted: submit it without protection")
	// ErrCorrupt is a damaged OFD: a part missing or not well-formed.
	ErrCorrupt = errors.New("corrupt OFD")
	// ErrLimit is an OFD beyond one of the limits.
	ErrLimit = errors.New("the OFD goes beyond what the reader accepts (a damaged or hostile file?)")
)

// budget is what the parts of one Read may still take.
type budget struct {
	expanded int64
	elements int
	glyphs   int
}

// open opens part name of the zip, for reading within the budget.
func (r *reader) open(name string) (*xml.Decoder, io.Closer, error) {
	f := r.files[name]
	if f == nil {
		return nil, nil, fmt.Errorf("%w: %s is missing", ErrCorrupt, name)
	}
	if f.Flags&0x1 != 0 {
		return nil, nil, fmt.Errorf("%w (%s)", ErrEncrypted, name)
	}
	if f.UncompressedSize64 > MaxPartSize {
		return nil, nil, fmt.Errorf("%w: %s expands to more than %d MB", ErrLimit, name, MaxPartSize>>20)
	}
	if f.UncompressedSize64 > minRatioSize && f.UncompressedSize64 > MaxRatio*max(f.CompressedSize64, 1) {
		return nil, nil, fmt.Errorf("%w: %s expands more than %d times (a zip bomb?)", ErrLimit, name, MaxRatio)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, name, err)
	}
	pr := &partReader{r: rc, left: MaxPartSize, name: name, b: r.budget}
	d := xml.NewDecoder(pr) // which skips a byte-order mark, as some OFD writers put one
	d.Strict = true
	return xml.NewTokenDecoder(&tokens{d: d, b: r.budget, name: name}), rc, nil
}

// partReader reads a part as it is decompressed, stopping it at its size
// limit and at the budget of all parts: the zip's own sizes may lie.
type partReader struct {
	r    io.Reader
	left int64
	name string
	b    *budget
}

// Read implements io.Reader.
func (pr *partReader) Read(p []byte) (int, error) {
	n, err := pr.r.Read(p)
	if int64(n) > pr.left {
		return 0, fmt.Errorf("%w: %s expands to more than %d MB", ErrLimit, pr.name, MaxPartSize>>20)
	}
	if int64(n) > pr.b.expanded {
		return 0, fmt.Errorf("%w: the parts read expand to more than %d MB in all", ErrLimit, MaxExpanded>>20)
	}
	pr.left -= int64(n)
	pr.b.expanded -= int64(n)
	return n, err
}

// tokens feeds a decoder the raw tokens of d, stopping at MaxXMLDepth and
// at the budget of elements.
type tokens struct {
	d     *xml.Decoder
	depth int
	b     *budget
	name  string
}

// Token implements xml.TokenReader.
func (t *tokens) Token() (xml.Token, error) {
	tok, err := t.d.RawToken()
	switch tok.(type) {
	case xml.StartElement:
		if t.depth++; t.depth > MaxXMLDepth {
			line, col := t.d.InputPos()
			return nil, fmt.Errorf("%w: %s:%d:%d: XML elements nested deeper than %d", ErrLimit, t.name, line, col, MaxXMLDepth)
		}
		if t.b.elements--; t.b.elements < 0 {
			return nil, fmt.Errorf("%w: more than %d XML elements", ErrLimit, MaxElements)
		}
	case xml.EndElement:
		t.depth--
	}
	if err != nil && err != io.EOF && !errors.Is(err, ErrLimit) {
		line, _ := t.d.InputPos()
		err = fmt.Errorf("%w: %s:%d: %v", ErrCorrupt, t.name, line, err)
	}
	return tok, err
}

// zipFiles indexes the entries of a zip by name, within MaxEntries.
func zipFiles(z *zip.Reader) (map[string]*zip.File, error) {
	if len(z.File) > MaxEntries {
		return nil, fmt.Errorf("%w: more than %d entries", ErrLimit, MaxEntries)
	}
	files := make(map[string]*zip.File, len(z.File))
	for _, f := range z.File {
		files[f.Name] = f
	}
	return files, nil
}
