package deploy

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"portal/generator/internal/config"
)

// The test server's credentials: the secret is distinctive, so that a
// message holding it is found.
const (
	testAccess = "portaltest"
	testSecret = "portal-secret-7Hq2Zx9Kw4"
)

// s3Server is the S3-compatible server the tests share: versitygw on a
// free loopback port, its buckets in a temporary directory.
var s3Server struct {
	once     sync.Once
	endpoint string // http://127.0.0.1:port
	err      error
	skip     string
	cmd      *exec.Cmd
	dir      string
}

func TestMain(m *testing.M) {
	code := m.Run()
	if c := s3Server.cmd; c != nil {
		c.Process.Kill()
		c.Wait()
	}
	if s3Server.dir != "" {
		os.RemoveAll(s3Server.dir)
	}
	os.Exit(code)
}

// serverBinary finds versitygw: PORTAL_S3_SERVER, then PATH, then where
// .ci/install-s3server puts it.
func serverBinary() string {
	if p := os.Getenv("PORTAL_S3_SERVER"); p != "" {
		return p
	}
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p
	}
	if dir, err := os.UserCacheDir(); err == nil {
		p := filepath.Join(dir, "portal", "bin", "versitygw")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// needServer returns the endpoint of the shared server, starting it the
// first time; a test skips when versitygw is missing, unless
// PORTAL_REQUIRE_TOOLS=1.
func needServer(t testing.TB) string {
	t.Helper()
	s3Server.once.Do(startServer)
	if s3Server.skip != "" {
		if os.Getenv("PORTAL_REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s (PORTAL_REQUIRE_TOOLS=1)", s3Server.skip)
		}
		t.Skip(s3Server.skip)
	}
	if s3Server.err != nil {
		t.Fatal(s3Server.err)
	}
	return s3Server.endpoint
}

func startServer() {
	bin := serverBinary()
	if bin == "" {
		s3Server.skip = "the S3 server versitygw is not installed: run bash .ci/install-s3server, or set PORTAL_S3_SERVER to its path"
		return
	}
	dir, err := os.MkdirTemp("", "portal-s3-")
	if err != nil {
		s3Server.err = err
		return
	}
	s3Server.dir = dir
	for _, d := range []string{"data", "meta"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			s3Server.err = err
			return
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		s3Server.err = err
		return
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(bin, "--port", addr, "--access", testAccess, "--secret", testSecret, "--quiet",
		"posix", "--sidecar", filepath.Join(dir, "meta"), filepath.Join(dir, "data"))
	logFile, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		s3Server.err = err
		return
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = serverAttr()
	if err := cmd.Start(); err != nil {
		s3Server.err = fmt.Errorf("starting %s: %v", bin, err)
		return
	}
	s3Server.cmd = cmd
	for range 200 {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			s3Server.endpoint = "http://" + addr
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	out, _ := os.ReadFile(filepath.Join(dir, "server.log"))
	s3Server.err = fmt.Errorf("%s did not start listening on %s:\n%s", bin, addr, out)
}

// testClient is a client of the server with the right credentials, to
// make buckets and look at them, not the deploy's.
func testClient(t testing.TB, endpoint string) *minio.Client {
	t.Helper()
	u, _ := url.Parse(endpoint)
	c, err := minio.New(u.Host, &minio.Options{Creds: credentials.NewStaticV4(testAccess, testSecret, ""), BucketLookup: minio.BucketLookupPath, Region: config.DefaultRegion})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var bucketSeq atomic.Int64

// newBucket makes an empty bucket on the server and returns a target for
// it through endpoint (the server's, or a proxy's).
func newBucket(t testing.TB, endpoint, proxied string) config.Target {
	t.Helper()
	name := fmt.Sprintf("site-%d-%d", os.Getpid(), bucketSeq.Add(1))
	if err := testClient(t, endpoint).MakeBucket(context.Background(), name, minio.MakeBucketOptions{}); err != nil {
		t.Fatal(err)
	}
	return config.Target{Name: "test", Endpoint: proxied, Bucket: name, Region: config.DefaultRegion, PathStyle: true}
}

// setCredentials puts the server's credentials where a deploy reads them.
func setCredentials(t testing.TB, access, secret string) {
	t.Setenv("AWS_ACCESS_KEY_ID", access)
	t.Setenv("AWS_SECRET_ACCESS_KEY", secret)
	t.Setenv("AWS_SESSION_TOKEN", "")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_PROFILE", "")
}

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
