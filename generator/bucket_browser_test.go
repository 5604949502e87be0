package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/minio/minio-go/v7"

	"portal/generator/internal/browser"
	"portal/generator/internal/deploy"
	"portal/generator/internal/s3test"
)

// TestBrowserFromBucket deploys the default site to a real S3-compatible
// server and reads it in Chromium through a stand-in for the host's CDN
// (a folder's address serves its index.html, byte ranges pass through):
// the search finds reports, reading byte ranges of the index, and the
// charts draw, with every file as the bucket serves it.
func TestBrowserFromBucket(t *testing.T) {
	endpoint := s3test.Need(t)
	b := browser.New(t)
	dest, _ := buildSite(t, "../content")
	target := s3test.NewBucket(t, endpoint, endpoint)
	s3test.SetCredentials(t, s3test.Access, s3test.Secret)
	bucket, err := deploy.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	site, err := deploy.ReadSite(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer site.Close()
	ctx := context.Background()
	plan, err := bucket.Plan(ctx, site)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bucket.Run(ctx, plan, deploy.Options{}); err != nil {
		t.Fatal(err)
	}
	cdn := httptest.NewServer(bucketHost(s3test.Client(t, endpoint), target.Bucket))
	t.Cleanup(cdn.Close)
	base := cdn.URL + "/"

	b.Run(t, chromedp.Navigate(base+"search/?q=%E4%BF%A1%E8%AE%BF%E5%B1%80"), chromedp.WaitVisible(chromedp.CSS("#q")))
	waitSearch(t, b, "信访局")
	if n := browser.Eval[int](t, b, `portalSearch.app.last.total`); n != 5 {
		t.Errorf("信访局 from the bucket: %d reports, want 5", n)
	}
	b.Run(t, chromedp.Navigate(base+"counties/410423/"), chromedp.Poll[chromedp.Void](allDrawn))
	b.CheckClean(t)
}

// bucketHost serves the objects of bucket as a static host in front of
// it does: a path ending in / is its index.html; Content-Type,
// Cache-Control and byte ranges as the bucket has and answers them.
func bucketHost(c *minio.Client, bucket string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := strings.TrimPrefix(r.URL.Path, "/")
		if key == "" || strings.HasSuffix(key, "/") {
			key += "index.html"
		}
		opts := minio.GetObjectOptions{}
		status := http.StatusOK
		var first, last int64
		if rg := r.Header.Get("Range"); rg != "" {
			a, z, ok := strings.Cut(strings.TrimPrefix(rg, "bytes="), "-")
			first, _ = strconv.ParseInt(a, 10, 64)
			last, _ = strconv.ParseInt(z, 10, 64)
			if !ok || opts.SetRange(first, last) != nil {
				http.Error(w, "bad range", http.StatusRequestedRangeNotSatisfiable)
				return
			}
			status = http.StatusPartialContent
		}
		obj, err := c.GetObject(r.Context(), bucket, key, opts)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer obj.Close()
		info, err := obj.Stat()
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", info.ContentType)
		w.Header().Set("Cache-Control", info.Metadata.Get("Cache-Control"))
		if status == http.StatusPartialContent {
			w.Header().Set("Content-Range", "bytes "+strconv.FormatInt(first, 10)+"-"+strconv.FormatInt(last, 10)+"/"+strconv.FormatInt(info.Size, 10))
		}
		w.WriteHeader(status)
		io.Copy(w, obj)
	})
}
