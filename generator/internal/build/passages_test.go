package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"portal/generator/internal/diag"
	"portal/generator/internal/document"
	"portal/generator/internal/format"
)

// countingPDF is the registry of the default formats whose PDF parser
// counts its calls.
func countingPDF(t *testing.T, calls *atomic.Int32) *format.Registry {
	t.Helper()
	pdf, ok := format.Default.Lookup(".pdf")
	if !ok {
		t.Fatal("no PDF format")
	}
	parse := pdf.Parse
	pdf.Parse = func(name string, src format.Source) (*document.Document, diag.List) {
		calls.Add(1)
		return parse(name, src)
	}
	return format.Default.With(pdf)
}

// TestPDFPassagesCached: adding a PDF to a year rebuilds the year's
// search shard, which takes the passages of the year's other PDFs from
// the cache instead of parsing them again; the shard is the one a build
// without a cache makes, byte for byte.
func TestPDFPassagesCached(t *testing.T) {
	o := testSite(t)
	os.RemoveAll(o.Content)
	pdfs := []string{"000_4d11b1ed24a01354", "001_19c73698d53efc11", "002_8f7a5bfe7e408863"}
	// in three counties: a county's report pages are rendered again when
	// one is added, and need their documents.
	places := []string{"鲁山县/信访局", "叶县/司法局", "郏县/公安局"}
	add := func(i int) {
		b, err := os.ReadFile(filepath.Join("../../testdata/pdf", pdfs[i]+".pdf"))
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(o.Content, "河南省", places[i]+"-2024.pdf")
		os.MkdirAll(filepath.Dir(name), 0o755)
		writeFile(t, name, string(b))
	}
	var calls atomic.Int32
	o.Formats = countingPDF(t, &calls)
	for i := range 2 {
		add(i)
	}
	if res, err := Run(context.Background(), o); err != nil || res.Problems.HasErrors() {
		t.Fatal(err, res.Problems.Err())
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("first build parsed %d PDFs, want 2", n)
	}
	if _, err := os.Stat(filepath.Join(o.CacheDir, passageFile("2024"))); err != nil {
		t.Fatalf("no passages cached: %v", err)
	}

	calls.Store(0)
	add(2)
	res, err := Run(context.Background(), o)
	if err != nil || res.Problems.HasErrors() {
		t.Fatal(err, res.Problems.Err())
	}
	if n := calls.Load(); n != 1 || len(res.Indexed) != 1 {
		t.Errorf("adding a PDF parsed %d PDFs and rebuilt shards %q; want 1 PDF, shard 2024", n, res.Indexed)
	}

	fresh := o
	fresh.Destination, fresh.CacheDir = filepath.Join(t.TempDir(), "public"), ""
	if res, err := Run(context.Background(), fresh); err != nil || res.Problems.HasErrors() {
		t.Fatal(err, res.Problems.Err())
	}
	want, got := os.DirFS(filepath.Join(fresh.Destination, "search/2024")), os.DirFS(filepath.Join(o.Destination, "search/2024"))
	files, _ := fs.Glob(want, "*")
	if len(files) == 0 {
		t.Fatal("the fresh build has no shard 2024")
	}
	for _, f := range files {
		a, _ := fs.ReadFile(want, f)
		b, err := fs.ReadFile(got, f)
		if err != nil || string(a) != string(b) {
			t.Errorf("search/2024/%s differs from a build without a cache (%v)", f, err)
		}
	}
}
