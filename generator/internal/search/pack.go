package search

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Pack files are written in parts of at most Options.PartBytes (a part
// never splits a directory block's postings, nor a report), so that a
// server that ignores Range requests costs one part, not the whole index.

// partWriter appends records to numbered part files.
type partWriter struct {
	target int
	parts  [][]byte  // nil once written
	pool   *[][]byte // free arena pages to reuse as parts, if target fits
	// Where finished parts go: each is written through add as soon as the
	// next part starts, so that it need not stay in memory. Its bytes are
	// added to *size; the first error is kept in err.
	add  AddFunc
	name func(int) string
	size *int64
	err  error
}

// writeDone writes every part before the last (the one being filled).
func (w *partWriter) writeDone() {
	for i := range len(w.parts) - 1 {
		w.writePart(i)
	}
}

// writePart writes part i, once. The sink may keep the bytes, so the part
// is never reused.
func (w *partWriter) writePart(i int) {
	if w.parts[i] == nil || w.err != nil {
		return
	}
	w.err = w.add(w.name(i), w.parts[i])
	*w.size += int64(len(w.parts[i]))
	w.parts[i] = nil
}

// finish writes the parts not written yet and returns how many parts
// there are.
func (w *partWriter) finish() (int, error) {
	for i := range w.parts {
		w.writePart(i)
	}
	return len(w.parts), w.err
}

// start begins a record of about n bytes, opening a new part when the
// current one is full, and returns the part number and offset where the
// record will go.
func (w *partWriter) start(n int) (part, off int) {
	if len(w.parts) == 0 || (len(w.parts[len(w.parts)-1]) > 0 && len(w.parts[len(w.parts)-1])+n > w.target) {
		// The first part grows from 1 MiB; later ones are allocated whole,
		// as the corpus fills parts.
		var p []byte
		switch {
		case w.pool != nil && len(*w.pool) > 0 && n <= arenaPage && w.target <= arenaPage:
			pl := *w.pool
			p, *w.pool = pl[len(pl)-1][:0], pl[:len(pl)-1]
		case len(w.parts) == 0:
			p = make([]byte, 0, max(min(w.target, 1<<20), n))
		default:
			p = make([]byte, 0, max(w.target, n))
		}
		w.parts = append(w.parts, p)
		w.writeDone()
	}
	p := len(w.parts) - 1
	return p, len(w.parts[p])
}

func (w *partWriter) write(b []byte) {
	w.parts[len(w.parts)-1] = append(w.parts[len(w.parts)-1], b...)
}

// File names of a shard, relative to its directory (shardDir).
const (
	blockIndexPath = "blocks.bin"
	docTablePath   = "docs.bin"
)

func dirPartPath(i int) string      { return fmt.Sprintf("dir-%d.bin", i) }
func postingPartPath(i int) string  { return fmt.Sprintf("post-%d.bin", i) }
func positionPartPath(i int) string { return fmt.Sprintf("pos-%d.bin", i) }
func fragmentPartPath(i int) string { return fmt.Sprintf("frag-%d.bin", i) }

// Directory entry flags.
const (
	entryBitmap    = 1 // the report set is a bitmap
	entryPayload   = 2 // payloads follow the report set (not for filters)
	entryPositions = 4 // the term has a position list (4-grams)
)

// termOut is a term ready for layout.
type termOut struct {
	key   string
	flags int
	df    int
	post  []byte // postings record
	pos   []byte // positions record, or nil
}

// encoder turns the merged postings into directory blocks and packs.
type encoder struct {
	kq    []uint8
	words *interner
	opt   Options
	parts []*partition
	terms []termRef
	facet []termOut // filter terms, already encoded
}

// termRef locates a term for layout: a gram of a partition, or a filter.
type termRef struct {
	key   string
	block int32
	part  int16 // partition, or -1 for facet[idx]
	idx   int32
}

// collect lists every gram with its key text.
func (e *encoder) collect() {
	var wg sync.WaitGroup
	lists := make([][]termRef, len(e.parts))
	for pi, p := range e.parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			refs := make([]termRef, p.n)
			for i := range p.n {
				refs[i] = termRef{key: e.words.keyText(p.at(i).key), part: int16(pi), idx: int32(i)}
			}
			p.slots = nil
			lists[pi] = refs
		}()
	}
	wg.Wait()
	for _, l := range lists {
		e.terms = append(e.terms, l...)
	}
}

// encode returns the records of a term.
func (e *encoder) encode(r *termRef, sc *scratch) *termOut {
	if r.part < 0 {
		return &e.facet[r.idx]
	}
	p := e.parts[r.part]
	t := p.at(int(r.idx))
	sc.buf = p.post.read(&t.post, sc.buf[:0])
	sc.docs, sc.pays = e.decodeBuild(sc.buf, sc.docs[:0], sc.pays[:0])
	sc.out = appendPostings(sc.post[:0], r.key, sc.docs, sc.pays)
	sc.post = sc.out.post
	if t.pos.head != 0 {
		sc.buf = p.pos.read(&t.pos, sc.buf[:0])
		sc.pos = e.encodePositions(sc.pos[:0], sc.buf)
		sc.out.pos = sc.pos
		sc.out.flags |= entryPositions
	}
	return &sc.out
}

// scratch is a layout worker's reusable memory.
type scratch struct {
	buf  []byte
	post []byte
	pos  []byte
	docs []int32
	pays []payload
	out  termOut
}

// decodeBuild reads a term's build-form postings into report numbers and
// payloads.
func (e *encoder) decodeBuild(b []byte, docs []int32, pays []payload) ([]int32, []payload) {
	doc := int64(-1)
	for len(b) > 0 {
		d, n := binary.Uvarint(b)
		b = b[n:]
		v, n := binary.Uvarint(b)
		b = b[n:]
		doc += int64(d)
		w := bodyWeight(int(v>>10), int(e.kq[doc]))
		docs = append(docs, int32(doc))
		pays = append(pays, makePayload(w, v&flagHeading != 0, v&flagTitle != 0, int(v>>2&0xFF)))
	}
	return docs, pays
}

// encodePostings encodes a postings record: uv length of the report set,
// the set (a bitmap or uv deltas of report numbers, the first being id+1),
// then 2 bytes of payload per report unless pays is nil (a filter).
func encodePostings(key string, docs []int32, pays []payload) termOut {
	return appendPostings(nil, key, docs, pays)
}

// appendPostings is encodePostings appending the record to buf.
func appendPostings(buf []byte, key string, docs []int32, pays []payload) termOut {
	last := docs[len(docs)-1]
	bitmapLen := int(last)/8 + 1
	deltaLen := 0
	prev := int32(-1)
	for _, d := range docs {
		deltaLen += uvarintLen(uint64(d - prev))
		prev = d
	}
	to := termOut{key: key, df: len(docs)}
	setLen := deltaLen
	if bitmapLen < deltaLen {
		to.flags |= entryBitmap
		setLen = bitmapLen
	}
	if pays != nil {
		to.flags |= entryPayload
	}
	out := slices.Grow(buf, setLen+2*len(pays)+4)
	out = binary.AppendUvarint(out, uint64(setLen))
	if to.flags&entryBitmap != 0 {
		set := out[len(out) : len(out)+bitmapLen]
		out = out[:len(out)+bitmapLen]
		clear(set)
		for _, d := range docs {
			set[d>>3] |= 1 << (d & 7)
		}
	} else {
		prev = -1
		for _, d := range docs {
			out = binary.AppendUvarint(out, uint64(d-prev))
			prev = d
		}
	}
	for _, p := range pays {
		out = binary.LittleEndian.AppendUint16(out, uint16(p))
	}
	to.post = out
	return to
}

// encodePositions converts a 4-gram's build-form positions to a positions
// record: per report, uv delta of report number (id+1 for the first), the
// length factor kq, the payload block, uv count, then count × uv
// (position delta<<2 | H<<1 | T).
func (e *encoder) encodePositions(out, b []byte) []byte {
	doc := int64(-1)
	for len(b) > 0 {
		d, n := binary.Uvarint(b)
		doc += int64(d)
		out = append(out, b[:n]...)
		out = append(out, e.kq[doc], b[n])
		b = b[n+1:]
		cnt, n := binary.Uvarint(b)
		out = append(out, b[:n]...)
		b = b[n:]
		for range cnt {
			_, n := binary.Uvarint(b)
			out = append(out, b[:n]...)
			b = b[n:]
		}
	}
	return out
}

func uvarintLen(x uint64) int {
	return (bits.Len64(x|1) + 6) / 7
}

// blockCount returns the power of two that makes blocks of about target
// bytes on average, at least 1.
func blockCount(total int64, target int) int {
	n := 1
	for int64(n)*int64(target) < total {
		n *= 2
	}
	return n
}

// dirEntry appends a term's directory entry.
func dirEntry(b []byte, t *termOut) []byte {
	b = binary.AppendUvarint(b, uint64(len(t.key)))
	b = append(b, t.key...)
	b = binary.AppendUvarint(b, uint64(t.flags))
	b = binary.AppendUvarint(b, uint64(t.df))
	b = binary.AppendUvarint(b, uint64(len(t.post)))
	if t.flags&entryPositions != 0 {
		b = binary.AppendUvarint(b, uint64(len(t.pos)))
	}
	return b
}

// layout sorts the terms into directory blocks by key hash and writes the
// directory, postings and positions packs and the block index.
//
// A directory block starts with four uvs: postings part and offset,
// positions part and offset, where its terms' records begin; then its
// entries sorted by key bytes: uv key length, key, uv flags, uv df,
// uv postings record length and, with entryPositions, uv positions record
// length. The records of a block's terms lie back to back in entry order.
//
// Blocks are laid out stride-major: blocks 0, s, 2s, …, then 1, s+1, …
// (s is the stride, the number of build partitions), so that each
// partition's postings can be freed once its blocks are written. The block
// index blocks.bin is: uv number of blocks, uv stride, uv number of
// directory parts, uv first layout position of each part, then uv byte
// length of each block in layout order.
func (e *encoder) layout(add AddFunc, st *Stats) error {
	for i := range e.facet {
		e.terms = append(e.terms, termRef{key: e.facet[i].key, part: -1, idx: int32(i)})
	}
	var dirEst int64
	for i := range e.terms {
		dirEst += int64(len(e.terms[i].key) + 6)
	}
	stride := len(e.parts)
	nblocks := max(blockCount(dirEst, cmp.Or(e.opt.BlockBytes, 4<<10)), stride)
	per := nblocks / stride
	blockAt := func(i int) int { return i/per + i%per*stride } // block at layout position i
	for i := range e.terms {
		t := &e.terms[i]
		t.block = int32(shardOf(t.key, nblocks))
		if t.part >= 0 && int(t.block)%stride != int(t.part) {
			return fmt.Errorf("search: internal error: %q hashed to partition %d, block %d", t.key, t.part, t.block)
		}
	}
	slices.SortFunc(e.terms, func(x, y termRef) int {
		return cmp.Or(cmp.Compare(x.block, y.block), cmp.Compare(x.key, y.key))
	})
	st.Terms = len(e.terms)

	// Workers encode runs of blocks; this goroutine writes them in order.
	type blockOut struct{ dir, post, pos []byte }
	const run = 16
	outPool := make(chan []blockOut, runtime.GOMAXPROCS(0)+3)
	nruns := (nblocks + run - 1) / run
	results := make([]chan []blockOut, nruns)
	for i := range results {
		results[i] = make(chan []blockOut, 1)
	}
	next := make(chan int)
	go func() {
		for i := range nruns {
			next <- i
		}
		close(next)
	}()
	starts := make([]int, nblocks+1) // first term of each block
	for b, t := 0, 0; b <= nblocks; b++ {
		for t < len(e.terms) && int(e.terms[t].block) < b {
			t++
		}
		starts[b] = t
	}
	var positionTerms atomic.Int64
	workers := runtime.GOMAXPROCS(0)
	sem := make(chan struct{}, workers+2) // runs encoded but not yet written
	for range workers {
		go func() {
			sc := &scratch{}
			for {
				// Take a slot before a run, so that the lowest run not yet
				// written always has one.
				sem <- struct{}{}
				ri, ok := <-next
				if !ok {
					<-sem
					return
				}
				var out []blockOut
				select {
				case out = <-outPool:
				default:
					out = make([]blockOut, run)
				}
				out = out[:run]
				for li := ri * run; li < min((ri+1)*run, nblocks); li++ {
					b := blockAt(li)
					bo := &out[li-ri*run]
					bo.dir, bo.post, bo.pos = bo.dir[:0], bo.post[:0], bo.pos[:0]
					for ti := starts[b]; ti < starts[b+1]; ti++ {
						t := e.encode(&e.terms[ti], sc)
						bo.dir = dirEntry(bo.dir, t)
						bo.post = append(bo.post, t.post...)
						if t.pos != nil {
							bo.pos = append(bo.pos, t.pos...)
							positionTerms.Add(1)
						}
					}
				}
				results[ri] <- out[:min(run, nblocks-ri*run)]
			}
		}()
	}
	// Arena pages of written partitions become the next parts.
	partBytes := cmp.Or(e.opt.PartBytes, arenaPage)
	var pool [][]byte
	dir := &partWriter{target: partBytes, pool: &pool, add: add, name: dirPartPath, size: &st.DirBytes}
	post := &partWriter{target: partBytes, pool: &pool, add: add, name: postingPartPath, size: &st.PostingBytes}
	pos := &partWriter{target: partBytes, pool: &pool, add: add, name: positionPartPath, size: &st.PositionBytes}
	var dirFirst []int
	blockLen := make([]int, nblocks)
	var hdr []byte
	for ri := range nruns {
		out := <-results[ri]
		for i, bo := range out {
			li := ri*run + i
			pp, po := post.start(len(bo.post))
			qp, qo := pos.start(len(bo.pos))
			hdr = binary.AppendUvarint(hdr[:0], uint64(pp))
			hdr = binary.AppendUvarint(hdr, uint64(po))
			hdr = binary.AppendUvarint(hdr, uint64(qp))
			hdr = binary.AppendUvarint(hdr, uint64(qo))
			if p, _ := dir.start(len(hdr) + len(bo.dir)); p == len(dirFirst) {
				dirFirst = append(dirFirst, li)
			}
			dir.write(hdr)
			dir.write(bo.dir)
			post.write(bo.post)
			pos.write(bo.pos)
			blockLen[li] = len(hdr) + len(bo.dir)
			if li%per == per-1 { // the partition's blocks are all written
				p := e.parts[li/per]
				for _, a := range []*arena{&p.post, &p.pos} {
					for _, pg := range a.pages {
						if cap(pg) == arenaPage {
							pool = append(pool, pg)
						}
					}
					a.pages = nil
				}
				p.terms = nil
			}
		}
		select {
		case outPool <- out:
		default:
		}
		<-sem
	}
	st.PositionTerms = int(positionTerms.Load())
	e.terms, e.parts, e.facet = nil, nil, nil

	var idx []byte
	idx = binary.AppendUvarint(idx, uint64(nblocks))
	idx = binary.AppendUvarint(idx, uint64(stride))
	idx = binary.AppendUvarint(idx, uint64(len(dirFirst)))
	for _, f := range dirFirst {
		idx = binary.AppendUvarint(idx, uint64(f))
	}
	for _, l := range blockLen {
		idx = binary.AppendUvarint(idx, uint64(l))
	}
	st.Blocks = nblocks
	if err := add(blockIndexPath, idx); err != nil {
		return err
	}
	st.DirBytes += int64(len(idx))
	for i, w := range []*partWriter{dir, post, pos} {
		n, err := w.finish()
		if err != nil {
			return err
		}
		st.Files += n
		st.Parts[i] = n
	}
	st.Files++
	return nil
}
