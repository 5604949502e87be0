package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// testSite copies the repository's config.toml, layouts and seed content
// into a site root of its own, and returns the options to build it.
func testSite(t *testing.T) Options {
	t.Helper()
	root := t.TempDir()
	for _, dir := range []string{"layouts", "content"} {
		if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(filepath.Join("../../..", dir))); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile("../../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(root, "config.toml"), string(b))
	return Options{
		Config:      filepath.Join(root, "config.toml"),
		Content:     filepath.Join(root, "content"),
		Layouts:     filepath.Join(root, "layouts"),
		Destination: filepath.Join(root, "public"),
		CacheDir:    filepath.Join(root, "cache"),
	}
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestEnvKey checks that the key of the layouts and config follows the
// files pages are rendered from, and only those: an editor's lock file (a
// dangling symlink) in layouts/ neither fails it nor changes it, nor does
// a file no page names; a stylesheet does, pages linking to it by its
// hashed name.
func TestEnvKey(t *testing.T) {
	o := testSite(t)
	base := envKey(o)
	if err := os.Symlink("user@host.1234", filepath.Join(o.Layouts, ".#home.html")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(o.Layouts, "notes.txt"), "not read by the build")
	writeFile(t, filepath.Join(o.Layouts, "static/robots-note.txt"), "a static file pages do not name")
	if envKey(o) != base {
		t.Error("a lock file, an unread file or an unhashed static file changed the key")
	}
	if _, err := Run(context.Background(), o); err != nil {
		t.Fatalf("build with a lock file in layouts/: %v", err)
	}
	for _, f := range []string{o.Config, filepath.Join(o.Layouts, "partials.html"), filepath.Join(o.Layouts, "report.html"), filepath.Join(o.Layouts, "static/css/site.css")} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, f, string(b)+"\n")
		if envKey(o) == base {
			t.Errorf("changing %s did not change the key", f)
		}
		writeFile(t, f, string(b))
	}
}
