package diag

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io/fs"
	"testing"
)

// withCatalog runs the test with extra entries in the Chinese catalog.
func withCatalog(t *testing.T, entries map[string]string) {
	t.Helper()
	for en, cn := range entries {
		if _, ok := zh[en]; ok {
			t.Fatalf("%q is in the catalog already", en)
		}
		zh[en] = cn
	}
	t.Cleanup(func() {
		for en := range entries {
			delete(zh, en)
		}
	})
}

// TestMsgText checks that a message shows in English as fmt.Sprintf
// would, and in Chinese through the catalog: the verbs of the Chinese
// take the arguments they name, messages in arguments are translated,
// and a format the catalog lacks stays English.
func TestMsgText(t *testing.T) {
	withCatalog(t, map[string]string{
		"test: %s is %d, want %d":   "测试：%[1]s 应为 %[3]d，实为 %[2]d",
		"test: %q: %v (%.1f%% off)": "测试：%q：%v（相差 %.1f%%）",
		"test: the inner %s":        "测试：内层 %s",
		"test: %04d-%02d":           "测试：%04d年%02d月",
	})
	inner := Errorf("test: the inner %s", "x")
	for _, tc := range []struct {
		format string
		args   []any
		zh     string
	}{
		{"test: %s is %d, want %d", []any{"year", 2026, 2025}, "测试：year 应为 2025，实为 2026"},
		{"test: %q: %v (%.1f%% off)", []any{"a\"b", inner, 12.345}, `测试："a\"b"：测试：内层 x（相差 12.3%）`},
		{"test: %q: %v (%.1f%% off)", []any{"k", Msgf("test: the inner %s", "y"), 1.0}, `测试："k"：测试：内层 y（相差 1.0%）`},
		{"test: %04d-%02d", []any{7, 3}, "测试：0007年03月"},
		{"test: not in the catalog %v", []any{inner}, "test: not in the catalog 测试：内层 x"},
		{"test: %d%%", []any{5}, "test: 5%"},
		{"test: %[2]s then %[1]s", []any{"a", "b"}, "test: b then a"},
	} {
		m := Msgf(tc.format, tc.args...)
		if got, want := m.String(), fmt.Sprintf(tc.format, tc.args...); got != want {
			t.Errorf("Msgf(%q).String() = %q, want %q", tc.format, got, want)
		}
		if got := m.Text(Zh); got != tc.zh {
			t.Errorf("Msgf(%q).Text(Zh) = %q, want %q", tc.format, got, tc.zh)
		}
	}
}

// TestVerbs checks the directives found in formats: flags, widths,
// precisions, explicit indexes, and %% skipped.
func TestVerbs(t *testing.T) {
	for _, tc := range []struct {
		format string
		want   []string // spec@arg
	}{
		{"plain", nil},
		{"100%% %d", []string{"%d@0"}},
		{"%04d-%02d-%02d", []string{"%04d@0", "%02d@1", "%02d@2"}},
		{"%.1f%% %+v %-8s %#x %q", []string{"%.1f@0", "%+v@1", "%-8s@2", "%#x@3", "%q@4"}},
		{"%[2]s %s %[1]d", []string{"%s@1", "%s@2", "%d@0"}},
		{"%w: %s", []string{"%w@0", "%s@1"}},
		{"cut %", nil},
		{"cut %[2", nil},
	} {
		var got []string
		for _, v := range verbs(tc.format) {
			got = append(got, fmt.Sprintf("%s@%d", v.spec, v.arg))
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("verbs(%q) = %v, want %v", tc.format, got, tc.want)
		}
	}
}

// TestProblemText checks a problem in both languages: English is String,
// Chinese translates the message and marks a warning 警告; a problem
// made without a Msg shows its English message in both.
func TestProblemText(t *testing.T) {
	withCatalog(t, map[string]string{"test: unknown key %q": "测试：未知的键 %q"})
	var l List
	l.Errorf(Pos{File: "a.toml", Line: 2, Col: 1}, "test: unknown key %q", "yaer")
	l.Warnf(Pos{File: "a.toml", Line: 3}, "test: unknown key %q", "b\x1b")
	l.Add(Problem{Pos: Pos{File: "b.txt"}, Severity: Warning, Message: "old style"})
	wantEn := "a.toml:2:1: test: unknown key \"yaer\"\na.toml:3: warning: test: unknown key \"b\\x1b\"\nb.txt: warning: old style\n"
	wantZh := "a.toml:2:1: 测试：未知的键 \"yaer\"\na.toml:3: 警告：测试：未知的键 \"b\\x1b\"\nb.txt: 警告：old style\n"
	if got := l.Text(En); got != wantEn || l.String() != wantEn {
		t.Errorf("English:\n got %q\nwant %q", got, wantEn)
	}
	if got := l.Text(Zh); got != wantZh {
		t.Errorf("Chinese:\n got %q\nwant %q", got, wantZh)
	}
	p := NewProblem(Pos{File: "c.md"}, Error, Msgf("test: unknown key %q", "x"))
	if p.Message != `test: unknown key "x"` || p.Text(Zh) != `c.md: 测试：未知的键 "x"` {
		t.Errorf("NewProblem: %q, %q", p.Message, p.Text(Zh))
	}
}

// TestProblemGob checks that a problem with its message survives the
// build cache's encoding, nested messages included.
func TestProblemGob(t *testing.T) {
	withCatalog(t, map[string]string{"test: %v": "测试：%v", "test: inner %d": "测试：内层 %d"})
	var l List
	l.Errorf(Pos{File: "a"}, "test: %v", Errorf("test: inner %d", 3))
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(l); err != nil {
		t.Fatal(err)
	}
	var back List
	if err := gob.NewDecoder(&buf).Decode(&back); err != nil {
		t.Fatal(err)
	}
	if got := back.Text(Zh); got != "a: 测试：测试：内层 3\n" {
		t.Errorf("after gob: %q", got)
	}
}

// TestErrorf checks that an error of Errorf reads as fmt.Errorf's,
// wraps what %w wraps, and translates in ErrorTextIn, joined or in a
// ListError.
func TestErrorf(t *testing.T) {
	withCatalog(t, map[string]string{"test: cannot read %s: %w": "测试：无法读取 %s：%w"})
	err := Errorf("test: cannot read %s: %w", "a.docx", fs.ErrNotExist)
	if err.Error() != "test: cannot read a.docx: file does not exist" {
		t.Errorf("Error() = %q", err)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Error("errors.Is does not find the wrapped error")
	}
	var l List
	l.Errorf(Pos{File: "x"}, "%v", err)
	for _, tc := range []struct {
		err    error
		en, zh string
	}{
		{err, "test: cannot read a.docx: file does not exist", "测试：无法读取 a.docx：file does not exist"},
		{errors.Join(err, errors.New("plain\x1b")), "test: cannot read a.docx: file does not exist\nplain\\x1b", "测试：无法读取 a.docx：file does not exist\nplain\\x1b"},
		{l.Err(), "x: test: cannot read a.docx: file does not exist", "x: 测试：无法读取 a.docx：file does not exist"},
	} {
		if got := ErrorTextIn(tc.err, En); got != tc.en || ErrorText(tc.err) != tc.en {
			t.Errorf("ErrorTextIn(En) = %q, want %q", got, tc.en)
		}
		if got := ErrorTextIn(tc.err, Zh); got != tc.zh {
			t.Errorf("ErrorTextIn(Zh) = %q, want %q", got, tc.zh)
		}
	}
}

// kindError is an error type of its own whose message is a Msg.
type kindError struct{ what Msg }

func (e kindError) Error() string { return "test: kind: " + e.what.String() }
func (e kindError) Msg() Msg      { return Msgf("test: kind: %v", e.what) }

// TestMessager checks that an error of another type with a Msg is shown
// in the language asked for, alone, joined, and as an argument.
func TestMessager(t *testing.T) {
	withCatalog(t, map[string]string{"test: kind: %v": "测试：种类：%v", "test: %d deep": "测试：%d 层", "test: cannot read: %v": "测试：无法读取：%v", "test: cannot read: %w": "测试：无法读取：%w"})
	err := kindError{Msgf("test: %d deep", 3)}
	for _, tc := range []struct {
		err    error
		en, zh string
	}{
		{err, "test: kind: test: 3 deep", "测试：种类：测试：3 层"},
		{errors.Join(err, err), "test: kind: test: 3 deep\ntest: kind: test: 3 deep", "测试：种类：测试：3 层\n测试：种类：测试：3 层"},
		{Errorf("test: cannot read: %v", err), "test: cannot read: test: kind: test: 3 deep", "测试：无法读取：测试：种类：测试：3 层"},
		{Errorf("test: cannot read: %w", err), "test: cannot read: test: kind: test: 3 deep", "测试：无法读取：测试：种类：测试：3 层"},
	} {
		if got := ErrorTextIn(tc.err, En); got != tc.en {
			t.Errorf("ErrorTextIn(En) = %q, want %q", got, tc.en)
		}
		if got := ErrorTextIn(tc.err, Zh); got != tc.zh {
			t.Errorf("ErrorTextIn(Zh) = %q, want %q", got, tc.zh)
		}
	}
}

// TestOr checks lists of alternatives in both languages, with an item
// that is a message itself.
func TestOr(t *testing.T) {
	withCatalog(t, map[string]string{"test: plain text": "测试：纯文本"})
	for _, tc := range []struct {
		items  []any
		en, zh string
	}{
		{nil, "", ""},
		{[]any{".txt"}, ".txt", ".txt"},
		{[]any{".md", ".txt"}, ".md or .txt", ".md 或 .txt"},
		{[]any{".docx", ".md", Msgf("test: plain text")}, ".docx, .md or test: plain text", ".docx、.md 或 测试：纯文本"},
		{[]any{"a", "b", "c", "d"}, "a, b, c or d", "a、b、c 或 d"},
	} {
		m := Or(tc.items...)
		if m.String() != tc.en || m.Text(Zh) != tc.zh {
			t.Errorf("Or(%q) = %q, %q; want %q, %q", tc.items, m.String(), m.Text(Zh), tc.en, tc.zh)
		}
	}
}

// TestParseLang checks the names of the languages.
func TestParseLang(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Lang
		ok   bool
	}{
		{"", Zh, true}, {"zh", Zh, true}, {"zh_CN.UTF-8", Zh, true}, {"ZH-cn", Zh, true},
		{"en", En, true}, {"en_US.UTF-8", En, true}, {" EN ", En, true}, {"fr", Zh, false},
	} {
		got, err := ParseLang(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParseLang(%q) = %q, %v", tc.in, got, err)
		}
	}
}

// FuzzMsg checks that any format and arguments give the English of
// fmt.Sprintf, and that rendering never panics in either language.
func FuzzMsg(f *testing.F) {
	for _, s := range []string{"%s: %d", "%[2]s %[1]q", "100%%", "%", "%[", "%!", "%04d-%.1f"} {
		f.Add(s, "arg", 42)
	}
	f.Fuzz(func(t *testing.T, format, s string, n int) {
		m := Msgf(format, s, n)
		_ = m.Text(Zh)
		for _, v := range verbs(format) {
			if v.arg < 0 || v.end <= v.start || v.end > len(format) {
				t.Fatalf("verbs(%q): bad directive %+v", format, v)
			}
		}
	})
}

// BenchmarkErrorf measures what recording a message costs (the English
// text and the Msg for translation), and showing it in Chinese.
func BenchmarkErrorf(b *testing.B) {
	b.Run("record", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var l List
			l.Errorf(Pos{File: "a.toml", Line: 3, Col: 1}, "metrics.%s: a rate must be within 0..100, got %v", "on_time_reply_rate", 120.5)
		}
	})
	var l List
	l.Errorf(Pos{File: "a.toml", Line: 3, Col: 1}, "metrics.%s: a rate must be within 0..100, got %v", "on_time_reply_rate", 120.5)
	b.Run("text-zh", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = l[0].Text(Zh)
		}
	})
}
