package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	tmp := t.TempDir()
	full := filepath.Join(tmp, "full")
	os.MkdirAll(full, 0o755)
	os.WriteFile(filepath.Join(full, "x"), nil, 0o644)
	for _, c := range []struct {
		name   string
		args   []string
		code   int
		stdout string // a part of stdout
		stderr string // a part of stderr
	}{
		{"writes", []string{"--reports", "4", "--seed", "2", "--out", filepath.Join(tmp, "c")}, 0, "", "gencorpus: 4 reports, 1 counties"},
		{"help", []string{"--help"}, 0, "Usage: go run ./generator/cmd/gencorpus", ""},
		{"no out", []string{"--reports", "4"}, 2, "", "--out is required"},
		{"no reports", []string{"--out", filepath.Join(tmp, "d")}, 1, "", "reports: 0 is not in 1..100000"},
		{"too many", []string{"--reports", "100001", "--out", filepath.Join(tmp, "d")}, 1, "", "reports: 100001"},
		{"format", []string{"--reports", "4", "--format", "xml", "--out", filepath.Join(tmp, "d")}, 1, "", `format: "xml"`},
		{"share", []string{"--reports", "4", "--metrics-share", "2", "--out", filepath.Join(tmp, "d")}, 1, "", "metrics share: 2"},
		{"not empty", []string{"--reports", "4", "--out", full}, 1, "", "not empty"},
		{"argument", []string{"--reports", "4", "--out", filepath.Join(tmp, "d"), "extra"}, 2, "", `unexpected argument "extra"`},
		{"bad flag", []string{"--report", "4"}, 2, "", "flag provided but not defined"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(c.args, &stdout, &stderr)
		if code != c.code || !strings.Contains(stdout.String(), c.stdout) || !strings.Contains(stderr.String(), c.stderr) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", c.name, code, stdout.String(), stderr.String())
		}
	}
	if _, err := os.Stat(filepath.Join(tmp, "d")); err == nil {
		t.Error("a refused run wrote its directory")
	}
	var n int
	filepath.WalkDir(filepath.Join(tmp, "c"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if n != 8 {
		t.Errorf("%d files for 4 reports, want 8", n)
	}
}
