// Package diag owns positions and problems: every stage of the build reports
// what it found as a Problem, and the command prints them all at once, sorted,
// as "path:line:col: message".
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a problem stops the build.
type Severity int

const (
	// Error problems fail the build.
	Error Severity = iota
	// Warning problems are printed but the build goes on.
	Warning
)

// Pos is a position in an input file. Line and Col count from 1; zero means
// unknown (the position then prints without it).
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as "file:line:col", leaving out unknown parts, with
// the control characters of the file name escaped (Escape).
func (p Pos) String() string {
	s := Escape(p.File)
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
		if p.Col > 0 {
			s += fmt.Sprintf(":%d", p.Col)
		}
	}
	return s
}

// Problem is one error or warning at a position.
type Problem struct {
	Pos      Pos
	Severity Severity
	Message  string // in English
	// Msg is the message as the code wrote it, to show it in another
	// language (Text); a Problem without one is shown in English.
	Msg Msg
}

// NewProblem is the problem of severity sev at pos with the message m.
func NewProblem(pos Pos, sev Severity, m Msg) Problem {
	return Problem{Pos: pos, Severity: sev, Message: m.String(), Msg: m}
}

// String formats the problem as "path:line:col: message", with "warning: "
// before the message of a warning: one line, whatever the file name and
// the message hold (Escape).
func (p Problem) String() string {
	if p.Severity == Warning {
		return p.Pos.String() + ": warning: " + Escape(p.Message)
	}
	return p.Pos.String() + ": " + Escape(p.Message)
}

// Text is String in lang: "路径:行:列: 消息", with "警告：" before the
// message of a warning in Chinese.
func (p Problem) Text(lang Lang) string {
	if lang == En || p.Msg.Format == "" {
		if lang == Zh && p.Severity == Warning {
			return p.Pos.String() + ": 警告：" + Escape(p.Message)
		}
		return p.String()
	}
	msg := Escape(p.Msg.Text(lang))
	if p.Severity == Warning {
		return p.Pos.String() + ": 警告：" + msg
	}
	return p.Pos.String() + ": " + msg
}

// List collects problems. The zero value is ready to use.
type List []Problem

// Errorf adds an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	*l = append(*l, Problem{Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...), Msg: Msgf(format, args...)})
}

// Warnf adds a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	*l = append(*l, Problem{Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...), Msg: Msgf(format, args...)})
}

// Add appends other problems.
func (l *List) Add(ps ...Problem) { *l = append(*l, ps...) }

// HasErrors reports whether any problem is an error.
func (l List) HasErrors() bool {
	for _, p := range l {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

// Errors counts the errors in l.
func (l List) Errors() int {
	n := 0
	for _, p := range l {
		if p.Severity == Error {
			n++
		}
	}
	return n
}

// Sort orders problems by file, line, column, then message, so output is
// deterministic whatever order the stages ran in.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return l[i].Message < l[j].Message
	})
}

// String prints every problem on its own line.
func (l List) String() string {
	var b strings.Builder
	for _, p := range l {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// Text prints every problem on its own line, in lang.
func (l List) Text(lang Lang) string {
	var b strings.Builder
	for _, p := range l {
		b.WriteString(p.Text(lang))
		b.WriteByte('\n')
	}
	return b.String()
}

// Err returns l as an error when it holds errors, else nil.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return ListError(l)
}

// ListError is a List used as an error; its message is every problem, one a line.
type ListError List

func (e ListError) Error() string { return strings.TrimRight(List(e).String(), "\n") }
