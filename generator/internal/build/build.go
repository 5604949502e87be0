// Package build is the generator's pipeline: it loads a site's config and
// content, parses and analyses the reports, builds the site model, renders
// the pages, builds the search index and publishes the site, reusing what
// the previous build made from the same inputs (the build cache).
//
// The commands call Run; serve calls it again on each change, keeping the
// last build's state in memory (Options.Serve).
package build

import (
	"context"
	"io/fs"
	"maps"
	"os"
	"time"

	"portal/generator/internal/diag"
	"portal/generator/internal/format"
	"portal/generator/internal/output"
	"portal/generator/internal/render"
	"portal/generator/internal/search"
	"portal/generator/internal/site"
)

// Options say what a build reads and where it writes.
type Options struct {
	Config      string // config.toml
	Content     string // the content directory
	Layouts     string // the layouts directory
	Destination string // where the site is published
	// CacheDir is the build cache directory; "" builds without a cache.
	// CheckDirs fills in the default.
	CacheDir string
	// Clean empties the cache first: a full build.
	Clean bool
	// Static is the folder whose files are published at the site's root
	// as they are (favicon.ico, .well-known/): the site root's static/.
	// "" or a missing folder publishes none.
	Static string
	// BaseURL, when set, replaces config.toml's base_url: the address the
	// site is published at (a staging copy, a deploy target's).
	BaseURL string
	// LimitMemory sets the heap's soft limit from the content's size
	// (setMemoryLimit): the commands do, tests running in one process
	// with other tests do not.
	LimitMemory bool
	// Formats are the report formats read; nil is format.Default.
	Formats *format.Registry
	// Progress shows the stages as they run; nil is silent.
	Progress *Progress
	// Serve is what serve adds: publishing in steps, state kept in memory.
	Serve Serve
}

// formats are the report formats of the build.
func (o Options) formats() *format.Registry {
	if o.Formats == nil {
		return format.Default
	}
	return o.Formats
}

// Serve are the options of a process that builds again and again.
type Serve struct {
	// PagesFirst, when set, has a build whose local pages changed
	// (render.Local: those of reports, counties, cities and provinces)
	// publish them first, with the previous site-wide pages and search
	// index, and call PagesFirst(PartLocal); then, if the search index
	// must be rebuilt, publish the site-wide part and call
	// PagesFirst(PartSiteWide); then build and publish the rest (the
	// editor sees a change before the pages listing the whole site, and
	// those before the index, catch up).
	PagesFirst func(part string)
	// State, when set, holds what the last build kept in memory for the
	// next.
	State *State
}

// The parts of the site serve publishes early (Serve.PagesFirst), in
// this order, before the search index.
const (
	PartLocal    = "local"    // the pages of reports, counties, cities and provinces (render.Local)
	PartSiteWide = "sitewide" // the rest but the search index (render.SiteWide)
)

// Result is what a build made.
type Result struct {
	Site     *site.Site
	Problems diag.List
	Files    int      // files published
	Bytes    int64    // their size
	Reused   int      // files taken unchanged from the previous site
	Pages    int      // HTML pages
	Rendered []string // the pages rendered, not kept from the previous site
	Indexed  []string // the search shards built, not kept
	Unread   int      // reports taken from the load memo, not read
	Parsed   int      // reports parsed for their analysis, not taken from the cache
	Shards   int      // search shards
	// Early are the parts of the site published before the rest
	// (Serve.PagesFirst), in order.
	Early   []string
	Elapsed time.Duration
	Stages  diag.Msg // time per stage
}

// Summary is the one line a build ends with, in English.
func (r Result) Summary() string { return r.SummaryMsg().String() }

// SummaryMsg is Summary as a message, to show in the editor's language.
func (r Result) SummaryMsg() diag.Msg {
	return diag.Msgf("built %d reports, %d counties, %d files (%.1f MB, %d unchanged; %d of %d pages rendered, %d of %d search shards built) in %.2fs (%s)",
		len(r.Site.Reports), len(r.Site.Counties), r.Files, float64(r.Bytes)/1e6, r.Reused, len(r.Rendered), r.Pages, len(r.Indexed), r.Shards, r.Elapsed.Seconds(), r.Stages)
}

// Run runs the whole pipeline and publishes the site when there is no
// error. On any error the destination is left as it was, or under serve
// (Serve.PagesFirst) as the last step published early left it: a
// complete site either way. A panic (a bug) fails the build with an
// internal error, the destination left as it was. ctx is checked between
// stages.
func Run(ctx context.Context, o Options) (res Result, err error) {
	start := time.Now()
	prog := o.Progress
	if prog == nil {
		prog = &Progress{} // silent, but the summary still has each stage's time
	}
	st := openState(o)
	defer st.wait()
	var pub *publisher
	defer func() {
		if v := recover(); v != nil {
			if pub != nil {
				pub.stage.Abort() // releases the destination's lock for the next build
			}
			o.Serve.State.forget() // maybe half made
			err = InternalError(v)
		}
	}()
	// The layouts and config as the build reads them: hashed before, and
	// checked after the pages are written (an edit during the build must
	// not be taken for what they were rendered from).
	env := envKey(o)
	s, docs, problems, err := load(o, st, prog)
	res = Result{Site: s, Problems: problems, Unread: st.unreadReports(), Parsed: st.parsedReports()}
	if err != nil || problems.HasErrors() {
		prog.end()
		return res, err
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	prog.begin("render", 0)
	layouts := os.DirFS(o.Layouts)
	tmpl, err := render.LoadTemplates(layouts)
	if err != nil {
		return res, err
	}
	prev := st.manifest(o.Destination)
	stage, err := output.Begin(o.Destination, prev.Output)
	if err != nil {
		return res, err
	}
	pages := newPageReuse(stage, prev)
	opt := render.Options{Env: env, Reuse: pages.reuse, Docs: docs, Assets: render.Assets{search.ClientPath: SearchClient}}
	pub = &publisher{o: o, st: st, prev: prev, stage: stage}
	rst, err := renderSite(s, tmpl, layouts, opt, pages, pub)
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		pub.stage.Abort()
		return res, err
	}
	ps, err := addRootFiles(o.Static, pub.stage)
	res.Problems.Add(ps...)
	if err != nil || ps.HasErrors() {
		pub.stage.Abort()
		return res, err
	}
	next := siteManifest{PageKeys: pages.keys}
	if envKey(o) != env {
		next.PageKeys = nil // changed while building: the next build renders every page
	}
	prog.begin("search", 0)
	if next.Search, res.Indexed, err = index(ctx, s, docs, st, pub, prev.Search, pages.keys); err != nil {
		pub.stage.Abort()
		return res, err
	}
	res.Pages, res.Rendered, res.Shards, res.Early = rst.Pages, rst.Rendered, len(next.Search.Shards), pub.parts
	prog.begin("publish", 0)
	stage = pub.stage
	res.Files, res.Bytes, res.Reused = stage.Len(), stage.Size(), pub.reused+stage.Linked()-pub.carried
	if next.Output, err = stage.Commit(); err != nil {
		return res, err
	}
	st.saveManifest(o.Destination, next)
	res.Elapsed = time.Since(start)
	res.Stages = prog.summaryMsg()
	return res, nil
}

// renderSite renders the pages, feeds and assets into pub's stage. Under
// serve (PagesFirst) it renders the local part first and, if that
// changed, publishes it at once (PartLocal); then the site-wide part.
func renderSite(s *site.Site, tmpl *render.Templates, layouts fs.FS, opt render.Options, pages *pageReuse, pub *publisher) (render.Stats, error) {
	if pub.o.Serve.PagesFirst == nil || len(pub.prev.PageKeys) == 0 {
		return render.Render(s, tmpl, layouts, pub.stage, opt)
	}
	opt.Part = render.Local
	rst, err := render.Render(s, tmpl, layouts, pub.stage, opt)
	if err != nil {
		return rst, err
	}
	if !maps.Equal(pages.keys, pub.prev.PageKeys) {
		notLocal := func(path string) bool { _, ok := pub.prev.PageKeys[path]; return !ok }
		local := func(path string) bool { _, ok := pages.keys[path]; return ok }
		if err := pub.early(PartLocal, pages.keys, notLocal, local); err != nil {
			return rst, err
		}
	}
	opt.Part = render.SiteWide
	rest, err := render.Render(s, tmpl, layouts, pub.stage, opt)
	rst.Pages += rest.Pages
	rst.Rendered = append(rst.Rendered, rest.Rendered...)
	return rst, err
}
