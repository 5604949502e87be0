package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckCommand(t *testing.T) {
	content := t.TempDir()
	copyDir(t, "../content", content)
	var out, errb bytes.Buffer
	if code := run([]string{"check", "--source", "..", "--content", content}, &out, &errb); code != 0 {
		t.Fatalf("check on the default content: exit %d\n%s%s", code, out.String(), errb.String())
	}
	for _, want := range []string{
		"信访局-2024.txt:12: warning: heading 三、", // 芷江 jumps from 一、 to 三、
		"warning: no heading for",
		"\n0 errors, ",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("check output lacks %q:\n%s", want, out.String())
		}
	}
	toml := filepath.Join(content, "河南省/鲁山县/信访局-2024.toml")
	b, _ := os.ReadFile(toml)
	os.WriteFile(toml, append(b, []byte("published = 2025-06-01\ndoc_number = \"鲁信[2025]1号\"\n[metrics]\npetitions_total = 1900\n")...), 0o644)
	os.WriteFile(filepath.Join(content, "重庆市/丰都县/信访办公室-2024.toml"), []byte("title = 3\n"), 0o644)
	out.Reset()
	if code := run([]string{"check", "--source", "..", "--content", content}, &out, &errb); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{
		"信访局-2024.toml:7:1: warning: published: 2025-06-01 is after the deadline 2025-04-01 (逾期公开)",
		"信访局-2024.toml:8:1: warning: doc_number: document number \"鲁信[2025]1号\"",
		"1900", "1927", // TOML and text disagree: both values
		"信访办公室-2024.toml:1:",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("check output lacks %q:\n%s", want, out.String())
		}
	}
	if _, err := os.Stat(filepath.Join(content, "..", "public")); err == nil {
		t.Error("check wrote public/")
	}
}
