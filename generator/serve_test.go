package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"portal/generator/internal/browser"
	"portal/generator/internal/diag"
	"portal/generator/internal/preview"
)

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
	go preview.Watch([]string{p.Content}, nil, rebuild, stop)
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
