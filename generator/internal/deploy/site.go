package deploy

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"portal/generator/internal/diag"
	"portal/generator/internal/output"
)

// File is one file of the built site, as a deploy sends it.
type File struct {
	Path   string // slash-separated, relative to the site root: the object key after the prefix
	Size   int64
	SHA256 string // hex
	Type   string // Content-Type
	Cache  string // Cache-Control
}

// Site is a built site a deploy reads: a directory the generator
// published (it holds output.Marker), its files read once for their
// SHA-256 and read again, and checked against it, when sent.
type Site struct {
	Dir   string
	Files []File // sorted by Path
	root  *os.Root
}

// wellKnown is the only folder of the site root whose name starts with a
// dot that a deploy sends (RFC 8615): the marker and any other dot-file
// stay behind.
const wellKnown = ".well-known"

// ReadSite reads the site published in dir. It refuses a directory
// without the generator's marker, and a symbolic link or special file in
// the site; it skips dot-files and dot-folders, the marker among them.
func ReadSite(dir string) (*Site, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, diag.Errorf("%s: not a directory", diag.Escape(dir))
	}
	if m, err := os.Lstat(filepath.Join(dir, output.Marker)); err != nil || !m.Mode().IsRegular() {
		return nil, diag.Errorf("%s: not a site the generator built (no %s marker): build it first (go run ./generator build)", diag.Escape(dir), output.Marker)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	s := &Site{Dir: dir, root: root}
	if err := s.walk(); err != nil {
		root.Close()
		return nil, err
	}
	if err := s.hash(); err != nil {
		root.Close()
		return nil, err
	}
	return s, nil
}

// Close releases the site's directory.
func (s *Site) Close() error { return s.root.Close() }

// walk lists the site's files.
func (s *Site) walk() error {
	return fs.WalkDir(s.root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", s.name(p), cause(err))
		}
		if p == "." {
			return nil
		}
		if skipped(p, d) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir():
			return nil
		case !d.Type().IsRegular():
			return diag.Errorf("%s: a symbolic link or special file in the site: a deploy sends regular files only", s.name(p))
		case !utf8.ValidString(p) || output.CheckPath(p) != nil:
			return diag.Errorf("%s: not a name an object key can carry", s.name(p))
		}
		s.Files = append(s.Files, File{Path: p})
		return nil
	})
}

// skipped reports whether the deploy leaves p behind: a dot-file or
// dot-folder anywhere, but the root's .well-known folder.
func skipped(p string, d fs.DirEntry) bool {
	if p == wellKnown && d.IsDir() {
		return false
	}
	return strings.HasPrefix(d.Name(), ".")
}

// name is the site's file p as messages name it.
func (s *Site) name(p string) string {
	return diag.Escape(filepath.Join(s.Dir, filepath.FromSlash(p)))
}

// hash reads every file once, GOMAXPROCS at a time, for its size, its
// SHA-256 and its headers.
func (s *Site) hash() error {
	sort.Slice(s.Files, func(i, j int) bool { return s.Files[i].Path < s.Files[j].Path })
	var (
		wg    sync.WaitGroup
		next  = make(chan int)
		mu    sync.Mutex
		first error
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				if err := s.stat(&s.Files[i]); err != nil {
					mu.Lock()
					first = cmpErr(first, err)
					mu.Unlock()
				}
			}
		})
	}
	for i := range s.Files {
		next <- i
	}
	close(next)
	wg.Wait()
	return first
}

// cmpErr keeps the first of two errors, or the other.
func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// stat fills in f from its bytes.
func (s *Site) stat(f *File) error {
	b, err := s.root.ReadFile(f.Path)
	if err != nil {
		return fmt.Errorf("%s: %w", s.name(f.Path), cause(err))
	}
	sum := sha256.Sum256(b)
	f.Size = int64(len(b))
	f.SHA256 = hex.EncodeToString(sum[:])
	f.Type = ContentType(f.Path, utf8.Valid(b))
	f.Cache = CacheControl(f.Path)
	return nil
}

// read returns the bytes of f, checked against its SHA-256: a build that
// replaced the site since it was read stops the deploy instead of sending
// a mix of two sites.
func (s *Site) read(f File) ([]byte, error) {
	b, err := s.root.ReadFile(f.Path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.name(f.Path), cause(err))
	}
	sum := sha256.Sum256(b)
	if want, _ := hex.DecodeString(f.SHA256); !bytes.Equal(sum[:], want) {
		return nil, diag.Errorf("%s: changed since the deploy read it (a build ran meanwhile): deploy again", s.name(f.Path))
	}
	return b, nil
}

// cause is err without the path of an fs.PathError, which the messages
// give as the site's file.
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
