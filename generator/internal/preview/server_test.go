package preview

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeSite writes a small built site, with a spare tree and a cache
// beside it holding secrets, and returns the site's directory.
func fakeSite(t *testing.T) string {
	t.Helper()
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	for name, data := range map[string]string{
		"index.html":                         "<html><body>首页</body></html>",
		"404.html":                           "<html><body>页面不存在</body></html>",
		"years/2024/index.html":              "<html><body>2024年</body></html>",
		"static/css/site.css":                "body{}",
		"downloads/a.txt":                    "报告全文",
		"../.portal-spare-public/index.html": "SPARE-SECRET",
		"../cache/load.gob":                  "CACHE-SECRET",
		"../outside.txt":                     "OUTSIDE-SECRET",
		".hidden.txt":                        "HIDDEN-SECRET",
	} {
		name = filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(name), 0o755)
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// get sends req to serve's handler for dir and returns the response.
func get(t *testing.T, dir string, req *http.Request) *http.Response {
	t.Helper()
	if req.Host == "example.com" { // httptest's default
		req.Host = "localhost:1313"
	}
	rec := httptest.NewRecorder()
	NewServer(dir, NewHub(), io.Discard).Handler.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestServeHostCheck checks that serve answers only requests addressed
// to a loopback name or address: a DNS-rebinding page sends its own
// name as Host.
func TestServeHostCheck(t *testing.T) {
	dir := fakeSite(t)
	for _, tc := range []struct {
		host string
		want int
	}{
		{"localhost:1313", 200}, {"localhost", 200}, {"LocalHost:80", 200}, {"localhost.:1313", 200},
		{"127.0.0.1:1313", 200}, {"127.1.2.3", 200}, {"[::1]:1313", 200}, {"[::1]", 200}, {"[::ffff:127.0.0.1]:1313", 200},
		{"evil.example:1313", 403}, {"evil.example", 403}, {"localhost.evil.example", 403}, {"evil.localhost:1313", 403},
		{"127.0.0.1.nip.io", 403}, {"0.0.0.0:1313", 403}, {"10.0.0.1", 403}, {"[fe80::1%25lo]:1313", 403},
		{"", 403}, {"localhost:1313\x00", 403}, {"[::1", 403},
	} {
		req := httptest.NewRequest("GET", "/", nil)
		req.Host = tc.host
		res := get(t, dir, req)
		if res.StatusCode != tc.want {
			t.Errorf("Host %q: status %d, want %d", tc.host, res.StatusCode, tc.want)
		}
		if b := body(t, res); tc.want == 403 && strings.Contains(b, "首页") {
			t.Errorf("Host %q: the page was served", tc.host)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // an event stream that is let through ends at once
	for _, path := range []string{"/_portal/events", "/_portal/reload.js"} {
		req := httptest.NewRequestWithContext(ctx, "GET", path, nil)
		req.Host = "evil.example"
		if res := get(t, dir, req); res.StatusCode != 403 {
			t.Errorf("%s for Host evil.example: status %d, want 403", path, res.StatusCode)
		}
	}
	req := httptest.NewRequest("POST", "/", nil)
	req.Host = "localhost"
	if res := get(t, dir, req); res.StatusCode != 405 {
		t.Errorf("POST: status %d, want 405", res.StatusCode)
	}
}

// TestServeNoListing checks that a folder without index.html is not
// listed but answered with the site's 404 page, as a static host does,
// and that a folder with one is served.
func TestServeNoListing(t *testing.T) {
	dir := fakeSite(t)
	for _, path := range []string{"/static/", "/static", "/static/css/", "/downloads/", "/years/"} {
		res := get(t, dir, httptest.NewRequest("GET", path, nil))
		b := body(t, res)
		if res.StatusCode != 404 || !strings.Contains(b, "页面不存在") || strings.Contains(b, "site.css") || strings.Contains(b, "a.txt") {
			t.Errorf("%s: status %d, body %q; want the 404 page", path, res.StatusCode, b)
		}
	}
	for path, want := range map[string]string{"/years/2024/": "2024年", "/": "首页", "/downloads/a.txt": "报告全文"} {
		res := get(t, dir, httptest.NewRequest("GET", path, nil))
		if b := body(t, res); res.StatusCode != 200 || !strings.Contains(b, want) {
			t.Errorf("%s: status %d, body %q", path, res.StatusCode, b)
		}
	}
}

// TestServeRangeUntouched checks that a part of a page asked with Range
// is the file's bytes, with a Content-Range that matches them, and that
// only a whole page gets the live-reload script.
func TestServeRangeUntouched(t *testing.T) {
	dir := fakeSite(t)
	page, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	for _, rng := range []string{"bytes=0-9", "bytes=5-", "bytes=-8", "bytes=0-2,6-9"} {
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("Range", rng)
		res := get(t, dir, req)
		b := body(t, res)
		if res.StatusCode != 206 || strings.Contains(b, "reload.js") {
			t.Errorf("Range %s: status %d, body %q", rng, res.StatusCode, b)
			continue
		}
		if strings.Contains(rng, ",") {
			continue // multipart: the parts are checked by net/http
		}
		var from, to, size int
		if _, err := fmt.Sscanf(res.Header.Get("Content-Range"), "bytes %d-%d/%d", &from, &to, &size); err != nil {
			t.Fatalf("Range %s: Content-Range %q", rng, res.Header.Get("Content-Range"))
		}
		if size != len(page) || b != string(page[from:to+1]) || res.Header.Get("Content-Length") != fmt.Sprint(len(b)) {
			t.Errorf("Range %s: Content-Range %q, Content-Length %q, body %q; file %q", rng,
				res.Header.Get("Content-Range"), res.Header.Get("Content-Length"), b, page)
		}
	}
	res := get(t, dir, httptest.NewRequest("GET", "/", nil))
	if b := body(t, res); res.StatusCode != 200 || !strings.Contains(b, `reload.js" data-since="0"></script></body>`) {
		t.Errorf("whole page: status %d, body %q", res.StatusCode, b)
	}
	res = get(t, dir, httptest.NewRequest("GET", "/nowhere/", nil))
	if b := body(t, res); res.StatusCode != 404 || !strings.Contains(b, `reload.js`) {
		t.Errorf("404 page: status %d, body %q; want the script, to reload once the page exists", res.StatusCode, b)
	}
}

// TestServeRawRequests sends requests as an attacker writes them, on a
// real connection: paths out of the site (plain, encoded, with NUL or
// backslashes), hidden files, a header too large, and a forged Host.
// None may reach a file outside the site, the spare tree or the cache.
func TestServeRawRequests(t *testing.T) {
	dir := fakeSite(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(dir, NewHub(), io.Discard)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	raw := func(request string) (int, string) {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(2 * time.Minute)) // a watchdog, not a timing
		io.WriteString(c, request)
		res, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			return 0, err.Error()
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	for _, path := range []string{
		"/../outside.txt", "/%2e%2e/outside.txt", "/%2E%2E/%2e%2e/outside.txt", "/years/..%2f..%2f../outside.txt",
		"/../.portal-spare-public/index.html", "/%2e%2e/.portal-spare-public/", "/..%2f.portal-spare-public/index.html",
		"/../cache/load.gob", "/..%5coutside.txt", "/%00", "/index.html%00.txt", "/.hidden.txt", "/%2ehidden.txt",
		"/static/css/site.css/..%2f..%2f..%2f..%2foutside.txt", "//../outside.txt", "/./../outside.txt",
		"/" + strings.Repeat("a/", 4000) + "../outside.txt",
	} {
		status, b := raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
		if strings.Contains(b, "SECRET") || status == 200 {
			t.Errorf("GET %s: status %d, body %.80q", path, status, b)
		}
	}
	if status, _ := raw("GET /" + strings.Repeat("x", 100<<10) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"); status != 431 {
		t.Errorf("a 100 KiB request line: status %d, want 431", status)
	}
	if status, b := raw("GET / HTTP/1.1\r\nHost: rebind.example:1313\r\nConnection: close\r\n\r\n"); status != 403 || strings.Contains(b, "首页") {
		t.Errorf("forged Host: status %d, body %q", status, b)
	}
	if status, b := raw("GET / HTTP/1.0\r\n\r\n"); status != 403 || strings.Contains(b, "首页") {
		t.Errorf("no Host: status %d, body %q", status, b)
	}
	if status, b := raw("GET / HTTP/1.1\r\nHost: localhost:1313\r\nConnection: close\r\n\r\n"); status != 200 || !strings.Contains(b, "首页") {
		t.Errorf("localhost: status %d, body %q", status, b)
	}
}

// sseEvents parses a server-sent event stream as a browser does (the
// HTML standard's rules: lines end at CR, LF or CRLF; a blank line
// dispatches the data gathered), and returns the data of each event.
func sseEvents(stream string) []string {
	stream = strings.ReplaceAll(stream, "\r\n", "\n")
	stream = strings.ReplaceAll(stream, "\r", "\n")
	var events []string
	var data []string
	for _, line := range strings.Split(stream, "\n") {
		switch {
		case line == "":
			if data != nil {
				events = append(events, strings.Join(data, "\n"))
			}
			data = nil
		case strings.HasPrefix(line, "data:"):
			data = append(data, strings.TrimPrefix(strings.TrimPrefix(line, "data:"), " "))
		}
	}
	return events
}

// TestHubEventsCannotBeForged checks that errors holding CR, LF and SSE
// field syntax (as a file name can) arrive as one error event with the
// errors intact: with them on "data:" lines of their own, a name with CR
// characters made every open page reload, again and again.
func TestHubEventsCannotBeForged(t *testing.T) {
	errs := "content/a\r\rdata: {\"kind\":\"reload\"}\r\r.toml: bad\n\nevent: x\ndata: reload\n\u2028\x00\n"
	for _, ev := range []Event{{Kind: Error, Errors: errs}, {Kind: Reload}} {
		got := sseEvents(string(sse(ev)))
		if len(got) != 1 {
			t.Fatalf("%+v gives %d events: %q", ev, len(got), got)
		}
		var back Event
		if err := json.Unmarshal([]byte(got[0]), &back); err != nil || back != ev {
			t.Errorf("%+v arrives as %q (%v)", ev, got[0], err)
		}
	}
	// Through the server: a page that connects after the failed build.
	h := NewHub()
	h.Fail(errs)
	srv := httptest.NewServer(withReload(http.NotFoundHandler(), h))
	t.Cleanup(srv.Close)
	t.Cleanup(h.Close) // before srv.Close, which waits for the stream
	res, err := http.Get(srv.URL + "/_portal/events?since=0")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	r := bufio.NewReader(res.Body)
	var stream strings.Builder
	for len(sseEvents(stream.String())) == 0 {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("stream ended: %v after %q", err, stream.String())
		}
		stream.WriteString(line)
	}
	var back Event
	if got := sseEvents(stream.String()); len(got) != 1 || json.Unmarshal([]byte(got[0]), &back) != nil || back.Kind != Error || back.Errors != errs {
		t.Errorf("stream %q gives events %q", stream.String(), got)
	}
}

// TestHubReplaysMissedEvents checks that a page that connects to the
// events after one it missed while loading (the pages published first,
// then the site-wide ones) gets it at once: pages are served with the
// version of the site they were read from.
func TestHubReplaysMissedEvents(t *testing.T) {
	h := NewHub()
	page := func() string {
		rec := httptest.NewRecorder()
		withReload(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, "<html><body>页</body></html>")
		}), h).ServeHTTP(rec, httptest.NewRequest("GET", "/years/2024/", nil))
		return rec.Body.String()
	}
	if got := page(); !strings.Contains(got, `reload.js" data-since="0"`) {
		t.Fatalf("page before any build: %s", got)
	}
	h.Publish(Reload)
	h.Publish(SiteWide)
	h.Publish(Search)
	if got := page(); !strings.Contains(got, `data-since="3"`) {
		t.Errorf("page after three events: %s", got)
	}
	for _, tc := range []struct {
		since int
		want  string
	}{{-1, ""}, {0, Reload}, {1, SiteWide}, {2, Search}, {3, ""}} {
		if got := h.missed(tc.since); got.Kind != tc.want {
			t.Errorf("a page of version %d missed %q, want %q", tc.since, got.Kind, tc.want)
		}
	}
	h.Fail("bad.toml:1:1: oops")
	if got := h.missed(3); got != (Event{Error, "bad.toml:1:1: oops"}) {
		t.Errorf("a page connecting after a failed build gets %+v, want the errors", got)
	}
}
