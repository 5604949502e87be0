// Package docxtest makes .docx files for tests, hostile ones included:
// tables nested deep, zip bombs of tiny paragraphs, loops in styles. It
// writes the zip with archive/zip, streaming big parts, so that making a
// 45 MB part costs little memory.
package docxtest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Part is one part of a .docx: its path in the zip and a function that
// writes its bytes.
type Part struct {
	Name  string
	Write func(w io.Writer)
}

// Bytes is a part whose bytes are b.
func Bytes(name string, b []byte) Part {
	return Part{name, func(w io.Writer) { w.Write(b) }}
}

// Zip makes a .docx of parts, deflated, in the order given.
func Zip(parts ...Part) []byte {
	return write(zip.Deflate, parts)
}

// Stored makes a .docx of parts stored without compression, in the order
// given: its parts expand to no more than their size, so that only the
// reader's other limits can stop them.
func Stored(parts ...Part) []byte {
	return write(zip.Store, parts)
}

// write makes a .docx of parts compressed by method.
func write(method uint16, parts []Part) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.Name, Method: method})
		if err != nil {
			panic(err)
		}
		p.Write(w)
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// ZipMap makes a .docx of parts by name, in the order of their names.
func ZipMap(parts map[string][]byte) []byte {
	var ps []Part
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range parts {
			if !yield(k) {
				return
			}
		}
	}) {
		ps = append(ps, Bytes(name, parts[name]))
	}
	return Zip(ps...)
}

// Namespace is the WordprocessingML namespace.
const Namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// Body is a document.xml whose body is the XML body.
func Body(body string) []byte {
	return []byte(`<w:document xmlns:w="` + Namespace + `"><w:body>` + body + `</w:body></w:document>`)
}

// Document is a .docx of a document.xml whose body is body.
func Document(body string) []byte {
	return Zip(Bytes("word/document.xml", Body(body)))
}

// Nested is a body of n open tags, then inner, then the n end tags:
// Nested(2, "<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>", "<w:p/>").
func Nested(n int, open, close, inner string) string {
	return strings.Repeat(open, n) + inner + strings.Repeat(close, n)
}

// NestedTables is a body of tables nested n deep, each in the only cell of
// the one outside it.
func NestedTables(n int) string {
	return Nested(n, "<w:tbl><w:tr><w:tc>", "<w:p/></w:tc></w:tr></w:tbl>", "<w:p><w:r><w:t>底</w:t></w:r></w:p>")
}

// Repeated is a .docx whose document.xml body is unit repeated until the
// part is at least size bytes, written as a stream.
func Repeated(unit string, size int) []byte {
	return Zip(RepeatedPart("word/document.xml", unit, size))
}

// RepeatedPart is a document.xml part whose body is unit repeated until
// the part is at least size bytes.
func RepeatedPart(name, unit string, size int) Part {
	return Part{name, func(w io.Writer) {
		head := `<w:document xmlns:w="` + Namespace + `"><w:body>`
		io.WriteString(w, head)
		chunk := strings.Repeat(unit, max(1, (64<<10)/len(unit)))
		for n := len(head); n < size; n += len(chunk) {
			io.WriteString(w, chunk)
		}
		io.WriteString(w, `</w:body></w:document>`)
	}}
}

// TinyParagraph is a paragraph of one character: a zip bomb of them
// expands about 330 times.
const TinyParagraph = `<w:p><w:r><w:t>字</w:t></w:r></w:p>`

// wordPara is a body paragraph as Word writes it, with its revision ids
// and run properties; %s is its text.
const wordPara = `<w:p w:rsidR="00A12B3C" w:rsidRDefault="00A12B3C" w:rsidP="00D4E5F6"><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:pPr><w:r w:rsidRPr="00D4E5F6"><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:hint="eastAsia"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr><w:t>%s</w:t></w:r></w:p>`

// wordCell is a table cell as Word writes it; %s is its text.
const wordCell = `<w:tc><w:tcPr><w:tcW w:w="1420" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p w:rsidR="00A12B3C" w:rsidRDefault="00A12B3C"><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia"/><w:sz w:val="24"/></w:rPr><w:t>%s</w:t></w:r></w:p></w:tc>`

// ReportBody is the body of a plausible report of the given number of
// pages, as Word writes it: a heading and 24 paragraphs of about 100
// characters a page, and every fifth page a table of 12 rows of 6 cells.
func ReportBody(pages int) string {
	var b strings.Builder
	sentence := "全面推进依法行政，严格规范公正文明执法，全年办理行政复议案件12件，行政应诉案件8件，法治政府建设取得明显成效。"
	for pg := range pages {
		fmt.Fprintf(&b, `<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>第%d部分 工作情况</w:t></w:r></w:p>`, pg+1)
		for i := range 24 {
			fmt.Fprintf(&b, wordPara, fmt.Sprintf("%d.%d %s%s", pg+1, i+1, sentence, sentence))
		}
		if pg%5 != 4 {
			continue
		}
		b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders><w:top w:val="single" w:sz="4"/></w:tblBorders></w:tblPr>`)
		for r := range 12 {
			b.WriteString(`<w:tr>`)
			for c := range 6 {
				fmt.Fprintf(&b, wordCell, fmt.Sprintf("第%d行第%d列%d件", r, c, r*c))
			}
			b.WriteString(`</w:tr>`)
		}
		b.WriteString(`</w:tbl>`)
	}
	return b.String()
}
