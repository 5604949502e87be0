package tomlpos

import (
	"fmt"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// limits are those of report metadata.
var limits = Limits{What: "metadata", Size: 64 << 10, Depth: 16, KeyDepth: 16, Keys: 1000, Values: 1000}

// TestScanRefusesBombs checks that texts the decoder needs gigabytes or
// minutes for are refused before decoding, each with the figure found and
// where the limit was first passed.
func TestScanRefusesBombs(t *testing.T) {
	keys := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "k%d = 1\n", i)
		}
		return b.String()
	}
	for _, tc := range []struct {
		name, src string
		lim       Limits
		want      string
	}{
		{"inline tables 200,000 deep", "title = \"x\"\na = " + strings.Repeat("{a=", 200_000) + "1" + strings.Repeat("}", 200_000) + "\n", Limits{What: "metadata", Depth: 16},
			"f.toml:2:53: metadata: arrays and inline tables nested 200000 deep (at most 16)"},
		{"arrays 17 deep", "a = " + strings.Repeat("[", 17) + strings.Repeat("]", 17), limits,
			"f.toml:1:21: metadata: arrays and inline tables nested 17 deep (at most 16)"},
		{"dotted header 500,000 deep", "title = \"x\"\n[" + strings.Repeat("a.", 500_000) + "a]\n", Limits{What: "metadata", KeyDepth: 16},
			"f.toml:2:1: metadata: a key of 500001 parts (at most 16)"},
		{"dotted key below a header", "[a.b.c.d.e.f.g.h]\ni.j.k.l.m.n.o.p.q = 1\n", limits,
			"f.toml:2:1: metadata: a key of 17 parts (at most 16)"},
		{"dotted key in an inline table", "[a]\nb = {c = {d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t = 1}}\n", limits,
			"f.toml:2:11: metadata: a key of 20 parts (at most 16)"},
		{"30,000 keys", keys(30_000), Limits{What: "metadata", Keys: 1000},
			"f.toml:1001:1: metadata: 30000 keys (at most 1000)"},
		{"inline keys count", "a = {" + strings.Repeat("b = 1, ", 1000) + "c = 2}\n", limits,
			"f.toml:1:6999: metadata: 1002 keys (at most 1000)"},
		{"array values", "a = [" + strings.Repeat("1, ", 1001) + "]\n", limits,
			"f.toml:1:3006: metadata: 1001 array values (at most 1000)"},
		{"size", "summary = \"" + strings.Repeat("x", 64<<10) + "\"\n", limits,
			"f.toml:1:1: metadata: 65 KB is too large (at most 64 KB)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, problems := Scan("f.toml", []byte(tc.src), 0, tc.lim)
			if got := strings.TrimSpace(problems.String()); got != tc.want {
				t.Errorf("got %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestScanAllowsLegitimate checks that brackets, = signs, # and quotes
// inside strings and comments count for nothing, whatever their number.
func TestScanAllowsLegitimate(t *testing.T) {
	tight := Limits{What: "metadata", Depth: 2, KeyDepth: 2, Keys: 4, Values: 5}
	for _, src := range []string{
		"title = \"[[[[{{{{a.b.c.d = 1, e = 2\"\n",
		"title = '[[[[{{{{a.b.c.d = 1'\n",
		"summary = \"\"\"\n[[[[\na.b.c.d = 1\n{{{{ \\\"\"\" ]]]]\n\"\"\"\n",
		"summary = '''\n[[[[\na.b.c.d = 1\n{{{{ ''\n'''\n",
		"summary = \"\"\"x\"\"\"\"\"\n",
		"# a.b.c.d = [[[[{{{{\ntitle = \"x\" # = = = [[[\n",
		"\"a.b.c.d.e\" = 1\n'[x.y.z]' = \"=\"\n",
		"a = [[1, 2], [3]]\n",
		"escape = \"\\\"[[[[\"\n",
	} {
		if _, problems := Scan("f.toml", []byte(src), 0, tight); len(problems) > 0 {
			t.Errorf("%q refused:\n%s", src, problems)
		}
		var v map[string]any
		if _, err := toml.Decode(src, &v); err != nil {
			t.Errorf("%q is not valid TOML: %v", src, err)
		}
	}
}

// TestIndexKeyPos checks where keys are found in texts that fooled the
// line-by-line search: keys and headers inside multi-line strings, dots
// inside quoted keys, escapes, inline tables, blanks around dots.
func TestIndexKeyPos(t *testing.T) {
	src := "summary = \"\"\"\n[metrics]\ntitle = 1\n\"\"\"\n" + // lines 1-4
		"\"a.b\" . c = 1 # title = 2\n" + // 5
		"\"\\u0064\\x65\" = 2\n" + // 6: "de"
		"menu = [ { name = \"x\" },\n  { url = \"y\", sub = { deep = 3 } } ]\n" + // 7-8
		"[ 'q r' . s ]\n" + // 9
		"  t = { u = 1 }\n" + // 10
		"[[metric]]\nkey = \"a\"\n[[metric]]\nkey = \"b\"\n" // 11-14
	var v map[string]any
	md, err := toml.Decode(src, &v)
	if err != nil {
		t.Fatal(err)
	}
	ix := NewIndex("f.toml", []byte(src), 2)
	for _, tc := range []struct {
		key       toml.Key
		line, col int
	}{
		{toml.Key{"summary"}, 1, 1},
		{toml.Key{"a.b"}, 5, 1},
		{toml.Key{"a.b", "c"}, 5, 1},
		{toml.Key{"de"}, 6, 1},
		{toml.Key{"menu", "name"}, 7, 12},
		{toml.Key{"menu", "url"}, 8, 5},
		{toml.Key{"menu", "sub", "deep"}, 8, 24},
		{toml.Key{"q r", "s"}, 9, 1},
		{toml.Key{"q r", "s", "t", "u"}, 10, 9},
		{toml.Key{"metric", "key"}, 12, 1},
		{toml.Key{"metrics"}, 0, 0},
		{toml.Key{"title"}, 0, 0},
		{toml.Key{"menu", "absent"}, 7, 1},
	} {
		p := ix.KeyPos(tc.key)
		want := tc.line
		if want > 0 {
			want += 2
		}
		if p.Line != want || p.Col != tc.col {
			t.Errorf("KeyPos(%q) = %v, want %d:%d", tc.key, p, want, tc.col)
		}
	}
	for _, k := range md.Keys() {
		if ix.KeyPos(k).Line == 0 {
			t.Errorf("decoded key %q not found", k)
		}
	}
}

// TestIndexColumns checks columns counted in characters, in any order.
func TestIndexColumns(t *testing.T) {
	ix := NewIndex("f", []byte("中文 = 1\n  x = \"一二\" y\n"), 0)
	for _, tc := range []struct{ off, line, col int }{
		{0, 1, 1}, {7, 1, 4}, {21, 2, 9}, {13, 2, 3}, {11, 2, 1}, {12, 2, 2}, {-5, 1, 1}, {999, 3, 1},
	} {
		p := ix.Pos(tc.off)
		if p.Line != tc.line || p.Col != tc.col {
			t.Errorf("Pos(%d) = %v, want %d:%d", tc.off, p, tc.line, tc.col)
		}
	}
}
