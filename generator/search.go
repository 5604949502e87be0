package main

import (
	"crypto/sha256"
	"encoding/gob"
	"fmt"
	"strings"

	"portal/generator/internal/cache"
	"portal/generator/internal/document"
	"portal/generator/internal/output"
	"portal/generator/internal/search"
	"portal/generator/internal/site"
)

// writeSearch writes the full-text index of docs and its browser client,
// dropping the passages of each doc once indexed.
func writeSearch(docs []search.Doc, files output.Sink) error {
	_, err := writeSearchStats(docs, search.Options{Release: true}, files)
	return err
}

// writeSearchStats is writeSearch with options, returning the index
// statistics.
func writeSearchStats(docs []search.Doc, opt search.Options, files output.Sink) (search.Stats, error) {
	st, err := search.Build(docs, opt, files.Add)
	if err != nil {
		return st, err
	}
	return st, files.Add(search.ClientPath, search.ClientJS)
}

// searchKey hashes everything the index is built from, without parsing a
// report: every field of every doc but its passages (through gob), and
// in their place the bytes and format of the report file they are read
// from. With the generator's version, which stamps the cache, it decides
// whether the previous site's index can be kept.
func searchKey(s *site.Site) (cache.Key, error) {
	h := sha256.New()
	enc := gob.NewEncoder(h)
	for _, r := range s.Reports {
		if err := enc.Encode(searchDoc(r)); err != nil {
			return cache.Key{}, fmt.Errorf("search key: %w", err)
		}
		fmt.Fprintf(h, "%s:%d:", r.Source.Format, r.Source.BodyLine)
		h.Write(r.Source.Hash[:])
	}
	var k cache.Key
	h.Sum(k[:0])
	return k, nil
}

// searchDocs is the site as the index sees it: every report with its
// metadata and its body, headings shown with their numbers. The reports
// must be parsed.
func searchDocs(s *site.Site) []search.Doc {
	docs := make([]search.Doc, 0, len(s.Reports))
	for _, r := range s.Reports {
		d := searchDoc(r)
		if doc := r.Doc; doc != nil {
			// The header and the signature have no anchor: their hits link
			// to the top of the report.
			h := doc.Header
			for _, line := range []string{h.DocHeader, h.DocNumber, h.Organ, h.Title} {
				if line != "" {
					d.Passages = append(d.Passages, search.Passage{Text: line})
				}
			}
			for _, b := range doc.Blocks {
				p := search.Passage{Anchor: b.Anchor, Text: b.Text}
				if b.Kind == document.Heading {
					p.Heading = true
					p.Text = b.Number + b.Text
				}
				d.Passages = append(d.Passages, p)
			}
			for _, line := range []string{doc.Signature.Organ, doc.Signature.DateText} {
				if line != "" {
					d.Passages = append(d.Passages, search.Passage{Text: line})
				}
			}
		}
		docs = append(docs, d)
	}
	return docs
}

// searchDoc is report r as the index sees it, without its body.
func searchDoc(r *site.Report) search.Doc {
	c := r.County
	return search.Doc{
		Title:       r.Meta.Title,
		URL:         r.URL,
		Province:    c.Province.Name,
		ProvinceKey: c.Province.Slug,
		City:        c.City.Name,
		County:      c.Name,
		CountyKey:   countyKey(c),
		Agency:      r.Agency.Name,
		AgencyFull:  r.Agency.FullName,
		Year:        r.Meta.Year,
	}
}

// countyKey is the county filter value: the county's URL segment, its
// division code or a pinyin slug.
func countyKey(c *site.County) string {
	return strings.TrimSuffix(strings.TrimPrefix(c.URL, "counties/"), "/")
}
