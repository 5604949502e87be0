package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"portal/generator/internal/draft"
)

// hostileName is a file name that, printed raw, clears the screen, moves
// the cursor, forges a line and reverses the text after it.
const hostileName = "伪\x1b[2J\x1b[1A\rbuilt 99 reports\nyear = 1999\n\u202etxt"

// rawControl reports whether s holds a character a terminal acts on,
// other than the newlines that end lines.
func rawControl(s string) bool {
	return strings.ContainsAny(s, "\x1b\r\x7f\u009b\u202e\u2066")
}

// TestCommandsEscapeNames checks the messages of check, extract and new
// that name a file: every one is a line of its own, escaped.
func TestCommandsEscapeNames(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, hostileName+".txt")
	text := "某县信访局2024年度法治政府建设情况报告\n一、主要举措\n全年受理信访12件。\n"
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	escaped := `伪\x1b[2J\x1b[1A\rbuilt 99 reports\nyear = 1999\n\u202etxt`
	for _, tc := range []struct {
		args []string
		want string // in stdout or stderr
	}{
		{[]string{"extract", "--source", "..", name}, escaped + ".txt: "},
		{[]string{"extract", "--source", "..", name + ".missing"}, escaped + ".txt.missing: "},
		{[]string{"new", "--source", "..", name + ".missing"}, escaped + ".txt.missing: "},
		{[]string{"check", "--source", "..", "--content", filepath.Join(dir, hostileName)}, `check: content directory ` + dir + "/" + escaped + ": not found"},
		{[]string{"new", "--source", "..", name}, "wrote " + filepath.Join(dir, escaped) + ".toml: "},
	} {
		var stdout, stderr bytes.Buffer
		run(tc.args, &stdout, &stderr)
		out := stdout.String() + stderr.String()
		if rawControl(out) || !strings.Contains(out, tc.want) {
			t.Errorf("%s: output\n%q\nwant %q, escaped", tc.args[0], out, tc.want)
		}
	}
	// The drafted metadata names the report in a comment: one line, so
	// that no key comes from the file's name.
	drafted, err := os.ReadFile(filepath.Join(dir, hostileName+".toml"))
	if err != nil {
		t.Fatal(err)
	}
	var meta map[string]any
	if _, err := toml.Decode(string(drafted), &meta); err != nil || meta["year"] != int64(2024) {
		t.Errorf("drafted metadata: year %v (%v)\n%s", meta["year"], err, drafted)
	}
}

// TestQuoteIsValidTOML checks that values holding DEL (which TOML does
// not allow raw) and C1 or bidi controls are written escaped, and read
// back the same.
func TestQuoteIsValidTOML(t *testing.T) {
	for _, s := range []string{"a\x7fb", "标题\u202e反", "c1\u0085", "tab\tnl\n\"q\"\\"} {
		q := draft.Quote(s)
		if rawControl(q) || strings.ContainsAny(q, "\n\x7f") {
			t.Errorf("quote(%q) = %q holds a raw control", s, q)
		}
		var v struct{ K string }
		if _, err := toml.Decode("K = "+q, &v); err != nil || v.K != s {
			t.Errorf("quote(%q) = %s reads back %q (%v)", s, q, v.K, err)
		}
	}
}
