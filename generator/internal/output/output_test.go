package output

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestCheckPath(t *testing.T) {
	for _, p := range []string{"index.html", "a/b/index.html", "counties/410423/xinfangju-2024/x.txt"} {
		if err := CheckPath(p); err != nil {
			t.Errorf("CheckPath(%q) = %v", p, err)
		}
	}
	for _, p := range []string{"", "/etc/passwd", "../x", "a/../../x", "a//b", "a/./b", "a\\b", "a\x00b", ".", "C:x", "a/", Marker} {
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

// stageAll publishes files through a Stage with the previous state.
func stageAll(t *testing.T, dest string, prev State, files map[string]string) (State, int) {
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
	s1, _ := stageAll(t, dest, State{}, map[string]string{"a.html": "a", "b/b.html": "b", "c.html": "c", "d.html": "d"})
	m1 := s1.Site
	// Someone edits a published file by hand: it must not be trusted.
	if err := os.WriteFile(filepath.Join(dest, "c.html"), []byte("C"), 0o644); err != nil {
		t.Fatal(err)
	}
	s2, linked := stageAll(t, dest, s1, map[string]string{"a.html": "a", "b/b.html": "B", "c.html": "c", "e.html": "e"})
	m2 := s2.Site
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
	if _, linked := stageAll(t, dest, State{Site: bad, SiteRoot: s2.SiteRoot}, map[string]string{"a.html": "a"}); linked != 0 {
		t.Errorf("linked %d files through a wrong manifest", linked)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "a.html")); string(b) != "a" {
		t.Errorf("a.html = %q", b)
	}
}

func TestStageAbortLeavesDest(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	stageAll(t, dest, State{}, map[string]string{"index.html": "one"})
	st, err := Begin(dest, State{})
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
	m, _ := stageAll(t, "public", State{}, files)
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

// tree reads every file below dir, by slash path, but the Marker, which
// it checks is there.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	if b, err := os.ReadFile(filepath.Join(dir, Marker)); err != nil || string(b) != markerText {
		t.Errorf("%s: marker %q, %v", dir, b, err)
	}
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		if rel != Marker {
			got[filepath.ToSlash(rel)] = string(b)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestStagePatchesSpareTree runs builds one after another: each must
// publish exactly its files, keep the site it replaced as the spare tree,
// and write only what changed since the spare tree was published.
func TestStagePatchesSpareTree(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	spare := filepath.Join(filepath.Dir(dest), sparePrefix+"public")
	steps := []struct {
		name    string
		files   map[string]string
		written int // files written: not found unchanged in either tree
		before  func()
	}{
		{name: "first", written: 4, files: map[string]string{"index.html": "home", "a/index.html": "a", "a/a.txt": "a-dl", "b/index.html": "b"}},
		{name: "same", written: 0, files: map[string]string{"index.html": "home", "a/index.html": "a", "a/a.txt": "a-dl", "b/index.html": "b"}},
		{name: "add one", written: 2, files: map[string]string{"index.html": "home+c", "a/index.html": "a", "a/a.txt": "a-dl", "b/index.html": "b", "c/index.html": "c"}},
		{name: "change", written: 1, files: map[string]string{"index.html": "home+c", "a/index.html": "A", "a/a.txt": "a-dl", "b/index.html": "b", "c/index.html": "c"}},
		{name: "delete a dir", written: 1, files: map[string]string{"index.html": "home-a", "b/index.html": "b", "c/index.html": "c"}},
		// A file where a directory was, and a directory where a file was.
		{name: "file for dir", written: 2, files: map[string]string{"index.html": "home-a", "b": "b as a file", "c/index.html": "c", "index.html.d/x": "x"}},
		{name: "hand-edited site", written: 1, files: map[string]string{"index.html": "home-a", "b": "b as a file", "c/index.html": "c", "index.html.d/x": "x"},
			before: func() { os.WriteFile(filepath.Join(dest, "c/index.html"), []byte("vandal"), 0o644) }},
		{name: "hand-edited spare", written: 1, files: map[string]string{"index.html": "home-a", "b": "b as a file", "c/index.html": "c", "index.html.d/x": "x"},
			before: func() { os.WriteFile(filepath.Join(spare, "b"), []byte("vandal"), 0o644) }},
		{name: "spare removed", written: 0, files: map[string]string{"index.html": "home-a", "b": "b as a file", "c/index.html": "c", "index.html.d/x": "x"},
			before: func() { os.RemoveAll(spare) }},
		{name: "junk in spare", written: 0, files: map[string]string{"index.html": "home-a", "b": "b as a file", "c/index.html": "c", "index.html.d/x": "x"},
			before: func() {
				os.WriteFile(filepath.Join(spare, "junk.html"), []byte("junk"), 0o644)
				os.MkdirAll(filepath.Join(spare, "empty", "dir"), 0o755)
			}},
		{name: "dir for file", written: 1, files: map[string]string{"index.html": "home-a", "b/index.html": "b again", "c/index.html": "c", "index.html.d/x": "x"}},
		{name: "after dir for file", written: 0, files: map[string]string{"index.html": "home-a", "b/index.html": "b again", "c/index.html": "c", "index.html.d/x": "x"}},
	}
	var st State
	var prevFiles map[string]string
	for i, step := range steps {
		// After a hand edit the spare tree is the edited site, as it was.
		touched := step.before != nil || i > 0 && steps[i-1].before != nil
		if step.before != nil {
			step.before()
		}
		stage, err := Begin(dest, st)
		if err != nil {
			t.Fatal(err)
		}
		for p, data := range step.files {
			if err := stage.Add(p, []byte(data)); err != nil {
				t.Fatal(err)
			}
		}
		written := stage.Len() - stage.Linked()
		if st, err = stage.Commit(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if got := tree(t, dest); !reflect.DeepEqual(got, step.files) {
			t.Errorf("%s: published %v, want %v", step.name, got, step.files)
		}
		if d := emptyDir(t, dest); d != "" {
			t.Errorf("%s: published an empty directory %s", step.name, d)
		}
		if written != step.written {
			t.Errorf("%s: wrote %d files, want %d", step.name, written, step.written)
		}
		if prevFiles != nil && st.Spare != nil && !touched {
			// The replaced site, but what the new site lacks or changed.
			want := map[string]string{}
			for p, data := range prevFiles {
				if step.files[p] == data {
					want[p] = data
				}
			}
			if got := tree(t, spare); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: spare tree %v, want the replaced site's unchanged files %v", step.name, got, want)
			}
		}
		if entries, _ := os.ReadDir(filepath.Dir(dest)); len(entries) > 2 {
			t.Errorf("%s: left beside public/: %v", step.name, entries)
		}
		prevFiles = step.files
	}
}

// emptyDir returns an empty directory below dir, or "".
func emptyDir(t *testing.T, dir string) string {
	t.Helper()
	found := ""
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			if entries, _ := os.ReadDir(p); len(entries) == 0 && found == "" {
				found = p
			}
		}
		return err
	})
	return found
}

// TestStageConcurrentBuilds starts a second build of the same destination
// while a first one is open: it waits for the first to commit, and what it
// publishes is exactly its own site.
func TestStageConcurrentBuilds(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	st, _ := stageAll(t, dest, State{}, map[string]string{"a.html": "0", "b.html": "0"})
	st, _ = stageAll(t, dest, st, map[string]string{"a.html": "1", "b.html": "0"}) // a spare tree now
	first, err := Begin(dest, st)
	if err != nil {
		t.Fatal(err)
	}
	first.Add("a.html", []byte("2"))
	first.Add("b.html", []byte("2"))
	done := make(chan map[string]string)
	go func() {
		second, err := Begin(dest, st) // the same previous state: stale once first commits
		if err != nil {
			t.Error(err)
		}
		second.Add("a.html", []byte("1"))
		second.Add("b.html", []byte("3"))
		if _, err := second.Commit(); err != nil {
			t.Errorf("second build: %v", err)
		}
		done <- map[string]string{"a.html": "1", "b.html": "3"}
	}()
	if _, err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	want := <-done
	if got := tree(t, dest); !reflect.DeepEqual(got, want) {
		t.Errorf("after two builds at once, published %v, want the second build's %v", got, want)
	}
}

// TestLinkOrCopy copies where a hard link cannot be made (across file
// systems).
func TestLinkOrCopy(t *testing.T) {
	shm, err := os.MkdirTemp("/dev/shm", "portal-test-")
	if err != nil {
		t.Skip("no /dev/shm: cannot make a link fail")
	}
	defer os.RemoveAll(shm)
	old := filepath.Join(shm, "a.html")
	os.WriteFile(old, []byte("same bytes"), 0o644)
	name := filepath.Join(t.TempDir(), "a.html")
	copied, err := linkOrCopy(old, name)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(name); !copied || string(b) != "same bytes" {
		t.Errorf("copied %v, %q", copied, b)
	}
}
