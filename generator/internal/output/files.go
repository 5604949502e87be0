// Package output holds the files of a build in memory and publishes them
// atomically: everything is written to a temporary directory beside the
// destination, synced to disk, and swapped in only when complete, so a
// failed or interrupted build leaves the previous site as it was.
package output

import (
	"path"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"portal/generator/internal/diag"
)

// Files is a set of output files keyed by slash path below the site root.
// It is safe for concurrent use.
type Files struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewFiles returns an empty set.
func NewFiles() *Files { return &Files{files: map[string][]byte{}} }

// Add stores a file. The path must be a clean relative path that stays
// inside the site: no "..", no leading "/", no backslash, no NUL, not
// the Marker. Adding
// the same path twice is an error.
func (f *Files) Add(p string, data []byte) error {
	if err := CheckPath(p); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.files[p]; ok {
		return diag.Errorf("output %s: written twice", p)
	}
	f.files[p] = data
	return nil
}

// CheckPath reports whether p may name an output file.
func CheckPath(p string) error {
	switch {
	case p == "" || !utf8.ValidString(p):
		return diag.Errorf("output %q: empty or not UTF-8", p)
	case strings.ContainsAny(p, "\\\x00:") || strings.HasPrefix(p, "/"):
		return diag.Errorf("output %q: not a relative slash path", p)
	case path.Clean(p) != p || p == "." || p == ".." || strings.HasPrefix(p, "../"):
		return diag.Errorf("output %q: not a clean path inside the site", p)
	case p == Marker:
		return diag.Errorf("output %q: reserved for the generator's marker", p)
	}
	return nil
}

// Get returns a file's contents.
func (f *Files) Get(p string) ([]byte, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, ok := f.files[p]
	return b, ok
}

// Paths returns every path, sorted.
func (f *Files) Paths() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	ps := make([]string, 0, len(f.files))
	for p := range f.files {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

// Len is the number of files.
func (f *Files) Len() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.files)
}

// Size is the total number of bytes.
func (f *Files) Size() int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	var n int64
	for _, b := range f.files {
		n += int64(len(b))
	}
	return n
}
