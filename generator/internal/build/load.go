package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"portal/generator/internal/config"
	"portal/generator/internal/content"
	"portal/generator/internal/diag"
	"portal/generator/internal/document"
	"portal/generator/internal/format"
	"portal/generator/internal/metrics"
	"portal/generator/internal/parallel"
	"portal/generator/internal/site"
)

// LoadSite runs the stages up to the model, without a cache: config,
// content, documents. It is what check validates.
func LoadSite(o Options) (*site.Site, *Docs, diag.List, error) {
	return load(o, nil, nil)
}

// load runs the stages up to the model: config, content, documents. The
// documents the analysis parsed are kept in the provider it returns.
func load(o Options, st *state, prog *Progress) (*site.Site, *Docs, diag.List, error) {
	var problems diag.List
	prog.begin("load", 0)
	src, err := config.ReadFile(o.Config)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil, diag.Errorf("%s: not found (is --source the site root?)", o.Config)
	} else if err != nil {
		return nil, nil, nil, diag.Errorf("%v (is --source the site root?)", err)
	}
	cfg, ps := config.Parse(o.Config, src)
	problems.Add(ps...)
	if cfg == nil {
		return nil, nil, problems, nil
	}
	if o.BaseURL != "" {
		u, ok := config.BaseURL(o.BaseURL)
		if !ok {
			return nil, nil, problems, diag.Errorf("--base-url: want an absolute http(s) URL, got %q", o.BaseURL)
		}
		cfg.BaseURL = u
	}
	if fi, err := os.Stat(o.Content); err != nil || !fi.IsDir() {
		return nil, nil, problems, diag.Errorf("content directory %s: not found", o.Content)
	}
	memo := st.loadMemo()
	reports, ps := content.Load(os.DirFS(o.Content), content.Options{
		Prefix:     filepath.ToSlash(o.Content),
		Catalog:    cfg.Metrics,
		LatestYear: time.Now().Year(),
		Memo:       memo,
		Kinds:      o.formats().Kinds(),
	})
	problems.Add(ps...)
	if st.keepsState(memo, len(reports)) && o.Serve.PagesFirst != nil {
		st.hold() // until the pages are published first, or the build ends
	}
	st.saveLoadMemo(memo)
	if o.LimitMemory {
		var size int64
		for _, r := range reports {
			size += int64(r.Size)
		}
		setMemoryLimit(size)
	}
	prog.begin("analyse", len(reports))
	inputs, docs, ps := analyse(reports, o.formats(), cfg.Metrics, st.analyses(cfg.Metrics), prog)
	problems.Add(ps...)
	prog.begin("model", 0)
	s, ps := site.New(cfg, inputs)
	problems.Add(ps...)
	return s, docs, problems, nil
}

// analyse parses every report's body and extracts its figures, on all
// CPUs; a report the cache has the analysis of is not parsed (the
// provider parses it when a page or the index needs it).
func analyse(reports []*content.Report, formats *format.Registry, catalog config.Catalog, ac *analysisCache, prog *Progress) ([]site.Input, *Docs, diag.List) {
	inputs := make([]site.Input, len(reports))
	parsed := make([]*document.Document, len(reports))
	lists := make([]diag.List, len(reports))
	ex := metrics.NewExtractor(catalog)
	parallel.OnCPUs(len(reports), func(i int) {
		r := reports[i]
		inputs[i], parsed[i], lists[i] = analyseOne(r, formats, catalog, ex, ac)
		r.Release() // parsed: the bytes are read again for the download
		prog.step(1)
	})
	var problems diag.List
	for _, l := range lists {
		problems.Add(l...)
	}
	ac.save()
	return inputs, newDocs(formats, reports, parsed), problems
}

// analyseOne parses one report, or takes its analysis from the cache, and
// merges the figures of its text with those of its metadata, which win;
// disagreements are warnings. It returns the document when it parsed it.
func analyseOne(r *content.Report, formats *format.Registry, catalog config.Catalog, ex *metrics.Extractor, ac *analysisCache) (site.Input, *document.Document, diag.List) {
	a, key, hit := ac.lookup(r)
	if hit {
		if in, problems, ok := ac.lookupMerged(key, r); ok {
			ac.store(key, a)
			return in, nil, problems
		}
	}
	var doc *document.Document
	if !hit {
		// A report Load remembered was not read: read it now.
		if err := r.Reread(); err != nil {
			var fe *content.FileError
			if errors.As(err, &fe) && fe.File == r.File {
				err = fe.Err // the problem names the file
			}
			a.Problems.Errorf(diag.Pos{File: r.File}, "%v", err)
		} else {
			doc, a.Problems = formats.Parse(r.File, r.Format, format.Source{Raw: r.Raw, Body: r.Body, BodyLine: r.BodyLine})
		}
		if doc != nil {
			figures, err := ex.CatalogFigures(metrics.FromDocument(doc))
			if err != nil {
				a.Problems.Errorf(diag.Pos{File: r.File}, "%v", err)
			}
			a.Figures, a.Signed, a.Title = figures, doc.Signature.Date, textTitle(doc)
		}
	}
	if !a.Problems.HasErrors() {
		ac.store(key, a)
	}
	problems := slices.Clone(a.Problems)
	title, ps := textFacts(r, a.Title, a.Signed)
	if !a.Problems.HasErrors() {
		problems.Add(ps...)
	}
	figures := slices.Clone(a.Figures) // reports with the same bytes get figures of their own
	values, warnings := metrics.Merge(catalog, r.Meta.Metrics, figures)
	pos := r.Meta.Keys["metrics"]
	if pos.File == "" {
		pos = diag.Pos{File: r.MetaFile}
	}
	for _, w := range warnings {
		problems.Add(diag.NewProblem(pos, diag.Warning, w))
	}
	in := site.Input{Report: r, Title: title, Figures: figures, Values: values, Signed: a.Signed}
	if hit && !a.Problems.HasErrors() {
		ac.storeMerged(key, r, in, problems)
	}
	return in, doc, problems
}
