package deploy

import (
	"cmp"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"portal/generator/internal/config"
	"portal/generator/internal/s3test"
)

// The test server (s3test), under the names these tests use.
const (
	testAccess = s3test.Access
	testSecret = s3test.Secret
)

func TestMain(m *testing.M) {
	code := m.Run()
	s3test.Stop()
	os.Exit(code)
}

func needServer(t testing.TB) string { return s3test.Need(t) }

func testClient(t testing.TB, endpoint string) *minio.Client { return s3test.Client(t, endpoint) }

func newBucket(t testing.TB, endpoint, proxied string) config.Target {
	return s3test.NewBucket(t, endpoint, proxied)
}

func setCredentials(t testing.TB, access, secret string) { s3test.SetCredentials(t, access, secret) }

// request is one request the proxy passed on.
type request struct {
	Method, Key   string
	Status        int
	Start, End    int64 // order of the request's start and end among all events
	ContentLength int64
}

// proxy sits between a deploy and the server: it records every request,
// and can refuse or fail some, or call a function after each successful
// PUT of a site's file.
type proxy struct {
	*httptest.Server
	bucket string

	mu       sync.Mutex
	clock    int64
	requests []*request
	// fail, when set, answers a request instead of the server: it returns
	// the status and S3 error code to answer, or 0.
	fail func(method, key string) (int, string)
	// afterPut, when set, is called after each PUT the server accepted,
	// but the manifest's, with how many there were.
	afterPut func(n int)
	puts     int
	delay    time.Duration // before passing on each PUT
	message  string        // the message of the errors fail answers
}

func newProxy(t testing.TB, endpoint string) *proxy {
	u, _ := url.Parse(endpoint)
	p := &proxy{}
	rp := httputil.NewSingleHostReverseProxy(u)
	rp.ErrorLog = log.New(io.Discard, "", 0) // requests a test cancels
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := strings.TrimPrefix(r.URL.Path, "/")
		if _, rest, ok := strings.Cut(key, "/"); ok {
			key = rest
		} else {
			key = ""
		}
		p.mu.Lock()
		p.clock++
		req := &request{Method: r.Method, Key: key, Start: p.clock, ContentLength: r.ContentLength}
		p.requests = append(p.requests, req)
		fail, message := p.fail, cmp.Or(p.message, "refused by the test")
		delay := p.delay
		p.mu.Unlock()
		if r.Method == http.MethodPut && delay > 0 {
			time.Sleep(delay)
		}
		rec := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		if status, code := 0, ""; fail != nil {
			if status, code = fail(r.Method, key); status != 0 {
				io.Copy(io.Discard, r.Body)
				w.Header().Set("Content-Type", "application/xml")
				w.WriteHeader(status)
				fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>%s</Message><Resource>/%s</Resource></Error>`, code, message, key)
				rec.status = status
			}
		}
		if rec.status == http.StatusOK {
			rp.ServeHTTP(rec, r)
		}
		p.mu.Lock()
		p.clock++
		req.End, req.Status = p.clock, rec.status
		var after func(int)
		if r.Method == http.MethodPut && rec.status == http.StatusOK && key != ManifestName && !strings.Contains(r.URL.RawQuery, "uploadId") {
			p.puts++
			after = p.afterPut
		}
		n := p.puts
		p.mu.Unlock()
		if after != nil {
			after(n)
		}
	}))
	t.Cleanup(p.Close)
	return p
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// log returns the requests so far (those still going as they are now)
// and forgets them.
func (p *proxy) log() []request {
	p.mu.Lock()
	defer p.mu.Unlock()
	rs := make([]request, len(p.requests))
	for i, r := range p.requests {
		rs[i] = *r
	}
	p.requests = nil
	p.puts = 0
	return rs
}

// methods counts the requests of each method.
func methods(rs []request) map[string]int {
	m := map[string]int{}
	for _, r := range rs {
		m[r.Method]++
	}
	return m
}

// putKeys returns the keys of the successful PUTs, sorted.
func putKeys(rs []request) []string {
	var keys []string
	for _, r := range rs {
		if r.Method == http.MethodPut && r.Status == http.StatusOK {
			keys = append(keys, r.Key)
		}
	}
	sort.Strings(keys)
	return keys
}
