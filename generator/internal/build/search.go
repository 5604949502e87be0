package build

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"portal/generator/internal/cache"
	"portal/generator/internal/document"
	"portal/generator/internal/output"
	"portal/generator/internal/render"
	"portal/generator/internal/search"
	"portal/generator/internal/site"
)

// searchState is the published search index as the build manifest keeps
// it, to decide what the next build can keep.
type searchState struct {
	Key    cache.Key              // of all its inputs (searchKeys)
	Files  []string               // all its files, sorted; nil if not built yet
	Shards map[string]searchShard // by shard name
}

// searchShard is a shard of the published index.
type searchShard struct {
	Key   cache.Key // of its inputs
	Files []string  // sorted; nil if not built yet
}

// SearchClient is the published name of the search client: its hash in
// its name (render.HashedName), so that a host may cache it for good.
var SearchClient = render.HashedName(search.ClientPath, search.ClientJS)

// index is the search stage: it builds the site's search index into
// pub's stage, keeping what of prev, the index the previous build
// published, has the same inputs, and returns the index's state and the
// shards built. Under serve, when the local pages went out early and the
// index changed, it first publishes the site-wide part (PartSiteWide).
func index(ctx context.Context, s *site.Site, docs *Docs, st *state, pub *publisher, prev searchState, pageKeys map[string]cache.Key) (searchState, []string, error) {
	shards := shardsOf(s.Reports)
	next, err := searchKeys(s.Reports, shards)
	if err != nil {
		return next, nil, err
	}
	if len(pub.parts) > 0 && next.Key != prev.Key {
		if err := pub.earlySiteWide(pageKeys); err != nil {
			return next, nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return next, nil, err
	}
	if prev.Key == next.Key && len(prev.Files) > 0 && pub.stage.Reuse(prev.Files) {
		return prev, nil, nil
	}
	built, err := writeIndex(s, docs, st, shards, pub.stage, prev, &next)
	return next, built, err
}

// shardsOf groups reports, in site order, by their search shard: the rule
// of search.ShardName (one shard per year), applied here only.
func shardsOf(reports []*site.Report) map[string][]*site.Report {
	shards := map[string][]*site.Report{}
	for _, r := range reports {
		name := search.ShardName(r.Meta.Year)
		shards[name] = append(shards[name], r)
	}
	return shards
}

// searchKeys hashes everything the index is built from, without parsing a
// report: every field of every doc but its passages (as JSON), and in
// their place the bytes and format of the report file they are read
// from. It returns the state of an index not built yet: the key of the
// whole index, over every report in site order, and of each shard, over
// its reports. With the generator's version, which stamps the cache, they
// decide what of the previous site's index can be kept.
func searchKeys(reports []*site.Report, shards map[string][]*site.Report) (searchState, error) {
	st := searchState{Shards: map[string]searchShard{}}
	whole := cache.NewHasher()
	keys := map[*site.Report][]byte{}
	for _, r := range reports {
		b, err := json.Marshal(searchDoc(r))
		if err != nil {
			return searchState{}, fmt.Errorf("search key: %w", err)
		}
		keys[r] = b
		addSearchKey(whole, r, b)
	}
	st.Key = whole.Key()
	for name, rs := range shards {
		h := cache.NewHasher()
		for _, r := range rs {
			addSearchKey(h, r, keys[r])
		}
		st.Shards[name] = searchShard{Key: h.Key()}
	}
	return st, nil
}

// addSearchKey writes the inputs of report r's entry of the index to h:
// doc, its fields as JSON, and the file its passages are read from.
func addSearchKey(h *cache.Hasher, r *site.Report, doc []byte) {
	h.Add(doc, []byte(r.Source.Format), []byte(strconv.Itoa(r.Source.BodyLine)), r.Source.Hash[:])
}

// writeIndex builds the search index of the site into stage and fills in
// next, the state searchKeys returned. A shard whose key is that of a
// shard of prev is kept with its files; the others are built, parsing
// the reports the build did not keep. The manifest, the county lists and
// the client are written anew. It returns the names of the shards it
// built.
func writeIndex(s *site.Site, docs *Docs, st *state, shards map[string][]*site.Report, stage *output.Stage, prev searchState, next *searchState) ([]string, error) {
	var files, built []string
	for _, name := range slices.Sorted(maps.Keys(next.Shards)) {
		sh := next.Shards[name]
		if p, ok := prev.Shards[name]; ok && p.Key == sh.Key && len(p.Files) > 0 && stage.Reuse(p.Files) {
			sh.Files = p.Files
		} else {
			var err error
			if sh.Files, err = writeShard(name, shards[name], docs, stage, st); err != nil {
				return nil, err
			}
			built = append(built, name)
		}
		next.Shards[name] = sh
		files = append(files, sh.Files...)
	}
	entries := make([]search.Doc, len(s.Reports))
	for i, r := range s.Reports {
		entries[i] = searchDoc(r)
	}
	rec := &recorder{sink: stage}
	if _, err := search.WriteManifest(entries, rec.Add); err != nil {
		return nil, err
	}
	if err := rec.Add(SearchClient, search.ClientJS); err != nil {
		return nil, err
	}
	next.Files = slices.Sorted(slices.Values(append(files, rec.paths...)))
	return built, nil
}

// writeShard builds the shard name of reports, the reports of one year
// in site order, into stage and returns its files. The passages of its
// reports in formats slow to parse (PDF, OFD, .docx) come from the
// cache when their files have not changed, and go back to it.
func writeShard(name string, reports []*site.Report, docs *Docs, stage *output.Stage, st *state) ([]string, error) {
	entries, cached, err := shardDocs(reports, docs, st.passages(name))
	if err != nil {
		return nil, err
	}
	st.savePassages(name, cached)
	// The pages are written: from here on each report's text is only in
	// entries, and the search stage frees it report by report.
	docs.drop(reports)
	rec := &recorder{sink: stage}
	if _, err := search.BuildShard(entries, search.Options{Release: true}, rec.Add); err != nil {
		return nil, err
	}
	return rec.sortedPaths(), nil
}

// shardDocs is how the index sees reports, with their passages: from the
// documents docs holds or parses, or from old for the reports not in a
// text format whose document docs does not hold. It returns the
// passages of those reports, to cache.
func shardDocs(reports []*site.Report, docs *Docs, old passageCache) ([]search.Doc, passageCache, error) {
	texts := make([][]search.Passage, len(reports))
	var todo []*site.Report
	var at []int
	for i, r := range reports {
		if !r.Source.Text() && !docs.holds(r) {
			if p, ok := old[passageKey(r)]; ok {
				texts[i] = p
				continue
			}
		}
		todo, at = append(todo, r), append(at, i)
	}
	parsed, err := docs.documents(todo)
	if err != nil {
		return nil, nil, err
	}
	for j, doc := range parsed {
		texts[at[j]] = passages(doc)
	}
	cached := passageCache{}
	entries := make([]search.Doc, len(reports))
	for i, r := range reports {
		entries[i] = searchDoc(r)
		entries[i].File = r.Source.File // named by the index's errors
		entries[i].Passages = texts[i]
		if !r.Source.Text() {
			cached[passageKey(r)] = texts[i]
		}
	}
	return entries, cached, nil
}

// passages are the searchable lines of doc in reading order. The header
// and the signature have no anchor: their hits link to the top of the
// report.
func passages(doc *document.Document) []search.Passage {
	var ps []search.Passage
	plain := func(lines ...string) {
		for _, line := range lines {
			if line != "" {
				ps = append(ps, search.Passage{Text: line})
			}
		}
	}
	h := doc.Header
	plain(h.DocHeader, h.DocNumber, h.Organ, h.Title)
	for _, b := range doc.Blocks {
		p := search.Passage{Anchor: b.Anchor, Text: b.Text}
		if b.Kind == document.Heading {
			p.Heading = true
			p.Text = b.Number + b.Text
		}
		ps = append(ps, p)
	}
	plain(doc.Signature.Organ, doc.Signature.DateText)
	return ps
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

// recorder is a sink that notes the paths written through it.
type recorder struct {
	sink  output.Sink
	mu    sync.Mutex
	paths []string
}

// Add implements output.Sink.
func (r *recorder) Add(p string, data []byte) error {
	if err := r.sink.Add(p, data); err != nil {
		return err
	}
	r.mu.Lock()
	r.paths = append(r.paths, p)
	r.mu.Unlock()
	return nil
}

// sortedPaths returns the recorded paths, sorted.
func (r *recorder) sortedPaths() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Sorted(slices.Values(r.paths))
}

// SearchDocs is how the index sees reports, whose documents docs gives:
// for a benchmark of the index alone.
func SearchDocs(reports []*site.Report, docs *Docs) ([]search.Doc, error) {
	entries, _, err := shardDocs(reports, docs, nil)
	return entries, err
}
