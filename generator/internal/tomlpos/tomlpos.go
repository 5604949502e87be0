// Package tomlpos turns BurntSushi/toml errors and keys into positions
// (file, line, column), working around the library's position bugs: its
// column is wrong at column 1, its line can be 0, and type mismatches carry
// a line but no column. Line and column are recomputed from byte offsets.
//
// Scan also checks a TOML text against Limits before it is decoded, and
// indexes its keys in one pass, so that positions cost linear time.
package tomlpos

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"portal/generator/internal/diag"
)

var lineInMessage = regexp.MustCompile(`^toml: line (\d+)`)

// lastKeyInMessage finds the key a decoding error names, as in
// toml: line 2 (last key "year"): incompatible types: …
var lastKeyInMessage = regexp.MustCompile(`^toml: line \d+ \(last key "([^"]*)"\)`)

// Problem converts an error from toml.Decode of src into a positioned
// problem in file.
func Problem(file string, src []byte, err error) diag.Problem {
	return NewIndex(file, src, 0).Problem(err)
}

// ProblemAt is Problem for a TOML text that starts lineOffset lines into file.
func ProblemAt(file string, src []byte, err error, lineOffset int) diag.Problem {
	return NewIndex(file, src, lineOffset).Problem(err)
}

// Problem converts an error from toml.Decode of the indexed text into a
// positioned problem, in plain words: what is wrong and what to write
// instead, with the key (parseMsg, decodeMsg).
func (ix *Index) Problem(err error) diag.Problem {
	pos := diag.Pos{File: ix.file}
	msg := err.Error()
	var pe toml.ParseError
	if errors.As(err, &pe) {
		start := pe.Position.Start
		for start >= 0 && start < len(ix.src) && (ix.src[start] == ' ' || ix.src[start] == '\t') {
			start++ // the library points at the blank before the offending token
		}
		return diag.NewProblem(ix.Pos(start), diag.Error, ix.parseMsg(pe, start))
	}
	m := lineInMessage.FindStringSubmatch(msg)
	if m == nil {
		return diag.NewProblem(pos, diag.Error, diag.Msgf("%s", strings.TrimPrefix(msg, "toml: ")))
	}
	line, _ := strconv.Atoi(m[1])
	var key string
	if k := lastKeyInMessage.FindStringSubmatch(msg); k != nil {
		key = k[1]
	}
	msg = strings.TrimPrefix(msg, "toml: ")
	msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
	if col := ix.firstNonSpace(line); col > 0 {
		pos.Line, pos.Col = line+ix.lineOffset, col
	}
	return diag.NewProblem(pos, diag.Error, decodeMsg(key, msg))
}

// KeyPos returns the position of key's definition in src (its first
// occurrence, for keys of arrays of tables), or the file alone when the key
// is not written in src. It indexes src: to find several keys of one text,
// index it once (Scan) and ask the Index.
func KeyPos(file string, src []byte, key toml.Key) diag.Pos {
	return NewIndex(file, src, 0).KeyPos(key)
}
