package corpus

import (
	"bytes"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"portal/generator/internal/heaptest"
)

// FuzzGenerate: any seed, size and format gives a corpus with unique
// paths, every placeholder filled, metadata that decodes, and the same
// bytes twice.
func FuzzGenerate(f *testing.F) {
	f.Add(int64(1), uint8(5), uint8(0), 0.5)
	f.Add(int64(-9), uint8(1), uint8(1), 1.0)
	f.Add(int64(1<<62), uint8(33), uint8(2), 0.0)
	f.Fuzz(func(t *testing.T, seed int64, n, format uint8, share float64) {
		opt := Options{Reports: int(n%40) + 1, Seed: seed, Format: []Format{Plain, Markdown, Hugo}[format%3], MetricsShare: share}
		if !(share >= 0 && share <= 1) {
			if _, err := Generate(opt, func(string, []byte) error { return nil }); err == nil {
				t.Fatalf("share %v accepted", share)
			}
			return
		}
		files, order, st := generate(t, opt)
		again, order2, _ := generate(t, opt)
		if digest(files, order) != digest(again, order2) {
			t.Fatal("two runs differ")
		}
		if st.Reports != opt.Reports {
			t.Fatalf("%d reports, want %d", st.Reports, opt.Reports)
		}
		for p, b := range files {
			if bytes.ContainsAny(b, "{}") {
				t.Fatalf("%s: a placeholder is left", p)
			}
			var m map[string]any
			var err error
			switch {
			case strings.HasSuffix(p, ".toml"):
				_, err = toml.Decode(string(b), &m)
			case strings.HasSuffix(p, ".md"):
				front, _, _ := strings.Cut(strings.TrimPrefix(string(b), "+++\n"), "+++\n")
				_, err = toml.Decode(front, &m)
			}
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
		}
	})
}

// BenchmarkGenerate makes a 200-report corpus in memory per iteration.
func BenchmarkGenerate(b *testing.B) {
	var bytes int64
	peak := heaptest.PeakHeap(func() {
		for b.Loop() {
			st, err := Generate(Options{Reports: 200, Seed: 1, MetricsShare: DefaultMetricsShare}, func(string, []byte) error { return nil })
			if err != nil {
				b.Fatal(err)
			}
			bytes = st.Bytes
		}
	})
	b.SetBytes(bytes)
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(b.N*200)/b.Elapsed().Seconds(), "reports/s")
}
