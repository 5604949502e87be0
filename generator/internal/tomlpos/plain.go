package tomlpos

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"portal/generator/internal/diag"
)

// The decoder's messages that Index.Problem rewrites in plain words.
var (
	endOfItem    = regexp.MustCompile(`^expected a top-level item to end with a newline, comment, or EOF, but got '(.*)' instead$`)
	foundValue   = regexp.MustCompile(`^expected value but found (".*"|'.*') instead$`)
	wantEquals   = regexp.MustCompile(`^expected '\.' or '=', but got '(.*)' instead$`)
	definedTwice = regexp.MustCompile(`^Key '(.*)' (has already been defined|was already created as a hash|was already created and cannot be used as an array)\.$`)
	badDate      = regexp.MustCompile(`^invalid datetime: "(.*)"$`)
	badEscape    = regexp.MustCompile(`^invalid escape in string '\\(.*)'$`)
	outOfRange   = regexp.MustCompile(`^(.*) is out of range for (int64|float64)$`)
	wrongType    = regexp.MustCompile(`^incompatible types: TOML value has type (\S+); destination has type (\S+)$`)
	numberBefore = regexp.MustCompile(`=\s*[-+]?[0-9][0-9_.]*$`)
)

// wantDatePrefix starts the message of WantDate, which Index.Problem
// finds in the decoder's error and rewrites with the key.
const wantDatePrefix = "want a date such as 2024-03-31 (no quotes), got "

// WantDate is the error of an UnmarshalTOML method given v where it
// wants a TOML local date: Index.Problem shows it with the key, as
// "published: want a date such as published = 2024-03-31 (no quotes), got
// "2024-03-31"".
func WantDate(v any) error {
	return fmt.Errorf("%s%s", wantDatePrefix, literal(v))
}

// literal writes v as it was written in TOML, as far as it can tell.
func literal(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case time.Time:
		switch x.Location().String() {
		case "time-local":
			return x.Format("15:04:05")
		case "date-local":
			return x.Format("2006-01-02")
		}
		return x.Format(time.RFC3339)
	}
	return fmt.Sprint(v)
}

// parseMsg is the decoder's syntax error pe, found at byte start of the
// text, in plain words: what to write instead, with the key.
func (ix *Index) parseMsg(pe toml.ParseError, start int) diag.Msg {
	key := pe.LastKey
	short := lastPart(key)
	msg := pe.Message
	if m := endOfItem.FindStringSubmatch(msg); m != nil {
		before := ix.lineBefore(start)
		if numberBefore.MatchString(before) && start > 0 && start <= len(ix.src) && isDigit(ix.src[start-1]) {
			return diag.Msgf("a number stands alone after =, without a unit or other text: write %s", before)
		}
		return diag.Msgf("one key = value per line: start a new line after %q", before)
	}
	if m := foundValue.FindStringSubmatch(msg); m != nil && key != "" {
		if found := unquoteFound(m[1]); strings.TrimSpace(found) != "" {
			return diag.Msgf("%s: text must be in quotes: %s = %q", key, short, found)
		}
		return diag.Msgf("%s: the value after = is missing", key)
	}
	if m := wantEquals.FindStringSubmatch(msg); m != nil {
		before := ix.lineBefore(start)
		switch {
		case before == "":
			return diag.Msgf("%q is not a key: a key is written in English letters, digits, - and _, such as title", ix.wordAt(start))
		case m[1] == ":" || m[1] == "：":
			return diag.Msgf("%s: join the key and its value with =, not a colon: %s = …", before, before)
		}
		return diag.Msgf("%s: write = between the key and its value: %s = …", before, before)
	}
	if m := definedTwice.FindStringSubmatch(msg); m != nil {
		return diag.Msgf("%s is written twice: keep one", m[1])
	}
	if m := badDate.FindStringSubmatch(msg); m != nil {
		return diag.Msgf("%s: %s is not a date: write it as %s = 2024-03-31 (year-month-day)", key, m[1], short)
	}
	if m := badEscape.FindStringSubmatch(msg); m != nil {
		return diag.Msgf(`%s: \%s is not allowed in double quotes: write \\ for a backslash, or put the text in single quotes`, key, m[1])
	}
	if m := outOfRange.FindStringSubmatch(msg); m != nil {
		return diag.Msgf("%s: %s is too large a number", key, m[1])
	}
	if got, ok := strings.CutPrefix(msg, wantDatePrefix); ok {
		return diag.Msgf("%s: want a date such as %s = 2024-03-31 (no quotes), got %s", key, short, got)
	}
	switch {
	case msg == "strings cannot contain newlines":
		return diag.Msgf(`%s: the closing quote is missing: end the text with " on the same line`, key)
	case msg == "unexpected EOF; expected value" && key != "" && strings.HasSuffix(ix.lineBefore(start), "="):
		return diag.Msgf("%s: the value after = is missing", key)
	case strings.HasPrefix(msg, "unexpected EOF"):
		return diag.Msgf("the file ends in the middle of a value: a quote, ] or } is not closed")
	case strings.HasPrefix(msg, "files cannot contain NULL bytes"):
		return diag.Msgf("the file is not UTF-8 text (UTF-16, Notepad's \"Unicode\"?): save it as UTF-8")
	}
	return diag.Msgf("%s", msg)
}

// decodeMsg is the decoder's error rest about the value of key (a type
// mismatch) in plain words, with an example of the right form.
func decodeMsg(key, rest string) diag.Msg {
	m := wrongType.FindStringSubmatch(rest)
	if m == nil || key == "" {
		if key == "" {
			return diag.Msgf("%s", rest)
		}
		return diag.Msgf("%s: %s", key, rest)
	}
	short := lastPart(key)
	switch m[2] {
	case "integer":
		return diag.Msgf("%s: want a whole number such as %s = 2024 (no quotes)", key, short)
	case "float":
		return diag.Msgf("%s: want a number such as %s = 1927 (no quotes)", key, short)
	case "string":
		return diag.Msgf(`%s: want text in quotes such as %s = "…"`, key, short)
	case "boolean":
		return diag.Msgf("%s: want true or false such as %s = true", key, short)
	case "map":
		return diag.Msgf("%s: want a table: a line [%s] with key = value lines below it", key, key)
	case "slice":
		return diag.Msgf("%s: want a list such as %s = [ … ], or [[%s]] tables", key, short, key)
	}
	return diag.Msgf("%s: %s", key, rest)
}

// isDigit reports whether c is an ASCII digit.
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// lineBefore is the text of the line of byte off before it, without the
// blanks around it, at most 40 characters (the last ones).
func (ix *Index) lineBefore(off int) string {
	off = min(max(off, 0), len(ix.src))
	start := strings.LastIndexByte(string(ix.src[:off]), '\n') + 1
	s := strings.TrimSpace(string(ix.src[start:off]))
	if n := utf8.RuneCountInString(s); n > 40 {
		r := []rune(s)
		s = "…" + string(r[n-40:])
	}
	return s
}

// wordAt is the text from byte off up to a blank, =, or the end of the
// line, at most 40 characters.
func (ix *Index) wordAt(off int) string {
	off = min(max(off, 0), len(ix.src))
	end := off
	for end < len(ix.src) && !strings.ContainsRune(" \t\r\n=", rune(ix.src[end])) {
		end++
	}
	r := []rune(string(ix.src[off:end]))
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return string(r)
}

// unquoteFound is the text of the decoder's quoted "…" or '…'.
func unquoteFound(s string) string {
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return strings.Trim(s, `'"`)
}

// lastPart is the last part of a dotted key, as it is written under its
// table's header.
func lastPart(key string) string {
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		return key[i+1:]
	}
	return key
}

// FieldKeys lists the keys that decoding into v (a struct or a pointer to
// one) uses, by their toml tags, dotted: a field that is a struct or a
// slice of structs (a table, an array of tables) gives its own keys
// below its name.
func FieldKeys(v any) []string {
	return fieldKeys(reflect.TypeOf(v), "", 0)
}

func fieldKeys(t reflect.Type, prefix string, depth int) []string {
	for t != nil && (t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct || depth > 8 {
		return nil
	}
	var keys []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		keys = append(keys, prefix+name)
		if _, isUnmarshaler := reflect.New(f.Type).Interface().(toml.Unmarshaler); !isUnmarshaler {
			keys = append(keys, fieldKeys(f.Type, prefix+name+".", depth+1)...)
		}
	}
	return keys
}

// nearestKey is the key of known, in key's table, nearest to key's last
// part by edit distance (letters swapped count one), when it is near
// enough to be a typing mistake: at most two edits, fewer than the
// characters of the key. "" when none is.
func nearestKey(key toml.Key, known []string) string {
	if len(key) == 0 {
		return ""
	}
	parent := key[:len(key)-1].String()
	last := key[len(key)-1]
	return Nearest(last, func(yield func(string) bool) {
		for _, k := range known {
			p, name := "", k
			if i := strings.LastIndexByte(k, '.'); i >= 0 {
				p, name = k[:i], k[i+1:]
			}
			if p == parent && !yield(name) {
				return
			}
		}
	})
}

// Nearest is the word of words nearest to w by edit distance (letters
// swapped count one, case ignored), when it is near enough to be a
// typing mistake: at most two edits, and fewer than w's characters; ""
// when none is. Of words equally near, the first.
func Nearest(w string, words func(yield func(string) bool)) string {
	lw := []rune(strings.ToLower(w))
	limit := min(2, len(lw)-1)
	best, bestD := "", limit+1
	for cand := range words {
		if cand == w {
			continue
		}
		if d := editDistance(lw, []rune(strings.ToLower(cand)), bestD); d < bestD {
			best, bestD = cand, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance of a and b
// (insertions, deletions, substitutions, and swaps of neighbours), or
// limit when it is limit or more.
func editDistance(a, b []rune, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit)
}
