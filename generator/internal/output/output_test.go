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

// stageAll publishes files through a Stage with the previous manifest.
func stageAll(t *testing.T, dest string, prev Manifest, files map[string]string) (Manifest, int) {
	t.Helper()
	st, err := Begin(dest, prev)
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range files {
		if err := st.Add(p, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	linked := st.Linked()
	m, err := st.Commit()
	if err != nil {
		t.Fatal(err)
	}
	return m, linked
}

func TestStageLinksOnlyUnchangedUntouchedFiles(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	m1, _ := stageAll(t, dest, nil, map[string]string{"a.html": "a", "b/b.html": "b", "c.html": "c", "d.html": "d"})
	// Someone edits a published file by hand: it must not be trusted.
	if err := os.WriteFile(filepath.Join(dest, "c.html"), []byte("C"), 0o644); err != nil {
		t.Fatal(err)
	}
	m2, linked := stageAll(t, dest, m1, map[string]string{"a.html": "a", "b/b.html": "B", "c.html": "c", "e.html": "e"})
	if linked != 1 {
		t.Errorf("linked %d files, want 1 (a.html)", linked)
	}
	want := map[string]string{"a.html": "a", "b/b.html": "B", "c.html": "c", "e.html": "e"}
	for p, data := range want {
		if b, err := os.ReadFile(filepath.Join(dest, p)); err != nil || string(b) != data {
			t.Errorf("%s = %q, %v; want %q", p, b, err, data)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "d.html")); err == nil {
		t.Error("deleted file survived")
	}
	if m2["a.html"].Ino != m1["a.html"].Ino || m2["a.html"].Hash != m1["a.html"].Hash {
		t.Error("unchanged file not carried over")
	}
	// A stale manifest (wrong hash) only costs a rewrite.
	bad := Manifest{"a.html": {Hash: m2["b/b.html"].Hash, Size: 1, Ino: m2["a.html"].Ino, MTime: m2["a.html"].MTime}}
	if _, linked := stageAll(t, dest, bad, map[string]string{"a.html": "a"}); linked != 0 {
		t.Errorf("linked %d files through a wrong manifest", linked)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "a.html")); string(b) != "a" {
		t.Errorf("a.html = %q", b)
	}
}

func TestStageAbortLeavesDest(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	stageAll(t, dest, nil, map[string]string{"index.html": "one"})
	st, err := Begin(dest, nil)
	if err != nil {
		t.Fatal(err)
	}
	st.Add("index.html", []byte("two"))
	if err := st.Add("index.html", []byte("three")); err == nil {
		t.Error("a path added twice was accepted")
	}
	st.Abort()
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "one" {
		t.Errorf("index.html = %q after abort", b)
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Errorf("left beside public/: %v", entries)
	}
}

// TestStageRelativeDestination publishes to "public" in the working
// directory, as the README's build command does, with nested directories.
func TestStageRelativeDestination(t *testing.T) {
	t.Chdir(t.TempDir())
	files := map[string]string{"index.html": "a", "regions/shanxi/jincheng/index.html": "b", "counties/1/x-2024/x.txt": "c"}
	m, _ := stageAll(t, "public", nil, files)
	_, linked := stageAll(t, "public", m, files)
	if linked != len(files) {
		t.Errorf("second build linked %d of %d files", linked, len(files))
	}
	for p, data := range files {
		if b, err := os.ReadFile(filepath.Join("public", p)); err != nil || string(b) != data {
			t.Errorf("%s = %q, %v", p, b, err)
		}
	}
}
