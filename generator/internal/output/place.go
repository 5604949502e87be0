package output

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"portal/generator/internal/diag"
)

// Marker is the file at the root of every tree the generator publishes.
// A build replaces or removes only a tree that holds it (or an empty
// directory): never files the generator did not write.
const Marker = ".portal-site"

// markerText is the marker's content, the same bytes in every build.
const markerText = "This directory is a site published by the portal generator (go run ./generator build).\n" +
	"Each build replaces it whole: do not keep other files here.\n"

// File and directory permissions of a published site, whatever the umask:
// a web server running as another user must read it.
const (
	filePerm = 0o644
	dirPerm  = 0o755
)

// maxLinks is how many symbolic links RealPath follows before it gives
// up, as the system does (ELOOP).
const maxLinks = 40

// ErrForeign is wrapped by the error of Owned for a directory holding
// files the generator did not write. The errors of this file are catalog
// messages (diag.Errorf), shown in the editor's language.
var ErrForeign = diag.Errorf("holds files the generator did not write (no %s marker)", Marker)

// RealPath returns p absolute, with every symbolic link resolved as the
// system would follow it (a ".." after a link goes up from where the link
// points). The part of p that does not exist yet is appended as written,
// "." and ".." resolved, so that RealPath names where a directory would
// be created.
func RealPath(p string) (string, error) {
	if p == "" {
		p = "."
	}
	if !filepath.IsAbs(p) {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		p = wd + string(filepath.Separator) + p
	}
	sep := string(filepath.Separator)
	vol := filepath.VolumeName(p)
	root := vol + sep
	todo := strings.Split(p[len(vol):], sep)
	cur, missing, links := root, false, 0
	for len(todo) > 0 {
		c := todo[0]
		todo = todo[1:]
		switch c {
		case "", ".":
			continue
		case "..":
			cur = filepath.Dir(cur)
			if missing {
				_, err := os.Lstat(cur)
				missing = err != nil
			}
			continue
		}
		next := filepath.Join(cur, c)
		if !missing {
			fi, err := os.Lstat(next)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				missing = true
			case err != nil:
				return "", err
			case fi.Mode()&fs.ModeSymlink != 0:
				if links++; links > maxLinks {
					return "", diag.Errorf("%s: too many symbolic links", next)
				}
				target, err := os.Readlink(next)
				if err != nil {
					return "", err
				}
				if filepath.IsAbs(target) {
					cur = root
				}
				todo = append(strings.Split(target, sep), todo...)
				continue
			}
		}
		cur = next
	}
	return cur, nil
}

// Owned reports whether a build may replace or remove dir: when it does
// not exist, is an empty directory, or holds the Marker. Otherwise the
// error says why not: not a directory, or ErrForeign.
func Owned(dir string) error {
	fi, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case fi.Mode()&fs.ModeSymlink != 0:
		return diag.Errorf("a symbolic link, not a directory")
	case fi.Mode().IsRegular():
		return diag.Errorf("a regular file, not a directory")
	case !fi.IsDir():
		return diag.Errorf("not a directory")
	}
	if m, err := os.Lstat(filepath.Join(dir, Marker)); err == nil && m.Mode().IsRegular() {
		return nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.Readdirnames(1); errors.Is(err, io.EOF) {
		return nil
	} else if err != nil {
		return err
	}
	return ErrForeign
}

// SpareOf is the spare tree of the destination dest: the site a build
// replaced, kept beside it for the next build to patch.
func SpareOf(dest string) string {
	dest = filepath.Clean(dest)
	return filepath.Join(filepath.Dir(dest), sparePrefix+filepath.Base(dest))
}

// removeTree removes the tree dir if the generator made it (Owned), and
// leaves anything else alone.
func removeTree(dir string) error {
	if err := Owned(dir); err != nil {
		return diag.Errorf("%s not removed: %w", dir, err)
	}
	return os.RemoveAll(dir)
}

// writeMarker writes the Marker into the directory dir.
func writeMarker(dir string) error {
	return writeFile(filepath.Join(dir, Marker), []byte(markerText))
}

// writeFile writes a new file of the site with the site's permissions.
func writeFile(name string, data []byte) error {
	if err := os.WriteFile(name, data, filePerm); err != nil {
		return err
	}
	return fixPerm(name, nil)
}

// fixPerm gives the file name the site's permissions if the umask took
// some away; fi, when not nil, is its Lstat.
func fixPerm(name string, fi fs.FileInfo) error {
	if fi == nil {
		var err error
		if fi, err = os.Lstat(name); err != nil {
			return err
		}
	}
	if fi.Mode().Perm() == filePerm {
		return nil
	}
	return os.Chmod(name, filePerm)
}

// mkdir creates the directory dir with the site's permissions, whatever
// the umask. An existing directory is left as it is.
func mkdir(dir string) error {
	if err := os.Mkdir(dir, dirPerm); err != nil {
		if os.IsExist(err) {
			return nil
		}
		return err
	}
	return os.Chmod(dir, dirPerm)
}

// mkdirAll creates dir and its missing parents as mkdir does.
func mkdirAll(dir string) error {
	if fi, err := os.Stat(dir); err == nil {
		if !fi.IsDir() {
			return diag.Errorf("%s: not a directory", dir)
		}
		return nil
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := mkdirAll(parent); err != nil {
			return err
		}
	}
	return mkdir(dir)
}
