package docx

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"portal/generator/internal/docx/docxtest"

	"portal/generator/internal/heaptest"
)

// maxPeakHeap is the most heap one Read of any file may take: the
// package comment's "about 100 MiB", with room for the test's sampling.
const maxPeakHeap = 128 << 20

// stored is a .docx of parts stored uncompressed, so that no ratio or
// directory check stops them before the reader's other limits.
func stored(parts map[string]string) []byte {
	var ps []docxtest.Part
	for _, name := range []string{"word/document.xml", "word/styles.xml", "word/numbering.xml", "word/settings.xml", "word/footnotes.xml", "word/endnotes.xml"} {
		if s, ok := parts[name]; ok {
			ps = append(ps, docxtest.Bytes(name, []byte(s)))
		}
	}
	return docxtest.Stored(ps...)
}

// body is a stored .docx whose document.xml has the given body.
func body(b string) []byte {
	return stored(map[string]string{"word/document.xml": string(docxtest.Body(b))})
}

// repeated is a stored .docx whose document.xml body is unit repeated
// until the part is about size bytes.
func repeated(unit string, size int) []byte {
	return docxtest.Stored(docxtest.RepeatedPart("word/document.xml", unit, size))
}

// hostileCase is a hostile .docx and the error it must get: its sentinel
// and words of its message ("" for none: the file must be read).
type hostileCase struct {
	name string
	data func() []byte
	want error
	msg  string
}

// para is a paragraph of text s.
func para(s string) string { return "<w:p><w:r><w:t>" + s + "</w:t></w:r></w:p>" }

// noise is n letters and digits that do not compress much.
func noise(n int) string {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = "0123456789abcdefghijklmnopqrstuvwxyz"[r.IntN(36)]
	}
	return string(b)
}

// manyStyles is a styles.xml of n paragraph styles.
func manyStyles(n int) string {
	var b strings.Builder
	b.WriteString(`<w:styles xmlns:w="` + docxtest.Namespace + `">`)
	for i := range n {
		fmt.Fprintf(&b, `<w:style w:type="paragraph" w:styleId="s%d"><w:name w:val="heading 2"/></w:style>`, i)
	}
	b.WriteString(`</w:styles>`)
	return b.String()
}

// hostileCases are files built to take the reader's stack, memory or
// time: each limit is tried past its bound, and in every place the XML
// can nest.
var hostileCases = []hostileCase{
	{"tables-300000-deep", func() []byte { return body(docxtest.NestedTables(300000)) }, ErrLimit, "word/document.xml:1:707: tables nested deeper than 32"},
	{"tables-300000-deep-deflated", func() []byte { return docxtest.Document(docxtest.NestedTables(300000)) }, ErrTooLarge, "word/document.xml expands 401 times, more than 200"},
	{"tables-33-deep", func() []byte { return body(docxtest.NestedTables(33)) }, ErrLimit, "tables nested deeper than 32"},
	{"tables-in-text-boxes", func() []byte {
		box := "<w:p><w:r><w:pict><v:textbox><w:txbxContent>"
		boxEnd := "</w:txbxContent></v:textbox></w:pict></w:r></w:p>"
		return body(docxtest.Nested(6, box+"<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc>",
			"</w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>"+boxEnd, para("底")))
	}, ErrLimit, "tables nested deeper than 32"},
	{"sdt-100000-deep", func() []byte {
		return body(docxtest.Nested(100000, "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>", para("底")))
	}, ErrLimit, "XML elements nested deeper than 256"},
	{"hyperlinks-in-a-paragraph", func() []byte {
		return body("<w:p>" + docxtest.Nested(100000, "<w:hyperlink><w:smartTag><w:fldSimple>", "</w:fldSimple></w:smartTag></w:hyperlink>", "<w:r><w:t>底</w:t></w:r>") + "</w:p>")
	}, ErrLimit, "XML elements nested deeper than 256"},
	{"text-boxes-100000-deep", func() []byte {
		return body(docxtest.Nested(100000, "<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><wps:txbx><w:txbxContent>", "</w:txbxContent></wps:txbx></w:drawing></mc:Choice></mc:AlternateContent></w:r></w:p>", para("底")))
	}, ErrLimit, "XML elements nested deeper than 256"},
	{"skipped-element-100000-deep", func() []byte {
		return body("<w:p><w:bookmarkStart>" + docxtest.Nested(100000, "<x>", "</x>", "") + "</w:bookmarkStart></w:p>")
	}, ErrLimit, "XML elements nested deeper than 256"},
	{"paragraph-properties-100000-deep", func() []byte {
		return body("<w:p><w:pPr>" + docxtest.Nested(100000, "<w:rPr>", "</w:rPr>", "") + "</w:pPr></w:p>")
	}, ErrLimit, "XML elements nested deeper than 256"},
	{"styles-100000-deep", func() []byte {
		return stored(map[string]string{"word/document.xml": string(docxtest.Body(para("字"))), "word/styles.xml": "<w:styles>" + docxtest.Nested(100000, "<w:style>", "</w:style>", "") + "</w:styles>"})
	}, ErrLimit, "word/styles.xml:1:2315: XML elements nested deeper than 256"},
	{"tiny-paragraphs-45MB-deflated", func() []byte { return docxtest.Repeated(docxtest.TinyParagraph, 45<<20) }, ErrTooLarge, "word/document.xml is 45 MB, more than 32 MB"},
	{"tiny-paragraphs-20MB-deflated", func() []byte { return docxtest.Repeated(docxtest.TinyParagraph, 20<<20) }, ErrTooLarge, "word/document.xml expands 342 times, more than 200"},
	{"tiny-paragraphs-30MB", func() []byte { return repeated(docxtest.TinyParagraph, 30<<20) }, ErrLimit, "more than 50000 paragraphs"},
	{"empty-paragraphs-30MB", func() []byte { return repeated("<w:p/>", 30<<20) }, ErrLimit, "more than 50000 paragraphs"},
	{"empty-rows-30MB", func() []byte { return repeated("<w:tbl>"+strings.Repeat("<w:tr/>", 1000)+"</w:tbl>", 30<<20) }, ErrLimit, "more than 100000 table rows and cells"},
	{"empty-elements-30MB", func() []byte { return repeated("<a/>", 30<<20) }, ErrLimit, "more than 2000000 XML elements"},
	{"text-1MB-run", func() []byte { return body(para(strings.Repeat("字", 1<<20))) }, ErrLimit, "word/document.xml:1:1048577: a tag or a text longer than 1 MB"},
	{"attributes-1MB-tag", func() []byte { return body("<w:p " + strings.Repeat(`a="" `, 220000) + "/>") }, ErrLimit, "a tag or a text longer than 1 MB"},
	{"text-5MB", func() []byte { return body(strings.Repeat(para(strings.Repeat("字", 300000)), 6)) }, ErrLimit, "more than 4 MB of text"},
	{"text-2MB-in-a-small-file", func() []byte {
		return docxtest.Document(strings.Repeat(para(strings.Repeat("字", 100000)), 7) + para(noise(20000)))
	}, ErrLimit, "more than 1283 KB of text, the most a file of its size may hold (1 MB and 16 bytes a byte of the file)"},
	{"text-in-comments", func() []byte {
		return body("<w:p><w:r><w:t>" + strings.Repeat(strings.Repeat("字", 100000)+"<!---->", 15) + "</w:t></w:r></w:p>")
	}, ErrLimit, "more than 4 MB of text"},
	{"text-3MB-in-body-and-2MB-in-notes", func() []byte {
		p := para(strings.Repeat("字", 300000))
		return stored(map[string]string{
			"word/document.xml":  string(docxtest.Body(strings.Repeat(p, 3) + `<w:p><w:r><w:footnoteReference w:id="1"/></w:r></w:p>`)),
			"word/footnotes.xml": `<w:footnotes><w:footnote w:id="1">` + strings.Repeat(p, 2) + `</w:footnote></w:footnotes>`,
		})
	}, ErrLimit, "word/footnotes.xml:1:1800083: more than 4 MB of text"},
	{"comment-30MB", func() []byte { return body("<!--" + strings.Repeat("<", 30<<20) + "-->" + para("字")) }, nil, ""},
	{"document-33MB", func() []byte { return repeated("<!---->", 33<<20) }, ErrTooLarge, "word/document.xml is 33 MB, more than 32 MB"},
	{"parts-49MB-in-all", func() []byte {
		big := "<w:ftr>" + strings.Repeat(" ", 7<<20) + "</w:ftr>"
		return stored(map[string]string{"word/document.xml": string(docxtest.Body(strings.Repeat(" ", 20<<20))), "word/styles.xml": big, "word/numbering.xml": big, "word/settings.xml": big, "word/footnotes.xml": big})
	}, ErrTooLarge, "the parts read are more than 48 MB uncompressed in all"},
	{"styles-10001", func() []byte {
		return stored(map[string]string{"word/document.xml": string(docxtest.Body(para("字"))), "word/styles.xml": manyStyles(10001)})
	}, ErrLimit, "more than 10000 styles"},
	{"lists-20001", func() []byte {
		return stored(map[string]string{"word/document.xml": string(docxtest.Body(para("字"))), "word/numbering.xml": `<w:numbering>` + strings.Repeat(`<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>`, 20001) + `</w:numbering>`})
	}, ErrLimit, "more than 20000 lists"},
	{"number-text-5MB", func() []byte {
		numbering := `<w:numbering><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:lvlText w:val="` + strings.Repeat("%1", 300000) + `"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>`
		p := `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:p>`
		return stored(map[string]string{"word/document.xml": string(docxtest.Body(strings.Repeat(p, 20))), "word/numbering.xml": numbering})
	}, ErrLimit, "more than 4 MB of text"},
	{"note-referred-to-100-times", func() []byte {
		notes := `<w:footnotes><w:footnote w:id="1">` + para(strings.Repeat("注", 300000)) + `</w:footnote></w:footnotes>`
		return stored(map[string]string{"word/document.xml": string(docxtest.Body(strings.Repeat(`<w:p><w:r><w:footnoteReference w:id="1"/></w:r></w:p>`, 100))), "word/footnotes.xml": notes})
	}, ErrLimit, "word/document.xml: more than 4 MB of text"},
	{"entries-20000", func() []byte {
		parts := []docxtest.Part{docxtest.Bytes("word/document.xml", docxtest.Body(""))}
		for i := range 20000 {
			parts = append(parts, docxtest.Bytes(fmt.Sprint(i), nil))
		}
		return docxtest.Stored(parts...)
	}, ErrTooLarge, "more than 2000 entries"},
}

// TestHostile reads each hostile file: the error it must get names the
// part and what is over the limit, and the peak heap stays bounded.
func TestHostile(t *testing.T) {
	for _, c := range hostileCases {
		t.Run(c.name, func(t *testing.T) {
			data := c.data()
			var err error
			peak := heaptest.PeakHeap(func() { _, err = Read(data) })
			t.Logf("%d KB in, peak heap %d MiB: %v", len(data)>>10, peak>>20, err)
			if peak > maxPeakHeap {
				t.Errorf("peak heap %d MiB, more than %d MiB", peak>>20, maxPeakHeap>>20)
			}
			switch {
			case c.want == nil && err != nil:
				t.Fatalf("got %v, want no error", err)
			case c.want != nil && !errors.Is(err, c.want):
				t.Fatalf("got %v, want %v", err, c.want)
			case c.want != nil && !strings.Contains(err.Error(), c.msg):
				t.Fatalf("got %q, want it to say %q", err, c.msg)
			}
			if checkErr := Check(data); checkErr != nil && (err == nil || checkErr.Error() != err.Error()) {
				t.Errorf("Check = %v, Read = %v", checkErr, err)
			}
		})
	}
}

// TestWithinLimits reads files at the limits, and loops and excesses the
// reader takes in its stride: a style based on itself, a w:basedOn cycle,
// a list definition of 100,000 levels, duplicate notes.
func TestWithinLimits(t *testing.T) {
	cycle := `<w:styles xmlns:w="w">
		<w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style>
		<w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style>
		<w:style w:type="paragraph" w:styleId="C"><w:basedOn w:val="C"/></w:style>
		<w:style w:type="paragraph" w:styleId="H"><w:basedOn w:val="A"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
		<w:style w:type="numbering" w:styleId="L"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
	</w:styles>`
	levels := `<w:numbering><w:abstractNum w:abstractNumId="1">` +
		strings.Repeat(`<w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>`, 100000) +
		`<w:lvl w:ilvl="0"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="L"/></w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num></w:numbering>`
	numbered := func(id, text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="A"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="` + id + `"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	doc := numbered("1", "第一") + numbered("1", "第二") + numbered("2", "链回自身") +
		`<w:p><w:pPr><w:pStyle w:val="C"/></w:pPr><w:r><w:t>自身</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="H"/></w:pPr><w:r><w:t>标题</w:t></w:r></w:p>` +
		docxtest.NestedTables(MaxTableDepth) +
		`<w:p><w:r><w:footnoteReference w:id="1"/><w:footnoteReference w:id="1"/></w:r></w:p>`
	data := stored(map[string]string{
		"word/document.xml":  string(docxtest.Body(doc)),
		"word/styles.xml":    cycle,
		"word/numbering.xml": levels,
		"word/footnotes.xml": `<w:footnotes><w:footnote w:id="1">` + para("注") + `</w:footnote></w:footnotes>`,
	})
	var d *Document
	var err error
	peak := heaptest.PeakHeap(func() { d, err = Read(data) })
	if err != nil {
		t.Fatal(err)
	}
	if peak > maxPeakHeap {
		t.Errorf("peak heap %d MiB, more than %d MiB", peak>>20, maxPeakHeap>>20)
	}
	got := dump(d)
	want := `P level=0 number="一、" bold="" style="A"
  "一、第一"
P level=0 number="二、" bold="" style="A"
  "二、第二"
P level=0 number="" bold="" style="A"
  "链回自身"
P level=0 number="" bold="" style="C"
  "自身"
P level=2 number="" bold="" style="H"
  "标题"
TABLE head=0
  row 0: [col 0 span 1x1 "底"]
P level=0 number="" bold="" style=""
  "[1][2]"
  NOTE "[1]" endnote=false "注"
  NOTE "[2]" endnote=false "注"
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
