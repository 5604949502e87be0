package search

// gramKey identifies a gram of one to four units during the build: unit
// ids u0|u1<<32 and u2|u3<<32, with 0 for absent units. A unit id is the
// code point of a CJK character, or wordBit|n for the n-th interned word.
type gramKey [2]uint64

const wordBit = 1 << 31

// length returns the number of units in the gram.
func (k gramKey) length() int {
	switch {
	case k[1]>>32 != 0:
		return 4
	case k[1] != 0:
		return 3
	case k[0]>>32 != 0:
		return 2
	}
	return 1
}

// unit returns the i-th unit id.
func (k gramKey) unit(i int) uint32 {
	return uint32(k[i/2] >> (32 * (i % 2)))
}

// gramStat collects one gram's occurrences in one report.
type gramStat struct {
	key     gramKey
	hash    uint32 // keyHash of the gram's key text
	tf      int32  // body occurrences (headings and paragraphs)
	flags   uint8  // flagHeading | flagTitle
	block   uint8  // payload block of the first body occurrence, 0 if none
	posHead int32  // first position record (4-grams), -1 if none
	posTail int32
	posN    int32
}

const (
	flagTitle   = 1
	flagHeading = 2
)

// gramTable is an open-addressing hash table from gramKey to gramStat,
// reused from report to report without clearing: a slot is live when its
// generation is the current one.
type gramTable struct {
	gen   uint32
	slots []gramSlot
	stats []gramStat
	mask  uint64
}

// gramSlot is a slot of a gramTable.
type gramSlot struct {
	key gramKey
	gen uint32
	idx int32 // index into stats
}

func newGramTable() *gramTable {
	t := &gramTable{}
	t.resize(1 << 15)
	return t
}

func (t *gramTable) resize(n int) {
	t.slots = make([]gramSlot, n)
	t.mask = uint64(n - 1)
	t.gen = 1
	for i := range t.stats {
		h := uint64(t.stats[i].hash) & t.mask
		for t.slots[h].gen == t.gen {
			h = (h + 1) & t.mask
		}
		t.slots[h] = gramSlot{key: t.stats[i].key, gen: t.gen, idx: int32(i)}
	}
}

// reset empties the table for the next report; a table a long report
// grew past spareCap is made small again.
func (t *gramTable) reset() {
	if cap(t.stats) > spareCap {
		t.stats = nil
		t.resize(1 << 15)
		return
	}
	t.stats = t.stats[:0]
	t.gen++
	if t.gen == 0 { // wrapped: clear for real
		clear(t.slots)
		t.gen = 1
	}
}

// get returns the stat for k, whose key hash is kh, adding it if absent.
func (t *gramTable) get(k gramKey, kh uint32) *gramStat {
	h := uint64(kh) & t.mask
	for {
		s := &t.slots[h]
		if s.gen != t.gen {
			break
		}
		if s.key == k {
			return &t.stats[s.idx]
		}
		h = (h + 1) & t.mask
	}
	if len(t.stats)*2 >= len(t.slots) {
		t.resize(len(t.slots) * 2)
		return t.get(k, kh)
	}
	t.slots[h] = gramSlot{key: k, gen: t.gen, idx: int32(len(t.stats))}
	t.stats = append(t.stats, gramStat{key: k, hash: kh, posHead: -1, posTail: -1})
	return &t.stats[len(t.stats)-1]
}
