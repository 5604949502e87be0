package main

import (
	"strings"

	"portal/generator/internal/document"
	"portal/generator/internal/output"
	"portal/generator/internal/search"
	"portal/generator/internal/site"
)

// buildSearch writes the full-text index and its browser client.
func buildSearch(s *site.Site, files *output.Files) error {
	_, err := buildSearchStats(s, files)
	return err
}

// buildSearchStats is buildSearch returning the index statistics.
func buildSearchStats(s *site.Site, files *output.Files) (search.Stats, error) {
	st, err := search.Build(searchDocs(s), search.Options{}, files.Add)
	if err != nil {
		return st, err
	}
	return st, files.Add(search.ClientPath, search.ClientJS)
}

// searchDocs is the site as the index sees it: every report with its
// metadata and its body, headings shown with their numbers.
func searchDocs(s *site.Site) []search.Doc {
	docs := make([]search.Doc, 0, len(s.Reports))
	for _, r := range s.Reports {
		c := r.County
		d := search.Doc{
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

// countyKey is the county filter value: the county's URL segment, its
// division code or a pinyin slug.
func countyKey(c *site.County) string {
	return strings.TrimSuffix(strings.TrimPrefix(c.URL, "counties/"), "/")
}
