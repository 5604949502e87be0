package ofd

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/generator/internal/layout"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ofd")

// samples holds the real OFD files (see its README.md).
const samples = "../../testdata/ofd"

// result writes what the reader and the layout stage make of an OFD: its
// pages, then each paragraph as "page kind: text" (kind B body, L line,
// T table), or the error.
func result(data []byte) string {
	pages, err := Read(data)
	if err != nil {
		return "read error: " + err.Error() + "\n"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "pages: %d\n", len(pages))
	for i, p := range pages {
		fmt.Fprintf(&b, "page %d: %.1f × %.1f mm, %d runs, %d images\n", i+1, p.W, p.H, len(p.Runs), p.Images)
	}
	res, err := layout.Lay(pages)
	if err != nil {
		return b.String() + "layout error: " + err.Error() + "\n"
	}
	for _, p := range res.Paragraphs {
		kind := map[layout.Kind]string{layout.Body: "B", layout.Line: "L", layout.Table: "T"}[p.Kind]
		if p.Red {
			kind += " red"
		}
		fmt.Fprintf(&b, "%d %s: %s\n", p.Page, kind, strings.ReplaceAll(p.Text, "\n", " / "))
	}
	return b.String()
}

// TestSamples compares what each sample gives with its golden file: the
// official document n.ofd, the 11 pages of doc1File.ofd, the sealed
// SESV4SignDoc.ofd, the forms keyword.ofd and 999.ofd (page templates),
// and ano.ofd, whose second page's text is private-use code points.
func TestSamples(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(samples, "*.ofd"))
	if len(files) != 6 {
		t.Fatalf("found %d samples, want 6", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := result(data)
			golden := strings.TrimSuffix(f, ".ofd") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs (run go test -update and read the diff):\ngot:\n%s", golden, got)
			}
		})
	}
}

// TestSampleFacts checks what the golden files must show: the 文号 of
// n.ofd in a line of its own, its red 版头, the pages of doc1File.ofd
// and the seal of SESV4SignDoc.ofd ignored around its text.
func TestSampleFacts(t *testing.T) {
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(samples, name))
		if err != nil {
			t.Fatal(err)
		}
		return result(data)
	}
	for name, want := range map[string][]string{
		"n.ofd":            {"pages: 2\n", "1 L red: 测试符路桥区卫生局文件\n", "1 L: 路卫发〔2011〕76号\n", "2 L: 2011年3月10日\n"},
		"doc1File.ofd":     {"pages: 11\n", "1、一日不见兮，思之如狂。", "11 B: "},
		"SESV4SignDoc.ofd": {"1 B: 你好呀，OFD Reader&Writer！\n"},
		"ano.ofd":          {"layout error: " + layout.ErrGarbled.Error()},
	} {
		got := read(name)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q is missing from:\n%s", name, w, got)
			}
		}
	}
}

// part is one file of an OFD being written.
type part struct {
	name string
	body string
	// stored writes it uncompressed; flags are the zip entry's flags.
	stored bool
	flags  uint16
}

// zipOf writes parts into a zip.
func zipOf(parts ...part) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, p := range parts {
		method := zip.Deflate
		if p.stored {
			method = zip.Store
		}
		f, err := w.CreateHeader(&zip.FileHeader{Name: p.name, Method: method, Flags: p.flags})
		if err != nil {
			panic(err)
		}
		f.Write([]byte(p.body))
	}
	w.Close()
	return b.Bytes()
}

const ns = `xmlns:ofd="http://www.ofdspec.org/2016"`

// ofdParts returns the parts of an OFD of pages, each the XML inside a
// page's Layer; template, if not "", is the layer of a template every
// page draws.
func ofdParts(template string, pages ...string) []part {
	var list, tpl strings.Builder
	parts := []part{{name: "OFD.xml", body: `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD ` + ns + ` DocType="OFD" Version="1.0"><ofd:DocBody><ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`}}
	use := ""
	if template != "" {
		tpl.WriteString(`<ofd:TemplatePage ID="90" BaseLoc="Tpls/Tpl_0/Content.xml"/>`)
		use = `<ofd:Template TemplateID="90" ZOrder="Background"/>`
		parts = append(parts, part{name: "Doc_0/Tpls/Tpl_0/Content.xml", body: `<ofd:Page ` + ns + `><ofd:Content><ofd:Layer ID="91">` + template + `</ofd:Layer></ofd:Content></ofd:Page>`})
	}
	for i, p := range pages {
		fmt.Fprintf(&list, `<ofd:Page ID="%d" BaseLoc="Pages/Page_%d/Content.xml"/>`, 100+i, i)
		parts = append(parts, part{name: fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", i), body: `<?xml version="1.0" encoding="UTF-8"?><ofd:Page ` + ns + `>` + use + `<ofd:Content><ofd:Layer ID="2">` + p + `</ofd:Layer></ofd:Content></ofd:Page>`})
	}
	parts = append(parts, part{name: "Doc_0/Document.xml", body: `<ofd:Document ` + ns + `><ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>` + tpl.String() + `</ofd:CommonData><ofd:Pages>` + list.String() + `</ofd:Pages></ofd:Document>`})
	return parts
}

// ofdFile writes an OFD of pages; see ofdParts.
func ofdFile(template string, pages ...string) []byte {
	return zipOf(ofdParts(template, pages...)...)
}

// The text column of the test documents, in millimetres: 28 characters
// of 16 pt (5.6 mm) from x=28, a line every 10 mm.
const (
	left  = 28.0
	em    = 5.6
	pitch = 10.0
)

// text is a TextObject setting s from x on baseline y in size, its
// glyphs a full em apart ("g" DeltaX) for full-width ones, half of one
// for others; color as OFD writes it, "" for black.
func text(x, y, size float64, s, color string) string {
	var dx []string
	for _, c := range s {
		w := size / 2
		if c > 0x2E80 {
			w = size
		}
		dx = append(dx, fmt.Sprintf("%g", w))
	}
	fill := ""
	if color != "" {
		fill = `<ofd:FillColor Value="` + color + `"/>`
	}
	return fmt.Sprintf(`<ofd:TextObject ID="1" Font="3" Size="%g" Boundary="%g %g 200 %g">%s<ofd:TextCode X="0" Y="%g" DeltaX="%s">%s</ofd:TextCode></ofd:TextObject>`,
		size, x, y-size, size*1.2, fill, size, strings.Join(dx[:len(dx)-1], " "), s)
}

// para sets a paragraph from line y: first line indented two ems, 28 ems
// a line; it returns the set text and the next line.
func para(s string, y float64) (string, float64) {
	var b strings.Builder
	r := []rune(s)
	n, x := 26, left+2*em
	for len(r) > 0 {
		n = min(n, len(r))
		b.WriteString(text(x, y, em, string(r[:n]), ""))
		r = r[n:]
		n, x, y = 28, left, y+pitch
	}
	return b.String(), y
}

const body = "一是加强组织领导，成立法治建设领导小组，明确目标，压实责任。二是结合信访工作实际，制定工作目标和年度工作计划，确定年度法治建设工作重点。"

// TestLayoutRules reads an official document written as an OFD and checks
// its paragraphs: the red 版头 and the 文号 (hexadecimal colours, "g"
// DeltaX), a running header from a page template, page numbers, a
// paragraph cut by the page break, a table, a seal image over the
// signature, a CTM that scales a line, several TextCode in one object.
func TestLayoutRules(t *testing.T) {
	var p1 strings.Builder
	p1.WriteString(text(53, 50, 14, "阳城县信访局文件", "#e6 #0 #0"))
	p1.WriteString(text(80, 70, em, "阳信发〔2024〕1号", ""))
	p1.WriteString(`<ofd:PathObject ID="5" Boundary="28 75 156 1"><ofd:AbbreviatedData>M 0 0 L 156 0</ofd:AbbreviatedData></ofd:PathObject>`)
	p1.WriteString(text(64, 90, 7.7, "2023年工作情况报告", ""))
	y := 110.0
	for range 4 {
		s, next := para(body, y)
		p1.WriteString(s)
		y = next
	}
	cut := []rune(body)
	p1.WriteString(text(left+2*em, y, em, string(cut[:26]), ""))
	p1.WriteString(text(95, 280, 4.9, "— 1 —", ""))
	var p2 strings.Builder
	p2.WriteString(text(left, 40, em, string(cut[26:54]), ""))
	p2.WriteString(text(left, 50, em, string(cut[54:]), ""))
	for i, row := range [][]string{{"项目", "2023年", "2024年"}, {"信访总量", "1927件", "1500件"}} {
		for k, c := range row {
			p2.WriteString(text(left+2+float64(k)*50, 70+float64(i)*pitch, 4.9, c, ""))
		}
	}
	// A line set at half size and scaled twice by its CTM, its two
	// halves in two TextCode.
	p2.WriteString(`<ofd:TextObject ID="7" Font="3" Size="2.8" CTM="2 0 0 2 0 0" Boundary="39.2 90 150 8"><ofd:TextCode X="0" Y="2.8" DeltaX="g 4 2.8">二、存在问题</ofd:TextCode><ofd:TextCode X="16.8" Y="2.8" DeltaX="2.8 2.8">和不足</ofd:TextCode></ofd:TextObject>`)
	p2.WriteString(text(120, 120, em, "阳城县信访局", ""))
	p2.WriteString(text(117, 130, em, "2024年1月5日", ""))
	p2.WriteString(`<ofd:ImageObject ID="8" ResourceID="9" Boundary="110 100 40 40" CTM="40 0 0 40 0 0"/>`)
	p2.WriteString(text(95, 280, 4.9, "— 2 —", ""))
	header := text(70, 20, 3.7, "阳城县信访局2023年法治政府建设工作情况报告", "")
	got := result(ofdFile(header, p1.String(), p2.String()))
	var paras []string
	for _, l := range strings.Split(got, "\n") {
		if strings.HasPrefix(l, "1 ") || strings.HasPrefix(l, "2 ") {
			paras = append(paras, l)
		}
	}
	wantParas := []string{
		"1 L red: 阳城县信访局文件",
		"1 L: 阳信发〔2024〕1号",
		"1 L: 2023年工作情况报告",
		"1 B: " + body,
		"1 B: " + body,
		"1 B: " + body,
		"1 B: " + body,
		"1 B: " + body,
		"2 T: 项目 2023年 2024年 / 信访总量 1927件 1500件",
		"2 B: 二、存在问题和不足",
		"2 L: 阳城县信访局",
		"2 L: 2024年1月5日",
	}
	if strings.Join(paras, "\n") != strings.Join(wantParas, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", got, strings.Join(wantParas, "\n"))
	}
}

// TestCTM checks that a text object's CTM places, sizes and spaces its
// glyphs, and its Boundary moves them.
func TestCTM(t *testing.T) {
	page := `<ofd:TextObject ID="7" Font="3" Size="2" CTM="2 0 0 2 5 1" Boundary="30 40 50 8"><ofd:TextCode X="1" Y="2" DeltaX="2">和A</ofd:TextCode></ofd:TextObject>`
	pages, err := Read(ofdFile("", page))
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintf("%+v", pages[0].Runs)
	want := "[{X:37 Y:45 W:4 Size:4 Text:和 Color:0 Hidden:false} {X:41 Y:45 W:2 Size:4 Text:A Color:0 Hidden:false}]"
	if got != want {
		t.Errorf("runs\n%s\nwant\n%s", got, want)
	}
}

// TestScanned checks that an OFD of images only is a scan.
func TestScanned(t *testing.T) {
	img := `<ofd:ImageObject ID="8" ResourceID="9" Boundary="0 0 210 297" CTM="210 0 0 297 0 0"/>`
	pages, err := Read(ofdFile("", img, img))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := layout.Lay(pages); !errors.Is(err, layout.ErrScanned) {
		t.Errorf("Lay: %v, want ErrScanned", err)
	}
	// An OCR layer: text neither filled nor stroked, over the image.
	hidden := img + `<ofd:TextObject ID="1" Font="3" Size="5" Fill="false" Boundary="28 30 100 6"><ofd:TextCode X="0" Y="5">识别出的文字</ofd:TextCode></ofd:TextObject>`
	pages, err = Read(ofdFile("", hidden))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := layout.Lay(pages); !errors.Is(err, layout.ErrScanned) {
		t.Errorf("Lay with a hidden OCR layer: %v, want ErrScanned", err)
	}
}

// TestReadErrors checks that every kind of bad file gives its error.
func TestReadErrors(t *testing.T) {
	good := ofdFile("", text(28, 40, 5.6, "正文。", ""))
	withPart := func(name, body string) []byte {
		parts := ofdParts("", text(28, 40, 5.6, "正文。", ""))
		for i := range parts {
			if parts[i].name == name {
				parts[i].body = body
			}
		}
		return zipOf(parts...)
	}
	without := func(name string) []byte {
		var parts []part
		for _, p := range ofdParts("", text(28, 40, 5.6, "正文。", "")) {
			if p.name != name {
				parts = append(parts, p)
			}
		}
		return zipOf(parts...)
	}
	encrypted := ofdParts("", "")
	encrypted[1].flags = 1
	manyPages := make([]string, MaxPages+1)
	bomb := ofdParts("", "")
	bomb[1].body = `<ofd:Page ` + ns + `><ofd:Content><ofd:Layer ID="2">` + strings.Repeat(" ", 15<<20) + `</ofd:Layer></ofd:Content></ofd:Page>`
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrNotOFD},
		{"text", []byte("2024年度法治政府建设情况报告"), ErrNotOFD},
		{"a PDF renamed", []byte("%PDF-1.7\n%%EOF\n"), ErrNotOFD},
		{"a zip without OFD.xml (a .docx renamed)", zipOf(part{name: "word/document.xml", body: "<w:document/>"}), ErrNotOFD},
		{"truncated", good[:len(good)/2], ErrCorrupt},
		{"no document named", withPart("OFD.xml", `<ofd:OFD `+ns+`><ofd:DocBody/></ofd:OFD>`), ErrCorrupt},
		{"no Document.xml", without("Doc_0/Document.xml"), ErrCorrupt},
		{"no page content", without("Doc_0/Pages/Page_0/Content.xml"), ErrCorrupt},
		{"no pages", withPart("Doc_0/Document.xml", `<ofd:Document `+ns+`><ofd:Pages/></ofd:Document>`), ErrCorrupt},
		{"malformed XML", withPart("Doc_0/Pages/Page_0/Content.xml", `<ofd:Page `+ns+`><ofd:Content>`), ErrCorrupt},
		{"mismatched tags", withPart("Doc_0/Pages/Page_0/Content.xml", `<ofd:Page `+ns+`></ofd:Content>`), ErrCorrupt},
		{"encrypted entries", zipOf(encrypted...), ErrEncrypted},
		{"larger than MaxSize", append([]byte("PK\x03\x04"), make([]byte, MaxSize)...), ErrLimit},
		{"more than MaxPages", ofdFile("", manyPages...), ErrLimit},
		{"more than MaxEntries", zipOf(append(ofdParts("", ""), func() []part {
			var ps []part
			for i := range MaxEntries {
				ps = append(ps, part{name: fmt.Sprintf("Res/%d", i), stored: true})
			}
			return ps
		}()...)...), ErrLimit},
		{"a zip bomb: a part 15 MB of spaces", zipOf(bomb...), ErrLimit},
		{"page blocks nested 1,000 deep", withPart("Doc_0/Pages/Page_0/Content.xml", `<ofd:Page `+ns+`><ofd:Content><ofd:Layer ID="2">`+strings.Repeat(`<ofd:PageBlock ID="3">`, 1000)+strings.Repeat(`</ofd:PageBlock>`, 1000)+`</ofd:Layer></ofd:Content></ofd:Page>`), ErrLimit},
		{"more than MaxGlyphs", withPart("Doc_0/Pages/Page_0/Content.xml", `<ofd:Page `+ns+`><ofd:Content><ofd:Layer ID="2">`+strings.Repeat(`<ofd:TextObject ID="1" Size="5" Boundary="0 0 1 1"><ofd:TextCode X="0" Y="5">`+strings.Repeat("字", 100_000)+`</ofd:TextCode></ofd:TextObject>`, MaxGlyphs/100_000+1)+`</ofd:Layer></ofd:Content></ofd:Page>`), ErrLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(tt.data)
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

// TestLyingSizes checks that a part whose zip header claims 100 bytes and
// holds 16 MB is stopped as it is decompressed, as a corrupt file:
// archive/zip reads no more than the size declared (and partReader no
// more than MaxPartSize).
func TestLyingSizes(t *testing.T) {
	parts := ofdParts("", text(28, 40, 5.6, "正文。", ""))
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, p := range parts {
		if !strings.HasSuffix(p.name, "Page_0/Content.xml") {
			f, _ := w.Create(p.name)
			f.Write([]byte(p.body))
			continue
		}
		body := strings.Replace(p.body, "<ofd:Content>", "<ofd:Content>"+strings.Repeat("<!-- -->", MaxPartSize/8+1), 1)
		var z bytes.Buffer
		fw, _ := flate.NewWriter(&z, flate.BestSpeed)
		fw.Write([]byte(body))
		fw.Close()
		f, err := w.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CompressedSize64: uint64(z.Len()), UncompressedSize64: 100})
		if err != nil {
			t.Fatal(err)
		}
		f.Write(z.Bytes())
	}
	w.Close()
	if _, err := Read(b.Bytes()); !errors.Is(err, ErrCorrupt) {
		t.Errorf("err = %v, want ErrCorrupt", err)
	}
}

func TestDeltas(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"1 2 3", 3, "[1 2 3]"},
		{"1 2 3", 2, "[1 2]"},
		{"g 3 2.5", 5, "[2.5 2.5 2.5]"},
		{"1 g 2 4 7", 9, "[1 4 4 7]"},
		{"g 1000000000 1", 4, "[1 1 1 1]"},
		{"g x 1 2", 3, "[]"},
		{"1 x 2", 3, "[1]"},
		{"", 3, "[]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(deltas(tt.s, tt.n)); got != tt.want {
			t.Errorf("deltas(%q, %d) = %s, want %s", tt.s, tt.n, got, tt.want)
		}
	}
}

func TestParseColor(t *testing.T) {
	tests := []struct {
		s    string
		want uint32
	}{
		{"#ee #20 #25", 0xEE2025},
		{"230 0 0", 0xE60000},
		{"128", 0x808080},
		{"0 0 0 255", 0},
		{"0 255 255 0", 0xFF0000},
		{"300 0 0", 0},
		{"#zz 0 0", 0},
		{"", 0},
	}
	for _, tt := range tests {
		if got := parseColor(tt.s); got != tt.want {
			t.Errorf("parseColor(%q) = %06x, want %06x", tt.s, got, tt.want)
		}
	}
}

func TestResolve(t *testing.T) {
	tests := []struct{ base, loc, want string }{
		{"OFD.xml", "/Doc_0/Document.xml", "Doc_0/Document.xml"},
		{"OFD.xml", "Doc_0/Document.xml", "Doc_0/Document.xml"},
		{"Doc_0/Document.xml", "Pages/Page_0/Content.xml", "Doc_0/Pages/Page_0/Content.xml"},
		{"Doc_0/Document.xml", "/Doc_0/Pages/Page_0/Content.xml", "Doc_0/Pages/Page_0/Content.xml"},
		{"Doc_0/Document.xml", `Pages\Page_0\Content.xml`, "Doc_0/Pages/Page_0/Content.xml"},
		{"Doc_0/Document.xml", "../../../etc/passwd", "etc/passwd"},
		{"OFD.xml", "/../Doc_0/./Document.xml", "Doc_0/Document.xml"},
	}
	for _, tt := range tests {
		if got := resolve(tt.base, tt.loc); got != tt.want {
			t.Errorf("resolve(%q, %q) = %q, want %q", tt.base, tt.loc, got, tt.want)
		}
	}
}
