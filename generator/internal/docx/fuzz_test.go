package docx

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/generator/internal/docx/docxtest"
)

// readBody walks the body of documentXML as Read does, without a zip,
// styles or numbering.
func readBody(documentXML []byte) (*Document, error) {
	b := newBudget(len(documentXML))
	d, in := newDecoder(bytes.NewReader(documentXML), MaxDocumentSize, b)
	st, _ := parseStyles(nil)
	num, _ := parseNumbering(nil, st)
	doc, err := parseBody(newBodyParser(d, st, num, b))
	if err != nil {
		return nil, partError(documentPart, in, err)
	}
	return doc, nil
}

// deepBodies are bodies nested past the limits in each way the walker
// recurses or loops: tables in cells, text boxes in drawings and VML,
// alternate content, content controls, hyperlinks, fields, smart tags,
// and elements it skips or unmarshals.
func deepBodies() [][]byte {
	box := func(open, close string) string { return docxtest.Nested(12, open, close, para("框")) }
	return [][]byte{
		docxtest.Body(docxtest.NestedTables(MaxTableDepth + 2)),
		docxtest.Body(docxtest.Nested(MaxXMLDepth, "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>", para("底"))),
		docxtest.Body(box("<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><wps:txbx><w:txbxContent>", "</w:txbxContent></wps:txbx></w:drawing></mc:Choice></mc:AlternateContent></w:r></w:p>")),
		docxtest.Body(box("<w:p><w:r><w:pict><v:textbox><w:txbxContent><w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl></w:txbxContent></v:textbox></w:pict></w:r></w:p>")),
		docxtest.Body("<w:p>" + docxtest.Nested(80, "<w:hyperlink><w:smartTag><w:fldSimple>", "</w:fldSimple></w:smartTag></w:hyperlink>", "<w:r><w:t>字</w:t></w:r>") + "</w:p>"),
		docxtest.Body("<w:p>" + strings.Repeat(`<w:r><w:fldChar w:fldCharType="begin"/></w:r>`, 100) + `<w:r><w:t>码</w:t></w:r>` + strings.Repeat(`<w:r><w:fldChar w:fldCharType="end"/></w:r>`, 100) + "</w:p>"),
		docxtest.Body("<w:p><w:pPr>" + docxtest.Nested(MaxXMLDepth, "<w:rPr>", "</w:rPr>", "") + "</w:pPr></w:p>"),
		docxtest.Body("<w:p><w:bookmarkStart>" + docxtest.Nested(MaxXMLDepth, "<x>", "</x>", "") + "</w:bookmarkStart></w:p>"),
		docxtest.Body(docxtest.ReportBody(5)),
	}
}

// FuzzBodyWalker checks that walking any document.xml never panics nor
// overflows the stack, and that a body it reads is well formed: each
// block a paragraph or a table, cells with spans, no note placeholder
// left, no more text than MaxText.
func FuzzBodyWalker(f *testing.F) {
	for _, b := range deepBodies() {
		f.Add(b)
	}
	files, _ := filepath.Glob(filepath.Join(testdata, "*", "document.xml"))
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, documentXML []byte) {
		if len(documentXML) > 1<<20 {
			return
		}
		d, err := readBody(documentXML)
		if err != nil {
			if errors.Is(err, ErrLimit) && !strings.Contains(err.Error(), documentPart+":") {
				t.Fatalf("a limit error without the part's name: %v", err)
			}
			return
		}
		checkBlocks(t, d.Blocks)
	})
}

// checkBlocks checks that each block is a paragraph or a table, that cells
// have spans, and that the text is within MaxText.
func checkBlocks(t *testing.T, blocks []Block) {
	t.Helper()
	text := 0
	for _, b := range blocks {
		if (b.Para == nil) == (b.Table == nil) {
			t.Fatalf("block %+v: not one paragraph or one table", b)
		}
		if b.Para != nil {
			text += len(b.Para.Text)
			continue
		}
		for _, r := range b.Table.Rows {
			for _, c := range r {
				if c.ColSpan < 1 || c.RowSpan < 1 || c.Col < 0 {
					t.Fatalf("cell %+v: bad span or column", c)
				}
			}
		}
	}
	if text > MaxText {
		t.Fatalf("%d bytes of text, more than %d", text, MaxText)
	}
}

// TestDeepBodies checks what the walker makes of the deep bodies: an
// error naming the part and the limit past which they nest, or, for
// those it takes in its stride, the text they hold.
func TestDeepBodies(t *testing.T) {
	want := []string{
		"word/document.xml:1:707: tables nested deeper than 32",
		"word/document.xml:1:2766: XML elements nested deeper than 256",
		"", "", "", "", // text boxes deeper than 8 are skipped; links, fields and tags 240 deep in a paragraph
		"word/document.xml:1:1875: XML elements nested deeper than 256",
		"word/document.xml:1:873: XML elements nested deeper than 256",
		"",
	}
	for i, b := range deepBodies() {
		d, err := readBody(b)
		got := ""
		if err != nil {
			got = strings.TrimPrefix(err.Error(), ErrLimit.Error()+": ")
		}
		if got != want[i] {
			t.Errorf("body %d: got %q, want %q", i, got, want[i])
		}
		if err == nil {
			checkBlocks(t, d.Blocks)
		}
	}
}
