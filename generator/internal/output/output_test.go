package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckPath(t *testing.T) {
	for _, p := range []string{"index.html", "a/b/index.html", "counties/410423/xinfangju-2024/x.txt"} {
		if err := CheckPath(p); err != nil {
			t.Errorf("CheckPath(%q) = %v", p, err)
		}
	}
	for _, p := range []string{"", "/etc/passwd", "../x", "a/../../x", "a//b", "a/./b", "a\\b", "a\x00b", ".", "C:x", "a/"} {
		if err := CheckPath(p); err == nil {
			t.Errorf("CheckPath(%q) accepted", p)
		}
	}
}

func TestPublishReplacesWholeTree(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	first := NewFiles()
	first.Add("index.html", []byte("one"))
	first.Add("old/only.html", []byte("old"))
	if err := Publish(dest, first); err != nil {
		t.Fatal(err)
	}
	second := NewFiles()
	second.Add("index.html", []byte("two"))
	if err := Publish(dest, second); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "two" {
		t.Errorf("index.html = %q", b)
	}
	if _, err := os.Stat(filepath.Join(dest, "old")); err == nil {
		t.Error("file of the previous build survived")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left beside public/: %v", entries)
	}
}

func TestPublishRemovesStaleTemp(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, tempPrefix+"public-123")
	os.MkdirAll(stale, 0o755)
	f := NewFiles()
	f.Add("index.html", []byte("x"))
	if err := Publish(filepath.Join(dir, "public"), f); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("stale temp tree not removed")
	}
}

func TestAddTwice(t *testing.T) {
	f := NewFiles()
	if err := f.Add("a.html", nil); err != nil {
		t.Fatal(err)
	}
	if err := f.Add("a.html", nil); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("second Add = %v", err)
	}
}
