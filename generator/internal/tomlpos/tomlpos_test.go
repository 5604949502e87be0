package tomlpos

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestProblemPositions(t *testing.T) {
	for _, tc := range []struct {
		src        string
		line, col  int
		lineOffset int
	}{
		{"a = 1\nb = [1, 2\nc = 3\n", 3, 1, 0},
		{"a = 1\na = 2\n", 2, 1, 0},
		{"t = \"x\"\nd = 2024-13-31\n", 2, 5, 0},
		{"t = \"中文\" x\n", 1, 10, 1},
	} {
		var v map[string]any
		_, err := toml.Decode(tc.src, &v)
		if err == nil {
			t.Fatalf("%q decoded", tc.src)
		}
		p := ProblemAt("f.toml", []byte(tc.src), err, tc.lineOffset)
		if p.Pos.Line != tc.line+tc.lineOffset || p.Pos.Col != tc.col {
			t.Errorf("%q: %v, want %d:%d (%s)", tc.src, p.Pos, tc.line+tc.lineOffset, tc.col, p.Message)
		}
	}
}

func TestKeyPos(t *testing.T) {
	src := []byte("title = \"x\"\n\n[[metric]]\n  key = \"a\"\n[metrics]\n\"quoted key\" = 1\nsub.key = 2\n")
	for _, tc := range []struct {
		key       toml.Key
		line, col int
	}{
		{toml.Key{"title"}, 1, 1},
		{toml.Key{"metric", "key"}, 4, 3},
		{toml.Key{"metrics", "quoted key"}, 6, 1},
		{toml.Key{"metrics", "sub", "key"}, 7, 1},
		{toml.Key{"metrics"}, 5, 1},
		{toml.Key{"absent"}, 0, 0},
	} {
		p := KeyPos("f.toml", src, tc.key)
		if p.Line != tc.line || p.Col != tc.col {
			t.Errorf("KeyPos(%v) = %v, want %d:%d", tc.key, p, tc.line, tc.col)
		}
	}
}

func FuzzKeyPos(f *testing.F) {
	f.Add("a = 1\n[b]\nc = 2\n", "b.c")
	f.Fuzz(func(t *testing.T, src, key string) {
		p := KeyPos("f", []byte(src), toml.Key{key})
		if p.Line < 0 {
			t.Errorf("negative line %v", p)
		}
	})
}

// TestProblemNamesField checks that a value of the wrong type is reported
// with its field, nested keys dotted.
func TestProblemNamesField(t *testing.T) {
	var v struct {
		Title   string
		Year    int
		Metrics map[string]float64
	}
	for src, want := range map[string]string{
		"title = \"x\"\nyear = \"2024\"\n":   "2:1: year: incompatible types",
		"title = 3\n":                        "1:1: title: incompatible types",
		"[metrics]\nrate = \"99%\"\n":        "2:1: metrics.rate: incompatible types",
		"title = \"x\"\n\n  year = [2024]\n": "3:3: year: incompatible types",
	} {
		_, err := toml.Decode(src, &v)
		if err == nil {
			t.Fatalf("%q decoded", src)
		}
		if got := Problem("f.toml", []byte(src), err).String(); !strings.Contains(got, "f.toml:"+want) {
			t.Errorf("%q: %s, want …%s…", src, got, want)
		}
	}
}
