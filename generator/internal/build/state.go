package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"portal/generator/internal/cache"
	"portal/generator/internal/config"
	"portal/generator/internal/content"
	"portal/generator/internal/diag"
	"portal/generator/internal/metrics"
	"portal/generator/internal/output"
	"portal/generator/internal/render"
	"portal/generator/internal/site"
)

// Files of the build cache.
const (
	analysisFile = "analysis.gob" // what each report file's parse gave
	manifestFile = "site.gob"     // the published site: files and search inputs
	loadFile     = "load.gob"     // what loading each report file gave, by its stamps
)

// cacheFlags are the flags of the commands that build: build and serve.
type cacheFlags struct {
	dir   string
	clean bool
}

func (c *cacheFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.dir, "cache-dir", "", "build cache directory, outside the site (default: <user cache dir>/portal/<hash of the destination>)")
	fs.BoolVar(&c.clean, "clean", false, "remove the build cache's files first (nothing else): a full build")
}

// apply sets the cache of p from the flags, and checks where the build
// would publish and keep its cache (checkPlaces) before anything is
// written. The destination and the cache are made real paths: a
// symbolic link is followed, the site published where it points.
func (c cacheFlags) apply(p paths) (paths, error) {
	p.clean = c.clean
	dest := place{flag: "--destination", given: p.destination}
	cache := place{flag: "--cache-dir", given: c.dir}
	var errs []error
	var err error
	if dest.real, err = output.RealPath(dest.given); err != nil {
		errs = append(errs, dest.refusal(err.Error()))
		dest.real = absPath(dest.given)
	}
	if cache.given == "" {
		cache.given = defaultCacheDir(dest.real)
	}
	if cache.given != "" { // else no user cache directory: build without a cache
		if cache.real, err = output.RealPath(cache.given); err != nil {
			errs = append(errs, cache.refusal(err.Error()))
		}
	}
	if len(errs) > 0 {
		return p, errors.Join(errs...)
	}
	if err := checkPlaces(p, dest, cache); err != nil {
		return p, err
	}
	p.destination, p.cache = dest.real, cache.real
	return p, nil
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

// refusal is the error refusing the place for the reason msg, on one
// line that the path cannot break or forge (diag.Escape).
func (pl place) refusal(msg string) error {
	return errors.New(diag.Escape(pl.String() + ": " + msg))
}

// guard is a directory that a build's destination and cache may not be
// nor hold; nor lie inside when deep.
type guard struct {
	what string // e.g. "the content directory"
	dir  string // real path
	deep bool
}

// guards are the directories of p that no destination or cache may
// replace: the file system's root, the home directory, the site root,
// the content and the layouts (these last two not even in part).
func guards(p paths) []guard {
	gs := []guard{{"the root directory", string(filepath.Separator), false}}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		gs = append(gs, guard{"the home directory", realOrAbs(home), false})
	}
	gs = append(gs,
		guard{"the site root (the directory of config.toml)", realOrAbs(filepath.Dir(p.config)), false},
		guard{"the content directory", realOrAbs(p.content), true},
		guard{"the layouts directory", realOrAbs(p.layouts), true})
	for i := range gs {
		gs[i].what += " " + gs[i].dir
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
func checkPlaces(p paths, dest, cache place) error {
	var errs []error
	refuse := func(pl place, format string, args ...any) {
		errs = append(errs, pl.refusal(fmt.Sprintf(format, args...)))
	}
	gs := guards(p)
	for _, pl := range []place{dest, cache} {
		if pl.real == "" {
			continue
		}
		for _, g := range gs {
			if msg := overlap(pl.real, g.dir, g.what, g.deep); msg != "" {
				refuse(pl, "%s", msg)
			}
		}
	}
	spare := output.SpareOf(dest.real)
	if cache.real != "" {
		if msg := overlap(cache.real, dest.real, "the destination "+dest.real, true); msg != "" {
			refuse(cache, "%s", msg)
		} else if msg := overlap(cache.real, spare, "the spare tree "+spare, true); msg != "" {
			refuse(cache, "%s", msg)
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...) // before looking inside what may be /
	}
	if err := output.Owned(dest.real); err != nil {
		refuse(dest, "%s", ownedMessage(err))
	}
	if err := output.Owned(spare); err != nil {
		refuse(dest, "the spare tree %s beside it: %s", spare, ownedMessage(err))
	}
	if cache.real != "" {
		if msg := cacheContents(cache.real); msg != "" {
			refuse(cache, "%s", msg)
		}
	}
	return errors.Join(errs...)
}

// ownedMessage is the reason for output.Owned's error err.
func ownedMessage(err error) string {
	if errors.Is(err, output.ErrForeign) {
		return err.Error() + "; choose an empty or new directory, or remove them"
	}
	return err.Error()
}

// overlap says how the directory dir and the guarded directory g (what)
// overlap: dir is g, holds it, or (when deep) lies inside it; "" when
// they do not. Both are real paths; a directory reached by two paths (a
// bind mount) is recognised too.
func overlap(dir, g, what string, deep bool) string {
	switch {
	case dir == g || sameDir(dir, g):
		return "is " + what
	case within(g, dir) || ancestorIs(g, dir):
		return "holds " + what
	case deep && (within(dir, g) || ancestorIs(dir, g)):
		return "inside " + what
	}
	return ""
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
// is not a directory, or holds files the cache did not write; "" when it
// can.
func cacheContents(dir string) string {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return ""
	case err != nil:
		return err.Error()
	case fi.Mode().IsRegular():
		return "a regular file, not a directory"
	case !fi.IsDir():
		return "not a directory"
	}
	name, err := cache.Foreign(dir)
	switch {
	case err != nil:
		return err.Error()
	case name != "":
		return fmt.Sprintf("holds %s, which the build cache did not write; choose an empty or new directory", name)
	}
	return ""
}

// within reports whether path is dir or lies below it.
func within(path, dir string) bool {
	if path == dir {
		return true
	}
	return strings.HasPrefix(path, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// defaultCacheDir is the cache of the site published at dest, below the
// user's cache directory; "" when there is none.
func defaultCacheDir(dest string) string {
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(absPath(dest)))
	return filepath.Join(base, "portal", hex.EncodeToString(sum[:8]))
}

// buildCache is what a build reuses from the previous one. The nil
// *buildCache reuses and keeps nothing.
type buildCache struct {
	dir    *cache.Dir
	kept   *keptBuild // nil but under serve
	unread int        // reports the build took from the load memo
	parsed int        // reports whose analysis the cache lacked
	saving sync.WaitGroup

	mu      sync.Mutex
	held    bool     // saves wait for release
	pending []func() // the saves held
}

// keptBuild is what a process that builds again and again (serve) keeps
// in memory of its last build, so that the next build does not decode
// the cache files again: the load memo, the analyses and the manifest, as
// they were saved in the cache. The zero keptBuild holds nothing yet.
type keptBuild struct {
	memo     *content.Memo
	analyses map[cache.Key]analysis
	merged   map[cache.Key]merged
	manifest *siteManifest
}

// merged is what analyseOne made of a report whose analysis came from the
// cache: its figures merged with its metadata's, and the warnings.
type merged struct {
	input    site.Input // without Report
	problems diag.List
}

// saveLater saves v under name while the build goes on; v must not
// change any more. wait waits for it.
func (bc *buildCache) saveLater(name string, v any) {
	save := func() { bc.dir.Save(name, v) } // a cache that cannot be written only costs time
	bc.mu.Lock()
	defer bc.mu.Unlock()
	if bc.held {
		bc.pending = append(bc.pending, save)
		return
	}
	bc.saving.Go(save)
}

// hold has the saves wait until release: serve publishes a report's
// pages first, and on two cores encoding the cache would slow that down.
func (bc *buildCache) hold() {
	if bc != nil {
		bc.mu.Lock()
		bc.held = true
		bc.mu.Unlock()
	}
}

// release starts the saves held since hold.
func (bc *buildCache) release() {
	if bc == nil {
		return
	}
	bc.mu.Lock()
	defer bc.mu.Unlock()
	for _, save := range bc.pending {
		bc.saving.Go(save)
	}
	bc.held, bc.pending = false, nil
}

// wait waits for the saves saveLater started, and those held.
func (bc *buildCache) wait() {
	if bc != nil {
		bc.release()
		bc.saving.Wait()
	}
}

// openBuildCache opens the cache of p; for a clean build the files the
// cache wrote are removed first, and nothing else (cache.Dir.Clear).
// Without a cache directory, or when the generator's version is unknown,
// it returns nil.
func openBuildCache(p paths) *buildCache {
	version := cache.GeneratorVersion()
	if p.cache == "" || version == "" {
		return nil
	}
	d := cache.Open(p.cache, version)
	if p.clean {
		d.Clear()
		if p.keep != nil {
			*p.keep = keptBuild{}
		}
	}
	return &buildCache{dir: d, kept: p.keep}
}

// siteManifest describes the site a build published.
type siteManifest struct {
	Dest   string       // absolute destination
	Output output.State // every file of the site and of the spare tree
	Search searchState  // the search index
	// PageKeys are the keys of the inputs of the pages of provinces and
	// of the downloads (render.Options.Reuse), by path.
	PageKeys map[string]cache.Key
}

// pageReuse answers render's question whether a page can be kept: when
// its inputs have the key they had in the previous build, and the file
// that build wrote is still on disk unchanged. It records every key for
// the next build.
type pageReuse struct {
	stage    *output.Stage
	prevKeys map[string]cache.Key
	prevSite output.Manifest

	mu   sync.Mutex
	keys map[string]cache.Key
}

func newPageReuse(stage *output.Stage, prev siteManifest) *pageReuse {
	return &pageReuse{stage: stage, prevKeys: prev.PageKeys, prevSite: prev.Output.Site, keys: map[string]cache.Key{}}
}

func (r *pageReuse) reuse(path string, key [sha256.Size]byte) bool {
	r.mu.Lock()
	r.keys[path] = key
	r.mu.Unlock()
	if k, ok := r.prevKeys[path]; !ok || k != key {
		return false
	}
	e, ok := r.prevSite[path]
	return ok && r.stage.Keep(path, e.Hash)
}

// envKey hashes the inputs of every page besides the content: the
// configuration and the templates (render.TemplateFiles). A file that
// cannot be read is hashed as such; the build itself reports it.
func envKey(p paths) cache.Key {
	h := sha256.New()
	add := func(name string, b []byte, err error) {
		if err != nil {
			fmt.Fprintf(h, "%d:%s!", len(name), name)
			return
		}
		fmt.Fprintf(h, "%d:%s%d:", len(name), name, len(b))
		h.Write(b)
	}
	b, err := config.ReadFile(p.config)
	add("config.toml", b, err)
	layouts := os.DirFS(p.layouts)
	for _, name := range render.TemplateFiles() {
		b, err := render.ReadTemplate(layouts, name)
		add(name, b, err)
	}
	var k cache.Key
	h.Sum(k[:0])
	return k
}

// loadMemo returns what the previous build loaded (content.Memo), or nil
// without a cache.
func (bc *buildCache) loadMemo() *content.Memo {
	if bc == nil {
		return nil
	}
	if bc.kept != nil && bc.kept.memo != nil {
		return bc.kept.memo
	}
	m := &content.Memo{}
	if bc.dir.Load(loadFile, m) != nil {
		m = &content.Memo{} // a miss; a decode that failed half-way is not trusted
	}
	return m
}

// keepsState decides, once the reports are loaded, whether the build
// keeps its state in memory for the next (serve), and reports whether it
// does: only when most reports came from the load memo. A build that read
// most of them (the first of a site, or after the catalog changed) is a
// cold one, whose peak memory the state kept would raise; it saves its
// state in the cache only, as build does, and the next build reads it
// from there.
func (bc *buildCache) keepsState(memo *content.Memo, reports int) bool {
	if bc == nil || bc.kept == nil {
		return false
	}
	if memo.Hits()*2 < reports {
		*bc.kept = keptBuild{}
		bc.kept = nil
		return false
	}
	return true
}

// parsedReports is the number of reports the build parsed for their
// analysis (none of a build without a cache is counted).
func (bc *buildCache) parsedReports() int {
	if bc == nil {
		return 0
	}
	return bc.parsed
}

// unreadReports is the number of reports the build took from the load
// memo.
func (bc *buildCache) unreadReports() int {
	if bc == nil {
		return 0
	}
	return bc.unread
}

// saveLoadMemo keeps what this build loaded for the next, if that
// differs from what it found, and notes how many reports it took from it.
// The build holds the memo no longer: at 100k reports it is hundreds of
// megabytes.
func (bc *buildCache) saveLoadMemo(m *content.Memo) {
	if bc == nil || m == nil {
		return
	}
	bc.unread = m.Hits()
	if bc.kept != nil {
		bc.kept.memo = m
	}
	if m.Changed() {
		bc.saveLater(loadFile, m)
	}
}

// manifest returns the manifest of the site at dest, or the zero manifest
// when the cache has none for it.
func (bc *buildCache) manifest(dest string) siteManifest {
	var m siteManifest
	switch {
	case bc == nil:
		return siteManifest{}
	case bc.kept != nil && bc.kept.manifest != nil:
		m = *bc.kept.manifest
	case bc.dir.Load(manifestFile, &m) != nil:
		return siteManifest{}
	}
	if m.Dest != absPath(dest) {
		return siteManifest{}
	}
	return m
}

// saveManifest records the site just published at dest.
func (bc *buildCache) saveManifest(dest string, m siteManifest) {
	if bc == nil {
		return
	}
	m.Dest = absPath(dest)
	if bc.kept != nil {
		bc.kept.manifest = &m
	}
	bc.dir.Save(manifestFile, m) // a cache that cannot be written only costs time
}

// keepManifest records the site just published at dest in memory only
// when the build keeps its state there (serve), and otherwise in the
// cache. A cache left with the manifest of the site before is safe: a
// manifest is trusted only for the tree it was made for.
func (bc *buildCache) keepManifest(dest string, m siteManifest) {
	if bc != nil && bc.kept != nil {
		m.Dest = absPath(dest)
		bc.kept.manifest = &m
		return
	}
	bc.saveManifest(dest, m)
}

// absPath is p made absolute, or p itself when the working directory is
// unknown.
func absPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return abs
}

// analysis is what a build keeps of a parsed report besides the document:
// enough to build the site model without parsing the report again.
type analysis struct {
	Figures  []metrics.Figure // of catalog metrics
	Problems diag.List        // what the parser reported
	Signed   string           // the signature's date (Signature.Date)
}

// analysisCache reuses the analysis of a report file the previous build
// saw, so that a report is parsed only when a page or the search index
// needs it, and its figures are never extracted again (extraction is the
// costliest step of analysis). It is keyed by the catalog, the file's
// name and bytes. The nil *analysisCache misses every time.
type analysisCache struct {
	bc      *buildCache
	catalog []byte

	mu    sync.Mutex
	old   map[cache.Key]analysis
	used  map[cache.Key]analysis
	fresh bool // used has an analysis old lacks
	// Under serve: the merges of the last build and of this one.
	oldMerged, merged map[cache.Key]merged
}

// analyses returns the analysis cache for catalog.
func (bc *buildCache) analyses(catalog config.Catalog) *analysisCache {
	if bc == nil {
		return nil
	}
	fp, err := json.Marshal(catalog)
	if err != nil {
		return nil
	}
	ac := &analysisCache{bc: bc, catalog: fp, used: map[cache.Key]analysis{}}
	if bc.kept != nil {
		ac.oldMerged, ac.merged = bc.kept.merged, map[cache.Key]merged{}
	}
	if bc.kept != nil && bc.kept.analyses != nil {
		ac.old = bc.kept.analyses
	} else if bc.dir.Load(analysisFile, &ac.old) != nil {
		ac.old = nil // a miss; a decode that failed half-way is not trusted
	}
	return ac
}

// key is the key of r's analysis: the catalog, the file's name and bytes.
func (ac *analysisCache) key(r *content.Report) cache.Key {
	return cache.KeyOf(ac.catalog, []byte(r.Format), []byte(strconv.Itoa(r.BodyLine)), []byte(r.File), r.Hash[:])
}

// lookup returns the analysis of r the previous build made, and its key
// for store.
func (ac *analysisCache) lookup(r *content.Report) (analysis, cache.Key, bool) {
	if ac == nil {
		return analysis{}, cache.Key{}, false
	}
	k := ac.key(r)
	ac.mu.Lock()
	defer ac.mu.Unlock()
	a, ok := ac.old[k]
	if !ok {
		ac.bc.parsed++
	}
	return a, k, ok
}

// store keeps the analysis of key k for the next build.
func (ac *analysisCache) store(k cache.Key, a analysis) {
	if ac == nil {
		return
	}
	ac.mu.Lock()
	defer ac.mu.Unlock()
	if _, ok := ac.old[k]; !ok {
		ac.fresh = true
	}
	ac.used[k] = a
}

// mergeKey is the key of what analyseOne makes of r from its analysis of
// key k: that key, and the metadata.
func mergeKey(k cache.Key, r *content.Report) cache.Key {
	return cache.KeyOf(k[:], []byte(r.MetaFile), r.MetaHash[:])
}

// lookupMerged returns what analyseOne made of r, whose analysis has key
// k, in the last build, when the build keeps it (serve).
func (ac *analysisCache) lookupMerged(k cache.Key, r *content.Report) (site.Input, diag.List, bool) {
	if ac == nil || ac.merged == nil {
		return site.Input{}, nil, false
	}
	mk := mergeKey(k, r)
	ac.mu.Lock()
	defer ac.mu.Unlock()
	m, ok := ac.oldMerged[mk]
	if !ok {
		return site.Input{}, nil, false
	}
	ac.merged[mk] = m
	in := m.input
	in.Report = r
	return in, m.problems, true
}

// storeMerged keeps what analyseOne made of r, whose analysis has key k,
// for the next build, when the build keeps it (serve).
func (ac *analysisCache) storeMerged(k cache.Key, r *content.Report, in site.Input, problems diag.List) {
	if ac == nil || ac.merged == nil {
		return
	}
	in.Report = nil
	mk := mergeKey(k, r)
	ac.mu.Lock()
	defer ac.mu.Unlock()
	ac.merged[mk] = merged{input: in, problems: problems}
}

// save writes the analyses of this build's reports, and only those,
// unless they are the ones the cache has.
func (ac *analysisCache) save() {
	if ac == nil {
		return
	}
	if ac.bc.kept != nil {
		ac.bc.kept.analyses, ac.bc.kept.merged = ac.used, ac.merged
	}
	if !ac.fresh && len(ac.used) == len(ac.old) {
		return
	}
	ac.bc.saveLater(analysisFile, ac.used)
}

// recorder is a sink that notes the paths written through it.
type recorder struct {
	sink  output.Sink
	mu    sync.Mutex
	paths []string
}

// Add implements output.Sink.
func (r *recorder) Add(p string, data []byte) error {
	if err := r.sink.Add(p, data); err != nil {
		return err
	}
	r.mu.Lock()
	r.paths = append(r.paths, p)
	r.mu.Unlock()
	return nil
}

// sortedPaths returns the recorded paths, sorted.
func (r *recorder) sortedPaths() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Sorted(slices.Values(r.paths))
}
