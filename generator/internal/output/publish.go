package output

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// tempPrefix starts the names of the directories a build writes into
// before swapping them in.
const tempPrefix = ".portal-tmp-"

// Publish writes files to dest atomically. It writes everything into a new
// directory beside dest, syncs it, then exchanges it with dest in one
// rename (Linux renameat2 RENAME_EXCHANGE; elsewhere two renames), and
// finally removes the old tree. At every moment dest is either the complete
// previous site or the complete new one. Leftovers of interrupted builds
// are removed first.
func Publish(dest string, files *Files) error {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	removeStale(parent, filepath.Base(dest))
	tmp, err := os.MkdirTemp(parent, tempPrefix+filepath.Base(dest)+"-")
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := writeTree(tmp, files); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := swap(tmp, dest); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("publish %s: %w", dest, err)
	}
	syncDir(parent)
	return os.RemoveAll(tmp) // now holds the previous site, if any
}

// removeStale deletes temporary trees left by interrupted builds of dest.
func removeStale(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tempPrefix+base+"-") {
			os.RemoveAll(filepath.Join(parent, e.Name()))
		}
	}
}

// writers is how many files are written and synced at once: syncing is
// waiting on the disk, which overlaps well.
const writers = 8

// writeTree writes and syncs every file below dir.
func writeTree(dir string, files *Files) error {
	paths := files.Paths()
	dirs := map[string]bool{}
	for _, p := range paths {
		d := filepath.Join(dir, filepath.FromSlash(path.Dir(p)))
		if !dirs[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			dirs[d] = true
		}
	}
	work := make(chan string)
	errs := make(chan error, writers)
	var wg sync.WaitGroup
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				data, _ := files.Get(p)
				if err := writeFile(filepath.Join(dir, filepath.FromSlash(p)), data); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	for _, p := range paths {
		work <- p
	}
	close(work)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
	}
	for d := range dirs {
		syncDir(d)
	}
	syncDir(dir)
	return nil
}

func writeFile(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}
