package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"portal/generator/internal/cache"
	"portal/generator/internal/config"
	"portal/generator/internal/content"
	"portal/generator/internal/diag"
	"portal/generator/internal/document"
	"portal/generator/internal/metrics"
	"portal/generator/internal/output"
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
	elapsed  time.Duration
	stages   string // time per stage
}

// summary is the one line a build ends with.
func (r result) summary() string {
	return fmt.Sprintf("built %d reports, %d counties, %d files (%.1f MB, %d unchanged; %d of %d pages rendered) in %.2fs (%s)",
		len(r.site.Reports), len(r.site.Counties), r.files, float64(r.bytes)/1e6, r.reused, len(r.rendered), r.pages, r.elapsed.Seconds(), r.stages)
}

// loadSite runs the stages up to the model: config, content, documents.
func loadSite(p paths, bc *buildCache, prog *progress) (*site.Site, diag.List, error) {
	var problems diag.List
	prog.begin("load", 0)
	src, err := os.ReadFile(p.config)
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
	reports, ps := content.Load(os.DirFS(p.content), content.Options{
		Prefix:   filepath.ToSlash(p.content),
		Catalog:  cfg.Metrics,
		NextYear: time.Now().Year() + 1,
	})
	problems.Add(ps...)
	if p.limitMemory {
		var size int64
		for _, r := range reports {
			size += int64(len(r.Raw))
		}
		setMemoryLimit(size)
	}
	prog.begin("analyse", len(reports))
	inputs, ps := analyse(reports, cfg.Metrics, bc.figures(cfg.Metrics), prog)
	problems.Add(ps...)
	prog.begin("model", 0)
	s, ps := site.New(cfg, inputs)
	problems.Add(ps...)
	return s, problems, nil
}

// analyse parses every report's body and extracts its figures, on all CPUs.
func analyse(reports []*content.Report, catalog config.Catalog, fc *figureCache, prog *progress) ([]site.Input, diag.List) {
	inputs := make([]site.Input, len(reports))
	lists := make([]diag.List, len(reports))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, r := range reports {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			inputs[i], lists[i] = analyseOne(r, catalog, fc)
			r.Release() // parsed: the bytes are read again for the download
			prog.step(1)
		}()
	}
	wg.Wait()
	var problems diag.List
	for _, l := range lists {
		problems.Add(l...)
	}
	fc.save()
	return inputs, problems
}

// parse parses a report by its format: a .docx from raw, the file as
// received; text and Markdown from body.
func parse(file, format string, raw []byte, body string, bodyLine int) (*document.Document, diag.List) {
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

// analyseOne parses one report and merges the figures of its text with
// those of its metadata, which win; disagreements are warnings.
func analyseOne(r *content.Report, catalog config.Catalog, fc *figureCache) (site.Input, diag.List) {
	doc, problems := parse(r.File, r.Format, r.Raw, r.Body, r.BodyLine)
	figures := fc.extract(r, doc, catalog)
	values, warnings := metrics.Merge(catalog, r.Meta.Metrics, figures)
	pos := r.Meta.Keys["metrics"]
	if pos.File == "" {
		pos = diag.Pos{File: r.MetaFile}
	}
	for _, w := range warnings {
		problems.Warnf(pos, "%s", w)
	}
	return site.Input{Report: r, Doc: doc, Figures: figures, Values: values}, problems
}

// build runs the whole pipeline and publishes the site when there is no
// error. On any error the destination is left as it was.
func build(p paths) (result, error) { return buildWithProgress(p, &progress{}) }

// buildWithProgress is build showing its stages on prog (nil: silent).
func buildWithProgress(p paths, prog *progress) (result, error) {
	start := time.Now()
	bc := openBuildCache(p)
	s, problems, err := loadSite(p, bc, prog)
	res := result{site: s, problems: problems}
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
	env, err := envKey(p)
	if err != nil {
		stage.Abort()
		return res, err
	}
	next, rst, err := writeSite(s, tmpl, layouts, stage, prev, env, prog)
	if err != nil {
		stage.Abort()
		return res, err
	}
	prog.begin("publish", 0)
	res.files, res.bytes, res.reused = stage.Len(), stage.Size(), stage.Linked()
	res.pages, res.rendered = rst.Pages, rst.Rendered
	if next.Output, err = stage.Commit(); err != nil {
		return res, err
	}
	bc.saveManifest(p.destination, next)
	res.elapsed = time.Since(start)
	res.stages = prog.summary()
	return res, nil
}

// writeSite renders the pages, charts and data and builds the search index
// into stage. The search index is taken unchanged from the previous site
// when its inputs are the same.
func writeSite(s *site.Site, tmpl *render.Templates, layouts fs.FS, stage *output.Stage, prev siteManifest, env cache.Key, prog *progress) (siteManifest, render.Stats, error) {
	pages := newPageReuse(stage, prev)
	rst, err := render.Render(s, tmpl, layouts, stage, render.Options{Env: env, Reuse: pages.reuse})
	if err != nil {
		return siteManifest{}, rst, err
	}
	prog.begin("search", 0)
	docs := searchDocs(s)
	key, err := searchKey(docs)
	if err != nil {
		return siteManifest{}, rst, err
	}
	next := siteManifest{SearchKey: key, PageKeys: pages.keys}
	if prev.SearchKey == next.SearchKey && len(prev.SearchFiles) > 0 && stage.Reuse(prev.SearchFiles) {
		next.SearchFiles = prev.SearchFiles
		return next, rst, nil
	}
	// The pages are written: from here on each report's text is only in
	// docs, and the search stage frees it report by report.
	for _, r := range s.Reports {
		r.Doc = nil
	}
	rec := &recorder{sink: stage}
	if err := writeSearch(docs, rec); err != nil {
		return siteManifest{}, rst, err
	}
	next.SearchFiles = rec.sortedPaths()
	return next, rst, nil
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
		fmt.Fprintf(stderr, "build failed: %v\n", err)
		return 1
	case res.problems.HasErrors():
		fmt.Fprintf(stderr, "build failed (errors: %d); the previous site was left as it was\n", res.problems.Errors())
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
