package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"portal/generator/internal/output"
)

// The secret of the report a test withdraws: a phrase no other file has.
const withdrawnText = "撤回报告独有的测试短语甲乙丙"

// scratch is a scratch tree for the destination tests: a fake home
// directory holding a site root (config.toml, layouts/, content/ with two
// reports, and files of the user's: .git, generator/), and files of the
// user's beside it.
type scratch struct {
	top, home, root string
}

func newScratch(t *testing.T) scratch {
	t.Helper()
	top, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s := scratch{top: top, home: filepath.Join(top, "home"), root: filepath.Join(top, "home", "site")}
	t.Setenv("HOME", s.home)
	t.Setenv("XDG_CACHE_HOME", "") // the default cache: $HOME/.cache
	copyDir(t, "../layouts", filepath.Join(s.root, "layouts"))
	b, err := os.ReadFile("../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	county := filepath.Join(s.root, "content", "河南省", "鲁山县")
	copyDir(t, "../content/河南省/鲁山县", county)
	write(t, filepath.Join(s.root, "config.toml"), string(b))
	write(t, filepath.Join(county, "司法局-2024.txt"), "鲁山县司法局2024年度法治政府建设情况报告\n一、主要举措和成效\n"+withdrawnText+"。全年开展普法活动12场次。\n")
	write(t, filepath.Join(county, "司法局-2024.toml"), "title = \"鲁山县司法局2024年度法治政府建设情况报告\"\nagency = \"司法局\"\ncounty = \"鲁山县\"\nyear = 2024\n")
	write(t, filepath.Join(s.root, ".git", "HEAD"), "ref: refs/heads/main\n")
	write(t, filepath.Join(s.root, "generator", "main.go"), "package main\n")
	write(t, filepath.Join(s.home, "notes.txt"), "the user's notes\n")
	write(t, filepath.Join(s.home, ".bashrc"), "export PS1\n")
	write(t, filepath.Join(top, "docs", "thesis.tex"), "years of work\n")
	return s
}

// path expands the placeholders of p: {~} the home directory, {S} the
// site root, {T} the scratch tree.
func (s scratch) path(p string) string {
	return strings.NewReplacer("{~}", s.home, "{S}", s.root, "{T}", s.top).Replace(p)
}

// run runs the generator with args (placeholders as for path), in dir
// when not "".
func (s scratch) run(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	if dir != "" {
		t.Chdir(s.path(dir))
	}
	for i, a := range args {
		args[i] = s.path(a)
	}
	var stdout, stderr strings.Builder
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// treeState reads every entry below dir: files with their bytes and
// permissions, links with their targets, directories.
func treeState(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fi, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			got[rel] = "link to " + target
		case d.IsDir():
			got[rel] = "dir " + fi.Mode().String()
		default:
			b, _ := os.ReadFile(p)
			got[rel] = fi.Mode().String() + " " + string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// sameTree reports the first difference between two treeStates.
func sameTree(before, after map[string]string) string {
	for p, v := range before {
		if w, ok := after[p]; !ok {
			return p + " was removed"
		} else if w != v {
			return p + " changed"
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			return p + " was written"
		}
	}
	return ""
}

// TestDestinationRefusals gives build a destination or cache directory
// that would destroy what the generator did not write. Each is refused
// with one message per problem naming the flag and the path, exit code 2,
// before anything is written: the whole scratch tree is byte for byte as
// it was.
func TestDestinationRefusals(t *testing.T) {
	for _, tt := range []struct {
		name  string
		setup func(s scratch)
		dir   string   // working directory, if not the test's
		args  []string // after "build"
		want  []string // in the message, paths as for scratch.path
	}{
		{name: "destination is the content", args: []string{"--source", "{S}", "--destination", "{S}/content"},
			want: []string{"--destination {S}/content: is the content directory {S}/content"}},
		{name: "destination is the site root", args: []string{"--source", "{S}", "--destination", "{S}"},
			want: []string{"--destination {S}: is the site root (the directory of config.toml) {S}"}},
		{name: "destination is the site root, relative", dir: "{S}", args: []string{"--destination", "."},
			want: []string{"--destination . ({S}): is the site root"}},
		{name: "destination is home", args: []string{"--source", "{S}", "--destination", "{~}", "--cache-dir", "{T}/cache"},
			want: []string{"--destination {~}: is the home directory {~}", "--destination {~}: holds the site root"}},
		{name: "destination holds home", args: []string{"--source", "{S}", "--destination", "{T}", "--cache-dir", "{T}/../cache"},
			want: []string{"--destination {T}: holds the home directory {~}"}},
		{name: "destination is /", args: []string{"--source", "{S}", "--destination", "/", "--cache-dir", "{T}/cache"},
			want: []string{"--destination /: is the root directory /", "--destination /: holds the home directory"}},
		{name: "destination inside the content", args: []string{"--source", "{S}", "--destination", "{S}/content/public"},
			want: []string{"--destination {S}/content/public: inside the content directory {S}/content"}},
		{name: "destination inside the layouts", args: []string{"--source", "{S}", "--destination", "{S}/layouts/static/site"},
			want: []string{"--destination {S}/layouts/static/site: inside the layouts directory {S}/layouts"}},
		{name: "destination holds the content", args: []string{"--source", "{S}", "--content", "{T}/docs/content", "--destination", "{T}/docs"},
			setup: func(s scratch) { copyDir(t, s.path("{S}/content"), s.path("{T}/docs/content")) },
			want:  []string{"--destination {T}/docs: holds the content directory {T}/docs/content"}},
		{name: "destination holds the user's files", args: []string{"--source", "{S}", "--destination", "{T}/docs"},
			want: []string{"--destination {T}/docs: holds files the generator did not write (no .portal-site marker); choose an empty or new directory, or remove them"}},
		{name: "destination is the user's .git", args: []string{"--source", "{S}", "--destination", "{S}/.git"},
			want: []string{"--destination {S}/.git: holds files the generator did not write"}},
		{name: "content is /", args: []string{"--source", "{S}", "--content", "/", "--destination", "{T}/out", "--cache-dir", "{T}/cache"},
			want: []string{"--destination {T}/out: inside the content directory /", "--cache-dir {T}/cache: inside the content directory /"}},
		{name: "destination is a regular file", args: []string{"--source", "{S}", "--destination", "{T}/docs/thesis.tex"},
			want: []string{"--destination {T}/docs/thesis.tex: a regular file, not a directory"}},
		{name: "destination under a regular file", args: []string{"--source", "{S}", "--destination", "{T}/docs/thesis.tex/public"},
			want: []string{"--destination {T}/docs/thesis.tex/public: ", "not a directory"}},
		{name: "foreign spare tree beside the destination", args: []string{"--source", "{S}", "--destination", "{T}/docs/public"},
			setup: func(s scratch) { write(t, s.path("{T}/docs/.portal-spare-public/keep.txt"), "mine") },
			want:  []string{"--destination {T}/docs/public: the spare tree {T}/docs/.portal-spare-public beside it: holds files the generator did not write"}},
		{name: "link to home", args: []string{"--source", "{S}", "--destination", "{T}/www", "--cache-dir", "{T}/cache"},
			setup: func(s scratch) { os.Symlink(s.home, s.path("{T}/www")) },
			want:  []string{"--destination {T}/www ({~}): is the home directory {~}"}},
		{name: "link and .. into the content", args: []string{"--source", "{S}", "--destination", "{T}/l/.."},
			// The system resolves l/.. to the content directory, not to T.
			setup: func(s scratch) { os.Symlink(s.path("{S}/content/河南省"), s.path("{T}/l")) },
			want:  []string{"--destination {T}/l/.. ({S}/content): is the content directory"}},
		{name: "cache is the site root", args: []string{"--source", "{S}", "--cache-dir", "{S}", "--clean"},
			want: []string{"--cache-dir {S}: is the site root (the directory of config.toml) {S}", "--cache-dir {S}: holds the destination {S}/public"}},
		{name: "cache is . in the site root", dir: "{S}", args: []string{"--cache-dir", ".", "--clean"},
			want: []string{"--cache-dir . ({S}): is the site root"}},
		{name: "cache is home", args: []string{"--source", "{S}", "--cache-dir", "{~}", "--clean"},
			want: []string{"--cache-dir {~}: is the home directory {~}"}},
		{name: "cache is /", args: []string{"--source", "{S}", "--cache-dir", "/", "--clean"},
			want: []string{"--cache-dir /: is the root directory /"}},
		{name: "cache is the content", args: []string{"--source", "{S}", "--cache-dir", "{S}/content", "--clean"},
			want: []string{"--cache-dir {S}/content: is the content directory"}},
		{name: "cache inside the layouts", args: []string{"--source", "{S}", "--cache-dir", "{S}/layouts/c", "--clean"},
			want: []string{"--cache-dir {S}/layouts/c: inside the layouts directory"}},
		{name: "cache above the destination", args: []string{"--source", "{S}", "--destination", "{T}/out/public", "--cache-dir", "{T}/out", "--clean"},
			setup: func(s scratch) { os.MkdirAll(s.path("{T}/out"), 0o755) },
			want:  []string{"--cache-dir {T}/out: holds the destination {T}/out/public"}},
		{name: "cache inside the destination", args: []string{"--source", "{S}", "--destination", "{T}/out", "--cache-dir", "{T}/out/cache"},
			want: []string{"--cache-dir {T}/out/cache: inside the destination {T}/out"}},
		{name: "cache is the spare tree", args: []string{"--source", "{S}", "--destination", "{T}/out", "--cache-dir", "{T}/.portal-spare-out"},
			want: []string{"--cache-dir {T}/.portal-spare-out: is the spare tree {T}/.portal-spare-out"}},
		{name: "cache holds the user's files", args: []string{"--source", "{S}", "--cache-dir", "{T}/docs", "--clean"},
			want: []string{"--cache-dir {T}/docs: holds thesis.tex, which the build cache did not write; choose an empty or new directory"}},
		{name: "cache is a regular file", args: []string{"--source", "{S}", "--cache-dir", "{~}/notes.txt", "--clean"},
			want: []string{"--cache-dir {~}/notes.txt: a regular file, not a directory"}},
		{name: "both wrong at once", args: []string{"--source", "{S}", "--destination", "{S}/content", "--cache-dir", "{S}/layouts"},
			want: []string{"--destination {S}/content: is the content directory", "--cache-dir {S}/layouts: is the layouts directory"}},
		{name: "a name that forges a line", args: []string{"--source", "{S}", "--destination", "{T}/docs/x\n\x1b[32mbuilt 1 reports"},
			setup: func(s scratch) { write(t, s.path("{T}/docs/x\n\x1b[32mbuilt 1 reports"), "a file") },
			want:  []string{`--destination {T}/docs/x\n\x1b[32mbuilt 1 reports: a regular file`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := newScratch(t)
			if tt.setup != nil {
				tt.setup(s)
			}
			before := treeState(t, s.top)
			code, stdout, stderr := s.run(t, tt.dir, append([]string{"build"}, tt.args...)...)
			if code != 2 {
				t.Errorf("exit code %d, want 2\n%s%s", code, stdout, stderr)
			}
			for _, w := range tt.want {
				if w := s.path(w); !strings.Contains(stderr, w) {
					t.Errorf("message\n%s\nlacks %q", stderr, w)
				}
			}
			for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
				if !strings.HasPrefix(line, "--destination ") && !strings.HasPrefix(line, "--cache-dir ") {
					t.Errorf("message line %q does not start with the flag", line)
				}
			}
			if diff := sameTree(before, treeState(t, s.top)); diff != "" {
				t.Errorf("the scratch tree changed: %s", diff)
			}
		})
	}
}

// TestServeRefusesTheSame checks that serve applies the same rules before
// building or listening.
func TestServeRefusesTheSame(t *testing.T) {
	s := newScratch(t)
	before := treeState(t, s.top)
	code, _, stderr := s.run(t, "", "serve", "--source", "{S}", "--destination", "{S}/content", "--no-watch", "--port", "0")
	if code != 2 || !strings.Contains(stderr, s.path("--destination {S}/content: is the content directory")) {
		t.Errorf("serve exited %d: %s", code, stderr)
	}
	if diff := sameTree(before, treeState(t, s.top)); diff != "" {
		t.Errorf("the scratch tree changed: %s", diff)
	}
}

// TestDestinationsAccepted builds where a site may go: the default
// public/ of a site root in the home directory, with the default cache
// below it; an empty directory; a link to the web root, followed. Each
// builds twice, the second time over its own site.
func TestDestinationsAccepted(t *testing.T) {
	for _, tt := range []struct {
		name  string
		setup func(s scratch)
		args  []string
		site  string // where the site must be
	}{
		{name: "default", args: []string{"--source", "{S}"}, site: "{S}/public"},
		{name: "empty directory", args: []string{"--source", "{S}", "--destination", "{T}/empty"}, site: "{T}/empty",
			setup: func(s scratch) { os.Mkdir(s.path("{T}/empty"), 0o755) }},
		{name: "new directory in home", args: []string{"--source", "{S}", "--destination", "{~}/www/site"}, site: "{~}/www/site"},
		{name: "link to the web root", args: []string{"--source", "{S}", "--destination", "{T}/public"}, site: "{T}/var/www/html",
			setup: func(s scratch) {
				os.MkdirAll(s.path("{T}/var/www/html"), 0o755)
				os.Symlink("var/www/html", s.path("{T}/public"))
			}},
		{name: "link to a web root not made yet", args: []string{"--source", "{S}", "--destination", "{T}/public"}, site: "{T}/srv/html",
			setup: func(s scratch) { os.Symlink("srv/html", s.path("{T}/public")) }},
		{name: "clean build, cache with its own files", args: []string{"--source", "{S}", "--cache-dir", "{T}/cache", "--clean"}, site: "{S}/public"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := newScratch(t)
			if tt.setup != nil {
				tt.setup(s)
			}
			home := treeState(t, s.home)
			for i := range 2 {
				code, stdout, stderr := s.run(t, "", append([]string{"build"}, tt.args...)...)
				if code != 0 || !strings.HasPrefix(stdout, "built 2 reports") {
					t.Fatalf("build %d exited %d:\n%s%s", i+1, code, stdout, stderr)
				}
			}
			if _, err := os.Stat(filepath.Join(s.path(tt.site), "counties")); err != nil {
				t.Errorf("no site at %s: %v", tt.site, err)
			}
			if b, err := os.ReadFile(filepath.Join(s.path(tt.site), output.Marker)); err != nil || len(b) == 0 {
				t.Errorf("no marker: %v", err)
			}
			if fi, err := os.Lstat(s.path("{T}/public")); err == nil && fi.Mode()&fs.ModeSymlink == 0 && tt.site != "{T}/public" {
				t.Error("the link to the web root was replaced")
			}
			// Nothing of the user's changed: their files, the site root.
			after := treeState(t, s.home)
			for p, v := range home {
				if after[p] != v {
					t.Errorf("%s changed or was removed", p)
				}
			}
		})
	}
}

// TestCleanFailedBuildKeepsSite runs a clean build that fails on its
// content, with the cache beside the site: the cache's files are gone,
// the site and everything else stay byte for byte, and the message claims
// no more than that.
func TestCleanFailedBuildKeepsSite(t *testing.T) {
	s := newScratch(t)
	args := []string{"build", "--source", "{S}", "--cache-dir", "{T}/out/cache", "--destination", "{T}/out/public"}
	if code, _, stderr := s.run(t, "", args...); code != 0 {
		t.Fatalf("first build: %s", stderr)
	}
	site := treeState(t, s.path("{T}/out/public"))
	write(t, s.path("{S}/content/河南省/鲁山县/司法局-2024.toml"), "title = \"x\"\nyear = 1999\n")
	code, _, stderr := s.run(t, "", append(args, "--clean")...)
	if code != 1 || !strings.Contains(stderr, "nothing was published") {
		t.Errorf("exit code %d, message:\n%s", code, stderr)
	}
	if strings.Contains(stderr, "left as it was") {
		t.Errorf("message claims %q", stderr)
	}
	if diff := sameTree(site, treeState(t, s.path("{T}/out/public"))); diff != "" {
		t.Errorf("the site changed: %s", diff)
	}
	// The cache was cleared (what the build loaded is cached again).
	if _, err := os.Stat(s.path("{T}/out/cache/" + manifestFile)); err == nil {
		t.Errorf("--clean left %s", manifestFile)
	}
}

// TestCleanKeepsForeignFilesOutOfReach checks that --clean removes only
// the files of the cache even where a cache directory gained a file of
// the user's after the build started using it: the build is refused, the
// file kept.
func TestCleanKeepsForeignFilesOutOfReach(t *testing.T) {
	s := newScratch(t)
	if code, _, stderr := s.run(t, "", "build", "--source", "{S}", "--cache-dir", "{T}/cache"); code != 0 {
		t.Fatalf("first build: %s", stderr)
	}
	write(t, s.path("{T}/cache/todo.txt"), "mine")
	code, _, stderr := s.run(t, "", "build", "--source", "{S}", "--cache-dir", "{T}/cache", "--clean")
	if code != 2 || !strings.Contains(stderr, "holds todo.txt") {
		t.Errorf("exit code %d: %s", code, stderr)
	}
	if b, err := os.ReadFile(s.path("{T}/cache/todo.txt")); err != nil || string(b) != "mine" {
		t.Errorf("todo.txt: %q, %v", b, err)
	}
	if _, err := os.Stat(s.path("{T}/cache/" + manifestFile)); err != nil {
		t.Errorf("a refused build cleared the cache: %v", err)
	}
}

// TestWithdrawnReportGone builds with a report, withdraws it and builds
// again: its text is nowhere beside the destination, spare tree
// included, and the next build still patches the spare tree.
func TestWithdrawnReportGone(t *testing.T) {
	s := newScratch(t)
	args := []string{"build", "--source", "{S}", "--cache-dir", "{T}/cache"}
	for range 2 { // the second build leaves a spare tree
		if code, _, stderr := s.run(t, "", args...); code != 0 {
			t.Fatalf("build: %s", stderr)
		}
	}
	if !treeHolds(t, s.path("{S}/public"), withdrawnText) {
		t.Fatal("the report's text is not in the site: the test tests nothing")
	}
	for _, ext := range []string{".txt", ".toml"} {
		os.Remove(s.path("{S}/content/河南省/鲁山县/司法局-2024" + ext))
	}
	for i := range 2 {
		code, stdout, stderr := s.run(t, "", args...)
		if code != 0 || !strings.HasPrefix(stdout, "built 1 reports") {
			t.Fatalf("build after withdrawal: %s%s", stdout, stderr)
		}
		if treeHolds(t, s.root, withdrawnText) {
			t.Errorf("build %d after withdrawal: the text is still beside the site", i+1)
		}
	}
	if _, err := os.Stat(s.path("{S}/.portal-spare-public/" + output.Marker)); err != nil {
		t.Errorf("no spare tree: %v", err)
	}
}

// treeHolds reports whether a file below dir, other than the content,
// holds text.
func treeHolds(t *testing.T, dir, text string) bool {
	t.Helper()
	found := false
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "content" {
			return filepath.SkipDir
		}
		if b, _ := os.ReadFile(p); !d.IsDir() && strings.Contains(string(b), text) {
			t.Logf("%s holds %q", p, text)
			found = true
		}
		return nil
	})
	return found
}

// TestPublishedUnderUmask builds with umask 077: a web server running as
// another user must still read the site.
func TestPublishedUnderUmask(t *testing.T) {
	s := newScratch(t)
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	for range 2 {
		if code, _, stderr := s.run(t, "", "build", "--source", "{S}", "--destination", "{T}/new/public", "--cache-dir", "{T}/cache"); code != 0 {
			t.Fatalf("build: %s", stderr)
		}
	}
	err := filepath.WalkDir(s.path("{T}/new"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		want := fs.FileMode(0o644)
		if d.IsDir() {
			want = 0o755
		}
		if err == nil && fi.Mode().Perm() != want {
			t.Errorf("%s is %v, want %v", p, fi.Mode().Perm(), want)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
