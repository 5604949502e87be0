package diag

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestEscape checks each kind of character a terminal may act on, and
// that the rest, Chinese included, is kept.
func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"content/河南省/叶县/司法局-2024.txt", "content/河南省/叶县/司法局-2024.txt"},
		{"a\x1b[2J\x1b[31mred", `a\x1b[2J\x1b[31mred`},
		{"a\nb\r\tc", `a\nb\r\tc`},
		{"nul\x00 bel\a del\x7f", `nul\x00 bel\x07 del\x7f`},
		{"c1 \u0085 \u009b", `c1 \u0085 \u009b`},
		{"bidi \u202etxt.exe\u202c \u2066x\u2069 \u200f \u061c", `bidi \u202etxt.exe\u202c \u2066x\u2069 \u200f \u061c`},
		{"sep \u2028 \u2029", `sep \u2028 \u2029`},
		{"bad \xff\xfe utf8 \xe6\xb3", `bad \xff\xfe utf8 \xe6\xb3`},
		{"kept \ufffd \u00a0 \\x1b 〔2024〕", "kept \ufffd \u00a0 \\x1b 〔2024〕"},
	} {
		if got := Escape(tc.in); got != tc.want {
			t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestUnsafeRunes checks the characters escaped against Unicode's
// tables: every control (Cc), bidirectional control, and the line and
// paragraph separators, and nothing else.
func TestUnsafeRunes(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Bidi_Control, r) || unicode.In(r, unicode.Zl, unicode.Zp)
		if unsafeRune(r) != want {
			t.Errorf("unsafeRune(%U) = %v", r, !want)
		}
	}
}

// TestProblemIsOneLine checks that a file name or a message holding a
// newline or an escape sequence prints as one escaped line.
func TestProblemIsOneLine(t *testing.T) {
	p := Problem{Pos: Pos{File: "content/x\n\x1b[2Kok.txt", Line: 3, Col: 1}, Message: "unknown key \"a\rb\""}
	want := `content/x\n\x1b[2Kok.txt:3:1: unknown key "a\rb"`
	if got := p.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	p.Severity = Warning
	if got := p.String(); !strings.HasSuffix(got, `: warning: unknown key "a\rb"`) {
		t.Errorf("warning: got %q", got)
	}
}

// TestErrorText checks that joined errors keep one line each, and that
// no error's own newline survives.
func TestErrorText(t *testing.T) {
	var l List
	l.Errorf(Pos{File: "a\n.txt", Line: 1}, "bad\x1b")
	l.Errorf(Pos{File: "b.txt"}, "worse")
	named := errors.New("open /c/\x1b]0;title\a: no such file")
	for _, tc := range []struct {
		err  error
		want string
	}{
		{nil, ""},
		{named, `open /c/\x1b]0;title\x07: no such file`},
		{l.Err(), `a\n.txt:1: bad\x1b` + "\n" + `b.txt: worse`},
		{errors.Join(named, l.Err()), `open /c/\x1b]0;title\x07: no such file` + "\n" + `a\n.txt:1: bad\x1b` + "\n" + `b.txt: worse`},
		{fmt.Errorf("render: %w", l.Err()), `render: a\n.txt:1: bad\x1b\nb.txt: worse`},
		{fmt.Errorf("%w then %w", named, errors.New("x")), `open /c/\x1b]0;title\x07: no such file then x`},
	} {
		if got := ErrorText(tc.err); got != tc.want {
			t.Errorf("ErrorText(%q):\n got %q\nwant %q", tc.err, got, tc.want)
		}
	}
}

// FuzzEscape checks that Escape's output is one line of valid UTF-8 with
// nothing a terminal acts on, and that safe text is kept as it is.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "河南省/叶县.txt", "a\x1b[31m\n", "\u202e\xff\u0085"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Escape(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Escape(%q) = %q: not UTF-8", s, got)
		}
		for _, r := range got {
			if unsafeRune(r) {
				t.Fatalf("Escape(%q) = %q keeps %U", s, got, r)
			}
		}
		if !needsEscape(s) && got != s {
			t.Fatalf("Escape(%q) = %q changed safe text", s, got)
		}
		if Escape(got) != got {
			t.Fatalf("Escape(%q) = %q is not stable", s, got)
		}
	})
}

// TestEscapeJSON checks that the characters encoding/json keeps raw are
// escaped, and that the value is the same.
func TestEscapeJSON(t *testing.T) {
	in := map[string]string{"quote": "del\x7f c1\u009b bidi\u202e 中文 nl\n esc\x1b"}
	b, _ := json.MarshalIndent(in, "", "  ")
	got := EscapeJSON(b)
	want := "{\n  \"quote\": \"del\\u007f c1\\u009b bidi\\u202e 中文 nl\\n esc\\u001b\"\n}"
	if string(got) != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	var back map[string]string
	if err := json.Unmarshal(got, &back); err != nil || back["quote"] != in["quote"] {
		t.Errorf("not the same value: %q (%v)", back, err)
	}
	plain := []byte(`{"a": "中文"}`)
	if got := EscapeJSON(plain); &got[0] != &plain[0] {
		t.Error("safe JSON was copied")
	}
}

// BenchmarkProblemString formats a problem with a safe name (the common
// case: no copy) and one with controls to escape.
func BenchmarkProblemString(b *testing.B) {
	for _, name := range []string{"content/河南省/鲁山县/信访局-2024.toml", "content/河南省/伪\x1b[2J\n\u202e.toml"} {
		p := Problem{Pos: Pos{File: name, Line: 12, Col: 3}, Message: `unknown key "yaer"`}
		b.Run(fmt.Sprintf("escapes=%v", needsEscape(name)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = p.String()
			}
		})
	}
}
