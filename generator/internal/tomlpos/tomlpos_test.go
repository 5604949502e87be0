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

// fuzzSeeds are TOML texts for the fuzz targets: valid, broken, and
// strings holding what looks like keys and brackets.
var fuzzSeeds = []string{
	"a = 1\n[b]\nc = 2\n",
	"title = \"x\"\n[metrics]\n\"quoted.key\" = 1\nsub . key = 2\n",
	"s = \"\"\"\n[t]\nk = 1\n\"\"\"\nu = '''\n= '''\n",
	"menu = [{name = \"a\", sub = {x = [1, {y = 2}]}}]\n[[m]]\nk = 1\n[[m]]\nk = 2\n",
	"\"\\u00e9\\x41\" = 1\n'lit\\' = 2\n",
	"a = {b = 1,\n c = 2}\n",
	"a = [\n # c\n 1,\n]\n[x.'y'.\"z\"]\n",
	"a = \"unterminated\n[b]\nc = \"\\\n",
	"a = 1979-05-27T07:32:00Z\nb = 07:32:00\n",
	"t = \"中文\" x\n",
}

// FuzzKeyPos checks that positions stay within the text, and that every
// key the decoder finds is found where it is written.
func FuzzKeyPos(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, "b.c")
	}
	f.Fuzz(func(t *testing.T, src, key string) {
		lines := strings.Count(src, "\n") + 1
		ix, problems := Scan("f", []byte(src), 0, limits)
		for _, p := range problems {
			if p.Pos.Line < 1 || p.Pos.Line > lines || p.Pos.Col < 1 {
				t.Errorf("limit problem outside the text: %v", p)
			}
		}
		if p := ix.KeyPos(toml.Key(strings.Split(key, "."))); p.Line < 0 || p.Line > lines || p.Line > 0 && p.Col < 1 {
			t.Errorf("KeyPos(%q) = %v, outside the text", key, p)
		}
		if len(problems) > 0 {
			return // not to be decoded
		}
		var v map[string]any
		md, err := toml.Decode(src, &v)
		if err != nil {
			return
		}
		for _, k := range md.Keys() {
			if p := ix.KeyPos(k); p.Line < 1 || p.Line > lines || p.Col < 1 {
				t.Errorf("decoded key %q at %v", k, p)
			}
		}
	})
}

// FuzzProblem checks that a decoding error is placed within the text.
func FuzzProblem(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, src string, lineOffset int) {
		lineOffset = min(max(lineOffset, 0), 1000)
		if _, problems := Scan("f", []byte(src), 0, limits); len(problems) > 0 {
			return // never decoded
		}
		var v struct {
			Title string
			Year  int
			A     map[string]float64
		}
		_, err := toml.Decode(src, &v)
		if err == nil {
			return
		}
		p := ProblemAt("f", []byte(src), err, lineOffset)
		lines := strings.Count(src, "\n") + 1
		if p.Pos.Line != 0 && (p.Pos.Line <= lineOffset || p.Pos.Line > lines+lineOffset || p.Pos.Col < 1) || p.Message == "" {
			t.Errorf("%v outside the text (%d lines from %d)", p, lines, lineOffset)
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
		"title = \"x\"\nyear = \"2024\"\n":   "2:1: year: want a whole number",
		"title = 3\n":                        "1:1: title: want text in quotes",
		"[metrics]\nrate = \"99%\"\n":        "2:1: metrics.rate: want a number",
		"title = \"x\"\n\n  year = [2024]\n": "3:3: year: want a whole number",
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
