//go:build ignore

// Mkfodt writes the flat OpenDocument sources of the PDFs in this folder:
// each seed of ../seeds laid out as an official document (GB/T 9704:
// A4, 16 pt body indented two characters, centred title block, signature
// set off to the right, a page number in the footer), and the layout
// cases of official.fodt. See README.md for how the PDFs are made of them.
//
//	go run mkfodt.go
package main

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"log"
	"os"
	"path/filepath"
	"strings"

	"portal/generator/internal/document"
)

// footers are the page-number styles of the seeds, one each, and their
// running headers ("" for none).
var seeds = []struct {
	name, footer, header string
}{
	{"000_4d11b1ed24a01354", "— # —", ""},
	{"001_19c73698d53efc11", "— # —", ""},
	{"002_8f7a5bfe7e408863", "- # -", "丰都县信访办公室2024年法治政府建设情况报告"},
	{"003_05bfabead10aa63f", "第#页 共@页", "嘉黎县信访局"},
	{"004_2e6b60b5e4cec0dd", "— # —", ""},
}

func main() {
	for _, s := range seeds {
		src, err := os.ReadFile(filepath.Join("..", "seeds", s.name+".txt"))
		if err != nil {
			log.Fatal(err)
		}
		text := strings.TrimPrefix(string(src), "\ufeff")
		if err := os.WriteFile(s.name+".fodt", []byte(seedDoc(s.name, text, s.footer, s.header)), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	if err := os.WriteFile("official.fodt", []byte(officialDoc()), 0o644); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("scanned.fodt", []byte(scannedDoc()), 0o644); err != nil {
		log.Fatal(err)
	}
}

// seedDoc lays out a seed: the lines before the body as the title block,
// the lines from the signature on set off to the right, every other line
// a paragraph indented two characters.
func seedDoc(name, text, footer, header string) string {
	d, _ := document.ParseText(name+".txt", text)
	first := 0
	if len(d.Blocks) > 0 {
		first = d.Blocks[0].Line
	}
	var body strings.Builder
	for i, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		no := i + 1
		l = strings.TrimSpace(l)
		style := "Body"
		switch {
		case l == "":
			style = "Blank"
		case no < first && l == d.Header.DocHeader:
			style = "Banner"
		case no < first && l == d.Header.DocNumber:
			style = "DocNo"
		case no < first:
			style = "Title"
		case d.Signature.Line > 0 && no >= d.Signature.Line:
			style = "Sign"
		}
		fmt.Fprintf(&body, "  <text:p text:style-name=%q>%s</text:p>\n", style, html.EscapeString(l))
	}
	return page("Noto Serif CJK SC", footer, header, body.String())
}

// officialDoc is a red-header official document that exercises the
// layout rules: the red 版头 and 文号, a red rule, a 主送 line, a table,
// a sentence cut by a page break, a seal image over the signature, a
// running header and "- N -" page numbers.
func officialDoc() string {
	var b strings.Builder
	p := func(style, text string) {
		fmt.Fprintf(&b, "  <text:p text:style-name=%q>%s</text:p>\n", style, html.EscapeString(text))
	}
	p("Banner", "阳城县信访局文件")
	p("DocNo", "阳信发〔2024〕1号")
	b.WriteString("  <text:p text:style-name=\"Rule\"/>\n")
	p("Title", "阳城县信访局")
	p("Title", "关于2024年度法治政府建设情况的报告")
	p("Flush", "县委依法治县办：")
	p("Body", "2024年，我局在县委、县政府的正确领导下，深入学习贯彻习近平法治思想，现将有关情况报告如下。")
	p("Body", "一、主要举措和成效")
	p("Body", "（一）规范信访事项办理")
	for i := 0; i < 9; i++ {
		p("Body", fmt.Sprintf("第%d项工作：坚持依法分类处理群众诉求，落实诉讼与信访分离制度，加强信访法治宣传教育，引导群众依法理性表达诉求，切实把信访工作导入法治化轨道，依法受理办理信访事项，全力维护群众合法权益，规范信访秩序，促进社会和谐稳定。", i+1))
	}
	p("Body", "（二）主要数据")
	p("Body", "全年信访事项办理情况见下表。")
	b.WriteString(`  <table:table table:name="数据" table:style-name="Tbl">
   <table:table-column table:number-columns-repeated="3"/>
`)
	rows := [][]string{{"项目", "2023年", "2024年"}, {"信访总量", "1927件", "1500件"}, {"及时受理率", "99.5%", "100%"}, {"群众满意率", "97.2%", "98.44%"}}
	for _, r := range rows {
		b.WriteString("   <table:table-row>")
		for _, c := range r {
			fmt.Fprintf(&b, "<table:table-cell table:style-name=\"Cell\"><text:p text:style-name=\"CellP\">%s</text:p></table:table-cell>", html.EscapeString(c))
		}
		b.WriteString("</table:table-row>\n")
	}
	b.WriteString("  </table:table>\n")
	p("Body", "二、存在的问题")
	for i := 0; i < 4; i++ {
		p("Body", fmt.Sprintf("问题%d：一些应当通过行政复议、诉讼等法定途径解决的事项仍然进入信访渠道，一些经过法院判决或者行政复议等方式解决的事项重新信访，基层信访工作力量还比较薄弱，业务能力有待提高。", i+1))
	}
	p("Body", "三、下一步工作安排")
	p("Body", "一是持续深化信访工作法治化建设，推进预防、受理、办理、监督追责、维护秩序法治化。二是加强信访干部队伍建设。")
	p("Sign", "阳城县信访局")
	fmt.Fprintf(&b, `  <text:p text:style-name="Sign"><draw:frame draw:name="印章" text:anchor-type="char" svg:x="-10mm" svg:y="-22mm" svg:width="40mm" svg:height="40mm" draw:z-index="1" draw:style-name="Seal"><draw:image><office:binary-data>%s</office:binary-data></draw:image></draw:frame>2024年12月31日</text:p>
`, sealPNG())
	return page("WenQuanYi Zen Hei", "- # -", "阳城县信访局 2024年度法治政府建设情况报告", b.String())
}

// scannedDoc is a page that is only an image: a scan.
func scannedDoc() string {
	body := fmt.Sprintf(`  <text:p text:style-name="Flush"><draw:frame draw:name="扫描" text:anchor-type="as-char" svg:width="150mm" svg:height="150mm" draw:z-index="0"><draw:image><office:binary-data>%s</office:binary-data></draw:image></draw:frame></text:p>
`, sealPNG())
	return page("Noto Serif CJK SC", "", "", body)
}

// sealPNG draws a red ring, a seal, as a base64 PNG.
func sealPNG() string {
	const n = 200
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	red := color.NRGBA{0xE0, 0x10, 0x10, 0xFF}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			dx, dy := float64(x-n/2), float64(y-n/2)
			if r := dx*dx + dy*dy; r < 95*95 && r > 85*85 || (x-n/2)*(x-n/2)+(y-n/2)*(y-n/2) < 15*15 {
				img.Set(x, y, red)
			}
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return base64.StdEncoding.EncodeToString(buf.Bytes())
}

// page wraps a body in a flat OpenDocument of A4 pages with the margins
// of GB/T 9704, in font, with a footer ("#" the page number, "@" the
// page count) and a header, if not "".
func page(font, footer, header, body string) string {
	field := func(s string) string {
		s = html.EscapeString(s)
		s = strings.ReplaceAll(s, "#", `<text:page-number text:select-page="current">1</text:page-number>`)
		return strings.ReplaceAll(s, "@", `<text:page-count>1</text:page-count>`)
	}
	var hf string
	if header != "" {
		hf += fmt.Sprintf(`<style:header><text:p text:style-name="Header">%s</text:p></style:header>`, field(header))
	}
	if footer != "" {
		hf += fmt.Sprintf(`<style:footer><text:p text:style-name="Footer">%s</text:p></style:footer>`, field(footer))
	}
	return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="F" svg:font-family="'%[1]s'"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:line-height="28pt" style:punctuation-wrap="simple"/>
   <style:text-properties style:font-name="F" style:font-name-asian="F" fo:font-size="16pt" style:font-size-asian="16pt" fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/>
  </style:default-style>
  <style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:text-indent="32pt"/></style:style>
  <style:style style:name="Blank" style:family="paragraph"/>
  <style:style style:name="Flush" style:family="paragraph"><style:paragraph-properties fo:text-align="justify"/></style:style>
  <style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:line-height="36pt"/><style:text-properties fo:font-size="22pt" style:font-size-asian="22pt"/></style:style>
  <style:style style:name="Banner" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:line-height="60pt"/><style:text-properties fo:font-size="36pt" style:font-size-asian="36pt" fo:color="#e60000"/></style:style>
  <style:style style:name="DocNo" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/></style:style>
  <style:style style:name="Rule" style:family="paragraph"><style:paragraph-properties fo:line-height="10pt" fo:border-bottom="1.5pt solid #e60000" fo:margin-bottom="14pt"/></style:style>
  <style:style style:name="Sign" style:family="paragraph"><style:paragraph-properties fo:text-align="end" fo:margin-right="64pt"/></style:style>
  <style:style style:name="Header" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:border-bottom="0.5pt solid #000000"/><style:text-properties fo:font-size="10.5pt" style:font-size-asian="10.5pt"/></style:style>
  <style:style style:name="Footer" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="14pt" style:font-size-asian="14pt"/></style:style>
  <style:style style:name="CellP" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:line-height="22pt"/><style:text-properties fo:font-size="14pt" style:font-size-asian="14pt"/></style:style>
 </office:styles>
 <office:automatic-styles>
  <style:style style:name="Tbl" style:family="table"><style:table-properties style:width="156mm" table:align="center"/></style:style>
  <style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="1mm"/></style:style>
  <style:style style:name="Seal" style:family="graphic"><style:graphic-properties style:wrap="run-through" style:run-through="foreground" style:vertical-pos="from-top" style:horizontal-pos="from-left" style:horizontal-rel="char" style:vertical-rel="char"/></style:style>
  <style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm" fo:margin-top="25mm" fo:margin-bottom="20mm" fo:margin-left="28mm" fo:margin-right="26mm"/>
   <style:header-style><style:header-footer-properties fo:min-height="0mm" fo:margin-bottom="5mm"/></style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="0mm" fo:margin-top="8mm"/></style:footer-style>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="A4">%[2]s</style:master-page>
 </office:master-styles>
 <office:body><office:text>
%[3]s </office:text></office:body>
</office:document>
`, font, hf, body)
}
