package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRootFiles checks that the files of the site root's static/ folder
// are published at the site's root as they are, .well-known/ included,
// other dot-files left out with a warning; and that one the site
// generates itself fails the build, naming it, with nothing published.
func TestRootFiles(t *testing.T) {
	o := testSite(t)
	o.Static = filepath.Join(filepath.Dir(o.Config), "static")
	for name, text := range map[string]string{
		"favicon.ico":               "ICO",
		"google1234.html":           "google-site-verification: google1234.html",
		".well-known/security.txt":  "Contact: mailto:fzbg@example.gov.cn",
		".DS_Store":                 "junk",
		"index.html":                "not the home page",
		"search/index.json":         "{}",
		"counties/410423/extra.txt": "ok",
	} {
		p := filepath.Join(o.Static, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		writeFile(t, p, text)
	}
	res, err := Run(context.Background(), o)
	got := res.Problems.String()
	for _, want := range []string{"static/index.html: the site generates index.html itself", "static/search/index.json: the site generates search/index.json itself", "static/.DS_Store: warning: hidden file skipped"} {
		if err != nil || !strings.Contains(got, want) {
			t.Errorf("%v: no %q in\n%s", err, want, got)
		}
	}
	if _, err := os.Stat(filepath.Join(o.Destination, "index.html")); err == nil {
		t.Error("a build with a colliding root file published the site")
	}
	os.Remove(filepath.Join(o.Static, "index.html"))
	os.RemoveAll(filepath.Join(o.Static, "search"))
	if res, err := Run(context.Background(), o); err != nil || res.Problems.HasErrors() {
		t.Fatalf("%v\n%s", err, res.Problems)
	}
	for name, want := range map[string]string{"favicon.ico": "ICO", ".well-known/security.txt": "Contact: mailto:fzbg@example.gov.cn", "google1234.html": "google-site-verification: google1234.html", "counties/410423/extra.txt": "ok"} {
		if b, err := os.ReadFile(filepath.Join(o.Destination, filepath.FromSlash(name))); err != nil || string(b) != want {
			t.Errorf("%s: %q, %v", name, b, err)
		}
	}
	if _, err := os.Stat(filepath.Join(o.Destination, ".DS_Store")); err == nil {
		t.Error(".DS_Store published")
	}
}
