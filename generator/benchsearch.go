package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"portal/generator/internal/output"
	"portal/generator/internal/render"
	"portal/generator/internal/search"
	"portal/generator/internal/site"
)

// benchQueries are the default queries of bench-search: typical two- and
// four-character words, longer phrases, several terms, a filter, and
// words found nowhere.
var benchQueries = []string{
	"法治", "信访", "信访局", "行政复议", "按期答复率", "群众满意率", "2024年", "99.96%",
	"法治政府建设", "{county} 信访", "白大姐访调工作室", "不存在县", "信访局 year=2024",
}

func runBenchSearch(args []string, stdout, stderr io.Writer) int {
	var f siteFlags
	fs := newFlagSet("bench-search", "Measures the full-text index on a synthetic corpus: build time and memory,\n"+
		"index size, and per query the bytes fetched and the time to results in headless Chromium.", stderr)
	f.register(fs)
	reports := fs.Int("reports", 1000, "number of reports to generate")
	seed := fs.Int("seed", 1, "corpus seed")
	gen := fs.String("gencorpus", "/work/shared/bench/gencorpus.py", "corpus generator (python3 script, --format plain)")
	queries := fs.String("queries", strings.Join(benchQueries, ","), "comma-separated queries; \"q year=2024\" adds a filter;\n{county} is the short name of the county with the most reports")
	noBrowser := fs.Bool("no-browser", false, "skip the Chromium measurements")
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	if err := benchSearch(f, *reports, *seed, *gen, strings.Split(*queries, ","), !*noBrowser, stdout); err != nil {
		fmt.Fprintf(stderr, "bench-search: %v\n", err)
		return 1
	}
	return 0
}

func benchSearch(f siteFlags, reports, seed int, gen string, queries []string, useBrowser bool, w io.Writer) error {
	tmp, err := os.MkdirTemp("", "bench-search-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if f.content == "" {
		f.content = filepath.Join(tmp, "content")
		cmd := exec.Command("python3", gen, "--reports", strconv.Itoa(reports), "--seed", strconv.Itoa(seed),
			"--out", f.content, "--format", "plain")
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("gencorpus: %w", err)
		}
	}
	p := f.paths()
	start := time.Now()
	s, problems, err := loadSite(p, nil, nil)
	if err != nil {
		return err
	}
	if problems.HasErrors() {
		problems.Sort()
		return fmt.Errorf("corpus does not load:\n%s", problems)
	}
	layouts := os.DirFS(p.layouts)
	tmpl, err := render.LoadTemplates(layouts)
	if err != nil {
		return err
	}
	files := output.NewFiles()
	if _, err := render.Render(s, tmpl, layouts, files, render.Options{}); err != nil {
		return err
	}
	fmt.Fprintf(w, "corpus: %d reports, %d counties; loaded and rendered in %.1fs\n", len(s.Reports), len(s.Counties), time.Since(start).Seconds())

	// The index build, alone: time and the growth of the peak resident set.
	// Memory is measured from a heap returned to the system: the peak
	// resident set during the build, and the peak Go heap (sampled).
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	heap0 := ms.HeapInuse
	rss0 := procKB("VmRSS")
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // reset VmHWM
	stop := make(chan struct{})
	peakHeap := make(chan uint64)
	go func() {
		peak := heap0
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			case <-stop:
				peakHeap <- peak
				return
			}
		}
	}()
	start = time.Now()
	st, err := writeSearchStats(searchDocs(s.Reports), search.Options{}, files)
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	close(stop)
	ph := <-peakHeap
	peak := procKB("VmHWM")
	fmt.Fprintf(w, "index build: %.2fs (analyse %.2fs, encode %.2fs); peak RSS +%d MiB (%d → %d MiB); peak Go heap +%d MiB\n",
		elapsed.Seconds(), st.Analyse.Seconds(), st.Encode.Seconds(), (peak-rss0)>>10, rss0>>10, peak>>10, (ph-heap0)>>20)

	// Writing the index as a build publishes it: every file synced.
	idx := output.NewFiles()
	for _, path := range files.Paths() {
		if strings.HasPrefix(path, "search/") && path != "search/index.html" || path == search.ClientPath {
			b, _ := files.Get(path)
			idx.Add(path, b)
		}
	}
	start = time.Now()
	if err := output.Publish(filepath.Join(tmp, "index-only"), idx); err != nil {
		return err
	}
	fmt.Fprintf(w, "index publish (write and fsync %d files, %.1f MB): %.2fs\n", idx.Len(), float64(idx.Size())/1e6, time.Since(start).Seconds())
	fmt.Fprintf(w, "index size: %.1f MB = directory %.1f + postings %.1f + positions %.1f + fragments %.1f + lists %.2f; %d terms (%d with positions), %d blocks, parts %v\n",
		float64(st.DirBytes+st.PostingBytes+st.PositionBytes+st.FragmentBytes+st.OtherBytes)/1e6,
		float64(st.DirBytes)/1e6, float64(st.PostingBytes)/1e6, float64(st.PositionBytes)/1e6, float64(st.FragmentBytes)/1e6,
		float64(st.OtherBytes)/1e6, st.Terms, st.PositionTerms, st.Blocks, st.Parts)

	// {county}: the short name of the county with the most reports.
	var big *site.County
	for _, c := range s.Counties {
		if big == nil || len(c.Reports) > len(big.Reports) {
			big = c
		}
	}
	for i, q := range queries {
		if big != nil {
			short := strings.TrimRight(big.Name, "县区市旗")
			queries[i] = strings.ReplaceAll(q, "{county}", short)
		}
	}

	ix, err := search.Open(func(p string) ([]byte, error) {
		if b, ok := files.Get(p); ok {
			return b, nil
		}
		return nil, os.ErrNotExist
	})
	if err != nil {
		return err
	}
	texts := corpusTexts(f.content)
	type row struct {
		q                       string
		total, contain          int
		goBytes, goFetches      int
		jsBytes, jsGzip, jsReqs int
		msRanked, msShown, warm float64
	}
	var rows []row
	for _, q := range queries {
		req := benchRequest(q)
		res, err := ix.Search(req)
		if err != nil {
			return fmt.Errorf("%q: %w", q, err)
		}
		r := row{q: q, total: res.Total, contain: -1}
		if len(req.Filters) == 0 {
			r.contain = countContaining(texts, res.Terms)
		}
		for _, fe := range res.Fetches {
			r.goBytes += fe.End - fe.Start
		}
		r.goFetches = len(res.Fetches)
		rows = append(rows, r)
	}
	if useBrowser {
		ms, err := browserMeasure(files, queries)
		if err != nil {
			return err
		}
		for i := range rows {
			m := ms[i]
			rows[i].jsBytes, rows[i].jsGzip, rows[i].jsReqs = m.bytes, m.gzip, m.requests
			rows[i].msRanked, rows[i].msShown, rows[i].warm = m.ranked, m.shown, m.warm
			if m.total != rows[i].total {
				fmt.Fprintf(w, "WARNING: %q: browser found %d, Go %d\n", rows[i].q, m.total, rows[i].total)
			}
		}
		fmt.Fprintf(w, "one-time per visit (search page, script, manifest, block index): %d requests, %.1f KiB (gzip %.1f KiB)\n",
			ms[0].setupReqs, float64(ms[0].setupBytes)/1024, float64(ms[0].setupGzip)/1024)
	}
	fmt.Fprintf(w, "\n%-22s %8s %8s %9s %9s %5s %9s %9s %9s\n", "query", "reports", "contain", "KiB raw", "KiB gzip", "reqs", "ms ranked", "ms shown", "ms warm")
	for _, r := range rows {
		contain := "-"
		if r.contain >= 0 {
			contain = strconv.Itoa(r.contain)
		}
		if useBrowser {
			fmt.Fprintf(w, "%-22s %8d %8s %9.1f %9.1f %5d %9.1f %9.1f %9.1f\n", r.q, r.total, contain,
				float64(r.jsBytes)/1024, float64(r.jsGzip)/1024, r.jsReqs, r.msRanked, r.msShown, r.warm)
		} else {
			fmt.Fprintf(w, "%-22s %8d %8s %9.1f %9s %5d\n", r.q, r.total, contain, float64(r.goBytes)/1024, "-", r.goFetches)
		}
	}
	fmt.Fprintln(w, "\nKiB: response bodies of the query (index ranges and the 10 snippets shown), raw and gzip -6;")
	fmt.Fprintln(w, "ms ranked: query start to ranked list; ms shown: to the first page rendered with snippets (localhost);")
	fmt.Fprintln(w, "ms warm: the same query again with every range in memory, i.e. the time after the data arrive.")
	fmt.Fprintln(w, "contain: reports whose text (title, metadata, body) contains every term, by a plain scan of the corpus files.")
	return nil
}

// benchRequest parses "q year=2024" into a request.
func benchRequest(q string) search.Request {
	req := search.Request{Filters: map[string]string{}}
	var words []string
	for _, w := range strings.Fields(q) {
		if k, v, ok := strings.Cut(w, "="); ok {
			req.Filters[k] = v
			continue
		}
		words = append(words, w)
	}
	req.Query = strings.Join(words, " ")
	return req
}

// corpusTexts reads every report's text and metadata, folded and without
// white space, for the containment count.
func corpusTexts(dir string) []string {
	var texts []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".txt") {
			return err
		}
		body, _ := os.ReadFile(p)
		meta, _ := os.ReadFile(strings.TrimSuffix(p, ".txt") + ".toml")
		texts = append(texts, strings.Join(strings.Fields(search.Fold(string(body)+"\n"+string(meta))), ""))
		return nil
	})
	return texts
}

// countContaining counts the texts that contain every term's units as a
// plain substring (terms of words are joined without their spaces).
func countContaining(texts []string, terms []search.Term) int {
	n := 0
next:
	for _, t := range texts {
		for _, term := range terms {
			if !strings.Contains(t, strings.ReplaceAll(term.Key, " ", "")) {
				continue next
			}
		}
		n++
	}
	return n
}

// procKB returns a kB field of /proc/self/status.
func procKB(field string) int {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, field+":"); ok {
			if fs := strings.Fields(v); len(fs) > 0 {
				n, _ := strconv.Atoi(fs[0])
				return n
			}
		}
	}
	return 0
}

// meter keeps the response bodies a server sends.
type meter struct {
	mu     sync.Mutex
	bodies [][]byte
}

// reset returns the bytes sent since the last reset, raw and gzipped, and
// the number of responses.
func (m *meter) reset() (raw, gzipped, requests int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, b := range m.bodies {
		raw += len(b)
		gzipped += gzipSize(b)
	}
	requests = len(m.bodies)
	m.bodies = nil
	return
}

type meterWriter struct {
	http.ResponseWriter
	buf bytes.Buffer
}

func (w *meterWriter) Write(b []byte) (int, error) {
	w.buf.Write(b)
	return w.ResponseWriter.Write(b)
}

func gzipSize(b []byte) int {
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, 6)
	zw.Write(b)
	zw.Close()
	return out.Len()
}

// serveFiles serves the built site from memory, with Range support, and
// meters what it sends.
func serveFiles(files *output.Files, m *meter) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/")
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		b, ok := files.Get(p)
		if !ok {
			http.NotFound(w, r)
			return
		}
		mw := &meterWriter{ResponseWriter: w}
		http.ServeContent(mw, r, p, time.Time{}, bytes.NewReader(b))
		m.mu.Lock()
		m.bodies = append(m.bodies, mw.buf.Bytes())
		m.mu.Unlock()
	})
}

type browserRun struct {
	total                            int
	bytes, gzip, requests            int
	ranked, shown, warm              float64
	setupBytes, setupGzip, setupReqs int
}

// browserMeasure runs each query on a fresh search page in headless
// Chromium with the HTTP cache off.
func browserMeasure(files *output.Files, queries []string) ([]browserRun, error) {
	m := &meter{}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: serveFiles(files, m)}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String() + "/"

	exe := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		return nil, fmt.Errorf("chromium not found (use --no-browser)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.NoFirstRun, chromedp.WindowSize(1200, 900))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		return nil, err
	}
	var runs []browserRun
	for _, q := range queries {
		req := benchRequest(q)
		m.reset()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"search/"),
			chromedp.Poll[chromedp.Void](`window.portalSearch && portalSearch.app && portalSearch.app.index.manifest && portalSearch.app.status.textContent`)); err != nil {
			return nil, err
		}
		var r browserRun
		r.setupBytes, r.setupGzip, r.setupReqs = m.reset()
		qj, _ := json.Marshal(req.Query)
		fj, _ := json.Marshal(req.Filters)
		type last struct {
			Total    int     `json:"total"`
			MsRanked float64 `json:"msRanked"`
			MsShown  float64 `json:"msShown"`
		}
		run := fmt.Sprintf(`(async () => {
			const app = portalSearch.app, f = %s;
			for (const k in f) { app.selects[k].appendChild(new Option(f[k], f[k])); app.selects[k].value = f[k]; }
			app.input.value = %s;
			await app.update("push");
			return app.last; })()`, fj, qj)
		l, err := chromedp.Run(ctx, chromedp.Evaluate[last](run, chromedp.EvalAwaitPromise))
		if err != nil {
			return nil, fmt.Errorf("%q: %w", q, err)
		}
		r.total, r.ranked, r.shown = l.Total, l.MsRanked, l.MsShown
		r.bytes, r.gzip, r.requests = m.reset()
		// Again, with everything in memory: the time after the data arrive.
		var warm []float64
		for range 3 {
			l, err := chromedp.Run(ctx, chromedp.Evaluate[last](`(async () => { await portalSearch.app.run(); return portalSearch.app.last; })()`, chromedp.EvalAwaitPromise))
			if err != nil {
				return nil, err
			}
			warm = append(warm, l.MsShown)
		}
		slices.Sort(warm)
		r.warm = warm[1]
		runs = append(runs, r)
	}
	return runs, nil
}
