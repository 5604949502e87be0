package preview

import (
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
)

// TestWatchSeesNewFolders checks on the real file system that a change in
// a folder created after watching started triggers a rebuild.
func TestWatchSeesNewFolders(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(cfg, []byte("x"), 0o644)
	var builds atomic.Int32
	stop := make(chan struct{})
	defer close(stop)
	go Watch([]string{dir}, []string{cfg}, func() { builds.Add(1) }, stop)
	time.Sleep(100 * time.Millisecond)
	waitBuilds := func(n int32, what string) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); builds.Load() < n; time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("no rebuild after %s", what)
			}
		}
	}
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("x"), 0o644)
	waitBuilds(1, "a new file")
	os.MkdirAll(filepath.Join(dir, "新省", "新县"), 0o755)
	time.Sleep(200 * time.Millisecond)
	before := builds.Load()
	os.WriteFile(filepath.Join(dir, "新省", "新县", "b.txt"), []byte("x"), 0o644)
	waitBuilds(before+1, "a file in a new folder")
	before = builds.Load()
	os.WriteFile(cfg, []byte("y"), 0o644)
	waitBuilds(before+1, "a config change")
	before = builds.Load()
	for i := 0; i < 5; i++ {
		os.WriteFile(filepath.Join(dir, "a.txt"), []byte{byte(i)}, 0o644)
	}
	waitBuilds(before+1, "a burst of writes")
	time.Sleep(3 * debounce)
	if n := builds.Load(); n != before+1 {
		t.Errorf("a burst of 5 writes made %d builds, want 1 (debounced)", n-before)
	}
}
