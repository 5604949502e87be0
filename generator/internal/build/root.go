package build

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"strings"

	"portal/generator/internal/diag"
	"portal/generator/internal/output"
)

// maxRootFile is the largest file of the root folder published.
const maxRootFile = 20 << 20

// addRootFiles publishes the files of the folder dir (Options.Static: the
// site root's static/) at the root of the site, as they are: favicon.ico,
// a site-verification file, .well-known/. A file whose path the site
// generates (index.html, robots.txt, static/…) or the search index's, a
// symbolic link, anything but a regular file, or a file over 20 MB is an
// error naming it; every such error is reported. Dot-files and
// dot-folders other than .well-known/ are left out, with a warning.
func addRootFiles(dir string, stage *output.Stage) (diag.List, error) {
	var problems diag.List
	if dir == "" {
		return nil, nil
	}
	if fi, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil || !fi.IsDir() {
		return nil, diag.Errorf("%s: not a folder: the site root's static/ holds files published at the site's root", dir)
	}
	root := os.DirFS(dir)
	at := func(p string) diag.Pos { return diag.Pos{File: path.Join(dir, p)} }
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			problems.Errorf(at(p), "%v", err)
		case p == ".":
		case strings.HasPrefix(d.Name(), ".") && p != ".well-known":
			problems.Warnf(at(p), "hidden file skipped: only .well-known/ of the dot-folders is published")
			if d.IsDir() {
				return fs.SkipDir
			}
		case d.IsDir():
		case !d.Type().IsRegular():
			problems.Errorf(at(p), "not a regular file (a symbolic link is not followed): the static/ folder holds the files published at the site's root")
		default:
			problems.Add(addRootFile(root, p, at(p), stage)...)
		}
		return nil
	})
	return problems, err
}

// addRootFile publishes the file p of root at the same path in the site.
func addRootFile(root fs.FS, p string, at diag.Pos, stage *output.Stage) diag.List {
	var problems diag.List
	switch {
	case stage.Has(p) || p == SearchClient || strings.HasPrefix(p, "search/"):
		problems.Errorf(at, "the site generates %s itself: rename or remove this file", p)
		return problems
	case output.CheckPath(p) != nil:
		problems.Errorf(at, "%v", output.CheckPath(p))
		return problems
	}
	b, err := readRootFile(root, p)
	if err == nil {
		err = stage.Add(p, b)
	}
	if err != nil {
		problems.Errorf(at, "%v", err)
	}
	return problems
}

// readRootFile reads the file p of root, of at most maxRootFile bytes.
func readRootFile(root fs.FS, p string) ([]byte, error) {
	fi, err := fs.Stat(root, p)
	if err != nil {
		return nil, err
	}
	if fi.Size() > maxRootFile {
		return nil, diag.Errorf("%d MB is more than the 20 MB a published file may be", fi.Size()>>20)
	}
	return fs.ReadFile(root, p)
}
