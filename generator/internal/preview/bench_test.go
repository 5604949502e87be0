package preview

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"testing"
)

// discard is a ResponseWriter that keeps nothing and records the largest
// heap seen while a response is written.
type discard struct {
	header http.Header
	sample []metrics.Sample
	peak   uint64
}

func (d *discard) Header() http.Header { return d.header }
func (d *discard) WriteHeader(int)     {}
func (d *discard) Write(p []byte) (int, error) {
	metrics.Read(d.sample)
	d.peak = max(d.peak, d.sample[0].Value.Uint64())
	return len(p), nil
}

// benchServe serves url, from a site holding the file path of size
// bytes, through serve's handler, and reports the largest heap seen
// while writing the response above the heap before the loop (garbage not
// yet collected included).
func benchServe(b *testing.B, path, url string, size int) {
	dir := b.TempDir()
	name := filepath.Join(dir, filepath.FromSlash(path))
	os.MkdirAll(filepath.Dir(name), 0o755)
	page := append(bytes.Repeat([]byte("<p>报告正文。</p>\n"), size/24), "</body></html>"...)
	if err := os.WriteFile(name, page, 0o644); err != nil {
		b.Fatal(err)
	}
	h := NewServer(dir, NewHub(), nil).Handler
	w := &discard{header: http.Header{}, sample: []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}}
	runtime.GC()
	metrics.Read(w.sample)
	base := w.sample[0].Value.Uint64()
	b.ReportAllocs()
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		req := httptest.NewRequest("GET", url, nil)
		req.Host = "localhost:1313"
		clear(w.header)
		h.ServeHTTP(w, req)
	}
	b.ReportMetric(float64(w.peak-min(base, w.peak))/(1<<20), "peak-heap-MiB")
}

// BenchmarkServeDownload serves an 8 MiB report download: streamed, not
// kept in memory.
func BenchmarkServeDownload(b *testing.B) {
	benchServe(b, "downloads/r.txt", "/downloads/r.txt", 8<<20)
}

// BenchmarkServePage serves a 1 MiB page, kept whole to add the
// live-reload script.
func BenchmarkServePage(b *testing.B) { benchServe(b, "counties/1/index.html", "/counties/1/", 1<<20) }
