package search

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
)

// Searcher evaluates queries against a built index the way the browser
// client does, step for step: the same byte ranges, the same exact phrase
// check, the same integer scores and order. Tests and the benchmark use
// it; the browser test checks that search.js agrees.
type Searcher struct {
	read     func(path string) ([]byte, error)
	manifest Manifest
	shards   []*shardReader
	files    map[string][]byte
	fetches  *[]Fetch
}

// shardReader reads one shard: the reports first to first+docs-1.
type shardReader struct {
	s      *Searcher
	name   string
	dir    string // shardDir
	first  int
	docs   int
	blocks []blockLoc
}

// blockLoc is where a directory block lies.
type blockLoc struct{ part, off, len int }

// Fetch is a byte range read from a file of the index (End exclusive).
type Fetch struct {
	Path       string
	Start, End int
}

// Open reads the manifest and each shard's block index through read,
// which returns a file of the site by its path below the root (e.g.
// "search/index.json").
func Open(read func(path string) ([]byte, error)) (*Searcher, error) {
	s := &Searcher{read: read, files: map[string][]byte{}}
	b, err := read(ManifestPath)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &s.manifest); err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestPath, err)
	}
	if s.manifest.Version != manifestVersion {
		return nil, fmt.Errorf("%s: version %d, want %d", ManifestPath, s.manifest.Version, manifestVersion)
	}
	if err := checkShards(s.manifest); err != nil {
		return nil, err
	}
	first := 0
	for _, sh := range s.manifest.Shards {
		r := &shardReader{s: s, name: sh.Name, dir: shardDir(sh.Name), first: first, docs: sh.Docs}
		path := r.dir + blockIndexPath
		idx, err := read(path)
		if err != nil {
			return nil, err
		}
		if r.blocks, err = parseBlockIndex(idx); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		s.shards = append(s.shards, r)
		first += sh.Docs
	}
	return s, nil
}

// checkShards checks that the manifest lists shards as the build writes
// them: each a year once, not empty, holding all the reports between them.
func checkShards(m Manifest) error {
	seen := map[string]bool{}
	total := 0
	for _, sh := range m.Shards {
		if year, err := strconv.Atoi(sh.Name); err != nil || ShardName(year) != sh.Name || seen[sh.Name] || sh.Docs <= 0 {
			return fmt.Errorf("%s: bad shard %q: %w", ManifestPath, sh.Name, errCorrupt)
		}
		seen[sh.Name] = true
		total += sh.Docs
	}
	if total != m.Docs {
		return fmt.Errorf("%s: shards hold %d reports, not %d: %w", ManifestPath, total, m.Docs, errCorrupt)
	}
	return nil
}

// parseBlockIndex reads a shard's blocks.bin (see layout).
func parseBlockIndex(b []byte) ([]blockLoc, error) {
	i := 0
	nb, err1 := readUvarint(b, &i)
	stride, err2 := readUvarint(b, &i)
	np, err3 := readUvarint(b, &i)
	if err := errors.Join(err1, err2, err3); err != nil || nb > uint64(len(b)) || np > nb ||
		stride == 0 || stride > nb || nb%stride != 0 {
		return nil, errCorrupt
	}
	first := make([]int, np)
	for p := range first {
		f, err := readUvarint(b, &i)
		if err != nil {
			return nil, err
		}
		first[p] = int(f)
	}
	locs := make([]blockLoc, nb)
	per := int(nb / stride)
	part, off := -1, 0
	for li := range locs {
		if part+1 < len(first) && first[part+1] == li {
			part, off = part+1, 0
		}
		l, err := readUvarint(b, &i)
		if err != nil {
			return nil, err
		}
		locs[li/per+li%per*int(stride)] = blockLoc{part: max(part, 0), off: off, len: int(l)}
		off += int(l)
	}
	return locs, nil
}

// Manifest returns the index manifest.
func (s *Searcher) Manifest() Manifest { return s.manifest }

// rangeOf returns bytes [start, end) of a file of the shard.
func (r *shardReader) rangeOf(name string, start, end int) ([]byte, error) {
	return r.s.rangeOf(r.dir+name, start, end)
}

// rangeOf returns bytes [start, end) of a file, recording the fetch.
func (s *Searcher) rangeOf(path string, start, end int) ([]byte, error) {
	b, ok := s.files[path]
	if !ok {
		var err error
		if b, err = s.read(path); err != nil {
			return nil, err
		}
		s.files[path] = b
	}
	if start < 0 || end > len(b) || start > end {
		return nil, fmt.Errorf("%s: range %d-%d outside %d bytes: %w", path, start, end, len(b), errCorrupt)
	}
	if s.fetches != nil {
		*s.fetches = append(*s.fetches, Fetch{path, start, end})
	}
	return b[start:end], nil
}

// Request is a query with optional filters (FilterProvince etc. to a
// value; an empty value is no filter).
type Request struct {
	Query   string
	Filters map[string]string
}

// Hit is one matching report.
type Hit struct {
	Doc   int // report number (newest year first)
	Score int
	// Block is the payload block (1-based) of the first body line with a
	// hit for the snippet, 0 if only the title and metadata match.
	Block int
}

// Result is the outcome of a query.
type Result struct {
	Terms   []Term
	Total   int   // matching reports
	Hits    []Hit // all of them, best first
	Fetches []Fetch
}

// termResult is a term's or filter's report set.
type termResult struct {
	docs []int32
	pays []payload // nil for filters
	// df is the number of reports with the term in the shards read, for
	// idf: len(docs), and more when a shard was only counted (countOnly).
	df int
}

// Search runs a request.
func (s *Searcher) Search(req Request) (Result, error) {
	res := Result{Terms: ParseQuery(req.Query)}
	s.fetches = &res.Fetches
	defer func() { s.fetches = nil }()
	if len(res.Terms) == 0 {
		return res, nil
	}
	// A year filter confines the hits to the year's shard: of the others,
	// a term of up to four units needs only its report count, in its
	// directory entry; a longer phrase is counted by matching it.
	year := req.Filters[FilterYear]
	wanted := func(r *shardReader) bool { return year == "" || r.name == year }
	var sets []termResult
	for _, t := range res.Terms {
		tr, err := s.everyShard(func(r *shardReader) (termResult, error) {
			switch {
			case len(t.Units) > 4:
				return r.phrase(t)
			case !wanted(r):
				return r.countOnly(t.Key)
			}
			return r.gram(t.Key)
		})
		if err != nil {
			return res, err
		}
		sets = append(sets, tr)
	}
	for _, kind := range []string{FilterProvince, FilterCounty, FilterAgency, FilterYear} {
		if v := req.Filters[kind]; v != "" {
			key := facetKey(kind, v)
			tr, err := s.everyShard(func(r *shardReader) (termResult, error) {
				if !wanted(r) {
					return termResult{}, nil
				}
				return r.gram(key)
			})
			if err != nil {
				return res, err
			}
			sets = append(sets, termResult{docs: tr.docs})
		}
	}
	res.Hits = s.score(sets, len(res.Terms))
	res.Total = len(res.Hits)
	return res, nil
}

// everyShard runs find on each shard and joins the report sets, numbered
// across shards: a term's report count is its count in the whole index.
func (s *Searcher) everyShard(find func(r *shardReader) (termResult, error)) (termResult, error) {
	var all termResult
	for _, r := range s.shards {
		tr, err := find(r)
		if err != nil {
			return all, err
		}
		for _, d := range tr.docs {
			all.docs = append(all.docs, d+int32(r.first))
		}
		all.pays = append(all.pays, tr.pays...)
		all.df += tr.df
	}
	return all, nil
}

// dirInfo is a directory entry with the location of its records.
type dirInfo struct {
	flags, df         int
	postPart, postOff int
	postLen           int
	posPart, posOff   int
	posLen            int
}

// lookup finds key in its directory block. An entry that counts more
// reports than the shard has is corrupt.
func (r *shardReader) lookup(key string) (dirInfo, bool, error) {
	loc := r.blocks[shardOf(key, len(r.blocks))]
	b, err := r.rangeOf(dirPartPath(loc.part), loc.off, loc.off+loc.len)
	if err != nil {
		return dirInfo{}, false, err
	}
	var d dirInfo
	i := 0
	var hdr [4]uint64
	for j := range hdr {
		if hdr[j], err = readUvarint(b, &i); err != nil {
			return d, false, err
		}
	}
	d.postPart, d.postOff, d.posPart, d.posOff = int(hdr[0]), int(hdr[1]), int(hdr[2]), int(hdr[3])
	for i < len(b) {
		kl, err := readUvarint(b, &i)
		if err != nil || kl > uint64(len(b)-i) {
			return d, false, errCorrupt
		}
		k := string(b[i : i+int(kl)])
		i += int(kl)
		var f [4]uint64
		n := 3
		for j := range n {
			if f[j], err = readUvarint(b, &i); err != nil {
				return d, false, err
			}
			if j == 0 && f[0]&entryPositions != 0 {
				n = 4
			}
		}
		if n == 4 {
			if f[3], err = readUvarint(b, &i); err != nil {
				return d, false, err
			}
		}
		d.flags, d.df, d.postLen, d.posLen = int(f[0]), int(f[1]), int(f[2]), int(f[3])
		if k == key {
			if d.df > r.docs {
				return d, false, errCorrupt
			}
			return d, true, nil
		}
		d.postOff += d.postLen
		d.posOff += d.posLen
	}
	return d, false, nil
}

// gram looks up a term of up to four units, or a filter. A term's
// postings have payloads, a filter's none.
func (r *shardReader) gram(key string) (termResult, error) {
	d, ok, err := r.lookup(key)
	if err != nil || !ok {
		return termResult{}, err
	}
	if (d.flags&entryPayload != 0) == isFilterKey(key) {
		return termResult{}, errCorrupt
	}
	b, err := r.rangeOf(postingPartPath(d.postPart), d.postOff, d.postOff+d.postLen)
	if err != nil {
		return termResult{}, err
	}
	tr, err := decodePostings(b, d.flags, d.df)
	tr.df = len(tr.docs)
	return tr, err
}

// countOnly returns the report count of a term of up to four units, from
// its directory entry, without its reports.
func (r *shardReader) countOnly(key string) (termResult, error) {
	d, ok, err := r.lookup(key)
	if err != nil || !ok {
		return termResult{}, err
	}
	return termResult{df: d.df}, nil
}

// decodePostings decodes a postings record.
func decodePostings(b []byte, flags, df int) (termResult, error) {
	var tr termResult
	i := 0
	n, err := readUvarint(b, &i)
	if err != nil || n > uint64(len(b)-i) {
		return tr, errCorrupt
	}
	set := b[i : i+int(n)]
	i += int(n)
	tr.docs = make([]int32, 0, df)
	if flags&entryBitmap != 0 {
		for j, c := range set {
			for c != 0 {
				tr.docs = append(tr.docs, int32(j*8+bits.TrailingZeros8(c)))
				c &= c - 1
			}
		}
	} else {
		doc := int64(-1)
		for j := 0; j < len(set); {
			d, err := readUvarint(set, &j)
			if err != nil {
				return tr, err
			}
			doc += int64(d)
			tr.docs = append(tr.docs, int32(doc))
		}
	}
	if len(tr.docs) != df {
		return tr, errCorrupt
	}
	if flags&entryPayload != 0 {
		if len(b)-i != 2*df {
			return tr, errCorrupt
		}
		tr.pays = make([]payload, df)
		for j := range tr.pays {
			tr.pays[j] = payload(binary.LittleEndian.Uint16(b[i+2*j:]))
		}
	}
	return tr, nil
}

// docPositions is one report's occurrences of a 4-gram.
type docPositions struct {
	doc   int32
	kq    int
	block int
	vals  []uint32 // position<<2 | H<<1 | T, ascending
}

// decodePositions decodes a positions record.
func decodePositions(b []byte) ([]docPositions, error) {
	var ps []docPositions
	doc := int64(-1)
	for j := 0; j < len(b); {
		d, err := readUvarint(b, &j)
		if err != nil || j+2 > len(b) {
			return nil, errCorrupt
		}
		doc += int64(d)
		dp := docPositions{doc: int32(doc), kq: int(b[j]), block: int(b[j+1])}
		j += 2
		cnt, err := readUvarint(b, &j)
		if err != nil || cnt > uint64(len(b)) {
			return nil, errCorrupt
		}
		p := uint64(0)
		dp.vals = make([]uint32, 0, cnt)
		for range cnt {
			v, err := readUvarint(b, &j)
			if err != nil {
				return nil, err
			}
			p += v >> 2
			dp.vals = append(dp.vals, uint32(p<<2|v&3))
		}
		ps = append(ps, dp)
	}
	return ps, nil
}

var errCorrupt = errors.New("search: corrupt index")

// readUvarint reads a varint from b at *i.
func readUvarint(b []byte, i *int) (uint64, error) {
	v, n := binary.Uvarint(b[*i:])
	if n <= 0 {
		return 0, errCorrupt
	}
	*i += n
	return v, nil
}

// cover returns the offsets of the 4-grams that cover a phrase of n > 4
// units: every fourth, and the last.
func cover(n int) []int {
	var offs []int
	for o := 0; o+4 < n; o += 4 {
		offs = append(offs, o)
	}
	return append(offs, n-4)
}

// phrase finds the reports that contain a term of more than four units:
// those where the covering 4-grams occur at the right distances.
func (r *shardReader) phrase(t Term) (termResult, error) {
	offs := cover(len(t.Units))
	lists := make([][]docPositions, len(offs))
	for i, o := range offs {
		d, ok, err := r.lookup(keyOf(t.Units[o : o+4]))
		if err != nil || !ok || d.flags&entryPositions == 0 {
			return termResult{}, err
		}
		b, err := r.rangeOf(positionPartPath(d.posPart), d.posOff, d.posOff+d.posLen)
		if err != nil {
			return termResult{}, err
		}
		if lists[i], err = decodePositions(b); err != nil {
			return termResult{}, err
		}
	}
	tr := matchPhrase(lists, offs)
	tr.df = len(tr.docs)
	return tr, nil
}

// matchPhrase intersects position lists; lists[i] holds the occurrences
// of the 4-gram at offset offs[i].
func matchPhrase(lists [][]docPositions, offs []int) termResult {
	var tr termResult
	idx := make([]int, len(lists))
	for _, first := range lists[0] {
		doc := first.doc
		all := true
		for i := 1; i < len(lists); i++ {
			for idx[i] < len(lists[i]) && lists[i][idx[i]].doc < doc {
				idx[i]++
			}
			if idx[i] == len(lists[i]) || lists[i][idx[i]].doc != doc {
				all = false
				break
			}
		}
		if !all {
			continue
		}
		tf, heading, title := 0, false, false
		for _, v := range first.vals {
			p := v >> 2
			ok := true
			for i := 1; i < len(lists) && ok; i++ {
				_, ok = slices.BinarySearchFunc(lists[i][idx[i]].vals, p+uint32(offs[i]), func(x, target uint32) int {
					return int(x>>2) - int(target)
				})
			}
			if !ok {
				continue
			}
			switch {
			case v&1 != 0:
				title = true
			default:
				tf++
				heading = heading || v&2 != 0
			}
		}
		if tf == 0 && !title {
			continue
		}
		block := 0
		if tf > 0 {
			block = first.block
		}
		tr.docs = append(tr.docs, doc)
		tr.pays = append(tr.pays, makePayload(bodyWeight(tf, first.kq), heading, title, block))
	}
	return tr
}

// score intersects the sets (the first nterms are terms, the rest
// filters) and ranks the reports.
func (s *Searcher) score(sets []termResult, nterms int) []Hit {
	n := s.manifest.Docs
	idf := make([]int, nterms)
	for i := range nterms {
		idf[i] = idfWeight(sets[i].df, n)
	}
	smallest := 0
	for i := range sets {
		if len(sets[i].docs) < len(sets[smallest].docs) {
			smallest = i
		}
	}
	idx := make([]int, len(sets))
	var hits []Hit
	for _, doc := range sets[smallest].docs {
		score, block := 0, 0
		all := true
		for i := range sets {
			for idx[i] < len(sets[i].docs) && sets[i].docs[idx[i]] < doc {
				idx[i]++
			}
			if idx[i] == len(sets[i].docs) || sets[i].docs[idx[i]] != doc {
				all = false
				break
			}
			if i < nterms {
				p := sets[i].pays[idx[i]]
				score += idf[i] * termScore(p)
				if b := p.block(); b > 0 && (block == 0 || b < block) {
					block = b
				}
			}
		}
		if all {
			hits = append(hits, Hit{Doc: int(doc), Score: score, Block: block})
		}
	}
	slices.SortFunc(hits, compareHits)
	return hits
}

// Fragment is a report's fragment, parsed.
type Fragment struct {
	Title, URL, Province, City, County, Agency, AgencyFull string
	Year                                                   int
	Lines                                                  []FragmentLine
}

// FragmentLine is one body passage of a fragment.
type FragmentLine struct {
	Offset int // byte offset of the line from the first body line
	Anchor string
	Text   string
}

// ParseFragment parses a report's fragment: its body lines and its
// header line.
func ParseFragment(body, header []byte) (Fragment, error) {
	var f Fragment
	var h fragmentHeader
	if err := json.Unmarshal(header, &h); err != nil {
		return f, fmt.Errorf("fragment header: %w", err)
	}
	f.Title, f.URL, f.Province, f.City, f.County = h.Title, h.URL, h.Province, h.City, h.County
	f.Agency, f.AgencyFull, f.Year = h.Agency, h.AgencyFull, h.Year
	off := 0
	for _, line := range strings.SplitAfter(string(body), "\n") {
		if line == "" {
			continue
		}
		anchor, text, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		f.Lines = append(f.Lines, FragmentLine{Offset: off, Anchor: anchor, Text: text})
		off += len(line)
	}
	return f, nil
}

// Fragment reads report doc's fragment.
func (s *Searcher) Fragment(doc int) (Fragment, error) {
	for _, r := range s.shards {
		if doc >= r.first && doc < r.first+r.docs {
			return r.fragment(doc - r.first)
		}
	}
	return Fragment{}, fmt.Errorf("search: no report %d: %w", doc, errCorrupt)
}

// fragment reads the fragment of the shard's report doc.
func (r *shardReader) fragment(doc int) (Fragment, error) {
	rec, err := r.rangeOf(docTablePath, 12*doc, 12*doc+12)
	if err != nil {
		return Fragment{}, err
	}
	part := int(binary.LittleEndian.Uint16(rec))
	off := int(binary.LittleEndian.Uint32(rec[2:]))
	hlen := int(binary.LittleEndian.Uint16(rec[6:]))
	blen := int(binary.LittleEndian.Uint32(rec[8:]))
	b, err := r.rangeOf(fragmentPartPath(part), off, off+hlen+blen)
	if err != nil {
		return Fragment{}, err
	}
	return ParseFragment(b[hlen:], b[:hlen])
}

// Highlights returns the byte ranges of text where terms occur: for each
// term, each run of tokens whose units are the term's, with no gap inside.
// Ranges are sorted and merged.
func Highlights(text string, terms []Term) [][2]int {
	toks := Tokens(text)
	var rs [][2]int
	for _, t := range terms {
		n := len(t.Units)
	next:
		for i := 0; i+n <= len(toks); i++ {
			for j := range n {
				if toks[i+j].Text != t.Units[j].Text || (j > 0 && toks[i+j].Gap) {
					continue next
				}
			}
			rs = append(rs, [2]int{toks[i].Start, toks[i+n-1].End})
		}
	}
	slices.SortFunc(rs, func(a, b [2]int) int { return a[0] - b[0] })
	var out [][2]int
	for _, r := range rs {
		if len(out) > 0 && r[0] <= out[len(out)-1][1] {
			out[len(out)-1][1] = max(out[len(out)-1][1], r[1])
			continue
		}
		out = append(out, r)
	}
	return out
}

// SnippetLine picks the line a result shows: the first passage of the body
// at or after the hit's block that contains a term, preferring one with
// every term in the first few lines. The title block's lines (no anchor)
// are not passages. A report found by its title alone (block 0) shows its
// opening passage. It returns -1 if no line qualifies.
func SnippetLine(f Fragment, hit Hit, terms []Term) int {
	first := -1
	for i, l := range f.Lines {
		if l.Anchor == "" || hit.Block > 0 && blockOf(l.Offset) < hit.Block {
			continue
		}
		hs := Highlights(l.Text, terms)
		if len(hs) == 0 {
			continue
		}
		if first < 0 {
			first = i
		}
		if countTerms(l.Text, terms) == len(terms) {
			return i
		}
		if i-first >= 8 {
			break
		}
	}
	if first < 0 && hit.Block == 0 {
		return openingLine(f)
	}
	return first
}

// openingLine returns the index of the body's first paragraph, else of its
// first passage, else -1.
func openingLine(f Fragment) int {
	first := -1
	for i, l := range f.Lines {
		if l.Anchor == "" {
			continue
		}
		if strings.HasPrefix(l.Anchor, "p") {
			return i
		}
		if first < 0 {
			first = i
		}
	}
	return first
}

// countTerms counts the terms that occur in text.
func countTerms(text string, terms []Term) int {
	n := 0
	for _, t := range terms {
		if len(Highlights(text, []Term{t})) > 0 {
			n++
		}
	}
	return n
}
