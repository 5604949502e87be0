package deploy

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"portal/generator/internal/heaptest"
)

// BenchmarkDeploy measures a first deploy of a site and the re-deploy
// after one report is added, on the loopback server: files and bytes
// sent, seconds and peak heap. The site is PORTAL_DEPLOY_SITE (a built
// site) followed by PORTAL_DEPLOY_SITE2 (the same with a report added),
// or else a generated tree of PORTAL_DEPLOY_FILES files (default 2,000)
// of 20 KB on average, to which the re-deploy adds a report page and its
// download and changes the six pages and the search files listing it.
//
//	go test ./generator/internal/deploy -run '^$' -bench Deploy -benchtime 1x
func BenchmarkDeploy(b *testing.B) {
	endpoint := needServer(b)
	setCredentials(b, testAccess, testSecret)
	first, second := os.Getenv("PORTAL_DEPLOY_SITE"), os.Getenv("PORTAL_DEPLOY_SITE2")
	if first == "" || second == "" {
		n := 2000
		if s := os.Getenv("PORTAL_DEPLOY_FILES"); s != "" {
			n, _ = strconv.Atoi(s)
		}
		first, second = filepath.Join(b.TempDir(), "v1"), filepath.Join(b.TempDir(), "v2")
		generateSite(b, first, n, false)
		generateSite(b, second, n, true)
	}
	for b.Loop() {
		target := newBucket(b, endpoint, endpoint)
		for _, run := range []struct{ name, dir string }{{"first", first}, {"add-one", second}} {
			var sum Summary
			var err error
			start := time.Now()
			peak := heaptest.PeakHeap(func() { sum, err = deployOnce(context.Background(), b, target, run.dir) })
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(sum.Uploaded), run.name+"-files")
			b.ReportMetric(float64(sum.Unchanged), run.name+"-unchanged")
			b.ReportMetric(float64(sum.Bytes)/1e6, run.name+"-MB")
			b.ReportMetric(time.Since(start).Seconds(), run.name+"-s")
			b.ReportMetric(float64(peak)/(1<<20), run.name+"-peak-MiB")
		}
	}
}

// generateSite writes a site of n files shaped like the generator's
// (report pages, downloads, listing pages, search shards), 20 KB on
// average; with added, one report more and the pages listing it changed.
func generateSite(b *testing.B, dir string, n int, added bool) {
	r := rand.New(rand.NewPCG(1, 2))
	files := map[string]string{}
	body := func(size int) string {
		buf := make([]byte, size)
		for i := range buf {
			buf[i] = byte('a' + r.IntN(26))
		}
		return string(buf)
	}
	for i := range n {
		var p string
		switch i % 5 {
		case 0, 1:
			p = fmt.Sprintf("counties/c%04d/r%05d/index.html", i/50, i)
		case 2:
			p = fmt.Sprintf("counties/c%04d/r%05d/r%05d.txt", i/50, i-1, i-1)
		case 3:
			p = fmt.Sprintf("search/%d/post-%d.bin", 2019+i%7, i)
		default:
			p = fmt.Sprintf("counties/c%04d/index.html", i/50)
		}
		files[p] = body(r.IntN(40_000))
	}
	if added {
		files["counties/c0000/new-2025/index.html"] = body(20_000)
		files["counties/c0000/new-2025/new-2025.txt"] = body(20_000)
		for _, p := range []string{"counties/c0000/index.html", "regions/p/index.html", "years/2025/index.html", "years/index.html", "index.html", "atom.xml", "sitemap.xml", "search/index.json", "search/2025/post-3.bin"} {
			files[p] = body(20_000)
		}
	} else {
		for _, p := range []string{"counties/c0000/index.html", "regions/p/index.html", "years/2025/index.html", "years/index.html", "index.html", "atom.xml", "sitemap.xml", "search/index.json", "search/2025/post-3.bin"} {
			files[p] = "v1"
		}
	}
	writeSite(b, dir, files)
}
