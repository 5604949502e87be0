// Package cache keeps what one build can reuse in the next: named gob
// files in a directory outside the site, each stamped with the generator's
// version and a checksum of its contents. A file that is missing, from
// another generator, or damaged in any way is a miss, never an error: the
// build then does the work again.
package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// magic starts every cache file.
const magic = "portal build cache 1\n"

// tempInfix joins a cache file's name and the random digits of its
// temporary.
const tempInfix = ".tmp-"

// ErrMiss is returned by Load when there is nothing usable under a name.
var ErrMiss = errors.New("cache miss")

// Dir is a cache directory. The nil *Dir is a cache that is always empty
// and stores nothing.
type Dir struct {
	path    string
	version string
}

// Open returns the cache at path for a generator of the given version.
// The directory is made on the first Save.
func Open(path, version string) *Dir {
	return &Dir{path: path, version: version}
}

// Path is the directory of the cache ("" for the nil cache).
func (d *Dir) Path() string {
	if d == nil {
		return ""
	}
	return d.path
}

// Load decodes the file name into v. It returns an error wrapping ErrMiss
// when the file is missing, stale or damaged.
func (d *Dir) Load(name string, v any) error {
	if d == nil {
		return ErrMiss
	}
	b, err := os.ReadFile(filepath.Join(d.path, name))
	if err != nil {
		return fmt.Errorf("%w: %v", ErrMiss, err)
	}
	payload, err := d.open(b)
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrMiss, name, err)
	}
	if err := gob.NewDecoder(bytes.NewReader(payload)).Decode(v); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrMiss, name, err)
	}
	return nil
}

// open checks the header and checksum of a cache file and returns its
// payload.
func (d *Dir) open(b []byte) ([]byte, error) {
	head := magic + d.version + "\n"
	if !bytes.HasPrefix(b, []byte(head)) {
		return nil, errors.New("another generator's or not a cache file")
	}
	b = b[len(head):]
	if len(b) < sha256.Size {
		return nil, io.ErrUnexpectedEOF
	}
	sum, payload := b[:sha256.Size], b[sha256.Size:]
	if got := sha256.Sum256(payload); !bytes.Equal(got[:], sum) {
		return nil, errors.New("checksum mismatch")
	}
	return payload, nil
}

// Save encodes v with gob into the file name, atomically: a reader sees
// the old file or the new one.
func (d *Dir) Save(name string, v any) error {
	if d == nil {
		return nil
	}
	var payload bytes.Buffer
	if err := gob.NewEncoder(&payload).Encode(v); err != nil {
		return fmt.Errorf("cache %s: %w", name, err)
	}
	if err := os.MkdirAll(d.path, 0o755); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	f, err := os.CreateTemp(d.path, name+tempInfix)
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	sum := sha256.Sum256(payload.Bytes())
	_, err = io.WriteString(f, magic+d.version+"\n")
	if err == nil {
		_, err = f.Write(sum[:])
	}
	if err == nil {
		_, err = f.Write(payload.Bytes())
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(d.path, name))
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("cache %s: %w", name, err)
	}
	return nil
}

// Remove deletes the file name, if the cache holds one.
func (d *Dir) Remove(name string) {
	if d != nil {
		os.Remove(filepath.Join(d.path, name)) // a file left behind only costs space
	}
}

// Clear removes the files the cache wrote (Owns), and nothing else: not
// the directory, nor anything else in it.
func (d *Dir) Clear() error {
	if d == nil {
		return nil
	}
	entries, err := os.ReadDir(d.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	var errs []error
	for _, e := range entries {
		name := filepath.Join(d.path, e.Name())
		if Owns(name) {
			if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, fmt.Errorf("cache: %w", err))
			}
		}
	}
	return errors.Join(errs...)
}

// Foreign returns the name of an entry of the directory dir that is not a
// file the cache wrote (Owns), or "" when there is none or no directory.
// It stops at the first one.
func Foreign(dir string) (string, error) {
	f, err := os.Open(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	} else if err != nil {
		return "", err
	}
	defer f.Close()
	for {
		names, err := f.Readdirnames(64)
		for _, n := range names {
			if !Owns(filepath.Join(dir, n)) {
				return n, nil
			}
		}
		if errors.Is(err, io.EOF) {
			return "", nil
		} else if err != nil {
			return "", err
		}
	}
}

// Owns reports whether the file name is one a cache wrote: a regular
// file that starts with the header of cache files (any generator's), or
// a temporary of Save (NAME.tmp-N) holding the start of one, even
// nothing.
func Owns(name string) bool {
	fi, err := os.Lstat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(magic))
	n, _ := io.ReadFull(f, head)
	if !bytes.HasPrefix([]byte(magic), head[:n]) {
		return false
	}
	return n == len(magic) || isTemp(filepath.Base(name))
}

// isTemp reports whether name is that of a temporary of Save:
// NAME.tmp-DIGITS.
func isTemp(name string) bool {
	i := strings.LastIndex(name, tempInfix)
	if i <= 0 || i+len(tempInfix) == len(name) {
		return false
	}
	for _, c := range name[i+len(tempInfix):] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Key is a content hash naming what a cached result was computed from.
type Key [sha256.Size]byte

// String is the key in hex.
func (k Key) String() string { return hex.EncodeToString(k[:]) }

// KeyOf hashes parts into a key (Hasher).
func KeyOf(parts ...[]byte) Key {
	return NewHasher().Add(parts...).Key()
}

// Hasher makes a Key from parts written one after the other. Each part is
// length-prefixed, so that ("ab", "c") and ("a", "bc") differ: every key
// of the build is made this way.
type Hasher struct{ h hash.Hash }

// NewHasher starts a key.
func NewHasher() *Hasher { return &Hasher{h: sha256.New()} }

// Add writes parts.
func (h *Hasher) Add(parts ...[]byte) *Hasher {
	var n [8]byte
	for _, p := range parts {
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		h.h.Write(n[:])
		h.h.Write(p)
	}
	return h
}

// AddString writes parts given as strings.
func (h *Hasher) AddString(parts ...string) *Hasher {
	var n [8]byte
	for _, p := range parts {
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		h.h.Write(n[:])
		io.WriteString(h.h, p)
	}
	return h
}

// Key is the key of the parts written so far.
func (h *Hasher) Key() Key {
	var k Key
	h.h.Sum(k[:0])
	return k
}

var (
	versionOnce sync.Once
	version     string
)

// GeneratorVersion identifies the running generator: the SHA-256 of its
// executable, so that any change to the code (templates embedded, rules,
// renderers) invalidates every cache. It is "" when the executable cannot
// be read, and then nothing is cached.
func GeneratorVersion() string {
	versionOnce.Do(func() {
		exe, err := os.Executable()
		if err != nil {
			return
		}
		f, err := os.Open(exe)
		if err != nil {
			return
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err == nil {
			version = hex.EncodeToString(h.Sum(nil))
		}
	})
	return version
}
