package deploy

import (
	"bytes"
	"context"
	"errors"
	"io"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"portal/generator/internal/config"
	"portal/generator/internal/diag"
)

// deployOnce plans and runs a deploy of dir to t with opts.
func deployOnce(ctx context.Context, t testing.TB, target config.Target, dir string) (Summary, error) {
	t.Helper()
	b, err := Open(target)
	if err != nil {
		return Summary{}, err
	}
	s, err := ReadSite(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := b.Plan(ctx, s)
	if err != nil {
		return Summary{}, err
	}
	return b.Run(ctx, p, Options{})
}

// mustDeploy deploys dir and fails the test on an error.
func mustDeploy(t testing.TB, target config.Target, dir string) Summary {
	t.Helper()
	sum, err := deployOnce(context.Background(), t, target, dir)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// bucketFiles returns the bucket's objects under the target's prefix
// (the manifest apart) with their bytes, read with GET.
func bucketFiles(t testing.TB, endpoint string, target config.Target) map[string]string {
	t.Helper()
	c := testClient(t, endpoint)
	ctx := context.Background()
	got := map[string]string{}
	for o := range c.ListObjects(ctx, target.Bucket, minio.ListObjectsOptions{Prefix: target.Prefix, Recursive: true}) {
		if o.Err != nil {
			t.Fatal(o.Err)
		}
		p := strings.TrimPrefix(o.Key, target.Prefix)
		if p == ManifestName {
			continue
		}
		obj, err := c.GetObject(ctx, target.Bucket, o.Key, minio.GetObjectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(obj)
		obj.Close()
		if err != nil {
			t.Fatal(err)
		}
		got[p] = string(b)
	}
	return got
}

// sameFiles reports the differences between the bucket and the site.
func sameFiles(t testing.TB, got, want map[string]string) {
	t.Helper()
	for _, p := range slices.Sorted(maps.Keys(want)) {
		if g, ok := got[p]; !ok {
			t.Errorf("bucket lacks %s", p)
		} else if g != want[p] {
			t.Errorf("bucket's %s = %.40q, want %.40q", p, g, want[p])
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("bucket has %s, the site does not", p)
		}
	}
}

// TestDeploy deploys a site, deploys it again unchanged (nothing sent),
// changes, adds and removes files (only those sent; the removed deleted
// after the manifest is written), checking that the bucket holds the
// site each time, and that each step's uploads end before the next
// step's begin.
func TestDeploy(t *testing.T) {
	endpoint := needServer(t)
	setCredentials(t, testAccess, testSecret)
	px := newProxy(t, endpoint)
	for _, prefix := range []string{"", "fzbg/2025/"} {
		t.Run("prefix="+prefix, func(t *testing.T) {
			target := newBucket(t, endpoint, px.URL)
			target.Prefix = prefix
			dir := filepath.Join(t.TempDir(), "public")
			files := fakeSite()
			writeSite(t, dir, files)
			px.log()

			sum := mustDeploy(t, target, dir)
			rs := px.log()
			if sum.Uploaded != len(files) || sum.Unchanged != 0 || sum.Deleted != 0 || sum.Bytes == 0 {
				t.Errorf("first deploy: %s", sum)
			}
			sameFiles(t, bucketFiles(t, endpoint, target), files)
			checkSteps(t, rs)

			sum = mustDeploy(t, target, dir)
			if rs := px.log(); sum.Uploaded != 0 || sum.Unchanged != len(files) || methods(rs)["PUT"]+methods(rs)["HEAD"] != 0 || methods(rs)["DELETE"]+methods(rs)["POST"] != 0 {
				t.Errorf("unchanged: %s; requests %v", sum, methods(rs))
			}

			files["static/css/site.css"] = "body{margin:1px}"
			files["counties/410423/gonganju-2024/index.html"] = page("公安局", "static/css/site.css")
			files["counties/410423/index.html"] = page("鲁山县", "counties/410423/gonganju-2024/index.html")
			delete(files, "years/2024/index.html")
			delete(files, "search/2024/docs.bin")
			files["years/index.html"] = page("年度")
			resetSite(t, dir, files)
			sum = mustDeploy(t, target, dir)
			rs = px.log()
			want := []string{prefix + ManifestName, prefix + "counties/410423/gonganju-2024/index.html", prefix + "counties/410423/index.html", prefix + "static/css/site.css", prefix + "years/index.html"}
			if got := putKeys(rs); !slices.Equal(got, want) || sum.Uploaded != 4 || sum.Deleted != 2 || sum.Unchanged != len(files)-4 {
				t.Errorf("re-deploy: %s; sent %q\nwant %q", sum, got, want)
			}
			sameFiles(t, bucketFiles(t, endpoint, target), files)
			checkSteps(t, rs)
		})
	}
}

// checkSteps checks from the proxy's log that the uploads of each step
// ended before any of a later step began, the manifest after them all,
// and the deletions after the manifest.
func checkSteps(t testing.TB, rs []request) {
	t.Helper()
	var puts []request
	var manifest request
	for _, r := range rs {
		switch {
		case r.Method == http.MethodPut && strings.HasSuffix(r.Key, ManifestName):
			manifest = r
		case r.Method == http.MethodPut:
			puts = append(puts, r)
		}
	}
	prefix := func(k string) string {
		if i := strings.Index(k, "fzbg/2025/"); i == 0 {
			return k[len("fzbg/2025/"):]
		}
		return k
	}
	for _, a := range puts {
		for _, b := range puts {
			if step(prefix(a.Key)) < step(prefix(b.Key)) && a.End > b.Start {
				t.Errorf("%s (step %d) still going when %s (step %d) began", a.Key, step(prefix(a.Key)), b.Key, step(prefix(b.Key)))
			}
		}
		if a.End > manifest.Start {
			t.Errorf("%s still going when the manifest was written", a.Key)
		}
	}
	for _, r := range rs {
		if (r.Method == http.MethodDelete || r.Method == http.MethodPost) && r.Start < manifest.End {
			t.Errorf("%s %s before the manifest was written", r.Method, r.Key)
		}
	}
}

// TestServedHeaders reads the deployed site back with GET, HEAD and a
// range request, as a browser would through the bucket.
func TestServedHeaders(t *testing.T) {
	endpoint := needServer(t)
	setCredentials(t, testAccess, testSecret)
	target := newBucket(t, endpoint, endpoint)
	dir := filepath.Join(t.TempDir(), "public")
	files := fakeSite()
	writeSite(t, dir, files)
	mustDeploy(t, target, dir)
	c := testClient(t, endpoint)
	ctx := context.Background()
	for _, tc := range []struct{ path, typ, cache string }{
		{"index.html", "text/html; charset=utf-8", CacheShort},
		{"counties/410423/xinfangju-2024/index.html", "text/html; charset=utf-8", CacheShort},
		{"counties/410423/xinfangju-2024/xinfangju-2024.txt", "text/plain; charset=gb18030", CacheDefault},
		{"static/css/site.css", "text/css; charset=utf-8", CacheDefault},
		{"static/js/site.0123abcd.js", "text/javascript; charset=utf-8", CacheImmutable},
		{"static/js/echarts-6.1.0/echarts.common.min.js", "text/javascript; charset=utf-8", CacheDefault},
		{"static/js/echarts-6.1.0/LICENSE", "text/plain; charset=utf-8", CacheDefault},
		{"static/favicon.svg", "image/svg+xml; charset=utf-8", CacheDefault},
		{"search/index.json", "application/json; charset=utf-8", CacheShort},
		{"search/2024/docs.bin", "application/octet-stream", CacheShort},
		{"data/metrics.csv", "text/csv; charset=utf-8", CacheShort},
		{"atom.xml", "application/atom+xml; charset=utf-8", CacheShort},
		{"sitemap.xml", "application/xml; charset=utf-8", CacheShort},
		{".well-known/security.txt", "text/plain; charset=utf-8", CacheDefault},
	} {
		info, err := c.StatObject(ctx, target.Bucket, tc.path, minio.StatObjectOptions{}) // HEAD
		if err != nil {
			t.Errorf("HEAD %s: %v", tc.path, err)
			continue
		}
		obj, err := c.GetObject(ctx, target.Bucket, tc.path, minio.GetObjectOptions{}) // GET
		if err != nil {
			t.Fatal(err)
		}
		got, err := obj.Stat()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(obj)
		obj.Close()
		for _, h := range []minio.ObjectInfo{info, got} {
			if h.ContentType != tc.typ || h.Metadata.Get("Cache-Control") != tc.cache || h.Size != int64(len(files[tc.path])) {
				t.Errorf("%s: Content-Type %q, Cache-Control %q, %d bytes\nwant %q, %q, %d", tc.path, h.ContentType, h.Metadata.Get("Cache-Control"), h.Size, tc.typ, tc.cache, len(files[tc.path]))
			}
		}
		if string(body) != files[tc.path] {
			t.Errorf("GET %s: other bytes", tc.path)
		}
	}
	for _, hidden := range []string{".portal-site", ".DS_Store", "static/.hidden.css", ".git/config"} {
		if _, err := c.StatObject(ctx, target.Bucket, hidden, minio.StatObjectOptions{}); minio.ToErrorResponse(err).Code != "NoSuchKey" {
			t.Errorf("%s deployed: %v", hidden, err)
		}
	}
	// The search client reads shards in byte ranges.
	opts := minio.GetObjectOptions{}
	opts.SetRange(2, 9)
	obj, err := c.GetObject(ctx, target.Bucket, "search/2024/docs.bin", opts)
	if err != nil {
		t.Fatal(err)
	}
	defer obj.Close()
	got, err := io.ReadAll(obj)
	if err != nil || string(got) != files["search/2024/docs.bin"][2:10] {
		t.Errorf("bytes 2-9: %q, %v; want %q", got, err, files["search/2024/docs.bin"][2:10])
	}
}

// TestInterrupted stops deploys of a changed site after n uploads, for
// several n, and checks that the bucket then serves a site without broken
// links and without deletions, and that the next deploy makes it equal
// to the site.
func TestInterrupted(t *testing.T) {
	endpoint := needServer(t)
	setCredentials(t, testAccess, testSecret)
	px := newProxy(t, endpoint)
	v1 := fakeSite()
	v2 := maps.Clone(v1)
	v2["static/css/site.css"] = "body{margin:2px}"
	v2["static/js/search.js"] = "fetch('/search/index.json') // 2"
	v2["search/2024/docs.bin"] = strings.Repeat("\x07", 900)
	v2["search/index.json"] = `{"version":2,"shards":[{"name":"2024"},{"name":"2025"}]}`
	v2["search/2025/docs.bin"] = strings.Repeat("\x08", 300)
	for _, slug := range []string{"gonganju-2025", "sifaju-2025", "minzhengju-2025"} {
		dir := "counties/410423/" + slug + "/"
		v2[dir+"index.html"] = page(slug, "static/css/site.css", dir+slug+".txt")
		v2[dir+slug+".txt"] = slug + " 报告"
	}
	v2["counties/410423/index.html"] = page("鲁山县", "counties/410423/gonganju-2025/index.html", "counties/410423/sifaju-2025/index.html", "counties/410423/minzhengju-2025/index.html")
	v2["years/2025/index.html"] = page("2025", "counties/410423/sifaju-2025/index.html")
	v2["years/index.html"] = page("年度", "years/2025/index.html")
	v2["index.html"] = page("首页", "years/2025/index.html", "counties/410423/index.html")
	delete(v2, "years/2024/index.html")
	delete(v2, "counties/410423/xinfangju-2024/index.html")
	delete(v2, "counties/410423/xinfangju-2024/xinfangju-2024.txt")
	changed := 0
	for p := range v2 {
		if v1[p] != v2[p] {
			changed++
		}
	}
	for _, n := range []int{1, 2, 5, 9, changed - 1} {
		target := newBucket(t, endpoint, px.URL)
		dir := filepath.Join(t.TempDir(), "public")
		writeSite(t, dir, v1)
		mustDeploy(t, target, dir)
		resetSite(t, dir, v2)
		ctx, cancel := context.WithCancel(context.Background())
		px.log()
		px.mu.Lock()
		px.afterPut = func(done int) {
			if done == n {
				cancel()
			}
		}
		px.mu.Unlock()
		_, err := deployOnce(ctx, t, target, dir)
		cancel()
		px.mu.Lock()
		px.afterPut = nil
		px.mu.Unlock()
		if err == nil || !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "interrupted") {
			t.Errorf("stopped after %d uploads: %v", n, err)
		}
		rs := px.log()
		if m := methods(rs); m["DELETE"]+m["POST"] != 0 {
			t.Errorf("stopped after %d uploads: deleted %v", n, m)
		}
		live := bucketFiles(t, endpoint, target)
		checkLinks(t, n, live)
		// The next deploy sends only what the bucket did not take: the
		// uploads that were answered, and perhaps some of those cut short.
		taken, tried := len(putKeys(rs)), methods(rs)["PUT"]
		if sum := mustDeploy(t, target, dir); sum.Uploaded > changed-taken || sum.Uploaded < changed-tried {
			t.Errorf("stopped after %d uploads (%d taken of %d): the next deploy sent %d files, want %d to %d", n, taken, tried, sum.Uploaded, changed-tried, changed-taken)
		}
		sameFiles(t, bucketFiles(t, endpoint, target), v2)
	}
}

var href = regexp.MustCompile(`href="/([^"]+)"`)

// checkLinks checks that every page and feed of the bucket links only to
// files the bucket holds.
func checkLinks(t testing.TB, n int, files map[string]string) {
	t.Helper()
	for p, body := range files {
		for _, m := range href.FindAllStringSubmatch(body, -1) {
			if _, ok := files[m[1]]; !ok {
				t.Errorf("stopped after %d uploads: %s links to %s, not in the bucket", n, p, m[1])
			}
		}
	}
}

// TestDryRun checks that a plan only reads the bucket, and says what a
// deploy would send.
func TestDryRun(t *testing.T) {
	endpoint := needServer(t)
	setCredentials(t, testAccess, testSecret)
	px := newProxy(t, endpoint)
	target := newBucket(t, endpoint, px.URL)
	dir := filepath.Join(t.TempDir(), "public")
	files := fakeSite()
	writeSite(t, dir, files)
	mustDeploy(t, target, dir)
	files["index.html"] = page("首页 2")
	files["counties/410423/sifaju-2025/index.html"] = page("司法局")
	delete(files, "robots.txt")
	resetSite(t, dir, files)
	px.log()
	b, err := Open(target)
	if err != nil {
		t.Fatal(err)
	}
	p, err := b.Plan(context.Background(), readSite(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	p.Print(&out, true, diag.En)
	for _, r := range px.log() {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			t.Errorf("a plan sent %s %s", r.Method, r.Key)
		}
	}
	want := "deploy plan for test (bucket " + target.Bucket + " at " + px.URL + "):\n" +
		"  upload    2 files (" + formatBytes(int64(len(files["index.html"])+len(files["counties/410423/sifaju-2025/index.html"]))) + "; 1 new, 1 changed)\n" +
		"            1 report pages\n" +
		"            1 listing pages\n" +
		"  unchanged " + strconv.Itoa(len(files)-2) + " files\n" +
		"  delete    1 files\n" +
		"+ counties/410423/sifaju-2025/index.html\n" +
		"~ index.html\n" +
		"- robots.txt\n"
	if out.String() != want {
		t.Errorf("plan:\n%s\nwant:\n%s", out.String(), want)
	}
	if got := bucketFiles(t, endpoint, target)["index.html"]; got == files["index.html"] {
		t.Errorf("the dry run changed the bucket")
	}
}

// TestKilled kills a deploy's process (SIGKILL) after n uploads, for
// several n, and checks that the bucket then serves a site without broken
// links and without deletions, and that the next deploy makes it equal to
// the site.
func TestKilled(t *testing.T) {
	endpoint := needServer(t)
	setCredentials(t, testAccess, testSecret)
	px := newProxy(t, endpoint)
	v1, v2 := fakeSite(), fakeSite()
	for i := range 6 {
		dir := "counties/410423/report-" + strconv.Itoa(i) + "/"
		v2[dir+"index.html"] = page("报告", "static/css/site.css")
		v2["counties/410423/index.html"] += page("", dir+"index.html")
	}
	v2["static/css/site.css"] = "body{margin:3px}"
	v2["index.html"] = page("首页", "counties/410423/index.html")
	delete(v2, "years/2024/index.html")
	delete(v2, "years/index.html")
	delete(v2, "regions/index.html")
	for _, n := range []int{1, 4, 8} {
		target := newBucket(t, endpoint, px.URL)
		dir := filepath.Join(t.TempDir(), "public")
		writeSite(t, dir, v1)
		mustDeploy(t, target, dir)
		resetSite(t, dir, v2)
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledHelper$", "-test.v")
		cmd.Env = append(os.Environ(), "PORTAL_DEPLOY_HELPER="+dir+"\n"+target.Endpoint+"\n"+target.Bucket)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		px.log()
		px.mu.Lock()
		px.delay = 20 * time.Millisecond
		var proc atomic.Pointer[os.Process]
		px.afterPut = func(done int) {
			if p := proc.Load(); done == n && p != nil {
				p.Kill()
			}
		}
		px.mu.Unlock()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		proc.Store(cmd.Process)
		err := cmd.Wait()
		px.mu.Lock()
		px.delay, px.afterPut = 0, nil
		px.mu.Unlock()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("n=%d: the deploy was not killed: %v\n%s", n, err, out.String())
		}
		if m := methods(px.log()); m["DELETE"]+m["POST"] != 0 {
			t.Errorf("killed after %d uploads: deleted %v", n, m)
		}
		checkLinks(t, n, bucketFiles(t, endpoint, target))
		mustDeploy(t, target, dir)
		sameFiles(t, bucketFiles(t, endpoint, target), v2)
	}
}

// TestKilledHelper is the process TestKilled kills: a deploy of the site
// and bucket PORTAL_DEPLOY_HELPER names.
func TestKilledHelper(t *testing.T) {
	args := strings.Split(os.Getenv("PORTAL_DEPLOY_HELPER"), "\n")
	if len(args) != 3 {
		t.Skip("the process TestKilled starts and kills")
	}
	target := config.Target{Name: "test", Endpoint: args[1], Bucket: args[2], Region: config.DefaultRegion, PathStyle: true}
	sum := mustDeploy(t, target, args[0])
	t.Logf("not killed: %s", sum)
}

// TestHandEdited checks a deploy to a bucket edited by hand: an object
// overwritten with other bytes of the same size and one deleted are sent
// again, an object no deploy uploaded is kept, and a damaged manifest
// costs only requests.
func TestHandEdited(t *testing.T) {
	endpoint := needServer(t)
	setCredentials(t, testAccess, testSecret)
	px := newProxy(t, endpoint)
	target := newBucket(t, endpoint, px.URL)
	dir := filepath.Join(t.TempDir(), "public")
	files := fakeSite()
	writeSite(t, dir, files)
	mustDeploy(t, target, dir)
	c := testClient(t, endpoint)
	ctx := context.Background()
	put := func(key, body string) {
		if _, err := c.PutObject(ctx, target.Bucket, key, strings.NewReader(body), int64(len(body)), minio.PutObjectOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	put("index.html", strings.Repeat("x", len(files["index.html"])))
	put("google0123456789.html", "google-site-verification")
	if err := c.RemoveObject(ctx, target.Bucket, "static/css/site.css", minio.RemoveObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	px.log()
	sum := mustDeploy(t, target, dir)
	if got := putKeys(px.log()); !slices.Equal(got, []string{ManifestName, "index.html", "static/css/site.css"}) || sum.Kept != 1 || sum.Deleted != 0 {
		t.Errorf("%s; sent %q", sum, got)
	}
	want := maps.Clone(files)
	want["google0123456789.html"] = "google-site-verification"
	sameFiles(t, bucketFiles(t, endpoint, target), want)

	for _, manifest := range []string{"{", `{"format":"portal-deploy/1","files":[{"path":"../x"}]}`, ""} {
		if manifest == "" {
			c.RemoveObject(ctx, target.Bucket, ManifestName, minio.RemoveObjectOptions{})
		} else {
			put(ManifestName, manifest)
		}
		files["robots.txt"] += "#"
		resetSite(t, dir, files)
		b, err := Open(target)
		if err != nil {
			t.Fatal(err)
		}
		px.log()
		p, err := b.Plan(ctx, readSite(t, dir))
		if err != nil {
			t.Fatal(err)
		}
		if manifest != "" && (len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0].String(), ".portal-deploy.json is damaged")) {
			t.Errorf("manifest %q: warnings %q", manifest, p.Warnings)
		}
		sum, err := b.Run(ctx, p, Options{})
		if heads := methods(px.log())["HEAD"]; err != nil || sum.Uploaded != 1 || sum.Kept != 1 || heads != len(files)-1+1 {
			t.Errorf("manifest %q: %s, %v; %d HEAD requests", manifest, sum, err, heads)
		}
		want["robots.txt"] = files["robots.txt"]
		sameFiles(t, bucketFiles(t, endpoint, target), want)
	}

	// A deploy killed after writing the manifest, before its deletions:
	// the next finds the objects it uploaded by their metadata.
	delete(files, "years/2024/index.html")
	delete(want, "years/2024/index.html")
	resetSite(t, dir, files)
	c.RemoveObject(ctx, target.Bucket, ManifestName, minio.RemoveObjectOptions{})
	if sum := mustDeploy(t, target, dir); sum.Deleted != 1 || sum.Kept != 1 || sum.Uploaded != 0 {
		t.Errorf("without a manifest: %s", sum)
	}
	sameFiles(t, bucketFiles(t, endpoint, target), want)
}
