package search

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// interner numbers the words (digit and letter runs) of the corpus. The
// numbers depend on scheduling, so they never reach the output: keys are
// written as text.
type interner struct {
	mu    sync.Mutex
	ids   map[string]uint32
	words []string
}

func (in *interner) id(w string) uint32 {
	in.mu.Lock()
	defer in.mu.Unlock()
	id, ok := in.ids[w]
	if !ok {
		id = uint32(len(in.words)) | wordBit
		w = strings.Clone(w)
		in.ids[w] = id
		in.words = append(in.words, w)
	}
	return id
}

// text returns the text of a unit id.
func (in *interner) text(u uint32) (string, bool) {
	if u&wordBit != 0 {
		in.mu.Lock()
		defer in.mu.Unlock()
		return in.words[u&^wordBit], true
	}
	return string(rune(u)), false
}

// keyText returns the canonical key of a gram (see keyOf).
func (in *interner) keyText(k gramKey) string {
	var b strings.Builder
	prevWord := false
	n := k.length()
	for i := range n {
		s, word := in.text(k.unit(i))
		switch {
		case i > 0 && strings.HasPrefix(s, "+"):
			s = s[1:] // a continuation
		case word && prevWord:
			b.WriteByte(' ')
		}
		if i+1 < n {
			if next, _ := in.text(k.unit(i + 1)); strings.HasPrefix(next, "+") {
				s = strings.TrimSuffix(s, "+")
			}
		}
		b.WriteString(s)
		prevWord = word
	}
	return b.String()
}

// maxReportTerms is how many distinct terms (grams of one to four units)
// one report may have. A report of 50 KB, long for the genre, has about
// 50,000; each term costs the build some 350 bytes, so a report at the
// limit costs about 100 MiB, and one past it is an error (TermLimitError)
// rather than gigabytes: 19 MB of distinct words make 8.8 million terms.
const maxReportTerms = 300_000

// occ is a 4-gram occurrence: its position record and the next occurrence
// of the same gram in the report (-1 at the end).
type occ struct {
	val  uint32 // position<<2 | H<<1 | T
	next int32
}

// docResult is the analysis of one report, passed from a worker to the
// mergers, and recycled when all of them are done with it.
type docResult struct {
	id     int
	length int // body units, for the BM25 length factor
	grams  []gramStat
	occs   []occ
	header []byte // fragment header line
	body   []byte // fragment body lines
	over   bool   // more than maxReportTerms terms: not indexed
	failed error  // the analysis panicked (a bug): not indexed
	refs   atomic.Int32
}

// spareCap is the capacity a recycled docResult or a worker's gram
// table keeps: what a report of ordinary length needs. Buffers grown
// past it for a long report are let go after it, so that a few long
// reports do not hold memory for the rest of the shard.
const spareCap = 1 << 16

// recycle empties r for the next report, letting go of grown buffers.
func (r *docResult) recycle() {
	r.grams, r.occs = shrink(r.grams), shrink(r.occs)
	r.body = shrink(r.body)
	r.over = false
}

// shrink returns s emptied, or nil when it grew past spareCap.
func shrink[T any](s []T) []T {
	if cap(s) > spareCap {
		return nil
	}
	return s[:0]
}

// analyzer turns reports into grams and fragment files; each worker has
// its own.
type analyzer struct {
	words *interner
	table *gramTable
	units []uint32
	texts []string // the units' key text
	isWd  []bool   // whether each unit is a word
	buf   bytes.Buffer
}

// fragmentHeader is the last line of a fragment file: what a result shows
// besides the snippet.
type fragmentHeader struct {
	Title      string `json:"t"`
	URL        string `json:"u"`
	Province   string `json:"p"`
	City       string `json:"c,omitempty"`
	County     string `json:"n"`
	Agency     string `json:"a"`
	AgencyFull string `json:"f"`
	Year       int    `json:"y"`
}

// cleanLine makes text fit on one fragment line: tabs and line breaks
// become spaces and invalid UTF-8 becomes U+FFFD.
func cleanLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return ' '
			}
			return r
		}, s)
	}
	return s
}

// metaFields are the title and metadata passages of a report, each its
// own passage so that no phrase runs from one into the next.
func metaFields(d *Doc) []string {
	return []string{d.Title, d.Province, d.City, d.County, d.AgencyFull, d.Agency}
}

// analyze indexes report d as number id into r, with its fragment: one
// line "anchor\ttext" per body passage, and the JSON header line.
func (a *analyzer) analyze(d *Doc, id int, r *docResult) {
	a.table.reset()
	r.recycle()
	r.id = id
	r.length = 0
	a.buf.Reset()
	if a.buf.Cap() > spareCap {
		a.buf = bytes.Buffer{}
	}
	pos := 0
	for _, f := range metaFields(d) {
		pos = a.passage(cleanLine(f), pos, flagTitle, 0, r) + 1
	}
	for _, p := range d.Passages {
		if r.over {
			return // an error: the rest is not needed
		}
		start := a.buf.Len()
		text := cleanLine(p.Text)
		a.buf.WriteString(cleanLine(p.Anchor))
		a.buf.WriteByte('\t')
		a.buf.WriteString(text)
		a.buf.WriteByte('\n')
		flags := uint8(0)
		if p.Heading {
			flags = flagHeading
		}
		before := pos
		pos = a.passage(text, pos, flags, uint8(blockOf(start)), r) + 1
		r.length += pos - before - 1
	}
	if r.over = r.over || len(a.table.stats) > maxReportTerms; r.over {
		return
	}
	r.body = append(r.body[:0], a.buf.Bytes()...)
	a.buf.Reset()
	enc := json.NewEncoder(&a.buf)
	enc.SetEscapeHTML(false)
	enc.Encode(fragmentHeader{
		Title: cleanLine(d.Title), URL: d.URL, Province: d.Province, City: d.City, County: d.County,
		Agency: d.Agency, AgencyFull: d.AgencyFull, Year: d.Year,
	})
	r.header = append(r.header[:0], a.buf.Bytes()...)
	r.grams = append(r.grams[:0], a.table.stats...)
}

// passage indexes one passage starting at position pos and returns the
// position after its last unit. flags says what kind of passage it is;
// block is its fragment block (0 for title and metadata).
func (a *analyzer) passage(text string, pos int, flags, block uint8, r *docResult) int {
	sc := scanner{s: text}
	a.units, a.texts, a.isWd = a.units[:0], a.texts[:0], a.isWd[:0]
	runStart := pos
	for !r.over {
		t, ok := sc.next()
		if !ok {
			break
		}
		if t.Gap && len(a.units) > 0 {
			a.run(runStart, len(a.units), flags, block, r)
			pos++ // the gap takes a position
			a.units, a.texts, a.isWd = a.units[:0], a.texts[:0], a.isWd[:0]
			runStart = pos
		}
		if len(a.units) == runChunk {
			// A long run is indexed as it comes, so that the term limit
			// stops it early: the grams that start before its last three
			// units, which begin the rest.
			done := runChunk - 3
			a.run(runStart, done, flags, block, r)
			a.units = a.units[:copy(a.units, a.units[done:])]
			a.texts = a.texts[:copy(a.texts, a.texts[done:])]
			a.isWd = a.isWd[:copy(a.isWd, a.isWd[done:])]
			runStart += done
		}
		var u uint32
		if t.Word {
			u = a.words.id(t.Text)
		} else {
			r, _ := utf8.DecodeRuneInString(t.Text)
			u = uint32(r)
		}
		if len(a.units) == 0 {
			runStart = pos
		}
		a.units = append(a.units, u)
		a.texts = append(a.texts, t.Text)
		a.isWd = append(a.isWd, t.Word)
		pos++
	}
	if len(a.units) > 0 {
		a.run(runStart, len(a.units), flags, block, r)
	}
	return pos
}

// runChunk is how many units of a run passage holds before it indexes
// their grams.
const runChunk = 1 << 12

// hashUnit continues the key hash h of a gram with unit j of the run, as
// keyOf writes it; inner says it is not the gram's first unit. The "+"
// that ends a unit cut from a long word is left out of h, and returned
// in last, the hash of the gram that ends with this unit.
func (a *analyzer) hashUnit(h uint32, inner bool, j int) (next, last uint32) {
	text := a.texts[j]
	switch {
	case inner && strings.HasPrefix(text, "+"):
		text = text[1:] // a continuation
	case inner && a.isWd[j] && a.isWd[j-1]:
		h = (h ^ ' ') * fnvPrime
	}
	text, cut := strings.CutSuffix(text, "+")
	h = fnvString(h, text)
	if cut {
		return h, (h ^ '+') * fnvPrime
	}
	return h, h
}

// run adds the 1- to 4-grams that start at the first starts units of a
// run (a.units, whose first is at position pos). It stops, setting
// r.over, when the report has more than maxReportTerms terms.
func (a *analyzer) run(pos, starts int, flags, block uint8, r *docResult) {
	us := a.units
	for i := range starts {
		if len(a.table.stats) > maxReportTerms {
			r.over = true
			return
		}
		var k gramKey
		h := uint32(fnvOffset)
		for n := 1; n <= 4 && i+n <= len(us); n++ {
			j := i + n - 1
			k[(n-1)/2] |= uint64(us[j]) << (32 * ((n - 1) % 2))
			var kh uint32
			h, kh = a.hashUnit(h, n > 1, j)
			s := a.table.get(k, fmix32(kh))
			if flags == flagTitle {
				s.flags |= flagTitle
			} else {
				s.tf++
				s.flags |= flags
				if s.block == 0 {
					s.block = block
				}
			}
			if n == 4 {
				val := uint32(pos+i) << 2
				if flags == flagTitle {
					val |= 1
				} else if flags == flagHeading {
					val |= 2
				}
				o := int32(len(r.occs))
				r.occs = append(r.occs, occ{val: val, next: -1})
				if s.posHead < 0 {
					s.posHead = o
				} else {
					r.occs[s.posTail].next = o
				}
				s.posTail = o
				s.posN++
			}
		}
	}
}
