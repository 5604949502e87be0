package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"portal/generator/internal/browser"
	"portal/generator/internal/diag"
	"portal/generator/internal/preview"
)

// TestWatchSeesNewFolders checks on the real file system that a change in
// a folder created after watching started triggers a rebuild.
func TestWatchSeesNewFolders(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(cfg, []byte("x"), 0o644)
	var builds atomic.Int32
	stop := make(chan struct{})
	defer close(stop)
	go watch([]string{dir}, []string{cfg}, func() { builds.Add(1) }, stop)
	time.Sleep(100 * time.Millisecond)
	waitBuilds := func(n int32, what string) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); builds.Load() < n; time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("no rebuild after %s", what)
			}
		}
	}
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("x"), 0o644)
	waitBuilds(1, "a new file")
	os.MkdirAll(filepath.Join(dir, "新省", "新县"), 0o755)
	time.Sleep(200 * time.Millisecond)
	before := builds.Load()
	os.WriteFile(filepath.Join(dir, "新省", "新县", "b.txt"), []byte("x"), 0o644)
	waitBuilds(before+1, "a file in a new folder")
	before = builds.Load()
	os.WriteFile(cfg, []byte("y"), 0o644)
	waitBuilds(before+1, "a config change")
	before = builds.Load()
	for i := 0; i < 5; i++ {
		os.WriteFile(filepath.Join(dir, "a.txt"), []byte{byte(i)}, 0o644)
	}
	waitBuilds(before+1, "a burst of writes")
	time.Sleep(3 * debounce)
	if n := builds.Load(); n != before+1 {
		t.Errorf("a burst of 5 writes made %d builds, want 1 (debounced)", n-before)
	}
}

// TestBrowserLiveReload serves a copy of the default site with live reload,
// adds a report in a new folder and checks that the open site-wide page
// reloads until it lists it, then
// breaks the metadata and checks the error overlay while the last good
// site stays served.
func TestBrowserLiveReload(t *testing.T) {
	b := browser.New(t)
	content := t.TempDir()
	copyDir(t, "../content", content)
	p := siteFlags{source: "..", content: content, destination: filepath.Join(t.TempDir(), "public")}.options()
	// With a cache, a new report's pages are published before the site-wide
	// ones: the year page open here reloads twice, and shows the report
	// only once "sitewide" has reloaded it.
	p.CacheDir = t.TempDir()
	h := preview.NewHub()
	rebuild := rebuilder(p, h, diag.En, io.Discard, io.Discard)
	rebuild()
	stop := make(chan struct{})
	defer close(stop)
	go watch([]string{p.Content}, nil, rebuild, stop)
	base := b.Serve(t, preview.Handler(p.Destination, h))
	t.Cleanup(h.Close) // runs before the server's Close, which waits for open streams

	b.Open(t, base+"years/2024/")
	for deadline := time.Now().Add(10 * time.Second); h.Connected() == 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the page never connected to the reload events")
		}
	}
	dir := filepath.Join(content, "河南省", "叶县")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "司法局-2024.txt"), []byte("叶县司法局2024年度法治政府建设情况报告\n一、主要举措和成效\n依法行政。\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "司法局-2024.toml"), []byte("title = \"叶县司法局2024年度法治政府建设情况报告\"\nagency = \"司法局\"\ncounty = \"叶县\"\nyear = 2024\n"), 0o644)
	b.WaitFor(t, `document.body.textContent.includes("叶县司法局2024年度")`)

	os.WriteFile(filepath.Join(dir, "司法局-2024.toml"), []byte("title = \"叶县\"\nyaer = 2024\n"), 0o644)
	b.WaitFor(t, `!!document.getElementById("portal-build-errors")`)
	overlay := browser.Eval[string](t, b, `document.getElementById("portal-build-errors").textContent`)
	if !strings.Contains(overlay, `unknown key "yaer"`) {
		t.Errorf("overlay does not show the error: %q", overlay)
	}
	if !strings.Contains(read(t, p.Destination, "years/2024/index.html"), "叶县司法局2024年度") {
		t.Error("the last good site is no longer served")
	}
	b.CheckClean(t)
}
