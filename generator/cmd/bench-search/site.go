package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"portal/generator/internal/config"
	"portal/generator/internal/content"
	"portal/generator/internal/diag"
	"portal/generator/internal/document"
	"portal/generator/internal/metrics"
	"portal/generator/internal/output"
	"portal/generator/internal/parallel"
	"portal/generator/internal/render"
	"portal/generator/internal/search"
	"portal/generator/internal/site"
)

// The pipeline below is the generator's (package main of generator/:
// loadSite, analyseOne, searchDocs), which a command cannot import,
// without its build cache. TestSameSiteAsGenerator checks that it makes
// the very files `generator build` publishes.

// loadSite reads the configuration and the content, parses every report
// and extracts its figures, and makes the site's model.
func loadSite(configFile, contentDir string) (*site.Site, diag.List, error) {
	src, err := config.ReadFile(configFile)
	if err != nil {
		return nil, nil, fmt.Errorf("%v (is --source the site root?)", err)
	}
	cfg, problems := config.Parse(configFile, src)
	if cfg == nil {
		return nil, problems, nil
	}
	if st, err := os.Stat(contentDir); err != nil || !st.IsDir() {
		return nil, problems, fmt.Errorf("content directory %s: not found", contentDir)
	}
	reports, ps := content.Load(os.DirFS(contentDir), content.Options{
		Prefix:   filepath.ToSlash(contentDir),
		Catalog:  cfg.Metrics,
		NextYear: time.Now().Year() + 1,
	})
	problems.Add(ps...)
	inputs := make([]site.Input, len(reports))
	lists := make([]diag.List, len(reports))
	ex := metrics.NewExtractor(cfg.Metrics)
	parallel.OnCPUs(len(reports), func(i int) {
		inputs[i], lists[i] = analyse(reports[i], cfg.Metrics, ex)
	})
	for _, l := range lists {
		problems.Add(l...)
	}
	s, ps := site.New(cfg, inputs)
	problems.Add(ps...)
	return s, problems, nil
}

// analyse parses a report and merges the figures of its text with those
// of its metadata.
func analyse(r *content.Report, catalog config.Catalog, ex *metrics.Extractor) (site.Input, diag.List) {
	var doc *document.Document
	var problems diag.List
	switch r.Format {
	case content.Markdown:
		doc, problems = document.ParseMarkdown(r.File, []byte(r.Body), r.BodyLine)
	case content.Docx:
		doc, problems = document.ParseDocx(r.File, r.Raw)
	default:
		doc, problems = document.ParseText(r.File, r.Body)
	}
	in := site.Input{Report: r, Doc: doc}
	if doc != nil {
		in.Figures, _ = ex.CatalogFigures(metrics.FromDocument(doc)) // the generated corpus states a few
		in.Signed = doc.Signature.Date
	}
	values, warnings := metrics.Merge(catalog, r.Meta.Metrics, slices.Clone(in.Figures))
	in.Values = values
	pos := r.Meta.Keys["metrics"]
	if pos.File == "" {
		pos = diag.Pos{File: r.MetaFile}
	}
	for _, w := range warnings {
		problems.Warnf(pos, "%s", w)
	}
	r.Release()
	return in, problems
}

// renderSite renders every page and file of the site but its search index
// into files.
func renderSite(s *site.Site, layoutsDir string, files output.Sink) error {
	layouts := os.DirFS(layoutsDir)
	tmpl, err := render.LoadTemplates(layouts)
	if err != nil {
		return err
	}
	_, err = render.Render(s, tmpl, layouts, files, render.Options{})
	return err
}

// searchDocs is how the index sees the reports: their metadata and their
// body, headings with their numbers.
func searchDocs(reports []*site.Report) []search.Doc {
	docs := make([]search.Doc, 0, len(reports))
	for _, r := range reports {
		c := r.County
		d := search.Doc{
			Title: r.Meta.Title, URL: r.URL,
			Province: c.Province.Name, ProvinceKey: c.Province.Slug, City: c.City.Name,
			County: c.Name, CountyKey: strings.TrimSuffix(strings.TrimPrefix(c.URL, "counties/"), "/"),
			Agency: r.Agency.Name, AgencyFull: r.Agency.FullName, Year: r.Meta.Year,
		}
		if doc := r.Doc; doc != nil {
			d.Passages = passages(doc)
		}
		docs = append(docs, d)
	}
	return docs
}

// passages are a document's lines as the index takes them; the header
// and the signature have no anchor (their hits link to the top).
func passages(doc *document.Document) []search.Passage {
	var ps []search.Passage
	h := doc.Header
	for _, line := range []string{h.DocHeader, h.DocNumber, h.Organ, h.Title} {
		if line != "" {
			ps = append(ps, search.Passage{Text: line})
		}
	}
	for _, b := range doc.Blocks {
		p := search.Passage{Anchor: b.Anchor, Text: b.Text}
		if b.Kind == document.Heading {
			p.Heading = true
			p.Text = b.Number + b.Text
		}
		ps = append(ps, p)
	}
	for _, line := range []string{doc.Signature.Organ, doc.Signature.DateText} {
		if line != "" {
			ps = append(ps, search.Passage{Text: line})
		}
	}
	return ps
}
