// Package s3test starts, for tests, a real S3-compatible server on the
// loopback interface: versitygw (bash .ci/install-s3server builds it),
// shared by the tests of a process, its buckets in a temporary folder.
// Tests that need it skip, naming the missing server, unless
// PORTAL_REQUIRE_TOOLS=1.
package s3test

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
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
	Access = "portaltest"
	Secret = "portal-secret-7Hq2Zx9Kw4"
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

// Stop stops the server, if started, and removes its buckets: call it
// from the TestMain of a package whose tests use it.
func Stop() {
	if c := s3Server.cmd; c != nil {
		c.Process.Kill()
		c.Wait()
	}
	if s3Server.dir != "" {
		os.RemoveAll(s3Server.dir)
	}
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

// Need returns the endpoint of the shared server, starting it the
// first time; a test skips when versitygw is missing, unless
// PORTAL_REQUIRE_TOOLS=1.
func Need(t testing.TB) string {
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
	cmd := exec.Command(bin, "--port", addr, "--access", Access, "--secret", Secret, "--quiet",
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

// Client is a client of the server with the right credentials, to
// make buckets and look at them, not the deploy's.
func Client(t testing.TB, endpoint string) *minio.Client {
	t.Helper()
	u, _ := url.Parse(endpoint)
	c, err := minio.New(u.Host, &minio.Options{Creds: credentials.NewStaticV4(Access, Secret, ""), BucketLookup: minio.BucketLookupPath, Region: config.DefaultRegion})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var bucketSeq atomic.Int64

// NewBucket makes an empty bucket on the server and returns a target for
// it through endpoint (the server's, or a proxy's).
func NewBucket(t testing.TB, endpoint, proxied string) config.Target {
	t.Helper()
	name := fmt.Sprintf("site-%d-%d", os.Getpid(), bucketSeq.Add(1))
	if err := Client(t, endpoint).MakeBucket(context.Background(), name, minio.MakeBucketOptions{}); err != nil {
		t.Fatal(err)
	}
	return config.Target{Name: "test", Endpoint: proxied, Bucket: name, Region: config.DefaultRegion, PathStyle: true}
}

// SetCredentials puts the server's credentials where a deploy reads them.
func SetCredentials(t testing.TB, access, secret string) {
	t.Setenv("AWS_ACCESS_KEY_ID", access)
	t.Setenv("AWS_SECRET_ACCESS_KEY", secret)
	t.Setenv("AWS_SESSION_TOKEN", "")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_PROFILE", "")
}
