package deploy

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestErrors checks the one-line message of each way a deploy fails: it
// names the target, the bucket and the endpoint, says what is wrong in
// words, never holds the secret, and nothing is deleted.
func TestErrors(t *testing.T) {
	endpoint := needServer(t)
	px := newProxy(t, endpoint)
	dir := filepath.Join(t.TempDir(), "public")
	files := fakeSite()
	writeSite(t, dir, files)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String()
	l.Close()

	for _, tc := range []struct {
		name, access, secret string
		target               func() (string, string) // endpoint, bucket
		fail                 func(method, key string) (int, string)
		message              string // of the proxy's errors
		want                 string
	}{
		{name: "wrong secret", access: testAccess, secret: "wrong-secret-Zq81",
			want: "wrong credentials (SignatureDoesNotMatch): the bucket does not accept the access key or secret it was given: set AWS_ACCESS_KEY_ID"},
		{name: "unknown access key", access: "nobody", secret: testSecret,
			want: "wrong credentials (XAdminUserNotFound): the bucket does not accept"}, // S3 says InvalidAccessKeyId
		{name: "missing bucket", access: testAccess, secret: testSecret,
			target: func() (string, string) { return px.URL, "no-such-bucket" },
			want:   "(bucket no-such-bucket at " + px.URL + "): the bucket does not exist"},
		{name: "unreachable endpoint", access: testAccess, secret: testSecret,
			target: func() (string, string) { return closed, "site" },
			want:   "at " + closed + "): cannot list the bucket: the endpoint cannot be reached (dial tcp " + closed[len("http://"):] + ": connect: connection refused)"},
		{name: "refused upload", access: testAccess, secret: testSecret,
			fail: func(method, key string) (int, string) {
				if method == http.MethodPut && key == "years/index.html" {
					return http.StatusForbidden, "AccessDenied"
				}
				return 0, ""
			},
			want: "): access denied: the credentials may not upload years/index.html"},
		{name: "upload refused for a reason of its own", access: testAccess, secret: testSecret,
			fail: func(method, key string) (int, string) {
				if method == http.MethodPut && key == "static/css/site.css" {
					return http.StatusBadRequest, "EntityTooLarge"
				}
				return 0, ""
			},
			want: "): cannot upload static/css/site.css: refused by the test (EntityTooLarge, HTTP 400)"},
		{name: "a server quoting the secret", access: testAccess, secret: testSecret,
			fail: func(method, key string) (int, string) {
				if method == http.MethodPut {
					return http.StatusBadRequest, "InvalidArgument"
				}
				return 0, ""
			},
			message: "the secret " + testSecret + " is wrong\nsee the log",
			want:    "): cannot upload static/css/site.css: the secret [redacted] is wrong\\nsee the log (InvalidArgument, HTTP 400)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			target := newBucket(t, endpoint, px.URL)
			setCredentials(t, testAccess, testSecret)
			mustDeploy(t, target, dir)
			delete(files, "robots.txt") // which the failed deploy must not delete
			files["years/index.html"] += tc.name
			files["static/css/site.css"] += "/*" + tc.name + "*/"
			resetSite(t, dir, files)
			setCredentials(t, tc.access, tc.secret)
			if tc.target != nil {
				target.Endpoint, target.Bucket = tc.target()
			}
			px.mu.Lock()
			px.fail, px.message = tc.fail, tc.message
			px.mu.Unlock()
			defer func() {
				px.mu.Lock()
				px.fail, px.message = nil, ""
				px.mu.Unlock()
			}()
			px.log()
			_, err := deployOnce(context.Background(), t, target, dir)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "deploy to test (bucket ") || !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Errorf("%s\nwant %q", msg, tc.want)
			}
			if strings.Contains(msg, testSecret) || strings.Contains(msg, tc.secret) {
				t.Errorf("the secret is in the message: %s", msg)
			}
			for _, r := range px.log() {
				if r.Method == http.MethodDelete || r.Method == http.MethodPost || strings.HasSuffix(r.Key, ManifestName) && r.Method == http.MethodPut {
					t.Errorf("after a failure: %s %s", r.Method, r.Key)
				}
			}
			files["robots.txt"] = "User-agent: *\n"
			resetSite(t, dir, files)
		})
	}
}

// TestCredentials checks where a deploy finds credentials: none is an
// error saying where they go; the shared credentials file and its
// profiles work.
func TestCredentials(t *testing.T) {
	endpoint := needServer(t)
	dir := filepath.Join(t.TempDir(), "public")
	writeSite(t, dir, fakeSite())
	target := newBucket(t, endpoint, endpoint)

	setCredentials(t, "", "")
	t.Setenv("AWS_PROFILE", "portal")
	if _, err := Open(target); err == nil || err.Error() != "deploy target test: no credentials found (AWS_PROFILE=portal): set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) in the environment, or put them in ~/.aws/credentials and choose the profile with AWS_PROFILE" {
		t.Errorf("no credentials: %v", err)
	}
	t.Setenv("AWS_ACCESS_KEY_ID", testAccess) // a key without its secret
	if _, err := Open(target); err == nil || !strings.Contains(err.Error(), "no credentials found") {
		t.Errorf("no secret: %v", err)
	}
	t.Setenv("AWS_ACCESS_KEY_ID", "")

	file := filepath.Join(t.TempDir(), "credentials")
	os.WriteFile(file, []byte("[default]\naws_access_key_id = nobody\naws_secret_access_key = nothing-here\n\n[portal]\naws_access_key_id = "+testAccess+"\naws_secret_access_key = "+testSecret+"\n"), 0o600)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", file)
	sum := mustDeploy(t, target, dir)
	if sum.Uploaded != len(fakeSite()) {
		t.Errorf("with the file's profile: %s", sum)
	}
	t.Setenv("AWS_PROFILE", "")
	if _, err := deployOnce(context.Background(), t, target, dir); err == nil || !strings.Contains(err.Error(), "wrong credentials") {
		t.Errorf("the file's default profile: %v", err)
	}
}

// TestRetries checks that uploads the server answers with a passing
// error (503 SlowDown), twice for each file, are tried again.
func TestRetries(t *testing.T) {
	endpoint := needServer(t)
	setCredentials(t, testAccess, testSecret)
	px := newProxy(t, endpoint)
	target := newBucket(t, endpoint, px.URL)
	dir := filepath.Join(t.TempDir(), "public")
	files := fakeSite()
	writeSite(t, dir, files)
	var (
		mu      sync.Mutex
		seen    = map[string]int{}
		refused int
	)
	px.mu.Lock()
	px.fail = func(method, key string) (int, string) {
		mu.Lock()
		defer mu.Unlock()
		if method != http.MethodPut {
			return 0, ""
		}
		if seen[key]++; seen[key] <= 2 {
			refused++
			return http.StatusServiceUnavailable, "SlowDown"
		}
		return 0, ""
	}
	px.mu.Unlock()
	sum := mustDeploy(t, target, dir)
	if sum.Uploaded != len(files) || refused != 2*(len(files)+1) {
		t.Errorf("%s; %d refused", sum, refused)
	}
	sameFiles(t, bucketFiles(t, endpoint, target), files)
}

// TestSiteChanged checks that a file changed after the deploy read the
// site (a build meanwhile) stops the deploy before it is sent.
func TestSiteChanged(t *testing.T) {
	endpoint := needServer(t)
	setCredentials(t, testAccess, testSecret)
	px := newProxy(t, endpoint)
	target := newBucket(t, endpoint, px.URL)
	dir := filepath.Join(t.TempDir(), "public")
	writeSite(t, dir, fakeSite())
	b, err := Open(target)
	if err != nil {
		t.Fatal(err)
	}
	s := readSite(t, dir)
	p, err := b.Plan(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("another build"), 0o644)
	_, err = b.Run(context.Background(), p, Options{})
	if err == nil || err.Error() != filepath.Join(dir, "index.html")+": changed since the deploy read it (a build ran meanwhile): deploy again" {
		t.Errorf("%v", err)
	}
	for _, r := range px.log() {
		if r.Key == "index.html" || r.Key == ManifestName && r.Method == http.MethodPut {
			t.Errorf("sent %s %s", r.Method, r.Key)
		}
	}
}

// TestProgress checks the progress line a terminal gets: files and bytes
// sent out of all, rewritten in place, ended by a newline.
func TestProgress(t *testing.T) {
	endpoint := needServer(t)
	setCredentials(t, testAccess, testSecret)
	target := newBucket(t, endpoint, endpoint)
	dir := filepath.Join(t.TempDir(), "public")
	files := fakeSite()
	writeSite(t, dir, files)
	b, err := Open(target)
	if err != nil {
		t.Fatal(err)
	}
	p, err := b.Plan(context.Background(), readSite(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if _, err := b.Run(context.Background(), p, Options{Progress: &out}); err != nil {
		t.Fatal(err)
	}
	total := formatBytes(p.Bytes())
	want := fmt.Sprintf("\ruploading: %d/%d files, %s/%s\x1b[K\n", len(files), len(files), total, total)
	if got := out.String(); !strings.HasSuffix(got, want) || !strings.HasPrefix(got, "\ruploading: ") || strings.Count(got, "\n") != 1 {
		t.Errorf("progress %q\nwant it to end with %q", got, want)
	}
}
