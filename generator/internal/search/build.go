package search

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"portal/generator/internal/diag"
	"portal/generator/internal/parallel"
)

// Doc is one report as the index sees it. Reports are numbered newest
// year first and, within a year, in the order given; each year is a shard
// of the index.
type Doc struct {
	Title       string
	URL         string // relative to the site root, e.g. counties/410423/xinfangju-2024/
	Province    string // 河南省
	ProvinceKey string // the province filter value, e.g. henan
	City        string // 平顶山市, or ""
	County      string // 鲁山县
	CountyKey   string // the county filter value, e.g. 410423
	Agency      string // short name, the agency filter value: 信访局
	AgencyFull  string // 鲁山县信访局
	Year        int
	Passages    []Passage // the body in reading order
	// File is the report's source file, which errors name (its URL when
	// empty).
	File string
}

// termLimitProblem is the error of a report with more than
// maxReportTerms distinct terms.
func termLimitProblem(d *Doc) diag.Problem {
	return diag.NewProblem(diag.Pos{File: cmp.Or(d.File, d.URL)}, diag.Error,
		diag.Msgf("too much distinct text for the search index: more than %d distinct terms "+
			"(runs of 1 to 4 characters or words); split the report", maxReportTerms))
}

// Passage is a heading or paragraph of a report's body.
type Passage struct {
	Anchor  string // the element id on the report page: s1-2, p7
	Heading bool
	Text    string // as shown; a heading's number included
}

// Options tunes the index layout. The zero value picks sizes from the
// corpus.
type Options struct {
	// BlockBytes is the average directory block size to aim for; the
	// number of blocks is the power of two that comes closest from
	// above. Default 4 KiB.
	BlockBytes int
	// PartBytes caps the size of a pack file part. Default 1 MiB.
	PartBytes int
	// Workers is the number of goroutines analysing reports (default
	// GOMAXPROCS).
	Workers int
	// Release drops each doc's Passages once it is indexed, so that a
	// caller holding no other reference to the text lets it be freed
	// while the index grows.
	Release bool
}

// Stats describes a built index.
type Stats struct {
	Docs          int
	Terms         int    // grams and filter values in the directory
	PositionTerms int    // 4-grams with positions
	Blocks        int    // directory blocks
	Parts         [3]int // directory, postings and positions parts
	DirBytes      int64  // directory and block index
	PostingBytes  int64
	PositionBytes int64
	FragmentBytes int64 // fragment packs and report table
	OtherBytes    int64 // manifest and county lists
	Files         int
	Analyse       time.Duration // tokenising, counting, fragments
	Encode        time.Duration // directory, packs and manifest
}

// AddFunc stores an output file; paths are relative to the site root.
// It must be safe for concurrent use.
type AddFunc func(path string, data []byte) error

// termBuild accumulates a gram's postings in build form, in the
// partition's arenas:
//
//	post, per report: uv report delta, uv tf<<10 | block<<2 | flags
//	pos (4-grams), per report: uv report delta, block byte, uv count,
//	    count × uv (position delta<<2 | H<<1 | T)
type termBuild struct {
	key     gramKey
	df      int32
	last    int32
	posLast int32
	post    chain
	pos     chain
}

// termSlot is a slot of a partition's hash table: a key and its term
// index plus one (0 for an empty slot).
type termSlot struct {
	key  gramKey
	hash uint32
	idx  uint32
}

// partition is one merger's share of the grams.
type partition struct {
	slots []termSlot
	terms [][]termBuild // in chunks of termChunk, so that growing copies nothing
	n     int           // number of terms
	post  arena
	pos   arena
}

const termChunk = 1 << 12

// at returns term i.
func (p *partition) at(i int) *termBuild {
	return &p.terms[i/termChunk][i%termChunk]
}

func newPartition() *partition {
	return &partition{slots: make([]termSlot, 1<<16)}
}

// term returns the term for key, whose key hash is kh, adding it if new.
func (p *partition) term(key gramKey, kh uint32) *termBuild {
	mask := uint64(len(p.slots) - 1)
	for h := uint64(kh>>8) & mask; ; h = (h + 1) & mask {
		s := &p.slots[h]
		if s.idx == 0 {
			if 10*(p.n+1) > 6*len(p.slots) {
				p.grow()
				return p.term(key, kh)
			}
			if p.n%termChunk == 0 {
				p.terms = append(p.terms, make([]termBuild, 0, termChunk))
			}
			c := &p.terms[len(p.terms)-1]
			*c = append(*c, termBuild{key: key, last: -1, posLast: -1})
			p.n++
			s.key, s.hash, s.idx = key, kh, uint32(p.n)
			return &(*c)[len(*c)-1]
		}
		if s.key == key {
			return p.at(int(s.idx - 1))
		}
	}
}

func (p *partition) grow() {
	old := p.slots
	p.slots = make([]termSlot, 2*len(old))
	mask := uint64(len(p.slots) - 1)
	for _, s := range old {
		if s.idx == 0 {
			continue
		}
		h := uint64(s.hash>>8) & mask
		for p.slots[h].idx != 0 {
			h = (h + 1) & mask
		}
		p.slots[h] = s
	}
}

// merge adds the grams of r whose hash is part modulo mask+1.
func (p *partition) merge(r *docResult, part, mask uint32) {
	var tmp [3 * binary.MaxVarintLen64]byte
	doc := int32(r.id)
	for i := range r.grams {
		g := &r.grams[i]
		if g.hash&mask != part {
			continue
		}
		t := p.term(g.key, g.hash)
		n := binary.PutUvarint(tmp[:], uint64(doc-t.last))
		n += binary.PutUvarint(tmp[n:], uint64(min(g.tf, 1<<20))<<10|uint64(g.block)<<2|uint64(g.flags))
		p.post.append(&t.post, tmp[:n])
		t.last = doc
		t.df++
		if g.posN > 0 {
			n := binary.PutUvarint(tmp[:], uint64(doc-t.posLast))
			tmp[n] = g.block
			n++
			n += binary.PutUvarint(tmp[n:], uint64(g.posN))
			prev := uint32(0)
			for o := g.posHead; o >= 0; o = r.occs[o].next {
				if n > len(tmp)-binary.MaxVarintLen32 {
					p.pos.append(&t.pos, tmp[:n])
					n = 0
				}
				v := r.occs[o].val
				n += binary.PutUvarint(tmp[n:], uint64((v>>2-prev)<<2|v&3))
				prev = v >> 2
			}
			p.pos.append(&t.pos, tmp[:n])
			t.posLast = doc
		}
	}
}

// Build indexes docs and writes the whole index through add: one shard
// per year (BuildShard) and the manifest (WriteManifest). Reports too
// long to index are all named in one diag.ListError.
func Build(docs []Doc, opt Options, add AddFunc) (Stats, error) {
	var st Stats
	var problems diag.List
	for _, ids := range yearGroups(docs, orderDocs(docs)) {
		shard := make([]Doc, len(ids))
		for j, i := range ids {
			shard[j] = docs[i]
			if opt.Release {
				docs[i].Passages = nil
			}
		}
		sst, err := BuildShard(shard, opt, add)
		st.add(sst)
		if le, ok := err.(diag.ListError); ok {
			problems.Add(le...)
			continue
		}
		if err != nil {
			return st, err
		}
	}
	if err := problems.Err(); err != nil {
		return st, err
	}
	mst, err := WriteManifest(docs, add)
	st.add(mst)
	st.Docs = len(docs)
	return st, err
}

// yearGroups cuts order (orderDocs) into the indexes in docs of each
// year's reports: the shards in report order.
func yearGroups(docs []Doc, order []int) [][]int {
	var groups [][]int
	for start := 0; start < len(order); {
		end := start + 1
		for end < len(order) && docs[order[end]].Year == docs[order[start]].Year {
			end++
		}
		groups = append(groups, order[start:end])
		start = end
	}
	return groups
}

// add adds the figures of o to st.
func (st *Stats) add(o Stats) {
	st.Docs += o.Docs
	st.Terms += o.Terms
	st.PositionTerms += o.PositionTerms
	st.Blocks += o.Blocks
	for i := range st.Parts {
		st.Parts[i] += o.Parts[i]
	}
	st.DirBytes += o.DirBytes
	st.PostingBytes += o.PostingBytes
	st.PositionBytes += o.PositionBytes
	st.FragmentBytes += o.FragmentBytes
	st.OtherBytes += o.OtherBytes
	st.Files += o.Files
	st.Analyse += o.Analyse
	st.Encode += o.Encode
}

// ShardName is the shard that holds the reports of year: its directory
// below search/, the year in decimal digits (years are 2000 or later).
func ShardName(year int) string { return strconv.Itoa(year) }

// shardDir is the directory of a shard's files below the site root.
func shardDir(name string) string { return "search/" + name + "/" }

// BuildShard indexes docs, the reports of one year in site order, as an
// index of their own under search/<year>/: the block index, the
// directory, postings, positions and fragment packs and the report table
// (see doc.go). A shard depends on nothing but its docs, so a build can
// keep the shards of the years that did not change.
func BuildShard(docs []Doc, opt Options, add AddFunc) (Stats, error) {
	if len(docs) == 0 {
		return Stats{}, nil
	}
	for i := range docs {
		if docs[i].Year != docs[0].Year {
			return Stats{}, fmt.Errorf("search: shard %s: report %s is of %d", ShardName(docs[0].Year), docs[i].URL, docs[i].Year)
		}
	}
	dir := shardDir(ShardName(docs[0].Year))
	return buildShard(docs, opt, func(path string, data []byte) error { return add(dir+path, data) })
}

// buildShard writes the index of docs through add, with paths relative
// to the shard's directory.
func buildShard(docs []Doc, opt Options, add AddFunc) (Stats, error) {
	start := time.Now()
	st := Stats{Docs: len(docs)}
	workers := cmp.Or(opt.Workers, runtime.GOMAXPROCS(0))
	// Grams are partitioned by key hash, so the terms of a partition fall
	// in every nparts-th directory block and the layout can free a
	// partition's postings as soon as its blocks are written.
	const nparts = 8
	words := &interner{ids: map[string]uint32{}}
	parts := make([]*partition, nparts)
	for i := range parts {
		parts[i] = newPartition()
	}
	lengths := make([]int, len(docs))
	frags := &fragmentWriter{parts: partWriter{target: cmp.Or(opt.PartBytes, arenaPage), add: add, name: fragmentPartPath, size: &st.FragmentBytes}}

	// Workers analyse reports in any order; this goroutine takes their
	// results in report order, appends the fragments and hands the grams
	// to the mergers, one per partition of the gram space; results are
	// recycled through free.
	inflight := 2*workers + 2
	free := make(chan *docResult, inflight)
	for range inflight {
		free <- &docResult{}
	}
	jobs := make(chan int)
	done := make([]chan *docResult, len(docs))
	for i := range done {
		done[i] = make(chan *docResult, 1)
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := &analyzer{words: words, table: newGramTable()}
			for {
				// Take a buffer before a report, so that the lowest report
				// not yet done always has one.
				r := <-free
				id, ok := <-jobs
				if !ok {
					free <- r
					return
				}
				if err := analyzeSafely(a, &docs[id], id, r); err != nil {
					r.failed = err
					a = &analyzer{words: words, table: newGramTable()} // its state is unknown
				}
				if opt.Release {
					docs[id].Passages = nil
				}
				done[id] <- r
			}
		}()
	}
	go func() {
		for id := range docs {
			jobs <- id
		}
		close(jobs)
	}()
	feeds := make([]chan *docResult, nparts)
	var mwg sync.WaitGroup
	for p := range parts {
		feeds[p] = make(chan *docResult, inflight)
		mwg.Add(1)
		go func() {
			defer mwg.Done()
			for r := range feeds[p] {
				parts[p].merge(r, uint32(p), nparts-1)
				if r.refs.Add(-1) == 0 {
					free <- r
				}
			}
		}()
	}
	var problems diag.List // reports past maxReportTerms
	for id := range docs {
		r := <-done[id]
		if r.over || r.failed != nil || len(problems) > 0 {
			// The shard fails: merge nothing more, but look at every
			// report, so that all of those too long are named.
			if r.over {
				problems.Add(termLimitProblem(&docs[id]))
			}
			if r.failed != nil {
				problems.Errorf(diag.Pos{File: cmp.Or(docs[id].File, docs[id].URL)}, "internal error while indexing: %v (please report)", r.failed)
				r.failed = nil
			}
			free <- r
			continue
		}
		lengths[id] = r.length
		frags.add(r.header, r.body)
		r.refs.Store(int32(nparts))
		for p := range feeds {
			feeds[p] <- r
		}
	}
	for p := range feeds {
		close(feeds[p])
	}
	wg.Wait()
	mwg.Wait()
	if err := problems.Err(); err != nil {
		return st, err
	}
	if err := frags.write(add, &st); err != nil {
		return st, err
	}
	st.Analyse = time.Since(start)

	start = time.Now()
	enc := &encoder{kq: lengthFactors(lengths), words: words, opt: opt, parts: parts}
	enc.collect()
	parts = nil
	enc.facets(docs)
	if err := enc.layout(add, &st); err != nil {
		return st, err
	}
	st.Encode = time.Since(start)
	return st, nil
}

// analyzeSafely is a.analyze(d, id, r), a panic returned as an error: a
// worker goroutine that panicked would end the process (and serve with
// it), whatever a report contains.
func analyzeSafely(a *analyzer, d *Doc, id int, r *docResult) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = parallel.Caught(v)
		}
	}()
	if analyzeHook != nil {
		analyzeHook(d)
	}
	a.analyze(d, id, r)
	return nil
}

// analyzeHook, when set (tests), is called before each report is
// analysed.
var analyzeHook func(d *Doc)

// orderDocs returns the report numbering: order[id] is the index in docs
// of report id. Newest year first; within a year, the order given.
func orderDocs(docs []Doc) []int {
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(docs[b].Year, docs[a].Year) })
	return order
}

// lengthFactors returns each report's quantised BM25 length factor.
func lengthFactors(lengths []int) []uint8 {
	kq := make([]uint8, len(lengths))
	for i, l := range lengths {
		kq[i] = uint8(lengthFactor(l))
	}
	return kq
}

// fragmentWriter lays out the fragment packs and the report table.
//
// A report's fragment is its header, a JSON object on one line (title,
// URL, province, city, county, agency, full agency name, year), then one
// line "anchor\ttext" per body passage. Payload blocks count from the
// first body line. The shard's report table docs.bin has 12 bytes per
// report, little-endian: uint16 part, uint32 offset of the header,
// uint16 header length, uint32 body length.
type fragmentWriter struct {
	parts partWriter
	table []byte
}

func (w *fragmentWriter) add(header, body []byte) {
	part, off := w.parts.start(len(header) + len(body))
	w.parts.write(header)
	w.parts.write(body)
	w.table = binary.LittleEndian.AppendUint16(w.table, uint16(part))
	w.table = binary.LittleEndian.AppendUint32(w.table, uint32(off))
	w.table = binary.LittleEndian.AppendUint16(w.table, uint16(len(header)))
	w.table = binary.LittleEndian.AppendUint32(w.table, uint32(len(body)))
}

func (w *fragmentWriter) write(add AddFunc, st *Stats) error {
	if err := add(docTablePath, w.table); err != nil {
		return err
	}
	st.FragmentBytes += int64(len(w.table))
	n, err := w.parts.finish()
	st.Files += 1 + n
	return err
}
