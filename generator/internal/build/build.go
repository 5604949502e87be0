package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"portal/generator/internal/cache"
	"portal/generator/internal/config"
	"portal/generator/internal/content"
	"portal/generator/internal/diag"
	"portal/generator/internal/document"
	"portal/generator/internal/metrics"
	"portal/generator/internal/output"
	"portal/generator/internal/parallel"
	"portal/generator/internal/render"
	"portal/generator/internal/site"
)

// paths are the directories a build reads and writes.
type paths struct {
	config, content, layouts, destination string
	// cache is the build cache directory; "" builds without a cache.
	cache string
	// clean empties the cache first: a full build.
	clean bool
	// pagesFirst, when set, has a build whose local pages changed
	// (render.Local: those of reports, counties, cities and provinces)
	// publish them first, with the previous site-wide pages and search
	// index, and call pagesFirst(PartLocal); then, if the search index
	// must be rebuilt, publish the site-wide part and call
	// pagesFirst(PartSiteWide); then build and publish the rest (serve:
	// the editor sees a change before the pages listing the whole site,
	// and those before the index, catch up).
	pagesFirst func(part string)
	// keep, when set, holds what the last build kept in memory for the
	// next (serve).
	keep *keptBuild
	// limitMemory sets the heap's soft limit from the content's size
	// (setMemoryLimit): the commands do, tests running in one process
	// with other tests do not.
	limitMemory bool
}

func (f siteFlags) paths() paths {
	p := paths{
		config:      filepath.Join(f.source, "config.toml"),
		content:     filepath.Join(f.source, "content"),
		layouts:     filepath.Join(f.source, "layouts"),
		destination: filepath.Join(f.source, "public"),
	}
	if f.content != "" {
		p.content = f.content
	}
	if f.destination != "" {
		p.destination = f.destination
	}
	return p
}

// result is what a build made.
type result struct {
	site     *site.Site
	problems diag.List
	files    int      // files published
	bytes    int64    // their size
	reused   int      // files taken unchanged from the previous site
	pages    int      // HTML pages
	rendered []string // the pages rendered, not kept from the previous site
	indexed  []string // the search shards built, not kept
	unread   int      // reports taken from the load memo, not read
	parsed   int      // reports parsed for their analysis, not taken from the cache
	shards   int      // search shards
	// early are the parts of the site published before the rest
	// (paths.pagesFirst), in order.
	early   []string
	elapsed time.Duration
	stages  string // time per stage
}

// summary is the one line a build ends with.
func (r result) summary() string {
	return fmt.Sprintf("built %d reports, %d counties, %d files (%.1f MB, %d unchanged; %d of %d pages rendered, %d of %d search shards built) in %.2fs (%s)",
		len(r.site.Reports), len(r.site.Counties), r.files, float64(r.bytes)/1e6, r.reused, len(r.rendered), r.pages, len(r.indexed), r.shards, r.elapsed.Seconds(), r.stages)
}

// loadSite runs the stages up to the model: config, content, documents.
func loadSite(p paths, bc *buildCache, prog *progress) (*site.Site, diag.List, error) {
	var problems diag.List
	prog.begin("load", 0)
	src, err := config.ReadFile(p.config)
	if err != nil {
		return nil, nil, fmt.Errorf("%v (is --source the site root?)", err)
	}
	cfg, ps := config.Parse(p.config, src)
	problems.Add(ps...)
	if cfg == nil {
		return nil, problems, nil
	}
	if st, err := os.Stat(p.content); err != nil || !st.IsDir() {
		return nil, problems, fmt.Errorf("content directory %s: not found", p.content)
	}
	memo := bc.loadMemo()
	reports, ps := content.Load(os.DirFS(p.content), content.Options{
		Prefix:   filepath.ToSlash(p.content),
		Catalog:  cfg.Metrics,
		NextYear: time.Now().Year() + 1,
		Memo:     memo,
	})
	problems.Add(ps...)
	if bc.keepsState(memo, len(reports)) && p.pagesFirst != nil {
		bc.hold() // until the pages are published first, or the build ends
	}
	bc.saveLoadMemo(memo)
	if p.limitMemory {
		var size int64
		for _, r := range reports {
			size += int64(r.Size)
		}
		setMemoryLimit(size)
	}
	prog.begin("analyse", len(reports))
	inputs, ps := analyse(reports, cfg.Metrics, bc.analyses(cfg.Metrics), prog)
	problems.Add(ps...)
	prog.begin("model", 0)
	s, ps := site.New(cfg, inputs)
	problems.Add(ps...)
	return s, problems, nil
}

// analyse parses every report's body and extracts its figures, on all
// CPUs; a report the cache has the analysis of is not parsed (its Doc is
// nil until needed, see reparse).
func analyse(reports []*content.Report, catalog config.Catalog, ac *analysisCache, prog *progress) ([]site.Input, diag.List) {
	inputs := make([]site.Input, len(reports))
	lists := make([]diag.List, len(reports))
	ex := metrics.NewExtractor(catalog)
	parallel.OnCPUs(len(reports), func(i int) {
		r := reports[i]
		inputs[i], lists[i] = analyseOne(r, catalog, ex, ac)
		r.Release() // parsed: the bytes are read again for the download
		prog.step(1)
	})
	var problems diag.List
	for _, l := range lists {
		problems.Add(l...)
	}
	ac.save()
	return inputs, problems
}

// parse parses a report by its format: a .docx from raw, the file as
// received; text and Markdown from body.
func parse(file, format string, raw []byte, body string, bodyLine int) (doc *document.Document, problems diag.List) {
	defer recoverParse(file, &doc, &problems)
	if parseHook != nil {
		parseHook(file)
	}
	switch format {
	case content.Markdown:
		return document.ParseMarkdown(file, []byte(body), bodyLine)
	case content.Docx:
		return document.ParseDocx(file, raw)
	}
	return document.ParseText(file, body)
}

// parseFile reads, decodes and parses one report file outside a site (for
// extract and new): no metadata needed.
func parseFile(name string) (*document.Document, error) {
	raw, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	format := strings.ToLower(filepath.Ext(name))
	if format != content.Text && format != content.Markdown && format != content.Docx {
		return nil, fmt.Errorf("not a report file: want .txt, .md or .docx")
	}
	text := ""
	if format != content.Docx {
		if text, _, err = content.Decode(raw); err != nil {
			return nil, err
		}
	}
	body, bodyLine := text, 0
	if format == content.Markdown {
		body, bodyLine = content.StripFrontMatter(text)
	}
	doc, problems := parse(name, format, raw, body, bodyLine)
	if problems.HasErrors() {
		return nil, problems.Err()
	}
	return doc, nil
}

// analyseOne parses one report, or takes its analysis from the cache, and
// merges the figures of its text with those of its metadata, which win;
// disagreements are warnings.
func analyseOne(r *content.Report, catalog config.Catalog, ex *metrics.Extractor, ac *analysisCache) (site.Input, diag.List) {
	a, key, hit := ac.lookup(r)
	if hit {
		if in, problems, ok := ac.lookupMerged(key, r); ok {
			ac.store(key, a)
			return in, problems
		}
	}
	var doc *document.Document
	if !hit {
		// A report Load remembered was not read: read it now.
		if err := r.Reread(); err != nil {
			a.Problems.Errorf(diag.Pos{File: r.File}, "%s", strings.TrimPrefix(err.Error(), r.File+": "))
		} else {
			doc, a.Problems = parse(r.File, r.Format, r.Raw, r.Body, r.BodyLine)
		}
		if doc != nil {
			figures, err := ex.CatalogFigures(metrics.FromDocument(doc))
			if err != nil {
				a.Problems.Errorf(diag.Pos{File: r.File}, "%v", err)
			}
			a.Figures, a.Signed = figures, doc.Signature.Date
		}
	}
	if !a.Problems.HasErrors() {
		ac.store(key, a)
	}
	problems := slices.Clone(a.Problems)
	figures := slices.Clone(a.Figures) // reports with the same bytes get figures of their own
	values, warnings := metrics.Merge(catalog, r.Meta.Metrics, figures)
	pos := r.Meta.Keys["metrics"]
	if pos.File == "" {
		pos = diag.Pos{File: r.MetaFile}
	}
	for _, w := range warnings {
		problems.Warnf(pos, "%s", w)
	}
	in := site.Input{Report: r, Doc: doc, Figures: figures, Values: values, Signed: a.Signed}
	if hit && !a.Problems.HasErrors() {
		ac.storeMerged(key, r, in, problems)
	}
	return in, problems
}

// reparse parses a report the build did not keep the document of, from
// its file read again; the parser's problems were reported when the
// analysis was made.
func reparse(r *site.Report) (*document.Document, error) {
	src := r.Source
	if err := src.Reread(); err != nil {
		return nil, err
	}
	defer src.Release()
	doc, problems := parse(src.File, src.Format, src.Raw, src.Body, src.BodyLine)
	if problems.HasErrors() {
		return nil, problems.Err()
	}
	return doc, nil
}

// parseAll parses, on all CPUs, the reports whose documents the build did
// not keep.
func parseAll(reports []*site.Report) error {
	errs := make([]error, len(reports))
	parallel.OnCPUs(len(reports), func(i int) {
		if r := reports[i]; r.Doc == nil {
			r.Doc, errs[i] = reparse(r)
		}
	})
	return errors.Join(errs...)
}

// build runs the whole pipeline and publishes the site when there is no
// error. On any error the destination is left as it was, or under serve
// (paths.pagesFirst) as the last step published early left it: a
// complete site either way.
func build(p paths) (result, error) { return buildWithProgress(p, &progress{}) }

// buildWithProgress is build showing its stages on prog (nil: silent).
// A panic (a bug) fails the build with an internal error, the
// destination left as it was.
func buildWithProgress(p paths, prog *progress) (res result, err error) {
	start := time.Now()
	bc := openBuildCache(p)
	defer bc.wait()
	var pub *publisher
	defer func() {
		if v := recover(); v != nil {
			if pub != nil {
				pub.stage.Abort() // releases the destination's lock for the next build
			}
			if p.keep != nil {
				*p.keep = keptBuild{} // maybe half made
			}
			err = internalError(v)
		}
	}()
	// The layouts and config as the build reads them: hashed before, and
	// checked after the pages are written (an edit during the build must
	// not be taken for what they were rendered from).
	env := envKey(p)
	s, problems, err := loadSite(p, bc, prog)
	res = result{site: s, problems: problems, unread: bc.unreadReports(), parsed: bc.parsedReports()}
	if err != nil || problems.HasErrors() {
		prog.end()
		return res, err
	}
	prog.begin("render", 0)
	layouts := os.DirFS(p.layouts)
	tmpl, err := render.LoadTemplates(layouts)
	if err != nil {
		return res, err
	}
	prev := bc.manifest(p.destination)
	stage, err := output.Begin(p.destination, prev.Output)
	if err != nil {
		return res, err
	}
	pages := newPageReuse(stage, prev)
	opt := render.Options{Env: env, Reuse: pages.reuse, Parse: reparse}
	pub = &publisher{p: p, bc: bc, prev: prev, stage: stage}
	rst, err := renderSite(s, tmpl, layouts, opt, pages, pub)
	if err != nil {
		pub.stage.Abort()
		return res, err
	}
	next := siteManifest{PageKeys: pages.keys}
	if envKey(p) != env {
		next.PageKeys = nil // changed while building: the next build renders every page
	}
	prog.begin("search", 0)
	search, err := searchKeys(s)
	if err != nil {
		pub.stage.Abort()
		return res, err
	}
	if len(pub.parts) > 0 && search.Key != prev.Search.Key {
		// serve: the site-wide part too, before the search index.
		if err := pub.earlySiteWide(pages.keys); err != nil {
			return res, err
		}
	}
	stage = pub.stage
	if next.Search, res.indexed, err = writeSearch(s, stage, prev.Search, search); err != nil {
		stage.Abort()
		return res, err
	}
	res.pages, res.rendered, res.shards, res.early = rst.Pages, rst.Rendered, len(next.Search.Shards), pub.parts
	prog.begin("publish", 0)
	res.files, res.bytes, res.reused = stage.Len(), stage.Size(), pub.reused+stage.Linked()-pub.carried
	if next.Output, err = stage.Commit(); err != nil {
		return res, err
	}
	bc.saveManifest(p.destination, next)
	res.elapsed = time.Since(start)
	res.stages = prog.summary()
	return res, nil
}

// renderSite renders the pages, feeds and assets into pub's stage. Under
// serve (pagesFirst) it renders the local part first and, if that
// changed, publishes it at once (PartLocal); then the site-wide part.
func renderSite(s *site.Site, tmpl *render.Templates, layouts fs.FS, opt render.Options, pages *pageReuse, pub *publisher) (render.Stats, error) {
	if pub.p.pagesFirst == nil || len(pub.prev.PageKeys) == 0 {
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

// writeSearch writes the search index of keys (searchKeys) into stage:
// taken unchanged from the previous site when all its inputs are the
// same, else shard by shard. It returns the index's state and the shards
// built.
func writeSearch(s *site.Site, stage *output.Stage, prev, keys searchState) (searchState, []string, error) {
	if prev.Key == keys.Key && len(prev.Files) > 0 && stage.Reuse(prev.Files) {
		return prev, nil, nil
	}
	built, err := writeIndex(s, stage, prev, &keys)
	return keys, built, err
}

// The parts of the site serve publishes early (paths.pagesFirst), in
// this order, before the search index.
const (
	PartLocal    = "local"    // the pages of reports, counties, cities and provinces (render.Local)
	PartSiteWide = "sitewide" // the rest but the search index (render.SiteWide)
)

// publisher publishes a site in steps under serve: each step commits
// the stage with what the build has made so far and, from the previous
// site, the files of the steps still to come.
type publisher struct {
	p     paths
	bc    *buildCache
	prev  siteManifest
	stage *output.Stage
	parts []string // the parts published early, in order
	// reused counts the files of the published steps unchanged from the
	// previous site; carried, those the stage took from the last step.
	reused, carried int
}

// earlySiteWide publishes the site-wide part, rendered after the local
// part was published early, with the previous search index
// (PartSiteWide).
func (pub *publisher) earlySiteWide(keys map[string]cache.Key) error {
	index := map[string]bool{}
	for _, f := range pub.prev.Search.Files {
		index[f] = true
	}
	isIndex := func(path string) bool { return index[path] }
	notIndex := func(path string) bool { return !index[path] }
	return pub.early(PartSiteWide, keys, isIndex, notIndex)
}

// early publishes the stage, with the files of the previous site that
// later says are written after this step, and calls p.pagesFirst(part).
// It leaves in pub.stage a new stage holding the files published that
// done says are written: those of this step and the steps before.
func (pub *publisher) early(part string, keys map[string]cache.Key, later, done func(path string) bool) error {
	pub.reused += pub.stage.Linked() - pub.carried
	for path, e := range pub.prev.Output.Site {
		if later(path) {
			pub.stage.Keep(path, e.Hash) // one that cannot be kept is missing until its step
		}
	}
	m := siteManifest{Search: pub.prev.Search, PageKeys: keys}
	var err error
	if m.Output, err = pub.stage.Commit(); err != nil {
		return err
	}
	pub.bc.keepManifest(pub.p.destination, m)
	pub.parts = append(pub.parts, part)
	pub.p.pagesFirst(part)
	pub.bc.release()
	st, err := output.Begin(pub.p.destination, m.Output)
	if err != nil {
		return err
	}
	for path, e := range m.Output.Site {
		if done(path) && !st.Keep(path, e.Hash) {
			st.Abort()
			return fmt.Errorf("publish %s: %s changed while the rest of the site was built; build again", pub.p.destination, path)
		}
	}
	pub.stage, pub.carried = st, st.Linked()
	return nil
}

// maxWarnings is how many warnings a build prints; errors are all printed.
const maxWarnings = 20

// report prints the problems and the outcome; it returns the exit code.
func report(res result, err error, stdout, stderr io.Writer) int {
	res.problems.Sort()
	warnings := 0
	for _, p := range res.problems {
		if p.Severity == diag.Warning {
			warnings++
			if warnings > maxWarnings {
				continue
			}
		}
		fmt.Fprintln(stderr, p)
	}
	if warnings > maxWarnings {
		fmt.Fprintf(stderr, "… and %d more warnings\n", warnings-maxWarnings)
	}
	switch {
	case err != nil:
		fmt.Fprintf(stderr, "build failed: %s\n", diag.ErrorText(err))
		return 1
	case res.problems.HasErrors():
		// The content is checked before anything is written: true even
		// under serve, whose early parts come after.
		fmt.Fprintf(stderr, "build failed (errors: %d); nothing was published\n", res.problems.Errors())
		return 1
	}
	fmt.Fprintln(stdout, res.summary())
	return 0
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	var f siteFlags
	var c cacheFlags
	var cpuProfile, memProfile string
	fs := newFlagSet("build", "Builds the site from content/ into public/. All errors are reported at once;\na failed build leaves the previous public/ untouched. Builds are incremental:\nwhat the previous build computed from the same inputs is reused.", stderr)
	f.register(fs)
	c.register(fs)
	fs.StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile (pprof) of the build to `file`")
	fs.StringVar(&memProfile, "memprofile", "", "write a heap profile (pprof) at the end of the build to `file`")
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	p, err := c.apply(f.paths())
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	p.limitMemory = true
	stop, err := startProfiles(cpuProfile, memProfile)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	res, err := buildWithProgress(p, newProgress(stderr))
	if perr := stop(); perr != nil && err == nil {
		err = perr
	}
	return report(res, err, stdout, stderr)
}
