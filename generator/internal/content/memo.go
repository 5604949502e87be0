package content

import (
	"fmt"
	"io/fs"
	"maps"
	"sync"
	"time"

	"portal/generator/internal/diag"
)

// Memo remembers what Load made of each report file, by the stamps of the
// file and of its sidecar, so that a later Load takes an unchanged report
// without reading it: with Raw and Body nil, as after Release.
//
// A stamp is the file's size, modification and change times and inode.
// The change time moves on every write and cannot be set back, and a file
// is remembered only if its stamps are older than the Load by a second
// (racyWindow), so that a write within the clock's resolution of the read
// cannot go unseen. Reading a remembered report's file later (ReadRaw)
// still checks its hash. Stamps are taken on Linux only (stampOf):
// elsewhere nothing is remembered.
//
// A Memo is used by one Load at a time; Entries is what the next Load can
// use, and what a caller saves.
type Memo struct {
	// Options is a fingerprint of what else Load's result depends on (the
	// catalog, the prefix, the latest year allowed): a Memo made under
	// other options is not used.
	Options string
	// Entries are the reports loaded, by path below the content root.
	Entries map[string]MemoEntry

	mu      sync.Mutex
	next    map[string]MemoEntry
	hits    int
	changed bool // Entries differ from what the Load found
}

// Changed reports whether the last Load remembered anything new or
// forgot anything: whether the memo is worth saving.
func (m *Memo) Changed() bool {
	if m == nil {
		return false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.changed
}

// Hits is the number of reports the last Load took from the memo.
func (m *Memo) Hits() int {
	if m == nil {
		return 0
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.hits
}

// MemoEntry is what Load made of a report file and its sidecar.
type MemoEntry struct {
	Stamps   [2]Stamp // the report file's, the sidecar's (zero if none)
	Report   Report   // as loadOne returned it, without Raw and Body
	Problems diag.List
}

// Stamp identifies the state of a file without reading it; the zero
// Stamp stands for no file.
type Stamp struct {
	Size         int64
	Inode        uint64
	Mtime, Ctime int64 // Unix nanoseconds
}

// racyWindow is how much older than the Load a file's stamps must be for
// it to be remembered.
const racyWindow = time.Second

// stamps returns the stamps of a report's files, and whether both could
// be taken.
func stamps(fsys fs.FS, f pair) ([2]Stamp, bool) {
	var st [2]Stamp
	for i, name := range []string{f.source, f.sidecar} {
		if name == "" {
			continue
		}
		info, err := fs.Stat(fsys, name)
		if err != nil {
			return st, false
		}
		s, ok := stampOf(info)
		if !ok {
			return st, false
		}
		st[i] = s
	}
	return st, true
}

// lookup returns the report remembered for f, if its files still have
// the stamps st.
func (m *Memo) lookup(fsys fs.FS, f pair, st [2]Stamp) (*Report, diag.List, bool) {
	if m == nil {
		return nil, nil, false
	}
	e, ok := m.Entries[f.source]
	if !ok || e.Stamps != st || e.Report.Path != f.source {
		return nil, nil, false
	}
	m.keep(f.source, e, true)
	r := e.Report
	r.Meta.Keys, r.Meta.Metrics = maps.Clone(r.Meta.Keys), maps.Clone(r.Meta.Metrics)
	r.fsys = fsys
	return &r, e.Problems, true
}

// store remembers r, loaded from files with the stamps st taken at start,
// if they are old enough to be trusted.
func (m *Memo) store(r *Report, problems diag.List, st [2]Stamp, start time.Time) {
	if m == nil {
		return
	}
	limit := start.Add(-racyWindow).UnixNano()
	for _, s := range st {
		if s != (Stamp{}) && (s.Mtime >= limit || s.Ctime >= limit) {
			return
		}
	}
	e := MemoEntry{Stamps: st, Report: *r, Problems: problems}
	e.Report.Raw, e.Report.Body, e.Report.fsys = nil, "", nil
	e.Report.Meta.Keys, e.Report.Meta.Metrics = maps.Clone(r.Meta.Keys), maps.Clone(r.Meta.Metrics)
	m.keep(r.Path, e, false)
}

// keep has the next Load remember e for path: an entry this Load took
// from the memo (hit), or one it made.
func (m *Memo) keep(path string, e MemoEntry, hit bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.next == nil {
		m.next = map[string]MemoEntry{}
	}
	m.next[path] = e
	if hit {
		m.hits++
	} else {
		m.changed = true
	}
}

// begin readies m for a Load under opt: a memo of other options is
// emptied.
func (m *Memo) begin(opt Options) {
	if m == nil {
		return
	}
	fp := fmt.Sprintf("%q %d %x %s", opt.Prefix, opt.LatestYear, opt.Catalog.Fingerprint(), opt.kindList())
	m.changed = false
	if m.Options != fp {
		m.Options, m.Entries, m.changed = fp, nil, true
	}
	m.next, m.hits = nil, 0
}

// end makes what this Load remembered the entries of m.
func (m *Memo) end() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.changed = m.changed || len(m.next) != len(m.Entries)
	m.Entries, m.next = m.next, nil
}
