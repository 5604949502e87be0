package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/generator/internal/corpus"
)

// TestGeneratedCorpusBuilds: a corpus of the Go generator (the
// benchmarks' and the README's) builds without an error through the
// whole pipeline, its [metrics] agree with its text, and the extractor
// finds catalog figures in nearly every report, as in gencorpus.py's.
func TestGeneratedCorpusBuilds(t *testing.T) {
	for _, f := range []corpus.Format{corpus.Plain, corpus.Markdown} {
		t.Run(string(f), func(t *testing.T) {
			tmp := t.TempDir()
			content := filepath.Join(tmp, "content")
			if _, err := corpus.Write(content, corpus.Options{Reports: 30, Seed: 4, Format: f, MetricsShare: 1}); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			code := run([]string{"build", "--source", "..", "--content", content, "--destination", filepath.Join(tmp, "public"),
				"--cache-dir", filepath.Join(tmp, "cache")}, &stdout, &stderr)
			if code != 0 || !strings.Contains(stdout.String()+stderr.String(), "built 30 reports") {
				t.Fatalf("build: exit %d\n%s%s", code, stdout.String(), stderr.String())
			}
			if strings.Contains(stderr.String(), "error") {
				t.Errorf("build reports errors:\n%s", stderr.String())
			}
			stdout.Reset()
			stderr.Reset()
			if code := run([]string{"check", "--source", "..", "--content", content}, &stdout, &stderr); code != 0 {
				t.Fatalf("check: exit %d\n%s%s", code, stdout.String(), stderr.String())
			}
			if out := stdout.String() + stderr.String(); strings.Contains(out, "TOML says") {
				t.Errorf("[metrics] disagree with the text:\n%s", out)
			}
			checkFigures(t, content)
		})
	}
}

// checkFigures runs extract on every report of content and wants catalog
// figures in at least 9 reports in 10.
func checkFigures(t *testing.T, content string) {
	t.Helper()
	args := []string{"extract", "--json", "--source", ".."}
	filepath.WalkDir(content, func(p string, d os.DirEntry, err error) error {
		if err == nil && (strings.HasSuffix(p, ".txt") || strings.HasSuffix(p, ".md")) {
			args = append(args, p)
		}
		return err
	})
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("extract: exit %d: %s", code, stderr.String())
	}
	var files []struct {
		File    string
		Figures []struct{ Key string }
	}
	if err := json.Unmarshal(stdout.Bytes(), &files); err != nil {
		t.Fatal(err)
	}
	with := 0
	for _, f := range files {
		for _, fig := range f.Figures {
			if fig.Key != "" {
				with++
				break
			}
		}
	}
	if len(files) != 30 || with < 27 {
		t.Errorf("catalog figures in %d of %d reports", with, len(files))
	}
}
