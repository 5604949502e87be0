package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// countingFS counts the files opened for reading.
type countingFS struct {
	fs.FS
	opened atomic.Int64
}

func (c *countingFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err == nil {
		if st, err := f.Stat(); err == nil && !st.IsDir() {
			c.opened.Add(1)
		}
	}
	return f, err
}

func (c *countingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

// memoSite writes a content directory whose files are older than the racy
// window.
func memoSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"河南省/鲁山县/信访局-2024.txt":  "正文一",
		"河南省/鲁山县/信访局-2024.toml": goodMeta + "[metrics]\npetitions_total = 12\n",
		"河南省/鲁山县/司法局-2024.md":   "+++\n" + goodMeta + "+++\n正文二\n",
		"河南省/鲁山县/民政局-2024.txt":  "没有元数据",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(racyWindow + 100*time.Millisecond)
	return dir
}

// TestMemo loads a directory twice with a memo: the second Load reads no
// report file and returns the same reports and problems; a rewritten
// file, even of the same size and modification time, is read again.
func TestMemo(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("stamps are taken on Linux only")
	}
	dir := memoSite(t)
	memo := &Memo{}
	opt := Options{Prefix: "content", Catalog: catalog, LatestYear: 2026, Kinds: testKinds, Memo: memo}
	first, p1 := Load(os.DirFS(dir), opt)
	if len(first) != 2 || len(memo.Entries) != 2 {
		t.Fatalf("first load: %d reports, %d remembered; %s", len(first), len(memo.Entries), p1)
	}
	cfs := &countingFS{FS: os.DirFS(dir)}
	second, p2 := Load(cfs, opt)
	if n := cfs.opened.Load(); n != 1 { // the report without metadata
		t.Errorf("second load opened %d files, want 1", n)
	}
	if p1.String() != p2.String() {
		t.Errorf("problems differ:\n%s\n%s", p1, p2)
	}
	for i := range first {
		a, b := *first[i], *second[i]
		a.Raw, a.Body, a.fsys, b.fsys = nil, "", nil, nil
		if !reflect.DeepEqual(a, b) {
			t.Errorf("report %s differs:\n%+v\n%+v", a.Path, a, b)
		}
	}
	if err := second[0].Reread(); err != nil || second[0].Body != "正文二\n" && second[0].Body != "正文一" {
		t.Errorf("Reread: %v, body %q", err, second[0].Body)
	}

	// Same size, same modification time: the change time tells.
	name := filepath.Join(dir, "河南省/鲁山县/信访局-2024.toml")
	info, _ := os.Stat(name)
	b, _ := os.ReadFile(name)
	os.WriteFile(name, []byte(string(b[:len(b)-3])+"21\n"), 0o644)
	os.Chtimes(name, info.ModTime(), info.ModTime())
	third, _ := Load(os.DirFS(dir), opt)
	for _, r := range third {
		if r.Path == "河南省/鲁山县/信访局-2024.txt" && r.Meta.Metrics["petitions_total"] != 21 {
			t.Errorf("rewritten metadata not read again: %v", r.Meta.Metrics)
		}
	}
	// Just written: read, and not remembered.
	if _, ok := memo.Entries["河南省/鲁山县/信访局-2024.txt"]; ok {
		t.Error("a report written within the racy window was remembered")
	}

	// Other options: nothing is taken from the memo.
	other := opt
	other.LatestYear = 2030
	cfs = &countingFS{FS: os.DirFS(dir)}
	Load(cfs, other)
	if n := cfs.opened.Load(); n < 4 {
		t.Errorf("a load under other options opened %d files", n)
	}
}
