package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"portal/generator/internal/output"
)

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

// browserRun is what one query cost in the browser.
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

	exe := chromium()
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
		r, err := browserQuery(ctx, base, m, q)
		if err != nil {
			return nil, fmt.Errorf("%q: %w", q, err)
		}
		runs = append(runs, r)
	}
	return runs, nil
}

// lastRun is the search page's record of its last query.
type lastRun struct {
	Total    int     `json:"total"`
	MsRanked float64 `json:"msRanked"`
	MsShown  float64 `json:"msShown"`
}

// browserQuery opens the search page and runs q on it, then three times
// again with every range in memory.
func browserQuery(ctx context.Context, base string, m *meter, q string) (browserRun, error) {
	var r browserRun
	req := benchRequest(q)
	m.reset()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"search/"),
		chromedp.Poll[chromedp.Void](`window.portalSearch && portalSearch.app && portalSearch.app.index.manifest && portalSearch.app.status.textContent`)); err != nil {
		return r, err
	}
	r.setupBytes, r.setupGzip, r.setupReqs = m.reset()
	qj, _ := json.Marshal(req.Query)
	fj, _ := json.Marshal(req.Filters)
	run := fmt.Sprintf(`(async () => {
		const app = portalSearch.app, f = %s;
		for (const k in f) { app.selects[k].appendChild(new Option(f[k], f[k])); app.selects[k].value = f[k]; }
		app.input.value = %s;
		await app.update("push");
		return app.last; })()`, fj, qj)
	l, err := chromedp.Run(ctx, chromedp.Evaluate[lastRun](run, chromedp.EvalAwaitPromise))
	if err != nil {
		return r, err
	}
	r.total, r.ranked, r.shown = l.Total, l.MsRanked, l.MsShown
	r.bytes, r.gzip, r.requests = m.reset()
	var warm []float64
	for range 3 {
		l, err := chromedp.Run(ctx, chromedp.Evaluate[lastRun](`(async () => { await portalSearch.app.run(); return portalSearch.app.last; })()`, chromedp.EvalAwaitPromise))
		if err != nil {
			return r, err
		}
		warm = append(warm, l.MsShown)
	}
	slices.Sort(warm)
	r.warm = warm[1]
	return r, nil
}
