package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"portal/generator/internal/cache"
	"portal/generator/internal/diag"
	"portal/generator/internal/output"
)

// CheckDirs checks where the build of o would publish and keep its
// cache (checkPlaces) before anything is written, and returns o with the
// destination and the cache made real paths: a symbolic link is
// followed, the site published where it points. An empty CacheDir is the
// default one (DefaultCacheDir), or none without a user cache directory.
// Messages name the directories by their flags, --destination and
// --cache-dir.
func CheckDirs(o Options) (Options, error) {
	dest := place{flag: "--destination", given: o.Destination}
	cache := place{flag: "--cache-dir", given: o.CacheDir}
	var errs []error
	var err error
	if dest.real, err = output.RealPath(dest.given); err != nil {
		errs = append(errs, dest.refusal(diag.Msgf("%v", err)))
		dest.real = absPath(dest.given)
	}
	if cache.given == "" {
		cache.given = DefaultCacheDir(dest.real)
	}
	if cache.given != "" { // else no user cache directory: build without a cache
		if cache.real, err = output.RealPath(cache.given); err != nil {
			errs = append(errs, cache.refusal(diag.Msgf("%v", err)))
		}
	}
	if len(errs) > 0 {
		return o, errors.Join(errs...)
	}
	if err := checkPlaces(o, dest, cache); err != nil {
		return o, err
	}
	o.Destination, o.CacheDir = dest.real, cache.real
	return o, nil
}

// place is a directory a build writes: the flag that names it, the path
// as given, and its real path ("" for none).
type place struct{ flag, given, real string }

// String names the place in a message: the flag and the path given, with
// the real path where it differs.
func (pl place) String() string {
	if pl.real != "" && pl.given != pl.real {
		return fmt.Sprintf("%s %s (%s)", pl.flag, pl.given, pl.real)
	}
	return pl.flag + " " + pl.given
}

// refusal is the error refusing the place for the reason msg.
func (pl place) refusal(msg diag.Msg) error {
	return &refusalError{diag.Msgf("%s: %v", pl, msg)}
}

// refusalError is a refusal: one line, in English (Error) and in the
// editor's language (a diag.Messager, which diag.ErrorTextIn escapes),
// that the paths it names can neither break nor forge (diag.Escape).
type refusalError struct{ msg diag.Msg }

func (e *refusalError) Error() string { return diag.Escape(e.msg.String()) }

// Msg is the message of e.
func (e *refusalError) Msg() diag.Msg { return e.msg }

// guard is a directory that a build's destination and cache may not be
// nor hold; nor lie inside when deep.
type guard struct {
	what diag.Msg // e.g. the content directory /srv/site/content
	dir  string   // real path
	deep bool
}

// guards are the directories of o that no destination or cache may
// replace: the file system's root, the home directory, the site root,
// the content and the layouts (these last two not even in part).
func guards(o Options) []guard {
	root := string(filepath.Separator)
	gs := []guard{{diag.Msgf("the root directory %s", root), root, false}}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		dir := realOrAbs(home)
		gs = append(gs, guard{diag.Msgf("the home directory %s", dir), dir, false})
	}
	siteRoot, content, layouts := realOrAbs(filepath.Dir(o.Config)), realOrAbs(o.Content), realOrAbs(o.Layouts)
	gs = append(gs,
		guard{diag.Msgf("the site root (the directory of config.toml) %s", siteRoot), siteRoot, false},
		guard{diag.Msgf("the content directory %s", content), content, true},
		guard{diag.Msgf("the layouts directory %s", layouts), layouts, true})
	if o.Static != "" {
		static := realOrAbs(o.Static)
		gs = append(gs, guard{diag.Msgf("the static folder %s", static), static, true})
	}
	return gs
}

// realOrAbs is output.RealPath of p, or p made absolute when that fails.
func realOrAbs(p string) string {
	if r, err := output.RealPath(p); err == nil {
		return r
	}
	return absPath(p)
}

// checkPlaces refuses a destination or a cache directory that would
// destroy what the generator did not write: one that is or holds a
// guard, lies inside the content or layouts, lies inside the other, is
// not a directory, or holds files the generator (the build cache) did
// not write. It reports every refusal, one line each.
func checkPlaces(o Options, dest, cache place) error {
	var errs []error
	refuse := func(pl place, format string, args ...any) {
		errs = append(errs, pl.refusal(diag.Msgf(format, args...)))
	}
	gs := guards(o)
	for _, pl := range []place{dest, cache} {
		if pl.real == "" {
			continue
		}
		for _, g := range gs {
			if msg := overlap(pl.real, g.dir, g.what, g.deep); msg.Format != "" {
				refuse(pl, "%v", msg)
			}
		}
	}
	spare := output.SpareOf(dest.real)
	if cache.real != "" {
		if msg := overlap(cache.real, dest.real, diag.Msgf("the destination %s", dest.real), true); msg.Format != "" {
			refuse(cache, "%v", msg)
		} else if msg := overlap(cache.real, spare, diag.Msgf("the spare tree %s", spare), true); msg.Format != "" {
			refuse(cache, "%v", msg)
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...) // before looking inside what may be /
	}
	if err := output.Owned(dest.real); err != nil {
		refuse(dest, "%v", ownedMessage(err))
	}
	if err := output.Owned(spare); err != nil {
		refuse(dest, "the spare tree %s beside it: %s", spare, ownedMessage(err))
	}
	if cache.real != "" {
		if msg := cacheContents(cache.real); msg.Format != "" {
			refuse(cache, "%v", msg)
		}
	}
	return errors.Join(errs...)
}

// ownedMessage is the reason for output.Owned's error err.
func ownedMessage(err error) diag.Msg {
	if errors.Is(err, output.ErrForeign) {
		return diag.Msgf("%v; choose an empty or new directory, or remove them", err)
	}
	return diag.Msgf("%v", err)
}

// overlap says how the directory dir and the guarded directory g (what)
// overlap: dir is g, holds it, or (when deep) lies inside it; a zero Msg
// when they do not. Both are real paths; a directory reached by two
// paths (a bind mount) is recognised too.
func overlap(dir, g string, what diag.Msg, deep bool) diag.Msg {
	switch {
	case dir == g || sameDir(dir, g):
		return diag.Msgf("is %v", what)
	case within(g, dir) || ancestorIs(g, dir):
		return diag.Msgf("holds %v", what)
	case deep && (within(dir, g) || ancestorIs(dir, g)):
		return diag.Msgf("inside %v", what)
	}
	return diag.Msg{}
}

// sameDir reports whether a and b are the same existing directory.
func sameDir(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

// ancestorIs reports whether one of the parents of path is the existing
// directory dir.
func ancestorIs(path, dir string) bool {
	fd, err := os.Stat(dir)
	if err != nil {
		return false
	}
	for p := filepath.Dir(path); ; p = filepath.Dir(p) {
		if fp, err := os.Stat(p); err == nil && os.SameFile(fp, fd) {
			return true
		}
		if p == filepath.Dir(p) {
			return false
		}
	}
}

// cacheContents says why the directory dir cannot be the build cache: it
// is not a directory, or holds files the cache did not write; a zero Msg
// when it can.
func cacheContents(dir string) diag.Msg {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return diag.Msg{}
	case err != nil:
		return diag.Msgf("%v", err)
	case fi.Mode().IsRegular():
		return diag.Msgf("a regular file, not a directory")
	case !fi.IsDir():
		return diag.Msgf("not a directory")
	}
	name, err := cache.Foreign(dir)
	switch {
	case err != nil:
		return diag.Msgf("%v", err)
	case name != "":
		return diag.Msgf("holds %s, which the build cache did not write; choose an empty or new directory", name)
	}
	return diag.Msg{}
}

// within reports whether path is dir or lies below it.
func within(path, dir string) bool {
	if path == dir {
		return true
	}
	return strings.HasPrefix(path, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// DefaultCacheDir is the cache of the site published at dest, below the
// user's cache directory; "" when there is none.
func DefaultCacheDir(dest string) string {
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(absPath(dest)))
	return filepath.Join(base, "portal", hex.EncodeToString(sum[:8]))
}
