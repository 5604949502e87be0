// Package browser drives headless Chromium for the portal's browser tests:
// it serves a built site on 127.0.0.1, opens pages, and collects console
// errors and failed requests. Tests skip with a clear message when Chromium
// is not installed, and fail instead when PORTAL_REQUIRE_BROWSER=1 (as CI
// sets it).
package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser is a headless Chromium tab with the console and the requests of
// its pages recorded.
type Browser struct {
	Ctx context.Context // the tab; derive per-step timeouts from it

	mu       sync.Mutex
	console  []string
	failures []string
}

// Chromium returns the path of the Chromium binary, or skips t saying
// how to install it (fails it when PORTAL_REQUIRE_BROWSER=1).
func Chromium(t testing.TB) string {
	t.Helper()
	for _, p := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("PORTAL_REQUIRE_BROWSER") == "1" {
		t.Fatal("Chromium not found and PORTAL_REQUIRE_BROWSER=1: install Debian's chromium package")
	}
	t.Skip("skipping browser test: Chromium not found (apt-get install chromium fonts-noto-cjk)")
	return ""
}

// New starts Chromium for t and stops it when t ends.
func New(t testing.TB) *Browser {
	t.Helper()
	path := Chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.WindowSize(1200, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	b := &Browser{Ctx: ctx}
	msgs := chromedp.Console(ctx) // starts the browser
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				b.mu.Lock()
				b.console = append(b.console, fmt.Sprintf("%s: %s (%s:%d)", m.Type, m.Text, m.URL, m.Line+1))
				b.mu.Unlock()
			}
		}
	}()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("starting Chromium: %v", err)
	}
	t.Cleanup(func() { cancel(); cancelAlloc() })
	return b
}

// Serve serves dir on 127.0.0.1 for the rest of the test and returns its
// base URL ending in "/". Responses of 400 and above are recorded as
// failures.
func (b *Browser) Serve(t testing.TB, handler http.Handler) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: 200}
		handler.ServeHTTP(rec, r)
		if rec.status >= 400 && r.URL.Path != "/favicon.ico" {
			b.mu.Lock()
			b.failures = append(b.failures, fmt.Sprintf("%d %s", rec.status, r.URL.Path))
			b.mu.Unlock()
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// Run runs actions with a timeout.
func (b *Browser) Run(t testing.TB, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

// Eval evaluates a JavaScript expression and returns its value.
func Eval[T any](t testing.TB, b *Browser, expr string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// Problems returns the console errors and failed requests so far, after
// giving the console a moment to deliver late messages.
func (b *Browser) Problems() []string {
	time.Sleep(300 * time.Millisecond)
	b.mu.Lock()
	defer b.mu.Unlock()
	return append(append([]string(nil), b.console...), b.failures...)
}

// CheckClean fails t if any console error or failed request occurred.
func (b *Browser) CheckClean(t testing.TB) {
	t.Helper()
	for _, p := range b.Problems() {
		t.Errorf("browser: %s", p)
	}
}

// Follow clicks the link matching the CSS selector and waits until the page
// it leads to has loaded.
func (b *Browser) Follow(t testing.TB, css string) {
	t.Helper()
	href := Eval[string](t, b, `document.querySelector(`+jsString(css)+`).href`)
	b.Run(t, chromedp.Click(chromedp.CSS(css)))
	b.waitFor(t, `location.href === `+jsString(href)+` && document.readyState === "complete"`)
}

// waitFor evaluates cond until it is true, through navigations (which
// destroy the page's JavaScript context while they happen).
func (b *Browser) waitFor(t testing.TB, cond string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(b.Ctx, 5*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: %v", cond, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// WaitFor waits until the JavaScript expression cond is true.
func (b *Browser) WaitFor(t testing.TB, cond string) { t.Helper(); b.waitFor(t, cond) }

// Open navigates to url and waits until the page has loaded.
func (b *Browser) Open(t testing.TB, url string) {
	t.Helper()
	b.Run(t, chromedp.Navigate(url))
	b.waitFor(t, `document.readyState === "complete"`)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// Flush passes streaming responses (server-sent events) through.
func (r *statusRecorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}
