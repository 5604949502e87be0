package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
)

// TestRealPath resolves paths as the system does: a ".." after a link goes
// up from where the link points, a missing part is kept as written.
func TestRealPath(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"www/html", "site/deep/er"} {
		os.MkdirAll(filepath.Join(root, d), 0o755)
	}
	os.WriteFile(filepath.Join(root, "file"), []byte("x"), 0o644)
	links := map[string]string{
		"web":      "www/html",       // relative
		"abs":      root + "/www",    // absolute
		"deep":     "site/deep/er",   // a .. after it goes to site/deep
		"dangling": "www/new/public", // to nothing yet
		"chain":    "web",            // a link to a link
		"loop":     "loop",           // itself
		"up":       "../" + filepath.Base(root) + "/www",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(root)
	for _, tt := range []struct{ in, want string }{
		{"web", root + "/www/html"},
		{"web/", root + "/www/html"},
		{"./web/../html", root + "/www/html"},
		{"abs/html/new", root + "/www/html/new"},
		{"deep/..", root + "/site/deep"},
		{"deep/../..", root + "/site"},
		{"dangling", root + "/www/new/public"},
		{"chain/x/y", root + "/www/html/x/y"},
		{"missing/../web", root + "/www/html"},
		{"missing/a/../b", root + "/missing/b"},
		{"up/html", root + "/www/html"},
		{"", root},
		{".", root},
		{root + "//www///html/", root + "/www/html"},
		{"/", "/"},
		{"/..", "/"},
	} {
		got, err := RealPath(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("RealPath(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"loop", "loop/x", "file/x"} {
		if got, err := RealPath(in); err == nil {
			t.Errorf("RealPath(%q) = %q, want an error", in, got)
		}
	}
}

// FuzzRealPath checks RealPath against the system: a path that exists is
// the same file as its RealPath, which has no link left and is absolute.
func FuzzRealPath(f *testing.F) {
	root, err := filepath.EvalSymlinks(f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	os.MkdirAll(filepath.Join(root, "a/b/c"), 0o755)
	os.MkdirAll(filepath.Join(root, "x/y"), 0o755)
	os.Symlink("a/b", filepath.Join(root, "l1"))
	os.Symlink(root+"/x/y", filepath.Join(root, "a/l2"))
	os.Symlink("../../x", filepath.Join(root, "a/b/l3"))
	os.Symlink("nowhere/z", filepath.Join(root, "x/l4"))
	for _, s := range []string{"l1/..", "a/l2/../..", "a/b/l3/y", "l1/l3/../a/l2", "x/l4", "x/l4/../..", "./a//b/../b/c", "../../"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, rel string) {
		if len(rel) > 200 || strings.ContainsRune(rel, 0) {
			return
		}
		p := root + "/" + rel
		got, err := RealPath(p)
		if err != nil {
			return
		}
		if !filepath.IsAbs(got) || filepath.Clean(got) != got {
			t.Fatalf("RealPath(%q) = %q: not absolute and clean", p, got)
		}
		want, errW := os.Stat(p)
		fi, errG := os.Stat(got)
		if errW == nil && (errG != nil || !os.SameFile(want, fi)) {
			t.Fatalf("RealPath(%q) = %q, another file than the system's", p, got)
		}
		if errW == nil {
			if ev, err := filepath.EvalSymlinks(got); err != nil || ev != got {
				t.Fatalf("RealPath(%q) = %q, with a link left (%q, %v)", p, got, ev, err)
			}
		}
	})
}

// snapshot reads every entry below dir: files with their bytes, links
// with their targets, directories as "/".
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			got[rel] = "-> " + target
		case d.IsDir():
			got[rel] = "/"
		default:
			b, _ := os.ReadFile(p)
			got[rel] = string(b)
		}
		return nil
	})
	return got
}

// TestBeginRefusesForeignTrees publishes to places the generator did not
// make: each is refused, and nothing around it changes.
func TestBeginRefusesForeignTrees(t *testing.T) {
	for _, tt := range []struct {
		name, want string
		setup      func(dir string)
	}{
		{"regular file", "a regular file", func(dir string) { os.WriteFile(filepath.Join(dir, "public"), []byte("mine"), 0o644) }},
		{"foreign files", "did not write", func(dir string) {
			os.MkdirAll(filepath.Join(dir, "public", "photos"), 0o755)
			os.WriteFile(filepath.Join(dir, "public", "photos", "a.jpg"), []byte("jpeg"), 0o644)
		}},
		{"hidden foreign file", "did not write", func(dir string) {
			os.MkdirAll(filepath.Join(dir, "public"), 0o755)
			os.WriteFile(filepath.Join(dir, "public", ".bashrc"), []byte("rc"), 0o644)
		}},
		{"marker not a file", "did not write", func(dir string) {
			os.MkdirAll(filepath.Join(dir, "public", Marker), 0o755)
		}},
		{"foreign spare tree", "did not write", func(dir string) {
			os.MkdirAll(filepath.Join(dir, sparePrefix+"public"), 0o755)
			os.WriteFile(filepath.Join(dir, sparePrefix+"public", "notes.txt"), []byte("notes"), 0o644)
		}},
		{"link to a file", "a regular file", func(dir string) {
			os.WriteFile(filepath.Join(dir, "target"), []byte("mine"), 0o644)
			os.Symlink("target", filepath.Join(dir, "public"))
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			tt.setup(dir)
			before := snapshot(t, dir)
			st, err := Begin(filepath.Join(dir, "public"), State{})
			if err == nil {
				st.Abort()
				t.Fatal("Begin accepted it")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Begin: %v, want %q", err, tt.want)
			}
			f := NewFiles()
			f.Add("index.html", []byte("site"))
			if err := Publish(filepath.Join(dir, "public"), f); err == nil {
				t.Error("Publish accepted it")
			}
			if after := snapshot(t, dir); !mapsEqual(before, after) {
				t.Errorf("changed: before %v, after %v", before, after)
			}
		})
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestBeginAcceptsEmptyAndOwn publishes into an empty directory, then over
// its own site.
func TestBeginAcceptsEmptyAndOwn(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	os.Mkdir(dest, 0o755)
	st, _ := stageAll(t, dest, State{}, map[string]string{"index.html": "one"})
	stageAll(t, dest, st, map[string]string{"index.html": "two"})
	if got := tree(t, dest); got["index.html"] != "two" || len(got) != 1 {
		t.Errorf("published %v", got)
	}
}

// TestSymlinkedDestination publishes through a link to the web root: the
// link stays a link, and the directory it points to is the site.
func TestSymlinkedDestination(t *testing.T) {
	dir := t.TempDir()
	webRoot := filepath.Join(dir, "www", "html")
	os.MkdirAll(webRoot, 0o755)
	link := filepath.Join(dir, "public")
	if err := os.Symlink("www/html", link); err != nil {
		t.Fatal(err)
	}
	var st State
	for _, data := range []string{"one", "two", "three"} {
		st, _ = stageAll(t, link, st, map[string]string{"index.html": data, "a/b.html": "b"})
		fi, err := os.Lstat(link)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Fatalf("%s: the link was replaced (%v, %v)", data, fi.Mode(), err)
		}
		if got := tree(t, webRoot); got["index.html"] != data {
			t.Errorf("web root holds %v, want index.html %q", got, data)
		}
	}
	if st.Spare == nil {
		t.Error("no spare tree beside the web root")
	}
	if _, err := os.Stat(filepath.Join(dir, "www", sparePrefix+"html")); err != nil {
		t.Errorf("spare tree not beside the web root: %v", err)
	}
}

// TestStaleTreesOnlyOwn leaves alone what only looks like a leftover of
// an interrupted build.
func TestStaleTreesOnlyOwn(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	foreign := filepath.Join(dir, tempPrefix+"public-mine")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "thesis.tex"), []byte("years of work"), 0o644)
	file := filepath.Join(dir, tempPrefix+"public-file")
	os.WriteFile(file, []byte("a file"), 0o644)
	own := filepath.Join(dir, tempPrefix+"public-123")
	os.MkdirAll(filepath.Join(own, "a"), 0o755)
	writeMarker(own)
	empty := filepath.Join(dir, tempPrefix+"public-456")
	os.Mkdir(empty, 0o755)
	stageAll(t, dest, State{}, map[string]string{"index.html": "x"})
	if b, err := os.ReadFile(filepath.Join(foreign, "thesis.tex")); err != nil || string(b) != "years of work" {
		t.Errorf("a foreign directory was removed: %v", err)
	}
	if _, err := os.Stat(file); err != nil {
		t.Errorf("a foreign file was removed: %v", err)
	}
	for _, d := range []string{own, empty} {
		if _, err := os.Stat(d); err == nil {
			t.Errorf("leftover %s not removed", d)
		}
	}
}

// TestPermissionsUnderUmask publishes under umask 077: files must still
// be 0644 and directories 0755, created parents included, and a file
// left unreadable by hand is written again.
func TestPermissionsUnderUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	dest := filepath.Join(t.TempDir(), "new", "parent", "public")
	files := map[string]string{"index.html": "home", "a/b/c.html": "c", "a/d.txt": "d"}
	st, _ := stageAll(t, dest, State{}, files)
	checkPerms(t, filepath.Dir(filepath.Dir(dest)), "first build")
	os.Chmod(filepath.Join(dest, "a/d.txt"), 0o600)
	st, _ = stageAll(t, dest, st, files)
	files["e/f.html"] = "new"
	files["index.html"] = "home2"
	st, _ = stageAll(t, dest, st, files) // patches the spare tree
	_, linked := stageAll(t, dest, st, files)
	checkPerms(t, filepath.Dir(filepath.Dir(dest)), "patched builds")
	if linked != len(files) {
		t.Errorf("an unchanged build reused %d of %d files", linked, len(files))
	}
}

// checkPerms checks every file and directory below dir (dir included) has
// the site's permissions.
func checkPerms(t *testing.T, dir, step string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Error(err)
			return err
		}
		fi, _ := d.Info()
		want := fs.FileMode(filePerm)
		if d.IsDir() {
			want = dirPerm
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s: %s is %v, want %v", step, p, fi.Mode().Perm(), want)
		}
		return nil
	})
}

// TestSpareKeepsNoWithdrawnText withdraws a file and changes another: the
// text they held is nowhere beside the destination after the build, and
// the builds after patch the spare tree as before.
func TestSpareKeepsNoWithdrawnText(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	st, _ := stageAll(t, dest, State{}, map[string]string{"index.html": "list: SECRET-A", "r/a.html": "SECRET-A report", "r/b.html": "b"})
	st, _ = stageAll(t, dest, st, map[string]string{"index.html": "list: SECRET-A", "r/a.html": "SECRET-A report", "r/b.html": "b"})
	next := map[string]string{"index.html": "list", "r/b.html": "b"}
	st, _ = stageAll(t, dest, st, next)
	if st.Spare == nil {
		t.Fatal("no spare tree")
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if b, _ := os.ReadFile(p); err == nil && !d.IsDir() && strings.Contains(string(b), "SECRET-A") {
			t.Errorf("%s still holds the withdrawn text", p)
		}
		return err
	})
	if _, err := os.Stat(filepath.Join(dir, sparePrefix+"public", "r", "a.html")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("withdrawn file in the spare tree: %v", err)
	}
	for p := range st.Spare {
		if _, ok := next[p]; !ok {
			t.Errorf("spare manifest lists %s, removed", p)
		}
	}
	_, linked := stageAll(t, dest, st, next)
	if linked != len(next) {
		t.Errorf("the build after reused %d of %d files", linked, len(next))
	}
}

// TestNothingOutsideTheTrees replaces directories of the published site
// and of the spare tree by links to directories of the user's, and gives
// manifests that name files outside: no build removes or writes anything
// there.
func TestNothingOutsideTheTrees(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	spare := filepath.Join(dir, sparePrefix+"public")
	outside := filepath.Join(dir, "shared")
	os.MkdirAll(filepath.Join(outside, "css"), 0o755)
	precious := map[string]string{"css/a.css": "precious", "b.html": "mine"}
	for p, data := range precious {
		os.WriteFile(filepath.Join(outside, p), []byte(data), 0o644)
	}
	victim := filepath.Join(dir, "victim.txt")
	os.WriteFile(victim, []byte("mine"), 0o644)
	files := func(v string) map[string]string {
		return map[string]string{"index.html": v, "static/css/a.css": v, "static/b.html": v}
	}
	st, _ := stageAll(t, dest, State{}, files("1"))
	st, _ = stageAll(t, dest, st, files("2"))
	// The published site's static/ becomes a link: the build after prunes
	// the site it replaces.
	os.RemoveAll(filepath.Join(dest, "static"))
	os.Symlink(outside, filepath.Join(dest, "static"))
	st, _ = stageAll(t, dest, st, files("3"))
	// The spare tree's static/ becomes a link: the build after patches it.
	os.RemoveAll(filepath.Join(spare, "static"))
	os.Symlink(outside, filepath.Join(spare, "static"))
	st, _ = stageAll(t, dest, st, files("4"))
	// Manifests that name a file outside the trees.
	bad := Entry{Hash: st.Site["index.html"].Hash}
	st.Site["../victim.txt"], st.Spare["../victim.txt"] = bad, bad
	st, _ = stageAll(t, dest, st, files("5"))
	st.Site["../victim.txt"], st.Spare["../victim.txt"] = bad, bad
	stageAll(t, dest, st, files("6"))
	if got := tree(t, dest); !reflect.DeepEqual(got, files("6")) {
		t.Errorf("published %v", got)
	}
	if got := snapshot(t, outside); got["css/a.css"] != "precious" || got["b.html"] != "mine" || len(got) != 4 {
		t.Errorf("the linked directory changed: %v", got)
	}
	if b, err := os.ReadFile(victim); err != nil || string(b) != "mine" {
		t.Errorf("victim.txt: %q, %v", b, err)
	}
}
