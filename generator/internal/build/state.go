package build

import (
	"crypto/sha256"
	"maps"
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

// state is what a build reuses from the previous one: the build cache,
// and under serve the last build's State. The nil *state reuses and keeps
// nothing.
type state struct {
	dir    *cache.Dir
	kept   *State // nil but under serve
	unread int    // reports the build took from the load memo
	parsed int    // reports whose analysis the cache lacked
	saving sync.WaitGroup

	mu      sync.Mutex
	held    bool     // saves wait for release
	pending []func() // the saves held
}

// State is what a process that builds again and again (serve) keeps
// in memory of its last build (Serve.State), so that the next build does
// not decode the cache files again: the load memo, the analyses and the
// manifest, as they were saved in the cache. The zero State holds nothing
// yet.
type State struct {
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
func (st *state) saveLater(name string, v any) {
	save := func() { st.dir.Save(name, v) } // a cache that cannot be written only costs time
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.held {
		st.pending = append(st.pending, save)
		return
	}
	st.saving.Go(save)
}

// hold has the saves wait until release: serve publishes a report's
// pages first, and on two cores encoding the cache would slow that down.
func (st *state) hold() {
	if st != nil {
		st.mu.Lock()
		st.held = true
		st.mu.Unlock()
	}
}

// release starts the saves held since hold.
func (st *state) release() {
	if st == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, save := range st.pending {
		st.saving.Go(save)
	}
	st.held, st.pending = false, nil
}

// wait waits for the saves saveLater started, and those held.
func (st *state) wait() {
	if st != nil {
		st.release()
		st.saving.Wait()
	}
}

// openState opens the cache of o; for a clean build the files the
// cache wrote are removed first, and nothing else (cache.Dir.Clear), and
// the State kept is forgotten. Without a cache directory, or when the
// generator's version is unknown, it returns nil.
func openState(o Options) *state {
	version := cache.GeneratorVersion()
	if o.CacheDir == "" || version == "" {
		return nil
	}
	d := cache.Open(o.CacheDir, version)
	if o.Clean {
		d.Clear()
		o.Serve.State.forget()
	}
	return &state{dir: d, kept: o.Serve.State}
}

// forget drops what the State holds: after a clean build, or a build
// that failed half-way. The nil *State holds nothing.
func (s *State) forget() {
	if s != nil {
		*s = State{}
	}
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

func (r *pageReuse) reuse(path string, key cache.Key) bool {
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
func envKey(o Options) cache.Key {
	h := cache.NewHasher()
	add := func(name string, b []byte, err error) {
		if err != nil {
			h.AddString(name, "unreadable")
			return
		}
		h.AddString(name, "read").Add(b)
	}
	b, err := config.ReadFile(o.Config)
	add("config.toml", b, err)
	h.AddString("--base-url", o.BaseURL)
	layouts := os.DirFS(o.Layouts)
	for _, name := range render.TemplateFiles() {
		b, err := render.ReadTemplate(layouts, name)
		add(name, b, err)
	}
	// Pages link to the static assets by their hashed names.
	assets, err := render.StaticAssets(layouts)
	add("static", []byte(strings.Join(sortedAssets(assets), "\n")), err)
	return h.Key()
}

// sortedAssets lists the published names of assets in order.
func sortedAssets(assets render.Assets) []string {
	return slices.Sorted(maps.Values(assets))
}

// loadMemo returns what the previous build loaded (content.Memo), or nil
// without a cache.
func (st *state) loadMemo() *content.Memo {
	if st == nil {
		return nil
	}
	if st.kept != nil && st.kept.memo != nil {
		return st.kept.memo
	}
	m := &content.Memo{}
	if st.dir.Load(loadFile, m) != nil {
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
func (st *state) keepsState(memo *content.Memo, reports int) bool {
	if st == nil || st.kept == nil {
		return false
	}
	if memo.Hits()*2 < reports {
		st.kept.forget()
		st.kept = nil
		return false
	}
	return true
}

// parsedReports is the number of reports the build parsed for their
// analysis (none of a build without a cache is counted).
func (st *state) parsedReports() int {
	if st == nil {
		return 0
	}
	return st.parsed
}

// unreadReports is the number of reports the build took from the load
// memo.
func (st *state) unreadReports() int {
	if st == nil {
		return 0
	}
	return st.unread
}

// saveLoadMemo keeps what this build loaded for the next, if that
// differs from what it found, and notes how many reports it took from it.
// The build holds the memo no longer: at 100k reports it is hundreds of
// megabytes.
func (st *state) saveLoadMemo(m *content.Memo) {
	if st == nil || m == nil {
		return
	}
	st.unread = m.Hits()
	if st.kept != nil {
		st.kept.memo = m
	}
	if m.Changed() {
		st.saveLater(loadFile, m)
	}
}

// manifest returns the manifest of the site at dest, or the zero manifest
// when the cache has none for it.
func (st *state) manifest(dest string) siteManifest {
	var m siteManifest
	switch {
	case st == nil:
		return siteManifest{}
	case st.kept != nil && st.kept.manifest != nil:
		m = *st.kept.manifest
	case st.dir.Load(manifestFile, &m) != nil:
		return siteManifest{}
	}
	if m.Dest != absPath(dest) {
		return siteManifest{}
	}
	return m
}

// saveManifest records the site just published at dest.
func (st *state) saveManifest(dest string, m siteManifest) {
	if st == nil {
		return
	}
	m.Dest = absPath(dest)
	if st.kept != nil {
		st.kept.manifest = &m
	}
	st.dir.Save(manifestFile, m) // a cache that cannot be written only costs time
}

// keepManifest records the site just published at dest in memory only
// when the build keeps its state there (serve), and otherwise in the
// cache. A cache left with the manifest of the site before is safe: a
// manifest is trusted only for the tree it was made for.
func (st *state) keepManifest(dest string, m siteManifest) {
	if st != nil && st.kept != nil {
		m.Dest = absPath(dest)
		st.kept.manifest = &m
		return
	}
	st.saveManifest(dest, m)
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
	Title    string           // the title of the title block (Header.Title)
}

// analysisCache reuses the analysis of a report file the previous build
// saw, so that a report is parsed only when a page or the search index
// needs it, and its figures are never extracted again (extraction is the
// costliest step of analysis). It is keyed by the catalog, the file's
// name and bytes. The nil *analysisCache misses every time.
type analysisCache struct {
	st      *state
	catalog [sha256.Size]byte // its fingerprint

	mu    sync.Mutex
	old   map[cache.Key]analysis
	used  map[cache.Key]analysis
	fresh bool // used has an analysis old lacks
	// Under serve: the merges of the last build and of this one.
	oldMerged, merged map[cache.Key]merged
}

// analyses returns the analysis cache for catalog.
func (st *state) analyses(catalog config.Catalog) *analysisCache {
	if st == nil {
		return nil
	}
	ac := &analysisCache{st: st, catalog: catalog.Fingerprint(), used: map[cache.Key]analysis{}}
	if st.kept != nil {
		ac.oldMerged, ac.merged = st.kept.merged, map[cache.Key]merged{}
	}
	if st.kept != nil && st.kept.analyses != nil {
		ac.old = st.kept.analyses
	} else if st.dir.Load(analysisFile, &ac.old) != nil {
		ac.old = nil // a miss; a decode that failed half-way is not trusted
	}
	return ac
}

// key is the key of r's analysis: the catalog, the file's name and bytes.
func (ac *analysisCache) key(r *content.Report) cache.Key {
	return cache.KeyOf(ac.catalog[:], []byte(r.Format), []byte(strconv.Itoa(r.BodyLine)), []byte(r.File), r.Hash[:])
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
		ac.st.parsed++
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
	if ac.st.kept != nil {
		ac.st.kept.analyses, ac.st.kept.merged = ac.used, ac.merged
	}
	if !ac.fresh && len(ac.used) == len(ac.old) {
		return
	}
	ac.st.saveLater(analysisFile, ac.used)
}
