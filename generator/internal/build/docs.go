package build

import (
	"errors"
	"sync"

	"portal/generator/internal/content"
	"portal/generator/internal/document"
	"portal/generator/internal/format"
	"portal/generator/internal/parallel"
	"portal/generator/internal/site"
)

// Docs is a build's document provider (site.Documents): it hands render
// and the search index the document of each report, parsed once per
// build. It keeps the documents the analysis parsed, and parses the
// others from their files read again when first asked; the search index
// drops each once it has taken its text. Safe for concurrent use.
type Docs struct {
	formats *format.Registry

	mu   sync.Mutex
	kept map[*content.Report]*document.Document
}

// newDocs is the provider holding parsed[i], when not nil, as the
// document of reports[i].
func newDocs(formats *format.Registry, reports []*content.Report, parsed []*document.Document) *Docs {
	d := &Docs{formats: formats, kept: map[*content.Report]*document.Document{}}
	for i, doc := range parsed {
		if doc != nil {
			d.kept[reports[i]] = doc
		}
	}
	return d
}

// Document returns the document of r, parsing it if need be; the
// parser's problems were reported when the analysis was made.
func (d *Docs) Document(r *site.Report) (*document.Document, error) {
	d.mu.Lock()
	doc := d.kept[r.Source]
	d.mu.Unlock()
	if doc != nil {
		return doc, nil
	}
	doc, err := d.reparse(r.Source)
	if err != nil {
		return nil, err
	}
	d.mu.Lock()
	d.kept[r.Source] = doc
	d.mu.Unlock()
	return doc, nil
}

// holds reports whether d holds the parsed document of r.
func (d *Docs) holds(r *site.Report) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.kept[r.Source] != nil
}

// documents returns the documents of reports, parsing on all CPUs those
// not kept.
func (d *Docs) documents(reports []*site.Report) ([]*document.Document, error) {
	docs := make([]*document.Document, len(reports))
	errs := make([]error, len(reports))
	parallel.OnCPUs(len(reports), func(i int) {
		docs[i], errs[i] = d.Document(reports[i])
	})
	return docs, errors.Join(errs...)
}

// drop forgets the documents of reports: the search index has their text.
func (d *Docs) drop(reports []*site.Report) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, r := range reports {
		delete(d.kept, r.Source)
	}
}

// reparse parses a report whose document the build did not keep, from
// its file read again.
func (d *Docs) reparse(src *content.Report) (*document.Document, error) {
	if err := src.Reread(); err != nil {
		return nil, err
	}
	defer src.Release()
	doc, problems := d.formats.Parse(src.File, src.Format, format.Source{Raw: src.Raw, Body: src.Body, BodyLine: src.BodyLine})
	if problems.HasErrors() {
		return nil, problems.Err()
	}
	return doc, nil
}
