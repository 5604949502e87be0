package render

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The templates of layouts/ are real files: a symbolic link (which would
// render a file from anywhere into every page), a named pipe (whose
// reading never ends) and an oversized file are refused, each named.
func TestReadTemplateRefuses(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret.html")
	os.WriteFile(secret, []byte("SECRET"), 0o644)
	layouts := t.TempDir()
	must(t, os.Symlink(secret, filepath.Join(layouts, "base.html")))
	must(t, syscall.Mkfifo(filepath.Join(layouts, "partials.html"), 0o644))
	os.WriteFile(filepath.Join(layouts, "home.html"), make([]byte, maxTemplateSize+1), 0o644)
	os.WriteFile(filepath.Join(layouts, "report.html"), []byte(`{{define "main"}}x{{end}}`), 0o644)
	fsys := os.DirFS(layouts)
	for name, want := range map[string]string{
		"base.html":     "layouts/base.html: a symbolic link; copy the file instead",
		"partials.html": "layouts/partials.html: not a regular file",
		"home.html":     "layouts/home.html: larger than 1 MB",
		"county.html":   "layouts/county.html: no such file or directory",
	} {
		if _, err := ReadTemplate(fsys, name); err == nil || err.Error() != want {
			t.Errorf("%s: %v, want %s", name, err, want)
		}
	}
	if b, err := ReadTemplate(fsys, "report.html"); err != nil || !strings.Contains(string(b), "main") {
		t.Errorf("report.html: %q, %v", b, err)
	}
	if _, err := LoadTemplates(fsys); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("LoadTemplates: %v", err)
	}
}

// The repository's own layouts load as before.
func TestLoadTemplatesOfTheRepository(t *testing.T) {
	tmpl, err := LoadTemplates(os.DirFS("../../../layouts"))
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range pageTypes {
		if tmpl.pages[kind].Lookup("main") == nil || tmpl.pages[kind].Lookup("base.html") == nil {
			t.Errorf("%s: templates %s", kind, tmpl.pages[kind].DefinedTemplates())
		}
	}
}
