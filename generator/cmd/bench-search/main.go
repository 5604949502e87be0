// Command bench-search measures the portal's full-text index on a
// synthetic corpus (package corpus) or a given content directory: index
// build time and memory, index size, and per query the bytes fetched and
// the time to results in headless Chromium.
//
//	go run ./generator/cmd/bench-search --reports 1000
//
// It is a separate command so that the generator that editors run does
// not link the browser driver.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"portal/generator/internal/build"
	"portal/generator/internal/corpus"
	"portal/generator/internal/output"
	"portal/generator/internal/search"
	"portal/generator/internal/site"
)

// benchQueries are the default queries: typical two- and four-character
// words, longer phrases, several terms, a filter, and words found nowhere.
var benchQueries = []string{
	"法治", "信访", "信访局", "行政复议", "按期答复率", "群众满意率", "2024年", "99.96%",
	"法治政府建设", "{county} 信访", "白大姐访调工作室", "不存在县", "信访局 year=2024",
}

// options are the command's flags.
type options struct {
	source, content string
	reports         int
	seed            int64
	queries         []string
	browser         bool
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	opt, code, ok := parseArgs(args, stdout, stderr)
	if !ok {
		return code
	}
	if opt.browser && chromium() == "" {
		fmt.Fprintln(stderr, "bench-search: Chromium not found (apt-get install chromium): the browser measurements are skipped")
		opt.browser = false
	}
	if err := bench(opt, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "bench-search: %v\n", err)
		return 1
	}
	return 0
}

// parseArgs parses the flags; !ok means stop with code.
func parseArgs(args []string, stdout, stderr io.Writer) (opt options, code int, ok bool) {
	fs := flag.NewFlagSet("bench-search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: go run ./generator/cmd/bench-search [flags]\n\n"+
			"Measures the full-text index on a synthetic corpus: build time and memory, index size,\n"+
			"and per query the bytes fetched and the time to results in headless Chromium.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	fs.StringVar(&opt.source, "source", ".", "site root holding config.toml and layouts/")
	fs.StringVar(&opt.content, "content", "", "content directory to measure (default: a corpus generated in a temporary directory)")
	fs.IntVar(&opt.reports, "reports", 1000, "number of reports to generate")
	fs.Int64Var(&opt.seed, "seed", 1, "corpus seed")
	queries := fs.String("queries", strings.Join(benchQueries, ","), "comma-separated queries; \"q year=2024\" adds a filter;\n{county} is the short name of the county with the most reports")
	noBrowser := fs.Bool("no-browser", false, "skip the Chromium measurements")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stdout)
			fs.Usage()
			return opt, 0, false
		}
		return opt, 2, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "bench-search: unexpected argument %q\n", fs.Arg(0))
		return opt, 2, false
	}
	for _, q := range strings.Split(*queries, ",") {
		if strings.TrimSpace(q) != "" {
			opt.queries = append(opt.queries, q)
		}
	}
	if len(opt.queries) == 0 {
		fmt.Fprintln(stderr, "bench-search: --queries: no query")
		return opt, 2, false
	}
	opt.browser = !*noBrowser
	return opt, 0, true
}

// bench runs the measurements and prints them on w.
func bench(opt options, w, stderr io.Writer) error {
	tmp, err := os.MkdirTemp("", "bench-search-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if opt.content == "" {
		opt.content = filepath.Join(tmp, "content")
		st, err := corpus.Write(opt.content, corpus.Options{Reports: opt.reports, Seed: opt.seed, MetricsShare: corpus.DefaultMetricsShare})
		if err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
		fmt.Fprintf(w, "corpus: generated %d reports (seed %d, %.1f MB)\n", st.Reports, opt.seed, float64(st.Bytes)/1e6)
	}
	start := time.Now()
	s, docs, problems, err := loadSite(opt.source, opt.content)
	if err != nil {
		return err
	}
	if problems.HasErrors() {
		problems.Sort()
		return fmt.Errorf("the content does not load:\n%s", problems)
	}
	files := output.NewFiles()
	if err := renderSite(s, docs, filepath.Join(opt.source, "layouts"), files); err != nil {
		return err
	}
	fmt.Fprintf(w, "site: %d reports, %d counties; loaded and rendered in %.1fs\n", len(s.Reports), len(s.Counties), time.Since(start).Seconds())

	st, err := measureIndex(s, docs, files, w)
	if err != nil {
		return err
	}
	if err := measurePublish(files, filepath.Join(tmp, "index-only"), w); err != nil {
		return err
	}
	printSize(st, w)
	return measureQueries(s, files, opt, w)
}

// measureIndex builds the index of the site into files and prints its
// time and memory. Memory is measured from a heap returned to the
// system: the peak resident set during the build, and the peak Go heap
// (sampled).
func measureIndex(s *site.Site, docs *build.Docs, files *output.Files, w io.Writer) (search.Stats, error) {
	entries, err := searchDocs(s, docs)
	if err != nil {
		return search.Stats{}, err
	}
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	heap0 := ms.HeapInuse
	rss0 := procKB("VmRSS")
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // resets VmHWM; Linux only
	stop := make(chan struct{})
	peakHeap := make(chan uint64)
	go sampleHeap(heap0, stop, peakHeap)
	start := time.Now()
	st, err := search.Build(entries, search.Options{}, files.Add)
	if err == nil {
		err = files.Add(build.SearchClient, search.ClientJS)
	}
	elapsed := time.Since(start)
	close(stop)
	ph := <-peakHeap
	if err != nil {
		return st, err
	}
	peak := procKB("VmHWM")
	fmt.Fprintf(w, "index build: %.2fs (analyse %.2fs, encode %.2fs); peak RSS +%d MiB (%d → %d MiB); peak Go heap +%d MiB\n",
		elapsed.Seconds(), st.Analyse.Seconds(), st.Encode.Seconds(), (peak-rss0)>>10, rss0>>10, peak>>10, (ph-heap0)>>20)
	return st, nil
}

// sampleHeap sends on peak the highest HeapInuse seen every 10 ms until
// stop is closed.
func sampleHeap(peak uint64, stop <-chan struct{}, out chan<- uint64) {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		case <-stop:
			out <- peak
			return
		}
	}
}

// measurePublish writes the index as a build publishes it, every file
// synced, into dir.
func measurePublish(files *output.Files, dir string, w io.Writer) error {
	idx := output.NewFiles()
	for _, p := range files.Paths() {
		if strings.HasPrefix(p, "search/") && p != "search/index.html" || p == build.SearchClient {
			b, _ := files.Get(p)
			if err := idx.Add(p, b); err != nil {
				return err
			}
		}
	}
	start := time.Now()
	if err := output.Publish(dir, idx); err != nil {
		return err
	}
	fmt.Fprintf(w, "index publish (write and fsync %d files, %.1f MB): %.2fs\n", idx.Len(), float64(idx.Size())/1e6, time.Since(start).Seconds())
	return nil
}

func printSize(st search.Stats, w io.Writer) {
	mb := func(n int64) float64 { return float64(n) / 1e6 }
	fmt.Fprintf(w, "index size: %.1f MB = directory %.1f + postings %.1f + positions %.1f + fragments %.1f + lists %.2f; %d terms (%d with positions), %d blocks, parts %v\n",
		mb(st.DirBytes+st.PostingBytes+st.PositionBytes+st.FragmentBytes+st.OtherBytes),
		mb(st.DirBytes), mb(st.PostingBytes), mb(st.PositionBytes), mb(st.FragmentBytes), mb(st.OtherBytes),
		st.Terms, st.PositionTerms, st.Blocks, st.Parts)
}

// row is one query's figures.
type row struct {
	q                  string
	total, contain     int // contain: -1 with a filter
	goBytes, goFetches int
	js                 browserRun
}

// measureQueries runs the queries with the Go searcher (and in Chromium)
// and prints a table.
func measureQueries(s *site.Site, files *output.Files, opt options, w io.Writer) error {
	queries := countyQueries(s, opt.queries)
	ix, err := search.Open(func(p string) ([]byte, error) {
		if b, ok := files.Get(p); ok {
			return b, nil
		}
		return nil, os.ErrNotExist
	})
	if err != nil {
		return err
	}
	texts := corpusTexts(opt.content)
	var rows []row
	for _, q := range queries {
		req := benchRequest(q)
		res, err := ix.Search(req)
		if err != nil {
			return fmt.Errorf("%q: %w", q, err)
		}
		r := row{q: q, total: res.Total, contain: -1, goFetches: len(res.Fetches)}
		if len(req.Filters) == 0 {
			r.contain = countContaining(texts, res.Terms)
		}
		for _, fe := range res.Fetches {
			r.goBytes += fe.End - fe.Start
		}
		rows = append(rows, r)
	}
	if opt.browser {
		runs, err := browserMeasure(files, queries)
		if err != nil {
			return err
		}
		for i := range rows {
			rows[i].js = runs[i]
			if runs[i].total != rows[i].total {
				fmt.Fprintf(w, "WARNING: %q: browser found %d, Go %d\n", rows[i].q, runs[i].total, rows[i].total)
			}
		}
		fmt.Fprintf(w, "one-time per visit (search page, script, manifest, block index): %d requests, %.1f KiB (gzip %.1f KiB)\n",
			runs[0].setupReqs, float64(runs[0].setupBytes)/1024, float64(runs[0].setupGzip)/1024)
	}
	printRows(rows, opt.browser, w)
	return nil
}

// countyQueries replaces {county} in the queries by the short name of
// the county with the most reports.
func countyQueries(s *site.Site, queries []string) []string {
	var big *site.County
	for _, c := range s.Counties {
		if big == nil || len(c.Reports) > len(big.Reports) {
			big = c
		}
	}
	out := make([]string, len(queries))
	for i, q := range queries {
		out[i] = q
		if big != nil {
			out[i] = strings.ReplaceAll(q, "{county}", strings.TrimRight(big.Name, "县区市旗"))
		}
	}
	return out
}

func printRows(rows []row, browser bool, w io.Writer) {
	fmt.Fprintf(w, "\n%-22s %8s %8s %9s %9s %5s %9s %9s %9s\n", "query", "reports", "contain", "KiB raw", "KiB gzip", "reqs", "ms ranked", "ms shown", "ms warm")
	for _, r := range rows {
		contain := "-"
		if r.contain >= 0 {
			contain = strconv.Itoa(r.contain)
		}
		if browser {
			fmt.Fprintf(w, "%-22s %8d %8s %9.1f %9.1f %5d %9.1f %9.1f %9.1f\n", r.q, r.total, contain,
				float64(r.js.bytes)/1024, float64(r.js.gzip)/1024, r.js.requests, r.js.ranked, r.js.shown, r.js.warm)
		} else {
			fmt.Fprintf(w, "%-22s %8d %8s %9.1f %9s %5d\n", r.q, r.total, contain, float64(r.goBytes)/1024, "-", r.goFetches)
		}
	}
	if browser {
		fmt.Fprintln(w, "\nKiB: response bodies of the query (index ranges and the 10 snippets shown), raw and gzip -6;")
		fmt.Fprintln(w, "ms ranked: query start to ranked list; ms shown: to the first page rendered with snippets (localhost);")
		fmt.Fprintln(w, "ms warm: the same query again with every range in memory, i.e. the time after the data arrive.")
	} else {
		fmt.Fprintln(w, "\nKiB raw: the index ranges the Go searcher reads for the query; reqs: their number.")
	}
	fmt.Fprintln(w, "contain: reports whose text (title, metadata, body) contains every term, by a plain scan of the corpus files.")
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
		if err != nil || !strings.HasSuffix(p, ".txt") && !strings.HasSuffix(p, ".md") {
			return err
		}
		body, _ := os.ReadFile(p)
		meta, _ := os.ReadFile(strings.TrimSuffix(p, filepath.Ext(p)) + ".toml")
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

// procKB returns a kB field of /proc/self/status (0 where there is none).
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

// chromium returns the path of the browser, or "".
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}
