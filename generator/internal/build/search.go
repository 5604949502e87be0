package main

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"maps"
	"slices"
	"strings"

	"portal/generator/internal/cache"
	"portal/generator/internal/document"
	"portal/generator/internal/output"
	"portal/generator/internal/search"
	"portal/generator/internal/site"
)

// searchState is the published search index as the build manifest keeps
// it, to decide what the next build can keep.
type searchState struct {
	Key    cache.Key              // hash of all its inputs (searchKeys)
	Files  []string               // all its files, sorted; nil if not built yet
	Shards map[string]searchShard // by shard name
}

// searchShard is a shard of the published index.
type searchShard struct {
	Key   cache.Key // hash of its inputs
	Files []string  // sorted; nil if not built yet
}

// searchKeys hashes everything the index is built from, without parsing a
// report: every field of every doc but its passages (as JSON), and in
// their place the bytes and format of the report file they are read
// from. It returns the state of an index not built yet: the key of the
// whole index, over every report in site order, and of each shard, over
// the reports of its year. With the generator's version, which stamps
// the cache, they decide what of the previous site's index can be kept.
func searchKeys(s *site.Site) (searchState, error) {
	whole := sha256.New()
	shards := map[string]hash.Hash{}
	for _, r := range s.Reports {
		b, err := json.Marshal(searchDoc(r))
		if err != nil {
			return searchState{}, fmt.Errorf("search key: %w", err)
		}
		name := search.ShardName(r.Meta.Year)
		h := shards[name]
		if h == nil {
			h = sha256.New()
			shards[name] = h
		}
		for _, w := range []io.Writer{whole, h} {
			fmt.Fprintf(w, "%d:%s%s:%d:%x;", len(b), b, r.Source.Format, r.Source.BodyLine, r.Source.Hash)
		}
	}
	st := searchState{Shards: map[string]searchShard{}}
	whole.Sum(st.Key[:0])
	for name, h := range shards {
		var sh searchShard
		h.Sum(sh.Key[:0])
		st.Shards[name] = sh
	}
	return st, nil
}

// writeIndex builds the search index of the site into stage and fills in
// next, the state searchKeys returned. A shard whose key is that of a
// shard of prev, the index the previous build published, is kept with
// its files; the others are built, parsing the reports the build did not
// keep. The manifest, the county lists and the client are written anew.
// It returns the names of the shards it built.
func writeIndex(s *site.Site, stage *output.Stage, prev searchState, next *searchState) ([]string, error) {
	years := map[string][]*site.Report{}
	for _, r := range s.Reports {
		name := search.ShardName(r.Meta.Year)
		years[name] = append(years[name], r)
	}
	var files, built []string
	for _, name := range slices.Sorted(maps.Keys(next.Shards)) {
		sh := next.Shards[name]
		if p, ok := prev.Shards[name]; ok && p.Key == sh.Key && len(p.Files) > 0 && stage.Reuse(p.Files) {
			sh.Files = p.Files
		} else {
			var err error
			if sh.Files, err = writeShard(years[name], stage); err != nil {
				return nil, err
			}
			built = append(built, name)
		}
		next.Shards[name] = sh
		files = append(files, sh.Files...)
	}
	docs := make([]search.Doc, len(s.Reports))
	for i, r := range s.Reports {
		docs[i] = searchDoc(r)
	}
	rec := &recorder{sink: stage}
	if _, err := search.WriteManifest(docs, rec.Add); err != nil {
		return nil, err
	}
	if err := rec.Add(search.ClientPath, search.ClientJS); err != nil {
		return nil, err
	}
	next.Files = slices.Sorted(slices.Values(append(files, rec.paths...)))
	return built, nil
}

// writeShard builds the shard of reports, the reports of one year in site
// order, into stage, parsing those the build did not keep, and returns
// its files.
func writeShard(reports []*site.Report, stage *output.Stage) ([]string, error) {
	if err := parseAll(reports); err != nil {
		return nil, err
	}
	docs := searchDocs(reports)
	// The pages are written: from here on each report's text is only in
	// docs, and the search stage frees it report by report.
	for _, r := range reports {
		r.Doc = nil
	}
	rec := &recorder{sink: stage}
	if _, err := search.BuildShard(docs, search.Options{Release: true}, rec.Add); err != nil {
		return nil, err
	}
	return rec.sortedPaths(), nil
}

// searchDocs is how the index sees reports: with their metadata and
// their body, headings shown with their numbers. The reports must be
// parsed.
func searchDocs(reports []*site.Report) []search.Doc {
	docs := make([]search.Doc, 0, len(reports))
	for _, r := range reports {
		d := searchDoc(r)
		d.File = r.Source.File // named by the index's errors
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
