package docx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"

	"portal/generator/internal/diag"
)

// Limits on what Read accepts, against hostile files: each is far beyond
// what a real report needs (a 100-page report with tables is about 3 MB
// of XML, 100,000 XML elements, 4,000 paragraphs, 200 KB of text in a
// .docx of 100 KB), and together they keep one Read under about 100 MiB
// of memory, its work linear in the size of the file, and what it gives
// the rest of the build (text, paragraphs) within a bound.
const (
	// MaxDocumentSize is the most bytes word/document.xml may expand to.
	MaxDocumentSize = 32 << 20
	// MaxPartSize is the most bytes each other part read may expand to:
	// styles.xml, numbering.xml, settings.xml, footnotes.xml, endnotes.xml.
	MaxPartSize = 8 << 20
	// MaxExpanded is the most bytes all the parts read may expand to.
	MaxExpanded = 48 << 20
	// MaxRatio is the most a part over 1 MB may expand, as a multiple of
	// its compressed size (real parts: 5 to 70 times; zip bombs: 300 to
	// 1,000 times).
	MaxRatio = 200
	// MaxEntries is the most entries a .docx may have.
	MaxEntries = 2000
	// MaxToken is the most bytes of XML between two '<': the longest tag
	// or text.
	MaxToken = 1 << 20
	// MaxXMLDepth is the deepest XML element nesting.
	MaxXMLDepth = 256
	// MaxTableDepth is the deepest table nesting: tables in cells of
	// tables.
	MaxTableDepth = 32
	// MaxElements is the most XML elements of all the parts read.
	MaxElements = 2_000_000
	// MaxParagraphs is the most paragraphs: in the body, cells, text
	// boxes and notes.
	MaxParagraphs = 50_000
	// MaxCells is the most table rows and cells.
	MaxCells = 100_000
	// MaxText is the most bytes of text, automatic numbers and notes
	// included; a file of n bytes may hold MinText + TextPerByte*n at
	// most (see TextLimit), so that a small zip holds no more text than
	// a plain-text file a few times its size.
	MaxText = 4 << 20
	// MinText is the text any .docx may hold, however small.
	MinText = 1 << 20
	// TextPerByte is the text a .docx may hold for each of its bytes
	// (compressed real reports hold 1 to 3).
	TextPerByte = 16
	// MaxStyles is the most styles of styles.xml.
	MaxStyles = 10_000
	// MaxLists is the most list definitions and instances (w:abstractNum
	// and w:num) of numbering.xml.
	MaxLists = 20_000
)

// minRatioSize is the size above which MaxRatio applies: a small part may
// compress very well.
const minRatioSize = 1 << 20

// ErrLimit is wrapped by the errors of a file beyond one of the limits.
var ErrLimit = diag.Errorf("the document goes beyond what the reader accepts (a damaged or hostile file?)")

// limitError is a part beyond a limit: what and where. Its message is a
// diag.Msg (diag.Messager), shown in the editor's language.
type limitError struct {
	kind error // ErrLimit or ErrTooLarge
	msg  diag.Msg
}

func (e *limitError) Error() string { return e.kind.Error() + ": " + e.msg.String() }
func (e *limitError) Unwrap() error { return e.kind }
func (e *limitError) Msg() diag.Msg { return diag.Msgf("%v: %v", e.kind, e.msg) }

// overLimit makes the error of a part beyond a limit: format, English,
// has its Chinese in diag's catalog.
func overLimit(format string, args ...any) error {
	return &limitError{ErrLimit, diag.Msgf(format, args...)}
}

// tooLarge makes the error of a part beyond a size, as overLimit does.
func tooLarge(format string, args ...any) error {
	return &limitError{ErrTooLarge, diag.Msgf(format, args...)}
}

// partError names the part in an error reading it, from in when it has
// one: "<ErrLimit>: part:line:col: what" beyond a limit, "<ErrTooLarge>:
// part: what" beyond a size, "corrupt .docx: part: error" otherwise.
func partError(part string, in *tokens, err error) error {
	var le *limitError
	var se *xml.SyntaxError
	switch {
	case errors.As(err, &le):
		where := part
		if in != nil && le.kind == ErrLimit {
			line, col := in.d.InputPos()
			where = fmt.Sprintf("%s:%d:%d", part, line, col)
		}
		return &limitError{le.kind, diag.Msgf("%s: %v", where, le.msg)}
	case errors.As(err, &se) && in != nil:
		// The outer decoder, fed tokens, counts no lines.
		line, _ := in.d.InputPos()
		return diag.Errorf("corrupt .docx: %s: XML syntax error on line %d: %s", part, line, se.Msg)
	}
	return diag.Errorf("corrupt .docx: %s: %v", part, err)
}

// TextLimit is the most bytes of text a .docx of size bytes may hold:
// MinText and TextPerByte a byte, at most MaxText.
func TextLimit(size int) int {
	return min(MaxText, MinText+TextPerByte*max(size, 0))
}

// budget is what the parts of one Read may still take.
type budget struct {
	expanded   int64
	elements   int
	paragraphs int
	cells      int
	text       int
	textLimit  int
}

// newBudget is the budget of one Read of a file of size bytes.
func newBudget(size int) *budget {
	text := TextLimit(size)
	return &budget{expanded: MaxExpanded, elements: MaxElements, paragraphs: MaxParagraphs, cells: MaxCells, text: text, textLimit: text}
}

// takeText takes n bytes of text from the budget.
func (b *budget) takeText(n int) error {
	if n <= b.text {
		b.text -= n
		return nil
	}
	if b.textLimit == MaxText {
		return overLimit("more than %d MB of text", MaxText>>20)
	}
	return overLimit("more than %d KB of text, the most a file of its size may hold (%d MB and %d bytes a byte of the file)", b.textLimit>>10, MinText>>20, TextPerByte)
}

// take takes n from what is left, or returns over, the error of what is
// over the limit.
func take(left *int, n int, over error) error {
	if n > *left {
		return over
	}
	*left -= n
	return nil
}

// The errors of take, one for each count of the budget.
var (
	errParagraphs = overLimit("more than %d paragraphs", MaxParagraphs)
	errCells      = overLimit("more than %d table rows and cells", MaxCells)
	errElements   = overLimit("more than %d XML elements", MaxElements)
)

// partReader reads a part as it is decompressed, stopping it at its size
// limit, at the budget of all parts, and at a run of MaxToken bytes
// without a '<' (a tag or a text that long: the XML decoder would hold
// it whole).
type partReader struct {
	r     io.Reader
	left  int64 // bytes the part may still expand to
	limit int64
	b     *budget
	run   int // bytes since the last '<'
}

// Read implements io.Reader.
func (pr *partReader) Read(p []byte) (int, error) {
	n, err := pr.r.Read(p)
	if int64(n) > pr.left {
		return 0, tooLarge("more than %d MB uncompressed", pr.limit>>20)
	}
	if int64(n) > pr.b.expanded {
		return 0, tooLarge("the parts read are more than %d MB uncompressed in all", MaxExpanded>>20)
	}
	pr.left -= int64(n)
	pr.b.expanded -= int64(n)
	for chunk := p[:n]; ; {
		i := bytes.IndexByte(chunk, '<')
		if i < 0 {
			pr.run += len(chunk)
			break
		}
		if pr.run+i > MaxToken {
			pr.run += i
			break
		}
		pr.run, chunk = 0, chunk[i+1:]
	}
	if pr.run > MaxToken {
		return 0, overLimit("a tag or a text longer than %d MB", MaxToken>>20)
	}
	return n, err
}

// tokens feeds the decoder of a part: it reads raw tokens from the inner
// decoder d and stops at MaxXMLDepth and at the budget of elements, so
// that no decoder stack, skip or unmarshalling goes deeper or longer.
type tokens struct {
	d     *xml.Decoder
	depth int
	b     *budget
}

// Token implements xml.TokenReader.
func (t *tokens) Token() (xml.Token, error) {
	tok, err := t.d.RawToken()
	switch tok.(type) {
	case xml.StartElement:
		if t.depth++; t.depth > MaxXMLDepth {
			return nil, overLimit("XML elements nested deeper than %d", MaxXMLDepth)
		}
		if err := take(&t.b.elements, 1, errElements); err != nil {
			return nil, err
		}
	case xml.EndElement:
		t.depth--
	}
	return tok, err
}

// newDecoder makes the decoder of a part whose bytes r gives, at most
// limit of them, within budget b; in is its token source, for positions.
func newDecoder(r io.Reader, limit int64, b *budget) (d *xml.Decoder, in *tokens) {
	pr := &partReader{r: r, left: limit, limit: limit, b: b}
	in = &tokens{d: xml.NewDecoder(pr), b: b}
	return xml.NewTokenDecoder(in), in
}
