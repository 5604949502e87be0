package document

import (
	"cmp"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"portal/generator/internal/diag"
	"portal/generator/internal/docx/docxtest"

	"portal/generator/internal/heaptest"
)

// storedDocx is a .docx, stored uncompressed, whose document.xml has the
// given body.
func storedDocx(body string) []byte {
	return docxtest.Stored(docxtest.Bytes("word/document.xml", docxtest.Body(body)))
}

// docxPara is a paragraph of text s.
func docxPara(s string) string { return "<w:p><w:r><w:t>" + s + "</w:t></w:r></w:p>" }

// docxRow is a table row of cells of the given texts.
func docxRow(cells ...string) string {
	var b strings.Builder
	b.WriteString("<w:tr>")
	for _, c := range cells {
		b.WriteString("<w:tc>" + docxPara(c) + "</w:tc>")
	}
	b.WriteString("</w:tr>")
	return b.String()
}

// headerTable is a table whose column headers are long, over many rows:
// written out with its headers on each row, it is many times its size.
func headerTable(head string, rows int) string {
	return "<w:tbl>" + docxRow("项目", head, head) + strings.Repeat(docxRow("数量", "1", "2"), rows) + "</w:tbl>"
}

// maxParseDocxHeap is the most heap ParseDocx and the HTML of its
// document may take for any file: docx.Read's about 100 MiB and the
// document's blocks.
const maxParseDocxHeap = 160 << 20

// TestParseDocxHostile checks that a hostile .docx gets one error that
// names the file and what is wrong, within bounded memory, and that a
// table whose long headers would be repeated on each of its rows is one.
func TestParseDocxHostile(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"tables-300000-deep", storedDocx(docxtest.NestedTables(300000)),
			"x.docx: cannot read .docx: the document goes beyond what the reader accepts (a damaged or hostile file?): word/document.xml:1:707: tables nested deeper than 32"},
		{"tiny-paragraphs-45MB", docxtest.Repeated(docxtest.TinyParagraph, 45<<20),
			"x.docx: cannot read .docx: the archive is too large when uncompressed (a zip bomb?): word/document.xml is 45 MB, more than 32 MB"},
		{"headers-on-each-row", storedDocx(headerTable(strings.Repeat("长", 100000), 15000)),
			"x.docx: cannot read .docx: the document goes beyond what the reader accepts (a damaged or hostile file?): its tables, with their headers on each row, come to more than 8 MB of text (twice what the file may hold)"},
		{"headers-on-each-row-in-a-small-file", docxtest.Document(headerTable(strings.Repeat("长", 1000), 2000)),
			"x.docx: cannot read .docx: the document goes beyond what the reader accepts (a damaged or hostile file?): its tables, with their headers on each row, come to more than 2107 KB of text (twice what the file may hold)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var d *Document
			var got string
			peak := heaptest.PeakHeap(func() {
				doc, probs := ParseDocx("x.docx", c.data)
				d, got = doc, strings.TrimSpace(probs.String())
			})
			if got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
			if len(d.Blocks) != 0 {
				t.Errorf("%d blocks, want none", len(d.Blocks))
			}
			if peak > maxParseDocxHeap {
				t.Errorf("peak heap %d MiB, more than %d MiB", peak>>20, maxParseDocxHeap>>20)
			}
		})
	}
}

// TestParseDocxAtLimits checks a .docx of almost as many paragraphs as
// docx.Read takes, and a table whose headers repeated on each row come
// to almost the text ParseDocx takes: both are read, within bounded
// memory.
func TestParseDocxAtLimits(t *testing.T) {
	cases := []struct {
		name   string
		data   []byte
		blocks int
	}{
		{"49000-paragraphs", storedDocx(strings.Repeat(docxPara("一。"), 49000)), 49000},
		{"headers-on-each-row", storedDocx(headerTable(strings.Repeat("长", 1000), 1000)), 1000},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var d *Document
			var err error
			peak := heaptest.PeakHeap(func() {
				var probs diag.List
				if d, probs = ParseDocx("x.docx", c.data); probs.HasErrors() {
					err = probs.Err()
				}
				_, err2 := d.HTML()
				err = cmp.Or(err, err2)
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Blocks) != c.blocks {
				t.Errorf("%d blocks, want %d", len(d.Blocks), c.blocks)
			}
			if peak > maxParseDocxHeap {
				t.Errorf("peak heap %d MiB, more than %d MiB", peak>>20, maxParseDocxHeap>>20)
			}
		})
	}
}

// FuzzParseDocx checks that ParseDocx never panics on any document.xml,
// deep nesting included, is deterministic, and that what it reads keeps
// the invariants of a parsed document and renders escaped HTML.
func FuzzParseDocx(f *testing.F) {
	dirs, _ := filepath.Glob(filepath.Join(docxTestdata, "*", "document.xml"))
	for _, file := range dirs {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(docxtest.Body(docxtest.NestedTables(40)))
	f.Add(docxtest.Body(headerTable("收案数", 3) + headerTable("", 1)))
	f.Add(docxtest.Body(strings.Repeat(docxPara("－"), 50) + docxPara("全县信访总量1927件，")))
	f.Add(docxtest.Body(docxtest.Nested(300, "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>", docxPara("底"))))
	f.Fuzz(func(t *testing.T, documentXML []byte) {
		if len(documentXML) > 1<<20 {
			return
		}
		data := docxtest.Stored(docxtest.Bytes("word/document.xml", documentXML))
		d, probs := ParseDocx("f.docx", data)
		again, probs2 := ParseDocx("f.docx", data)
		if !reflect.DeepEqual(d, again) || !reflect.DeepEqual(probs, probs2) {
			t.Fatal("two parses differ")
		}
		if probs.HasErrors() {
			if len(d.Blocks) != 0 || !strings.HasPrefix(probs.String(), "f.docx: cannot read .docx: ") {
				t.Fatalf("an error without the file's name, or with blocks: %s", probs)
			}
			return
		}
		checkDocument(t, d, probs, 1, math.MaxInt)
		checkHTML(t, d)
	})
}
