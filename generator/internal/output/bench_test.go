package output

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"portal/generator/internal/heaptest"
)

// BenchmarkRebuild publishes a site of 10,000 files again and again,
// each build changing a share of them from the one before, as
// incremental builds do: the spare tree is patched, and pruned at Commit
// of what the new site changed.
func BenchmarkRebuild(b *testing.B) {
	const files = 10000
	for _, changed := range []int{100, files} {
		b.Run(fmt.Sprintf("changed=%d", changed), func(b *testing.B) {
			dest := filepath.Join(b.TempDir(), "public")
			body := strings.Repeat("法治政府建设年度报告 ", 100)
			version := func(v int) map[string][]byte {
				m := make(map[string][]byte, files)
				for i := range files {
					data := body
					if i < changed {
						data = fmt.Sprint(v, data)
					}
					m[fmt.Sprintf("counties/%d/r-%d/index.html", i/5, i)] = []byte(data)
				}
				return m
			}

			publish := func(prev State, site map[string][]byte) State {
				st, err := Begin(dest, prev)
				if err != nil {
					b.Fatal(err)
				}
				for p, data := range site {
					if err := st.Add(p, data); err != nil {
						b.Fatal(err)
					}
				}
				next, err := st.Commit()
				if err != nil {
					b.Fatal(err)
				}
				return next
			}
			st := publish(publish(State{}, version(0)), version(1)) // a spare tree
			peak := heaptest.PeakHeap(func() {
				for i := 2; b.Loop(); i++ {
					b.StopTimer()
					site := version(i)
					b.StartTimer()
					st = publish(st, site)
				}
			})
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
}
