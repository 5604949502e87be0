package tomlpos

import (
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"portal/generator/internal/diag"
)

// Limits bound a TOML text before it is decoded: the decoder takes time and
// memory quadratic in the nesting of inline tables and in the length of
// dotted keys, so a small file can exhaust the machine. A zero field is no
// limit.
type Limits struct {
	What     string // what the text is, in messages: "metadata", "config"
	Size     int    // bytes
	Depth    int    // arrays and inline tables inside one another
	KeyDepth int    // parts of a key in full: its table header's, its inline tables' keys', its own
	Keys     int    // keys written: key = value pairs (inline tables' too) and table headers
	Values   int    // array elements, all arrays together
}

// Index is what one pass over a TOML text finds: where its lines start
// and where each key is first written. Its positions are those of the file
// the text is in. An Index is used by one goroutine at a time.
type Index struct {
	file       string
	src        []byte
	lineOffset int
	lines      []int          // offset of the start of each line
	keys       map[string]int // toml.Key.String() → offset of its first writing

	// The last position computed, so that positions asked for in file
	// order cost one pass over the text in all.
	lastOff, lastLine, lastCol int
}

// Scan reads src, a TOML text that starts lineOffset lines into file,
// once: it checks it against lim and indexes its keys. When src exceeds a
// limit, the problems say which and where; the text must then not be
// decoded, and the index knows only its lines (not even those over the
// size limit). Without a depth and a key depth limit, the index of a
// text nested n deep takes memory in n².
func Scan(file string, src []byte, lineOffset int, lim Limits) (*Index, diag.List) {
	ix := &Index{file: file, src: src, lineOffset: lineOffset, keys: map[string]int{}, lines: []int{0}}
	if lim.Size > 0 && len(src) > lim.Size {
		var problems diag.List
		problems.Errorf(ix.Pos(0), "%s: %s is too large (at most %s)", whatMsg(lim.What), Size(len(src)), Size(lim.Size))
		return ix, problems
	}
	for i, c := range src {
		if c == '\n' {
			ix.lines = append(ix.lines, i+1)
		}
	}
	s := &scanner{src: src, lim: lim, ix: ix}
	s.run()
	return ix, s.problems(ix)
}

// NewIndex indexes src, a text that may have been decoded already, or
// failed to: its keys only as long as they are nested less than 64 deep
// and written in less than 128 parts, so that a hostile text costs no more
// memory than its size.
func NewIndex(file string, src []byte, lineOffset int) *Index {
	ix, _ := Scan(file, src, lineOffset, Limits{Depth: 64, KeyDepth: 128})
	return ix
}

// Size formats a number of bytes as people read it: 20 MB, 64 KB, 512 bytes
// (a catalog message, 512 字节 in Chinese; %s gives its English).
// A size is rounded up, so that one over a limit never reads as the limit.
func Size(n int) diag.Msg {
	switch {
	case n >= 1<<20:
		return diag.Msgf("%d MB", (n+1<<20-1)>>20)
	case n >= 1<<10:
		return diag.Msgf("%d KB", (n+1<<10-1)>>10)
	}
	return diag.Msgf("%d bytes", n)
}

// Pos returns the position of byte offset off of the text.
func (ix *Index) Pos(off int) diag.Pos {
	line, col := ix.offset(off)
	return diag.Pos{File: ix.file, Line: line + ix.lineOffset, Col: col}
}

// offset converts a byte offset to a 1-based line and a 1-based column
// counted in characters (runes), as editors show them.
func (ix *Index) offset(off int) (line, col int) {
	off = min(max(off, 0), len(ix.src))
	line = sort.Search(len(ix.lines), func(i int) bool { return ix.lines[i] > off })
	start := ix.lines[line-1]
	if ix.lastLine == line && ix.lastOff <= off {
		col = ix.lastCol + utf8.RuneCount(ix.src[ix.lastOff:off])
	} else {
		col = 1 + utf8.RuneCount(ix.src[start:off])
	}
	ix.lastOff, ix.lastLine, ix.lastCol = off, line, col
	return line, col
}

// KeyPos returns where key is first written (for a key of an array of
// tables, its first table's), or else where the longest part of it that is
// written is; or the file alone when no part of it is written.
func (ix *Index) KeyPos(key toml.Key) diag.Pos {
	for n := len(key); n > 0; n-- {
		if off, ok := ix.keys[key[:n].String()]; ok {
			return ix.Pos(off)
		}
	}
	return diag.Pos{File: ix.file}
}

// whatMsg is a Limits.What in messages, translated when it is one of
// the texts the code names ("metadata", "config").
func whatMsg(what string) diag.Msg {
	switch what {
	case "metadata":
		return diag.Msgf("metadata")
	case "config":
		return diag.Msgf("config")
	}
	return diag.Msgf("%s", what)
}

// MaxUnknownKeys is how many unknown keys UnknownKeys lists one by one.
const MaxUnknownKeys = 20

// UnknownKeys reports keys the decoder did not use (MetaData.Undecoded),
// the first MaxUnknownKeys one by one, then how many more there are.
// known lists the keys that are used (FieldKeys), dotted: an unknown key
// near one of its table's by edit distance says "did you mean" it.
func (ix *Index) UnknownKeys(keys []toml.Key, known ...string) diag.List {
	var problems diag.List
	for i, k := range keys {
		if i == MaxUnknownKeys {
			problems.Errorf(ix.KeyPos(k), "… and %d more unknown keys", len(keys)-i)
			break
		}
		if near := nearestKey(k, known); near != "" {
			problems.Errorf(ix.KeyPos(k), "unknown key %q: did you mean %q?", k.String(), near)
			continue
		}
		problems.Errorf(ix.KeyPos(k), "unknown key %q", k.String())
	}
	return problems
}

// firstNonSpace returns the column of the first non-blank character of
// line (1-based, of the text), or 0 when the text has no such line.
func (ix *Index) firstNonSpace(line int) int {
	if line < 1 || line > len(ix.lines) {
		return 0
	}
	i := ix.lines[line-1]
	for i < len(ix.src) && (ix.src[i] == ' ' || ix.src[i] == '\t') {
		i++
	}
	_, col := ix.offset(i)
	return col
}

// scanner is one pass over a TOML text: not a parser, it knows enough of
// the syntax (strings, comments, keys, headers, brackets) to find keys
// and measure nesting, and never fails: what it does not understand it
// skips, and the decoder reports.
type scanner struct {
	src []byte
	i   int
	lim Limits
	ix  *Index

	mode   int      // what is expected next: statement, inlineKey, value, after
	table  []string // the current table header's key
	path   []string // the key of the value being read, table included
	frames []frame  // open arrays and inline tables, up to the depth limit
	deeper int      // open arrays and inline tables past the depth limit

	// What was found past each limit: the largest or total figure, and
	// where the limit was first passed (-1: not passed).
	depth, keyDepth, keys, values int
	depthAt, keyDepthAt, keysAt   int
	valuesAt                      int
}

type frame struct {
	inline  bool // an inline table, else an array
	pathLen int  // len(path) when it opened
}

const (
	statement = iota // at the start of a line outside any value
	inlineKey        // after { or , in an inline table
	value            // after =, or [ or , in an array
	after            // after a value
)

func (s *scanner) run() {
	s.depthAt, s.keyDepthAt, s.keysAt, s.valuesAt = -1, -1, -1, -1
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == '\n':
			s.i++
			if len(s.frames) == 0 && s.deeper == 0 {
				s.mode = statement
			}
		case c == ' ' || c == '\t' || c == '\r':
			s.i++
		case c == '#':
			s.skipTo('\n')
		case s.deeper > 0:
			s.opaque(c)
		case s.mode == statement && c == '[':
			s.header()
		case s.mode == statement || s.mode == inlineKey && c != '}':
			s.keyDef()
		default:
			s.inValue(c)
		}
	}
}

// inValue reads one token where a value or what follows one is expected.
func (s *scanner) inValue(c byte) {
	if s.mode == value && c != ']' && len(s.frames) > 0 && !s.frames[len(s.frames)-1].inline {
		s.values++
		if s.lim.Values > 0 && s.values > s.lim.Values && s.valuesAt < 0 {
			s.valuesAt = s.i
		}
	}
	switch c {
	case '"', '\'':
		s.skipString()
		s.mode = after
	case '{', '[':
		s.open(c == '{')
	case '}', ']':
		s.i++
		if n := len(s.frames); n > 0 {
			s.path = s.path[:s.frames[n-1].pathLen]
			s.frames = s.frames[:n-1]
		}
		s.mode = after
	case ',':
		s.i++
		s.mode = value
		if n := len(s.frames); n > 0 && s.frames[n-1].inline {
			s.mode = inlineKey
		}
	default:
		s.i++
		s.mode = after
	}
}

// open enters an array or an inline table.
func (s *scanner) open(inline bool) {
	d := len(s.frames) + s.deeper + 1
	s.depth = max(s.depth, d)
	if s.lim.Depth > 0 && d > s.lim.Depth {
		if s.depthAt < 0 {
			s.depthAt = s.i
		}
		s.deeper++
		s.i++
		return
	}
	s.frames = append(s.frames, frame{inline: inline, pathLen: len(s.path)})
	s.i++
	s.mode = value
	if inline {
		s.mode = inlineKey
	}
}

// opaque reads a byte inside arrays and inline tables past the depth
// limit: only their nesting is measured.
func (s *scanner) opaque(c byte) {
	switch c {
	case '"', '\'':
		s.skipString()
	case '{', '[':
		s.deeper++
		s.depth = max(s.depth, len(s.frames)+s.deeper)
		s.i++
	case '}', ']':
		s.deeper--
		s.i++
		if s.deeper == 0 {
			s.mode = after
		}
	default:
		s.i++
	}
}

// header reads a [table] or [[array of tables]] header.
func (s *scanner) header() {
	start := s.i
	s.i++
	if s.i < len(s.src) && s.src[s.i] == '[' {
		s.i++
	}
	parts, n := s.key()
	s.mode = after
	if n == 0 {
		return
	}
	s.table = append(s.table[:0], parts...)
	s.path = append(s.path[:0], parts...)
	s.define(start, 0, n)
	for s.i < len(s.src) && s.src[s.i] == ']' {
		s.i++
	}
}

// keyDef reads the key of a key = value pair, and its =.
func (s *scanner) keyDef() {
	start := s.i
	written, n := s.key()
	if n == 0 {
		s.i = max(s.i, start+1)
		s.mode = after
		return
	}
	base := len(s.table)
	if k := len(s.frames); k > 0 {
		base = s.frames[k-1].pathLen
	} else {
		s.path = append(s.path[:0], s.table...)
	}
	s.path = append(s.path[:base], written...)
	s.define(start, base, base+n)
	s.mode = value
	s.skipBlank()
	if s.i < len(s.src) && s.src[s.i] == '=' {
		s.i++
	} else {
		s.mode = after
	}
}

// define counts the key path[:end], of which path[:from] was written
// before, and records where its new parts are first written.
func (s *scanner) define(off, from, end int) {
	s.keys++
	if s.lim.Keys > 0 && s.keys > s.lim.Keys && s.keysAt < 0 {
		s.keysAt = off
	}
	if s.lim.KeyDepth > 0 && end > s.lim.KeyDepth && s.keyDepthAt < 0 {
		s.keyDepthAt = off
	}
	s.keyDepth = max(s.keyDepth, end)
	if s.keysAt >= 0 || s.keyDepthAt >= 0 || s.depthAt >= 0 || s.valuesAt >= 0 {
		return // the text will not be decoded: spare the work
	}
	// The key of each part is a prefix of the whole key's string, as
	// toml.Key.String writes it: one string, however many parts.
	end = min(end, len(s.path))
	whole := toml.Key(s.path[:end]).String()
	cut := -1
	for n := 1; n <= end; n++ {
		cut += 1 + len(toml.Key{s.path[n-1]}.String())
		if _, ok := s.ix.keys[whole[:cut]]; n > from && !ok {
			s.ix.keys[whole[:cut]] = off
		}
	}
}

// key reads a dotted key (a . "b c" . 'd') and returns its parts, up to
// the key depth limit past which only their number n is kept.
func (s *scanner) key() (parts []string, n int) {
	for {
		s.skipBlank()
		if s.i >= len(s.src) {
			return parts, n
		}
		part, ok := s.keyPart()
		if !ok {
			return parts, n
		}
		if s.lim.KeyDepth == 0 || len(parts) < s.lim.KeyDepth {
			parts = append(parts, part)
		}
		n++
		s.skipBlank()
		if s.i >= len(s.src) || s.src[s.i] != '.' {
			return parts, n
		}
		s.i++
	}
}

// keyPart reads one part of a dotted key: bare, "basic" or 'literal'.
func (s *scanner) keyPart() (string, bool) {
	start := s.i
	switch s.src[s.i] {
	case '"':
		s.skipString()
		return unquote(string(s.src[start:s.i])), true
	case '\'':
		s.skipString()
		lit := string(s.src[start+1 : s.i])
		if len(lit) > 0 && lit[len(lit)-1] == '\'' {
			lit = lit[:len(lit)-1]
		}
		return lit, true
	}
	for s.i < len(s.src) && isBareKeyChar(s.src[s.i]) {
		s.i++
	}
	return string(s.src[start:s.i]), s.i > start
}

func isBareKeyChar(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// unquote decodes a "basic" string key; a malformed one is kept as written.
func unquote(q string) string {
	body := q[1:]
	if len(body) > 0 && body[len(body)-1] == '"' {
		body = body[:len(body)-1]
	}
	var b []byte
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' || i+1 >= len(body) {
			b = append(b, c)
			continue
		}
		i++
		if r, ok := simpleEscapes[body[i]]; ok {
			b = append(b, r)
			continue
		}
		width := map[byte]int{'x': 2, 'u': 4, 'U': 8}[body[i]]
		if width == 0 || i+width >= len(body) {
			return body
		}
		v, err := strconv.ParseUint(body[i+1:i+1+width], 16, 32)
		if err != nil {
			return body
		}
		b = utf8.AppendRune(b, rune(v))
		i += width
	}
	return string(b)
}

var simpleEscapes = map[byte]byte{'b': '\b', 't': '\t', 'n': '\n', 'f': '\f', 'r': '\r', 'e': 0x1b, '"': '"', '\\': '\\'}

// skipString skips a string starting at s.i: basic ("), literal ('), or
// multi-line basic or literal (three of either quote). A one-line string
// ends at the end of its line if it is not closed before.
func (s *scanner) skipString() {
	q := s.src[s.i]
	multi := s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q
	if multi {
		s.i += 3
	} else {
		s.i++
	}
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == '\\' && q == '"' && (multi || s.i+1 < len(s.src) && s.src[s.i+1] != '\n'):
			s.i += 2
			continue
		case c == '\n' && !multi:
			return
		case c == q && !multi:
			s.i++
			return
		case c == q && s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q:
			s.i += 3
			for k := 0; k < 2 && s.i < len(s.src) && s.src[s.i] == q; k++ {
				s.i++ // up to two quotes just before the closing ones belong to the string
			}
			return
		}
		s.i++
	}
	s.i = len(s.src)
}

func (s *scanner) skipBlank() {
	for s.i < len(s.src) && (s.src[s.i] == ' ' || s.src[s.i] == '\t') {
		s.i++
	}
}

func (s *scanner) skipTo(c byte) {
	for s.i < len(s.src) && s.src[s.i] != c {
		s.i++
	}
}

// problems reports each limit passed, at the place it was first passed.
func (s *scanner) problems(ix *Index) diag.List {
	var problems diag.List
	for _, l := range []struct {
		at   int
		what diag.Msg
	}{
		{s.depthAt, diag.Msgf("arrays and inline tables nested %d deep (at most %d)", s.depth, s.lim.Depth)},
		{s.keyDepthAt, diag.Msgf("a key of %d parts (at most %d)", s.keyDepth, s.lim.KeyDepth)},
		{s.keysAt, diag.Msgf("%d keys (at most %d)", s.keys, s.lim.Keys)},
		{s.valuesAt, diag.Msgf("%d array values (at most %d)", s.values, s.lim.Values)},
	} {
		if l.at >= 0 {
			problems.Errorf(ix.Pos(l.at), "%s: %s", whatMsg(s.lim.What), l.what)
		}
	}
	return problems
}
