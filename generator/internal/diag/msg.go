package diag

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Lang is the language messages are shown in.
type Lang string

const (
	// Zh is Chinese, the language of the editors and the default.
	Zh Lang = "zh"
	// En is English, the language the code writes its messages in.
	En Lang = "en"
)

// ParseLang reads a language name: zh or en (zh-CN, en_US and the like
// too, in any case); "" is Zh.
func ParseLang(s string) (Lang, error) {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(s)), "_")
	base, _, _ = strings.Cut(base, "-")
	switch base {
	case "", "zh":
		return Zh, nil
	case "en":
		return En, nil
	}
	return Zh, fmt.Errorf("unknown language %q: want zh or en", s)
}

// Msg is a message as the code wrote it: an English format and its
// arguments, each already formatted with its verb, so that the message
// can be shown in any language (Text) and kept in the build cache (gob).
type Msg struct {
	Format string
	Args   []Arg
}

// Arg is one argument of a Msg: its English text as its verb formats it,
// and the message it is, when it is one (a Msg or an error of Errorf),
// to be shown in the language of the message around it.
type Arg struct {
	Text string
	Sub  *Msg
}

// Msgf records a message: format as for fmt.Sprintf, English, with a
// Chinese counterpart in the catalog (catalog_zh.go). An argument that is
// a Msg or an error made by Errorf is translated with the message.
func Msgf(format string, args ...any) Msg {
	m := Msg{Format: format}
	vs := verbs(format)
	if len(vs) == 0 {
		return m
	}
	m.Args = make([]Arg, len(args))
	done := make([]bool, len(args))
	for _, v := range vs {
		if v.arg >= len(args) || done[v.arg] {
			continue
		}
		done[v.arg] = true
		spec := v.spec
		if v.verb == 'w' {
			spec = spec[:len(spec)-1] + "v"
		}
		sub := subMsg(args[v.arg])
		if plainMsg(args[v.arg]) && (spec == "%s" || spec == "%v") {
			// The text is the sub-message's, made when shown: a message
			// quoting a report's sentences keeps them once. (Not an
			// error's: its Error() may differ, redacted, from its Msg.)
			m.Args[v.arg] = Arg{Sub: sub}
			continue
		}
		m.Args[v.arg] = Arg{Text: fmt.Sprintf(spec, args[v.arg]), Sub: sub}
	}
	return m
}

// Or lists alternatives, each formatted with %v (a Msg in the language
// of the message around it): "a", "a or b", "a, b or c"; in Chinese
// "a、b 或 c".
func Or(items ...any) Msg {
	switch len(items) {
	case 0:
		return Msg{}
	case 1:
		return Msgf("%v", items[0])
	}
	list := Msgf("%v", items[0])
	for _, it := range items[1 : len(items)-1] {
		list = Msgf("%v, %v", list, it)
	}
	return Msgf("%v or %v", list, items[len(items)-1])
}

// plainMsg reports whether a is a message itself, not an error that
// carries one.
func plainMsg(a any) bool {
	switch x := a.(type) {
	case Msg:
		return true
	case *Msg:
		return x != nil
	}
	return false
}

// subMsg is the message that the argument a is, or nil.
func subMsg(a any) *Msg {
	switch x := a.(type) {
	case Msg:
		return &x
	case *Msg:
		return x
	case *MsgError:
		return &x.msg
	case Messager:
		m := x.Msg()
		return &m
	}
	return nil
}

// String is the message in English.
func (m Msg) String() string { return m.Text(En) }

// Text is the message in lang: its format from the catalog of lang (the
// English format when the catalog has none), each argument in its place,
// an argument that is a message itself in lang too.
func (m Msg) Text(lang Lang) string {
	format := m.Format
	if lang == Zh {
		if f, ok := zh[format]; ok {
			format = f
		}
	}
	var b strings.Builder
	last := 0
	for _, v := range verbs(format) {
		b.WriteString(unescapePercent(format[last:v.start]))
		last = v.end
		if v.arg >= len(m.Args) {
			b.WriteString("%!" + string(v.verb) + "(MISSING)")
			continue
		}
		b.WriteString(m.Args[v.arg].text(v.verb, lang))
	}
	b.WriteString(unescapePercent(format[last:]))
	return b.String()
}

// text is the argument shown with verb in lang.
func (a Arg) text(verb rune, lang Lang) string {
	if a.Sub == nil || lang == En && a.Text != "" {
		return a.Text
	}
	switch verb {
	case 's', 'v', 'w':
		return a.Sub.Text(lang)
	case 'q':
		return strconv.Quote(a.Sub.Text(lang))
	}
	return a.Text
}

// unescapePercent turns the %% of a piece of a format between verbs into %.
func unescapePercent(s string) string { return strings.ReplaceAll(s, "%%", "%") }

// verb is one directive of a format: where it is, its text without an
// argument index (%04d, %q), its verb letter and the index of its
// argument.
type verb struct {
	start, end int
	spec       string
	verb       rune
	arg        int
}

// verbs lists the directives of format, with the arguments fmt gives
// them: in order, or as explicit indexes (%[2]s) say.
func verbs(format string) []verb {
	if vs, ok := verbCache.Load(format); ok {
		return vs.([]verb)
	}
	vs := parseVerbs(format)
	if verbsCached.Add(1) <= maxCachedFormats { // formats are the code's: a bound all the same
		verbCache.Store(format, vs)
	}
	return vs
}

// verbCache holds the verbs of each format parsed: a build formats the
// same few hundred formats tens of thousands of times.
var (
	verbCache   sync.Map
	verbsCached atomic.Int64
)

const maxCachedFormats = 10000

// parseVerbs parses the verbs of format (verbs).
func parseVerbs(format string) []verb {
	var vs []verb
	arg := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		start := i
		i++
		if i < len(format) && format[i] == '%' {
			continue
		}
		var spec strings.Builder
		spec.WriteByte('%')
	flags:
		for ; i < len(format); i++ {
			switch c := format[i]; {
			case c == '[':
				end := strings.IndexByte(format[i:], ']')
				if end < 0 {
					return vs
				}
				if n, err := strconv.Atoi(format[i+1 : i+end]); err == nil && n > 0 {
					arg = n - 1
				}
				i += end
			case strings.IndexByte("+-# 0123456789.", c) >= 0:
				spec.WriteByte(c)
			default:
				break flags
			}
		}
		if i >= len(format) {
			return vs
		}
		r := rune(format[i])
		spec.WriteRune(r)
		vs = append(vs, verb{start: start, end: i + 1, spec: spec.String(), verb: r, arg: arg})
		arg++
	}
	return vs
}

// MsgError is an error whose message is a Msg, shown in the editor's
// language by ErrorTextIn and in a Problem it is an argument of.
type MsgError struct {
	msg Msg
	err error // fmt.Errorf's error: the English message, what %w wraps
}

// Errorf is fmt.Errorf with a message that can be translated: format is
// English, with its Chinese in the catalog (catalog_zh.go). A %w verb
// wraps its argument as fmt.Errorf's does.
func Errorf(format string, args ...any) error {
	return &MsgError{msg: Msgf(format, args...), err: fmt.Errorf(format, args...)}
}

// Error is the message in English.
func (e *MsgError) Error() string { return e.err.Error() }

// Unwrap returns the error that a %w of the format wrapped, if any.
func (e *MsgError) Unwrap() error { return errors.Unwrap(e.err) }

// Text is the message in lang.
func (e *MsgError) Text(lang Lang) string { return e.msg.Text(lang) }

// Msg returns the message of e.
func (e *MsgError) Msg() Msg { return e.msg }

// Messager is an error of its own type whose message is a Msg: shown in
// the editor's language by ErrorTextIn and in a message it is an
// argument of, as an error of Errorf is.
type Messager interface {
	error
	Msg() Msg
}
