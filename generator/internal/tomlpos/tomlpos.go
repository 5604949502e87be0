// Package tomlpos turns BurntSushi/toml errors and keys into positions
// (file, line, column), working around the library's position bugs: its
// column is wrong at column 1, its line can be 0, and type mismatches carry
// a line but no column. Line and column are recomputed from byte offsets.
package tomlpos

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"portal/generator/internal/diag"
)

// Offset converts a byte offset in src to a 1-based line and a 1-based
// column counted in characters (runes), as editors show it.
func Offset(src []byte, off int) (line, col int) {
	off = min(max(off, 0), len(src))
	line = 1 + bytes.Count(src[:off], []byte("\n"))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	col = 1 + utf8.RuneCount(src[start:off])
	return line, col
}

var lineInMessage = regexp.MustCompile(`^toml: line (\d+)`)

// lastKeyInMessage finds the key a decoding error names, as in
// toml: line 2 (last key "year"): incompatible types: …
var lastKeyInMessage = regexp.MustCompile(`^toml: line \d+ \(last key "([^"]*)"\)`)

// Problem converts an error from toml.Decode of src into a positioned
// problem in file. lineOffset is added to the line (for front matter that
// starts below line 1).
func Problem(file string, src []byte, err error) diag.Problem {
	return ProblemAt(file, src, err, 0)
}

// ProblemAt is Problem for a TOML text that starts lineOffset lines into file.
func ProblemAt(file string, src []byte, err error, lineOffset int) diag.Problem {
	pos := diag.Pos{File: file}
	msg := err.Error()
	var pe toml.ParseError
	if errors.As(err, &pe) {
		start := pe.Position.Start
		for start >= 0 && start < len(src) && (src[start] == ' ' || src[start] == '\t') {
			start++ // the library points at the blank before the offending token
		}
		pos.Line, pos.Col = Offset(src, start)
		msg = pe.Message
	} else if m := lineInMessage.FindStringSubmatch(msg); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
		key := lastKeyInMessage.FindStringSubmatch(msg)
		msg = strings.TrimPrefix(msg, "toml: ")
		msg = msg[strings.Index(msg, ":")+1:]
		msg = strings.TrimSpace(msg)
		if key != nil && key[1] != "" {
			msg = key[1] + ": " + msg // the field, as other metadata errors name it
		}
		if pos.Line > 0 {
			pos.Col = firstNonSpace(src, pos.Line)
		}
	} else {
		msg = strings.TrimPrefix(msg, "toml: ")
	}
	if pos.Line > 0 {
		pos.Line += lineOffset
	}
	return diag.Problem{Pos: pos, Severity: diag.Error, Message: msg}
}

// firstNonSpace returns the column of the first non-blank character of line.
func firstNonSpace(src []byte, line int) int {
	lines := bytes.Split(src, []byte("\n"))
	if line-1 >= len(lines) {
		return 0
	}
	l := lines[line-1]
	return 1 + utf8.RuneCount(l[:len(l)-len(bytes.TrimLeft(l, " \t"))])
}

// KeyPos returns the position of key's definition in src (its first
// occurrence, for keys of arrays of tables), or the file alone when the key
// is not written in src.
func KeyPos(file string, src []byte, key toml.Key) diag.Pos {
	return KeyPosAt(file, src, key, 0)
}

// KeyPosAt is KeyPos for a TOML text that starts lineOffset lines into file.
func KeyPosAt(file string, src []byte, key toml.Key, lineOffset int) diag.Pos {
	want := key.String()
	var table string
	inMulti := false
	for i, line := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(line)
		if inMulti {
			if strings.Count(t, `"""`)%2 == 1 || strings.Count(t, "'''")%2 == 1 {
				inMulti = false
			}
			continue
		}
		switch {
		case t == "" || t[0] == '#':
			continue
		case t[0] == '[':
			name := strings.Trim(strings.SplitN(t, "#", 2)[0], " \t[]")
			table = normalizeKey(name)
			if table == want {
				return diag.Pos{File: file, Line: i + 1 + lineOffset, Col: 1 + indent(line)}
			}
			continue
		}
		eq := strings.IndexByte(t, '=')
		if eq < 0 {
			continue
		}
		k := normalizeKey(t[:eq])
		if table != "" {
			k = table + "." + k
		}
		if k == want || strings.HasPrefix(want, k+".") {
			return diag.Pos{File: file, Line: i + 1 + lineOffset, Col: 1 + indent(line)}
		}
		if strings.Count(t[eq:], `"""`) == 1 || strings.Count(t[eq:], "'''") == 1 {
			inMulti = true
		}
	}
	return diag.Pos{File: file}
}

// normalizeKey turns a written dotted key (a . "b c" . d) into the form of
// toml.Key.String.
func normalizeKey(s string) string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if len(p) >= 2 && (p[0] == '"' || p[0] == '\'') {
			p = p[1 : len(p)-1]
		}
		parts[i] = p
	}
	return toml.Key(parts).String()
}

func indent(line string) int {
	return utf8.RuneCountInString(line) - utf8.RuneCountInString(strings.TrimLeft(line, " \t"))
}
