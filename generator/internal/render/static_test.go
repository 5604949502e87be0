package render

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"portal/generator/internal/content"
	"portal/generator/internal/document"
	"portal/generator/internal/output"
	"portal/generator/internal/site"
)

// mapSink keeps the files added to it.
type mapSink map[string][]byte

func (m mapSink) Add(p string, b []byte) error { m[p] = b; return nil }

// TestCopyStaticRefusesLinks checks that no file reached through a
// symbolic link, and nothing but regular files, is published from
// layouts/static/: each is an error naming it, and the regular files
// are listed.
func TestCopyStaticRefusesLinks(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(secret, []byte("SECRET"), 0o644)
	layouts := t.TempDir()
	static := filepath.Join(layouts, "static")
	for _, d := range []string{"css", ".git"} {
		os.MkdirAll(filepath.Join(static, d), 0o755)
	}
	os.WriteFile(filepath.Join(static, "css", "site.css"), []byte("body{}"), 0o644)
	os.WriteFile(filepath.Join(static, ".git", "config"), []byte("hidden"), 0o644)
	os.WriteFile(filepath.Join(static, ".env"), []byte("hidden"), 0o644)
	must(t, os.Symlink(secret, filepath.Join(static, "css", "leak.css")))
	must(t, os.Symlink(filepath.Dir(secret), filepath.Join(static, "dir")))
	must(t, syscall.Mkfifo(filepath.Join(static, "pipe"), 0o644))

	sink := mapSink{}
	err := copyStatic(os.DirFS(layouts), Assets{}, sink)
	want := []string{
		"layouts/static/css/leak.css: a symbolic link; copy the file instead",
		"layouts/static/dir: a symbolic link; copy the file instead",
		"layouts/static/pipe: not a regular file or a folder",
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("error:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
	if len(sink) != 0 {
		t.Errorf("published %v despite the errors", slices.Sorted(maps.Keys(sink)))
	}

	for _, name := range []string{"leak.css", "dir"} {
		os.Remove(filepath.Join(static, "css", name))
		os.Remove(filepath.Join(static, name))
	}
	os.Remove(filepath.Join(static, "pipe"))
	assets, err := StaticAssets(os.DirFS(layouts))
	if err != nil {
		t.Fatal(err)
	}
	if err := copyStatic(os.DirFS(layouts), assets, sink); err != nil {
		t.Fatal(err)
	}
	css := assets["static/css/site.css"]
	if got := slices.Sorted(maps.Keys(sink)); !slices.Equal(got, []string{css}) || !strings.HasPrefix(css, "static/css/site.") {
		t.Errorf("published %v, want only %s, site.css under its hashed name (dot-files and dot-folders left out)", got, css)
	}
	os.WriteFile(filepath.Join(static, "css", "site.css"), []byte("changed"), 0o644)
	if err := copyStatic(os.DirFS(layouts), assets, output.NewFiles()); err == nil || !strings.Contains(err.Error(), "changed while the site was built") {
		t.Errorf("a stylesheet changed after its name was made: %v", err)
	}
}

// TestStaticFolderLink checks that layouts/static itself may not be a
// symbolic link, and that a site may have no static folder.
func TestStaticFolderLink(t *testing.T) {
	elsewhere := t.TempDir()
	os.WriteFile(filepath.Join(elsewhere, "secret.txt"), []byte("SECRET"), 0o644)
	layouts := t.TempDir()
	names, err := staticFiles(os.DirFS(layouts))
	if err != nil || names != nil {
		t.Errorf("no static folder: %v, %v", names, err)
	}
	must(t, os.Symlink(elsewhere, filepath.Join(layouts, "static")))
	names, err = staticFiles(os.DirFS(layouts))
	if err == nil || err.Error() != "layouts/static: a symbolic link; copy the file instead" || names != nil {
		t.Errorf("static folder a link: %v, %v", names, err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestRenderPanicIsAnError checks that a panic while a page is rendered
// on one of renderPages' goroutines is an error naming the report, not
// the end of the process.
func TestRenderPanicIsAnError(t *testing.T) {
	r := &site.Report{Source: &content.Report{File: "content/河南省/a.txt"}}
	pages := []*Page{
		{Kind: "report", Path: "r/index.html", Report: r, model: r},
		{Kind: "report", Path: "s/index.html", Report: r, model: r},
	}
	parse := docsFunc(func(*site.Report) (*document.Document, error) {
		var doc *document.Document
		return nil, fmt.Errorf("%d", len(doc.Headings())) // a nil dereference, as a bug raises
	})
	err := renderPages(&Templates{}, pages, mapSink{}, parse)
	want := "content/河南省/a.txt: internal error while rendering: runtime error: invalid memory address or nil pointer dereference (at "
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.HasSuffix(err.Error(), "(please report)") {
		t.Errorf("got %v, want %q…", err, want)
	}
}

// docsFunc is a document provider (site.Documents) made of a function.
type docsFunc func(*site.Report) (*document.Document, error)

func (f docsFunc) Document(r *site.Report) (*document.Document, error) { return f(r) }
