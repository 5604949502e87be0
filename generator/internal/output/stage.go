package output

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Sink receives the files of a build, one path at a time. Files (in
// memory) and Stage (on disk) are sinks.
type Sink interface {
	Add(p string, data []byte) error
}

// Entry describes one published file: what it holds and which file on
// disk holds it, so that a later build can tell whether it is still there
// unchanged.
type Entry struct {
	Hash  [sha256.Size]byte
	Size  int64
	Ino   uint64 // inode number; 0 where the system has none
	MTime int64  // modification time, Unix nanoseconds
}

// Manifest lists the files of a published site by slash path.
type Manifest map[string]Entry

// Stage is a site being written: files go straight to a temporary
// directory beside the destination as they are added, so a build never
// holds its output in memory. A file that a previous build published with
// the same bytes, and that is still on disk as that build left it, is
// hard-linked from the published site instead of written. Commit swaps
// the new tree in; Abort throws it away. A Stage is safe for concurrent
// use.
type Stage struct {
	dest, tmp string
	prev      Manifest

	mu      sync.Mutex
	next    Manifest
	dirs    map[string]bool
	written []string // files written (not linked), for syncing
	linked  int
	size    int64
}

// Begin starts a new site for dest. prev is the manifest of the site now
// at dest, or nil when it is unknown; it is only a hint, checked file by
// file. Leftovers of interrupted builds are removed first.
func Begin(dest string, prev Manifest) (*Stage, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeStale(parent, filepath.Base(dest))
	tmp, err := os.MkdirTemp(parent, tempPrefix+filepath.Base(dest)+"-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	// MkdirTemp gives "./.portal-tmp-…" for a relative dest; the clean
	// form is the prefix of every path joined below it.
	tmp = filepath.Clean(tmp)
	return &Stage{dest: dest, tmp: tmp, prev: prev, next: Manifest{}, dirs: map[string]bool{tmp: true}}, nil
}

// Add writes one file of the new site. The path must pass CheckPath, and
// adding the same path twice is an error.
func (s *Stage) Add(p string, data []byte) error {
	if err := CheckPath(p); err != nil {
		return err
	}
	s.mu.Lock()
	_, dup := s.next[p]
	s.next[p] = Entry{} // reserved until written
	prev, had := s.prev[p]
	s.mu.Unlock()
	if dup {
		return fmt.Errorf("output %s: written twice", p)
	}
	name := filepath.Join(s.tmp, filepath.FromSlash(p))
	if err := s.mkdirFor(name); err != nil {
		return err
	}
	e := Entry{Hash: sha256.Sum256(data), Size: int64(len(data))}
	linked := had && prev.Hash == e.Hash && s.link(p, name, prev)
	if linked {
		e = prev // the same file: same inode, size and time
	} else {
		if err := os.WriteFile(name, data, 0o644); err != nil {
			return err
		}
		fi, err := os.Lstat(name)
		if err != nil {
			return err
		}
		e.Ino, e.MTime = inode(fi), fi.ModTime().UnixNano()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next[p] = e
	s.size += e.Size
	if linked {
		s.linked++
	} else {
		s.written = append(s.written, name)
	}
	return nil
}

// link hard-links the published file p to name when it is still the file
// the previous build wrote: same inode, size and modification time.
func (s *Stage) link(p, name string, prev Entry) bool {
	old := filepath.Join(s.dest, filepath.FromSlash(p))
	fi, err := os.Lstat(old)
	if err != nil || !fi.Mode().IsRegular() || prev.Ino == 0 ||
		inode(fi) != prev.Ino || fi.Size() != prev.Size || fi.ModTime().UnixNano() != prev.MTime {
		return false
	}
	return os.Link(old, name) == nil
}

// mkdirFor creates the directory of the file name and its parents, each
// once: one mkdir per new directory, no stat of the known ones.
func (s *Stage) mkdirFor(name string) error {
	return s.mkdir(filepath.Dir(name))
}

func (s *Stage) mkdir(dir string) error {
	s.mu.Lock()
	done := s.dirs[dir]
	s.mu.Unlock()
	if done {
		return nil
	}
	if parent := filepath.Dir(dir); parent != dir && strings.HasPrefix(parent, s.tmp) {
		if err := s.mkdir(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o755); err != nil && !os.IsExist(err) {
		return err
	}
	s.mu.Lock()
	s.dirs[dir] = true
	s.mu.Unlock()
	return nil
}

// Len is the number of files added.
func (s *Stage) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.next)
}

// Size is the total number of bytes added.
func (s *Stage) Size() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.size
}

// Linked is the number of files taken unchanged from the previous site.
func (s *Stage) Linked() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.linked
}

// Commit makes the new tree durable, swaps it in place of dest and removes
// the previous site. It returns the new site's manifest.
func (s *Stage) Commit() (Manifest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	dirs := make([]string, 0, len(s.dirs))
	for d := range s.dirs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	if err := syncTree(s.tmp, s.written, dirs); err != nil {
		s.abort()
		return nil, fmt.Errorf("publish %s: %w", s.dest, err)
	}
	if err := swap(s.tmp, s.dest); err != nil {
		s.abort()
		return nil, fmt.Errorf("publish %s: %w", s.dest, err)
	}
	syncDir(filepath.Dir(s.dest))
	err := os.RemoveAll(s.tmp) // now holds the previous site, if any
	s.tmp = ""
	return s.next, err
}

// Abort removes the unfinished tree; dest is left as it was.
func (s *Stage) Abort() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.abort()
}

func (s *Stage) abort() {
	if s.tmp != "" {
		os.RemoveAll(s.tmp)
		s.tmp = ""
	}
}

// Reuse takes the files paths unchanged from the previous site, as a
// group: they are linked only if every one of them is still on disk as
// the previous build left it. It reports whether they were; if not,
// nothing was added and the caller writes them anew.
func (s *Stage) Reuse(paths []string) bool {
	s.mu.Lock()
	for _, p := range paths {
		if _, dup := s.next[p]; dup || CheckPath(p) != nil {
			s.mu.Unlock()
			return false
		}
		if _, ok := s.prev[p]; !ok {
			s.mu.Unlock()
			return false
		}
	}
	s.mu.Unlock()
	var done []string
	for _, p := range paths {
		name := filepath.Join(s.tmp, filepath.FromSlash(p))
		prev := s.prev[p]
		if s.mkdirFor(name) != nil || !s.link(p, name, prev) {
			for _, d := range done {
				os.Remove(filepath.Join(s.tmp, filepath.FromSlash(d)))
			}
			os.Remove(name)
			return false
		}
		done = append(done, p)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range paths {
		s.next[p] = s.prev[p]
		s.size += s.prev[p].Size
		s.linked++
	}
	return true
}
