package pdf

import (
	"bytes"
	"cmp"
	"compress/zlib"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"portal/generator/internal/layout"
)

// testdata holds the PDFs LibreOffice made (see its README.md) and the
// seeds they were made of.
const (
	testdata = "../../testdata/pdf"
	seeds    = "../../testdata/seeds"
)

// readFile reads a file of testdata.
func readFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testdata, name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// hanOnly returns the Chinese characters of s, in order.
func hanOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Han, r) {
			return r
		}
		return -1
	}, s)
}

// pageText returns the text of a page's runs, top to bottom, left to
// right.
func pageText(p layout.Page) string {
	runs := slices.Clone(p.Runs)
	slices.SortStableFunc(runs, func(a, b layout.Run) int {
		if a.Y-b.Y > 2 || b.Y-a.Y > 2 {
			return cmp.Compare(a.Y, b.Y)
		}
		return cmp.Compare(a.X, b.X)
	})
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

// TestReadSeeds checks that the runs of each seed's PDF hold the seed's
// Chinese characters, in order, page by page: every one, and no other
// but those of the running header and the footer.
func TestReadSeeds(t *testing.T) {
	furniture := map[string][2]string{ // the Han of the header and the footer
		"002_8f7a5bfe7e408863": {"丰都县信访办公室年法治政府建设情况报告", ""},
		"003_05bfabead10aa63f": {"嘉黎县信访局", "第页共页"},
	}
	files, _ := filepath.Glob(filepath.Join(seeds, "*.txt"))
	if len(files) != 5 {
		t.Fatalf("found %d seeds, want 5", len(files))
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			pages, err := Read(readFile(t, name+".pdf"))
			if err != nil {
				t.Fatal(err)
			}
			var got strings.Builder
			for i, p := range pages {
				if p.W < 590 || p.W > 600 || p.H < 835 || p.H > 845 {
					t.Errorf("page %d is %.1f × %.1f pt, want A4", i+1, p.W, p.H)
				}
				h := hanOnly(pageText(p))
				head, foot := furniture[name][0], furniture[name][1]
				if !strings.HasPrefix(h, head) || !strings.HasSuffix(h, foot) {
					t.Errorf("page %d does not start with %q and end with %q: %q", i+1, head, foot, h)
				}
				got.WriteString(strings.TrimSuffix(strings.TrimPrefix(h, head), foot))
			}
			if want := hanOnly(string(src)); got.String() != want {
				t.Errorf("the Chinese characters differ:\ngot  %s\nwant %s", got.String(), want)
			}
		})
	}
}

// TestReadOfficial checks the positions, sizes and colours the layout
// stage needs on official.pdf: the red 版头 in 36 pt, the body in 16 pt,
// the table in 14 pt, its lines on one baseline, and the seal, an image,
// not read as text.
func TestReadOfficial(t *testing.T) {
	pages, err := Read(readFile(t, "official.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 4 {
		t.Fatalf("%d pages, want 4", len(pages))
	}
	find := func(p layout.Page, s string) []layout.Run {
		text := pageText(p)
		i := strings.Index(text, s)
		if i < 0 {
			t.Fatalf("%q is not on the page: %q", s, text)
		}
		runs := slices.Clone(p.Runs)
		slices.SortStableFunc(runs, func(a, b layout.Run) int {
			if a.Y-b.Y > 2 || b.Y-a.Y > 2 {
				return cmp.Compare(a.Y, b.Y)
			}
			return cmp.Compare(a.X, b.X)
		})
		k := 0
		for n := 0; n < i; k++ {
			n += len(runs[k].Text)
		}
		return runs[k : k+len([]rune(s))]
	}
	banner := find(pages[0], "阳城县信访局文件")
	for _, r := range banner {
		if r.Color != 0xE60000 || r.Size < 35.5 || r.Size > 36.5 || r.Y != banner[0].Y {
			t.Errorf("版头 glyph %+v: want red, 36 pt, on one baseline", r)
		}
	}
	for i := 1; i < len(banner); i++ {
		if gap := banner[i].X - (banner[i-1].X + banner[i-1].W); gap < -1 || gap > 1 {
			t.Errorf("版头 glyphs %d and %d are %.1f pt apart, want side by side", i-1, i, gap)
		}
	}
	for _, r := range find(pages[0], "县委依法治县办") {
		if r.Color != 0 || r.Size != 16 {
			t.Errorf("body glyph %+v: want black, 16 pt", r)
		}
	}
	row := find(pages[2], "信访总量")
	if row[0].Size != 14 {
		t.Errorf("table glyph %+v: want 14 pt", row[0])
	}
	if pages[3].Images != 0 {
		t.Errorf("the page with the seal counts %d images; images are counted only on pages without text", pages[3].Images)
	}
}

func TestReadScanned(t *testing.T) {
	pages, err := Read(readFile(t, "scanned.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 || len(pages[0].Runs) != 0 || pages[0].Images != 1 {
		t.Fatalf("got %d pages, want 1 of no text and 1 image: %+v", len(pages), pages)
	}
	if _, err := layout.Lay(pages); !errors.Is(err, layout.ErrScanned) {
		t.Errorf("Lay: %v, want ErrScanned", err)
	}
}

// TestReadOCRLayer checks that the invisible text an OCR program lays
// over a scan is read as hidden, and the page as a scan.
func TestReadOCRLayer(t *testing.T) {
	data := pdfFile(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /Im 5 0 R >> >> /Contents 6 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		strings.Replace(stream([]byte("\x80\x80\x80\x80"), false), "<< ", "<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 ", 1),
		stream([]byte("q 595 0 0 842 0 0 cm /Im Do Q BT 3 Tr /F1 12 Tf 72 720 Td (Scanned text) Tj ET"), false),
	)
	pages, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 || len(pages[0].Runs) == 0 || pages[0].Images != 1 {
		t.Fatalf("got %+v, want a page of hidden runs and 1 image", pages)
	}
	for _, r := range pages[0].Runs {
		if !r.Hidden {
			t.Errorf("run %+v is not hidden", r)
		}
	}
	if _, err := layout.Lay(pages); !errors.Is(err, layout.ErrScanned) {
		t.Errorf("Lay: %v, want ErrScanned", err)
	}
}

func TestReadGarbled(t *testing.T) {
	pages, err := Read(readFile(t, "garbled.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := layout.Lay(pages); !errors.Is(err, layout.ErrGarbled) {
		t.Errorf("Lay: %v, want ErrGarbled", err)
	}
}

// TestReadConcurrently reads the seeds from several goroutines at once,
// as a build does, and checks each gives what it gives alone.
func TestReadConcurrently(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testdata, "00*.pdf"))
	want := map[string]string{}
	for _, f := range files {
		pages, err := Read(readFile(t, filepath.Base(f)))
		if err != nil {
			t.Fatal(err)
		}
		want[f] = summary(pages)
	}
	var wg sync.WaitGroup
	for range 3 {
		for _, f := range files {
			wg.Go(func() {
				pages, err := Read(readFile(t, filepath.Base(f)))
				if err != nil {
					t.Error(err)
					return
				}
				if got := summary(pages); got != want[f] {
					t.Errorf("%s read concurrently differs from alone", f)
				}
			})
		}
	}
	wg.Wait()
}

// summary writes every run of pages.
func summary(pages []layout.Page) string {
	var b strings.Builder
	for _, p := range pages {
		for _, r := range p.Runs {
			fmt.Fprintf(&b, "%+v\n", r)
		}
	}
	return b.String()
}

// pdfFile writes a PDF of objects, numbered from 1, object 1 the catalog.
func pdfFile(objects ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// stream writes a stream object of data, compressed when flate is set.
func stream(data []byte, flate bool) string {
	if !flate {
		return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(data), data)
	}
	return zeros(data, 1)
}

// zeros writes a compressed stream object of data repeated n times.
func zeros(data []byte, n int) string {
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	for range n {
		w.Write(data)
	}
	w.Close()
	return fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.Bytes())
}

// helloPDF is a PDF of pages pages, each drawing "Hello" with Helvetica;
// extra is added to the page's dictionary.
func helloPDF(pages int, extra string) []byte {
	kids := make([]string, pages)
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", stream([]byte("BT /F1 12 Tf 72 720 Td (Hello) Tj ET"), false)}
	for i := range kids {
		kids[i] = fmt.Sprintf("%d 0 R", len(objs)+1)
		objs = append(objs, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R "+extra+">>")
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), pages)
	return pdfFile(objs...)
}

func TestHelloPDF(t *testing.T) {
	pages, err := Read(helloPDF(2, ""))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || pageText(pages[0]) != "Hello" {
		t.Fatalf("got %d pages, first %q; want 2, Hello", len(pages), pageText(pages[0]))
	}
	if r := pages[0].Runs[0]; r.X != 72 || r.Y != 842-720 || r.Size != 12 {
		t.Errorf("H at %+v, want x 72, y %d, 12 pt", r, 842-720)
	}
}

// TestReadErrors checks that every kind of bad file gives its error, in
// bounded time.
func TestReadErrors(t *testing.T) {
	seed := readFile(t, "001_19c73698d53efc11.pdf")
	formLoop := pdfFile(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X 4 0 R >> >> /Contents 5 0 R >>",
		strings.TrimSuffix(stream([]byte("/X Do"), false), ">>\nstream\n/X Do\nendstream")+"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X 4 0 R >> >> >>\nstream\n/X Do\nendstream",
		stream([]byte("/X Do"), false),
	)
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrNotPDF},
		{"text", []byte("2024年度法治政府建设情况报告\n"), ErrNotPDF},
		{"a zip (a .docx renamed)", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00%%EOF"), ErrNotPDF},
		{"truncated", seed[:len(seed)/2], ErrCorrupt},
		{"cut before its end", seed[:len(seed)-1100], ErrCorrupt},
		{"cut before its trailer", func() []byte { h := helloPDF(2, ""); return h[:bytes.Index(h, []byte("trailer"))] }(), ErrCorrupt},
		{"without %%EOF at its end (which PDFium would read)", bytes.TrimSuffix(helloPDF(2, ""), []byte("%%EOF\n")), ErrCorrupt},
		{"garbage between header and end", []byte("%PDF-1.7\n" + strings.Repeat("garbage ", 1000) + "\n%%EOF\n"), ErrCorrupt},
		{"no pages", pdfFile("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"), ErrCorrupt},
		{"password", readFile(t, "encrypted.pdf"), ErrEncrypted},
		{"larger than MaxSize", append([]byte("%PDF-1.7\n"), make([]byte, MaxSize)...), ErrLimit},
		{"more than MaxPages", helloPDF(MaxPages+1, ""), ErrLimit},
		{"more than MaxObjects on a page", pdfFile(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
			stream(bytes.Repeat([]byte("0 0 1 1 re f\n"), MaxObjects+1), true),
		), ErrLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := Read(tt.data)
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
			if d := time.Since(start); d > MaxTime {
				t.Errorf("took %v, more than MaxTime", d)
			}
		})
	}
	// Hostile files PDFium reads in its own bounds: they give no text,
	// or an error, and never end the process.
	hostile := []struct {
		name string
		data []byte
	}{
		{"arrays nested 100,000 deep", helloPDF(1, "/Deep "+strings.Repeat("[", 100_000)+strings.Repeat("]", 100_000)+" ")},
		{"a form that draws itself", formLoop},
		{"a stream of 1 GB zeros", pdfFile(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
			zeros(make([]byte, 1<<20), 1<<10),
		)},
	}
	for _, h := range hostile {
		t.Run(h.name, func(t *testing.T) {
			pages, err := Read(h.data)
			if err != nil && !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrLimit) {
				t.Errorf("err = %v, want none, ErrCorrupt or ErrLimit", err)
			}
			for _, p := range pages {
				if len(p.Runs) > 5 {
					t.Errorf("%d runs: %q", len(p.Runs), pageText(p))
				}
			}
		})
	}
}

// TestReadTimeLimit checks that a document over its time is stopped with
// ErrLimit, and that the engine serves the next one.
func TestReadTimeLimit(t *testing.T) {
	data := readFile(t, "004_2e6b60b5e4cec0dd.pdf")
	if _, err := Read(data); err != nil { // the engine started
		t.Fatal(err)
	}
	timeLimit = time.Millisecond
	_, err := Read(data)
	timeLimit = MaxTime
	if !errors.Is(err, ErrLimit) {
		t.Errorf("err = %v, want ErrLimit", err)
	}
	if _, err := Read(data); err != nil {
		t.Errorf("the next document: %v", err)
	}
}

// TestSetCacheDir checks that the engine keeps its compiled code in the
// directory it is given, and starts from it.
func TestSetCacheDir(t *testing.T) {
	dir := t.TempDir()
	SetCacheDir(dir)
	defer SetCacheDir("")
	for range 2 {
		pool, err := newEngine()
		if err != nil {
			t.Fatal(err)
		}
		pool.Close()
	}
	var files int
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files++
		}
		return nil
	})
	if files == 0 {
		t.Errorf("nothing cached in %s", dir)
	}
}
