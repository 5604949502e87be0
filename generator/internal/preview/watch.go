package preview

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// debounce is how long the watcher waits after the last change before it
// rebuilds, so that an editor's save (several events) makes one build.
const debounce = 150 * time.Millisecond

// Watch calls rebuild after changes below any of roots (directories,
// watched recursively, new ones included) or to any of files, until stop is
// closed.
func Watch(roots, files []string, rebuild func(), stop <-chan struct{}) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	for _, r := range roots {
		addTree(w, r)
	}
	for _, f := range files {
		w.Add(filepath.Dir(f)) // watch the directory: editors replace files on save
	}
	watched := func(name string) bool {
		for _, r := range roots {
			if rel, err := filepath.Rel(r, name); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				return true
			}
		}
		for _, f := range files {
			if filepath.Clean(name) == filepath.Clean(f) {
				return true
			}
		}
		return false
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-stop:
			return nil
		case ev := <-w.Events:
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() && watched(ev.Name) {
					addTree(w, ev.Name)
				}
			}
			if watched(ev.Name) && !ev.Has(fsnotify.Chmod) {
				timer.Reset(debounce)
			}
		case <-w.Errors:
			timer.Reset(debounce) // events may be lost (a full queue): build to be sure
		case <-timer.C:
			rebuild()
		}
	}
}

// addTree watches dir and every directory below it.
func addTree(w *fsnotify.Watcher, dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			w.Add(p)
		}
		return nil
	})
}
