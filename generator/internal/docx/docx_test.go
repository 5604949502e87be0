package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/docx")

// testdata is where the test documents are, one directory each.
const testdata = "../../testdata/docx"

// zipParts makes a .docx of parts, named by their path in the zip.
func zipParts(t testing.TB, parts map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range sortedKeys(parts) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(parts[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sortedKeys(m map[string][]byte) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			if keys[j] < keys[i] {
				keys[i], keys[j] = keys[j], keys[i]
			}
		}
	}
	return keys
}

// zipDir makes a .docx of the XML files of a testdata directory.
func zipDir(t testing.TB, dir string) []byte {
	t.Helper()
	parts := map[string][]byte{
		"[Content_Types].xml": []byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`),
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		parts["word/"+filepath.Base(f)] = b
	}
	return zipParts(t, parts)
}

// dump prints a document for a golden file.
func dump(d *Document) string {
	var b strings.Builder
	for _, x := range d.Blocks {
		switch {
		case x.Para != nil:
			p := x.Para
			fmt.Fprintf(&b, "P level=%d number=%q bold=%q style=%q%s\n  %q\n", p.Level, p.Number, p.Bold, p.Style, boxMark(x), p.Text)
		case x.Table != nil:
			fmt.Fprintf(&b, "TABLE head=%d\n", x.Table.HeaderRows)
			for i, r := range x.Table.Rows {
				fmt.Fprintf(&b, "  row %d:", i)
				for _, c := range r {
					fmt.Fprintf(&b, " [col %d span %dx%d %q]", c.Col, c.ColSpan, c.RowSpan, c.Text)
				}
				b.WriteString("\n")
			}
		}
		for _, n := range x.Notes {
			fmt.Fprintf(&b, "  NOTE %q endnote=%v %q\n", n.Mark, n.Endnote, n.Text)
		}
	}
	return b.String()
}

// boxMark marks the blocks of a text box in a dump.
func boxMark(x Block) string {
	if x.TextBox {
		return " textbox"
	}
	return ""
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (run go test -update and read the diff):\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}

// TestGolden reads each test document: headings by style and by numbering,
// a table with merged cells, tracked changes, bookmarks, fields, breaks.
func TestGolden(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join(testdata, "*"))
	n := 0
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		n++
		t.Run(filepath.Base(dir), func(t *testing.T) {
			d, err := Read(zipDir(t, dir))
			if err != nil {
				t.Fatal(err)
			}
			got := dumpWithTables(d)
			checkGolden(t, filepath.Join(dir, "docx.golden"), got)
		})
	}
	if n < 4 {
		t.Fatalf("found %d test documents in %s", n, testdata)
	}
}

// oleFile makes the start of an OLE compound file holding the named
// streams (the directory names are UTF-16LE).
func oleFile(streams ...string) []byte {
	b := append([]byte{}, oleSignature...)
	b = append(b, make([]byte, 504)...)
	for _, s := range streams {
		b = append(b, utf16le(s)...)
		b = append(b, make([]byte, 64)...)
	}
	return b
}

// bomb makes a .docx whose document.xml is n bytes uncompressed.
func bomb(t testing.TB, n int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="w"><w:body>`))
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for written := 0; written < n; written += len(chunk) {
		w.Write(chunk)
	}
	zw.Close()
	return buf.Bytes()
}

// TestBadInput checks the errors for files that are not a readable .docx.
func TestBadInput(t *testing.T) {
	many := map[string][]byte{"word/document.xml": []byte(`<w:document xmlns:w="w"/>`)}
	for i := range MaxEntries + 1 {
		many[fmt.Sprintf("f%05d", i)] = nil
	}
	truncated := zipDir(t, filepath.Join(testdata, "styles"))
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"doc", oleFile("WordDocument", "1Table"), ErrOldDoc},
		{"encrypted", oleFile("EncryptionInfo", "EncryptedPackage"), ErrEncrypted},
		{"not-zip", []byte("2024年法治政府建设情况报告\n"), ErrNotZip},
		{"empty", nil, ErrNotZip},
		{"no-body", zipParts(t, map[string][]byte{"word/styles.xml": []byte("<styles/>")}), ErrNoBody},
		{"bomb", bomb(t, MaxDocumentSize+1<<20), ErrTooLarge},
		{"entries", zipParts(t, many), ErrTooLarge},
		{"truncated", truncated[:len(truncated)/2], nil},
		{"bad-xml", zipParts(t, map[string][]byte{"word/document.xml": []byte(`<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>未完`)}), nil},
		{"bad-styles", zipParts(t, map[string][]byte{"word/document.xml": []byte(`<w:document/>`), "word/styles.xml": []byte(`<w:styles><`)}), nil},
	}
	var golden strings.Builder
	for _, c := range cases {
		d, err := Read(c.data)
		if err == nil {
			t.Errorf("%s: no error; got %d blocks", c.name, len(d.Blocks))
			continue
		}
		if c.want != nil && !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
		}
		fmt.Fprintf(&golden, "%s: %v\n", c.name, err)
	}
	checkGolden(t, filepath.Join(testdata, "errors.golden"), golden.String())
}

// TestBombDoesNotLieAboutSize checks that a zip whose header understates the
// uncompressed size is still stopped at the limit.
func TestBombDoesNotLieAboutSize(t *testing.T) {
	data := bomb(t, MaxDocumentSize+1<<20)
	// Forge the sizes in the central directory and local header to 1 KB.
	forged := bytes.Clone(data)
	size := uint32(MaxDocumentSize + 1<<20)
	le := func(v uint32) []byte { return []byte{byte(v), byte(v >> 8), byte(v >> 16), byte(v >> 24)} }
	forged = bytes.ReplaceAll(forged, le(size+uint32(len(`<w:document xmlns:w="w"><w:body>`))), le(1024))
	if bytes.Equal(forged, data) {
		t.Fatal("the sizes were not forged")
	}
	if _, err := Read(forged); err == nil {
		t.Fatal("a zip bomb with forged sizes was read")
	}
}

// TestNumberFormats checks the rendering of Word's number formats.
func TestNumberFormats(t *testing.T) {
	cases := []struct {
		n      int
		format string
		want   string
	}{
		{1, "chineseCounting", "一"}, {10, "chineseCounting", "十"}, {11, "chineseCounting", "十一"},
		{20, "chineseCounting", "二十"}, {35, "chineseCountingThousand", "三十五"}, {105, "chineseCounting", "一百零五"},
		{110, "chineseCounting", "一百一十"}, {3, "chineseLegalSimplified", "叁"}, {2, "ideographTraditional", "乙"},
		{3, "decimalEnclosedCircle", "③"}, {12, "decimalFullWidth", "１２"}, {7, "decimalZero", "07"},
		{28, "lowerLetter", "bb"}, {4, "upperRoman", "IV"}, {9, "lowerRoman", "ix"}, {5, "decimal", "5"},
		{0, "chineseCounting", "〇"}, {-1, "lowerLetter", "-1"},
	}
	for _, c := range cases {
		if got := formatNumber(c.n, c.format); got != c.want {
			t.Errorf("formatNumber(%d, %s) = %q, want %q", c.n, c.format, got, c.want)
		}
	}
}

// FuzzRead checks that Read never panics, on corrupt zips and on any
// document.xml.
func FuzzRead(f *testing.F) {
	dirs, _ := filepath.Glob(filepath.Join(testdata, "*"))
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			f.Add(zipDir(f, dir), []byte(nil))
			b, _ := os.ReadFile(filepath.Join(dir, "document.xml"))
			f.Add([]byte(nil), b)
		}
	}
	f.Add(oleFile("EncryptedPackage"), []byte(nil))
	lo, _ := filepath.Glob(filepath.Join(loTestdata, "*.docx"))
	for _, file := range lo {
		b, _ := os.ReadFile(file)
		f.Add(b, []byte(nil))
	}
	f.Fuzz(func(t *testing.T, data, documentXML []byte) {
		if len(data) > 1<<20 || len(documentXML) > 1<<20 {
			return
		}
		Read(data)
		if documentXML != nil {
			Read(zipParts(t, map[string][]byte{
				"word/document.xml": documentXML, "word/numbering.xml": documentXML, "word/styles.xml": documentXML,
				"word/settings.xml": documentXML, "word/footnotes.xml": documentXML, "word/endnotes.xml": documentXML,
			}))
		}
	})
}

// TestNotesAndTextBoxes checks what becomes of notes and text boxes: each
// text box read once though Word writes it twice, and each note after the
// block that refers to it, with the mark the text has.
func TestNotesAndTextBoxes(t *testing.T) {
	d, err := Read(zipDir(t, filepath.Join(testdata, "notes")))
	if err != nil {
		t.Fatal(err)
	}
	all := dump(d)
	for _, box := range []string{"典型案例：某村信访积案化解。", "只有VML的文本框。", "单元格中的文本框。", "阳城县信访局文件"} {
		if n := strings.Count(all, box); n != 1 {
			t.Errorf("text box %q read %d times, want once", box, n)
		}
	}
	for _, b := range d.Blocks {
		text := ""
		if b.Para != nil {
			text = b.Para.Text
		}
		for _, n := range b.Notes {
			if b.Para != nil && !strings.Contains(text, n.Mark) {
				t.Errorf("note %q: its block %q lacks the mark", n.Mark, text)
			}
		}
		if strings.Contains(text, "\x01") {
			t.Errorf("a placeholder is left in %q", text)
		}
	}
}

// TestCheck checks that Check finds the errors of a file's signature and
// zip directory as Read does, and passes a file whose damage is inside a
// part, which only Read finds.
func TestCheck(t *testing.T) {
	good := zipDir(t, filepath.Join(testdata, "styles"))
	if err := Check(good); err != nil {
		t.Errorf("Check(good) = %v", err)
	}
	inside := zipParts(t, map[string][]byte{"word/document.xml": []byte(`<w:document xmlns:w="w"><w:body><w:p>`)})
	if err := Check(inside); err != nil {
		t.Errorf("Check(bad XML) = %v, want nil: only Read decompresses parts", err)
	}
	if _, err := Read(inside); err == nil {
		t.Error("Read(bad XML) = nil error")
	}
	for _, data := range [][]byte{oleFile("WordDocument"), oleFile("EncryptedPackage"), []byte("text"), zipParts(t, map[string][]byte{"a.xml": nil}), good[:len(good)/2]} {
		_, readErr := Read(data)
		if err := Check(data); err == nil || readErr == nil || err.Error() != readErr.Error() {
			t.Errorf("Check = %v, Read = %v: want the same error", err, readErr)
		}
	}
}

// FuzzNotes checks that Read never panics on any document.xml with any
// notes part: note references, sections, custom marks and text boxes
// against footnotes, endnotes and settings.
func FuzzNotes(f *testing.F) {
	for _, dir := range []string{"notes", "table", "restart"} {
		doc, _ := os.ReadFile(filepath.Join(testdata, dir, "document.xml"))
		notes, _ := os.ReadFile(filepath.Join(testdata, dir, "footnotes.xml"))
		f.Add(doc, notes)
	}
	f.Fuzz(func(t *testing.T, documentXML, notesXML []byte) {
		if len(documentXML) > 1<<20 || len(notesXML) > 1<<20 {
			return
		}
		endnotes := bytes.ReplaceAll(notesXML, []byte("footnote"), []byte("endnote"))
		d, err := Read(zipParts(t, map[string][]byte{
			"word/document.xml": documentXML, "word/footnotes.xml": notesXML,
			"word/endnotes.xml": endnotes, "word/settings.xml": notesXML,
		}))
		if err != nil {
			return
		}
		for _, b := range d.Blocks {
			if b.Para != nil && strings.Contains(b.Para.Text, "\x01") {
				t.Fatalf("a note placeholder is left in %q", b.Para.Text)
			}
		}
	})
}

// dumpWithTables is dump followed by the HTML of every table: what the
// golden files hold.
func dumpWithTables(d *Document) string {
	got := dump(d)
	for _, x := range d.Blocks {
		if x.Table != nil {
			got += x.Table.HTML()
		}
	}
	return got
}
