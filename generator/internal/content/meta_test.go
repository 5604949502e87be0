package content

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"portal/generator/internal/config"
)

// metaWith is goodMeta with one more line, or with a line replaced when
// the line sets a key goodMeta sets.
func metaWith(line string) string {
	key := strings.TrimSpace(strings.SplitN(line, "=", 2)[0])
	var out []string
	replaced := false
	for _, l := range strings.Split(strings.TrimSuffix(goodMeta, "\n"), "\n") {
		if strings.HasPrefix(l, key+" ") {
			l, replaced = line, true
		}
		out = append(out, l)
	}
	if !replaced {
		out = append(out, line)
	}
	return strings.Join(out, "\n") + "\n"
}

// TestMetaNames checks that names, titles and numbers that hold a
// character a reader cannot see, or could take for another, are errors
// naming the field and the character, whether the TOML writes it as an
// escape or as itself.
func TestMetaNames(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{`agency = "信访局\u200b"`, `m.toml:2:1: agency: contains an invisible character U+200B (zero width space); remove it`},
		{"agency = \"信访局\u200b\"", `m.toml:2:1: agency: contains an invisible character U+200B (zero width space); remove it`},
		{`county = "鲁\u200d山县"`, `m.toml:3:1: county: contains an invisible character U+200D (zero width joiner); remove it`},
		{`county = "鲁\u200c山县"`, `m.toml:3:1: county: contains an invisible character U+200C (zero width non-joiner); remove it`},
		{`title = "鲁山县信访局\u202e告报度年"`, `m.toml:1:1: title: contains a bidirectional control character U+202E (right-to-left override), which reorders the text as shown; remove it`},
		{`title = "\u2067报告\u2069"`, `m.toml:1:1: title: contains a bidirectional control character U+2067 (right-to-left isolate), which reorders the text as shown; remove it (2 such characters in all)`},
		{`agency = "信访局\u200f"`, `m.toml:2:1: agency: contains a bidirectional control character U+200F (right-to-left mark), which reorders the text as shown; remove it`},
		{`agency = "信访局\u061c"`, `m.toml:2:1: agency: contains a bidirectional control character U+061C (arabic letter mark), which reorders the text as shown; remove it`},
		{`agency = "信\ufeff访局"`, `m.toml:2:1: agency: contains an invisible character U+FEFF (zero width no-break space); remove it`},
		{`agency = "信访\u00ad局"`, `m.toml:2:1: agency: contains an invisible character U+00AD (soft hyphen); remove it`},
		{`agency = "信访\u2060局"`, `m.toml:2:1: agency: contains an invisible character U+2060 (word joiner); remove it`},
		{`agency = "信访局\ufe0f"`, `m.toml:2:1: agency: contains an invisible character U+FE0F (variation selector-16); remove it`},
		{`agency = "信访局\u3164"`, `m.toml:2:1: agency: contains an invisible character U+3164 (hangul filler); remove it`},
		{`agency = "信访局\u2800"`, `m.toml:2:1: agency: contains an invisible character U+2800 (braille pattern blank); remove it`},
		{`agency = "信访局\U000E0041"`, `m.toml:2:1: agency: contains an invisible character U+E0041 (tag latin capital letter a); remove it`},
		{`agency = "信访\t局"`, `m.toml:2:1: agency: contains a control character U+0009 (tab); remove it`},
		{`title = "报告\n第二行"`, `m.toml:1:1: title: contains a control character U+000A (line feed); remove it`},
		{`title = "报告\u2028x"`, `m.toml:1:1: title: contains a control character U+2028 (line separator); remove it`},
		{`title = "报告\u0085x"`, `m.toml:1:1: title: contains a control character U+0085; remove it`},
		{`title = "鲁山县\u00a0信访局"`, `m.toml:1:1: title: contains an unusual space U+00A0 (no-break space); use an ordinary space`},
		{`agency = "信\u2009访局"`, `m.toml:2:1: agency: contains an unusual space U+2009 (thin space); use an ordinary space`},
		{`agency = "信访局\ue000"`, `m.toml:2:1: agency: contains a private-use character U+E000, which readers' devices show differently or not at all; write a standard character`},
		{`agency = "信访局\u0378"`, `m.toml:2:1: agency: contains U+0378, which is not a character (unassigned in Unicode); remove it`},
		{`county = "鲁⼭县"`, `m.toml:3:1: county: contains U+2F2D (kangxi radical mountain), a radical that looks like the character 山; write 山 itself`},
		{`county = "鲁\u2e8c县"`, `m.toml:3:1: county: contains U+2E8C (cjk radical small one), a radical or stroke, not a character; write the character itself`},
		{`index_number = "A1\u200b"`, `m.toml:6:1: index_number: contains an invisible character U+200B (zero width space); remove it`},
		{`doc_number = "鲁信〔2025〕\u202e2号"`, `m.toml:6:1: doc_number: contains a bidirectional control character U+202E (right-to-left override), which reorders the text as shown; remove it`},
		{`summary = "概述\u202e"`, `m.toml:6:1: summary: contains a bidirectional control character U+202E (right-to-left override), which reorders the text as shown; remove it`},
		{`source_url = "https://a.gov.cn/x y"`, `m.toml:6:1: source_url: contains a space U+0020 (space); a URL has none (write %20)`},
		{`source_url = "https://a.gov.cn/\u200bx"`, `m.toml:6:1: source_url: contains an invisible character U+200B (zero width space); remove it`},
	} {
		_, problems := parseMeta("m.toml", []byte(metaWith(tc.line)), 0, 2026)
		if got := strings.TrimSpace(problems.String()); got != tc.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tc.line, got, tc.want)
		}
	}
}

// TestMetaNamesNormalised checks what names may hold, and that the build
// sees them in normal form C: a compatibility ideograph is its unified
// ideograph, an accent composed.
func TestMetaNamesNormalised(t *testing.T) {
	src := metaWith(`title = "鲁山县信访局 2024年度　报告（試行）\uf900 e\u0301 \U000323b0 ⿰"`) +
		"summary = \"第一段\\n\\t第二段\u00a0\u2009\"\ncity = \"\u3000平顶山市\u00a0\"\n"
	m, problems := parseMeta("m.toml", []byte(src), 0, 2026)
	if len(problems) > 0 {
		t.Fatalf("problems:\n%s", problems)
	}
	if want := "鲁山县信访局 2024年度　报告（試行）\u8c48 \u00e9 \U000323b0 ⿰"; m.Title != want {
		t.Errorf("Title %+q, want %+q", m.Title, want)
	}
	if m.Summary != "第一段\n\t第二段" || m.City != "平顶山市" {
		t.Errorf("Summary %q, City %q", m.Summary, m.City)
	}
}

// TestLoadNamesCannotSpoof checks the attack: a second report whose
// agency or county differs by an invisible character is refused, so
// that it cannot get past the one-report-per-agency-and-year check.
func TestLoadNamesCannotSpoof(t *testing.T) {
	_, problems := load(t, map[string]string{
		"a.txt":  "x",
		"a.toml": goodMeta,
		"b.txt":  "x",
		"b.toml": metaWith(`agency = "鲁山县信访局\u200b"`),
		"c.txt":  "x",
		"c.toml": metaWith(`county = "鲁\u200d山县"`),
	})
	want := "content/b.toml:2:1: agency: contains an invisible character U+200B (zero width space); remove it\n" +
		"content/c.toml:3:1: county: contains an invisible character U+200D (zero width joiner); remove it\n"
	if problems != want {
		t.Errorf("problems:\n%s\nwant:\n%s", problems, want)
	}
}

// TestMetaDates checks that dates outside 2000..next year, dates TOML
// takes for the year 0, and times of day are errors naming the field.
func TestMetaDates(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{`published = 9999-12-31`, `m.toml:5:1: published: 9999-12-31 is outside 2000..2026`},
		{`published = 0000-01-01`, `m.toml:5:1: published: 0000-01-01 is outside 2000..2026`},
		{`published = 1999-12-31`, `m.toml:5:1: published: 1999-12-31 is outside 2000..2026`},
		{`written = 0001-01-01T00:00:00Z`, `m.toml:6:1: written: 0001-01-01 is outside 2000..2026`},
		{`published = 12:00:00`, `m.toml:5:13: published: want a date such as published = 2024-03-31 (no quotes), got 12:00:00`},
		{`published = 2026-12-31`, ``},
		{`published = 2025-03-01T23:59:59+14:00`, ``},
	} {
		_, problems := parseMeta("m.toml", []byte(metaWith(tc.line)), 0, 2026)
		if got := strings.TrimSpace(problems.String()); got != tc.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tc.line, got, tc.want)
		}
	}
}

// TestChangeBelowMinus100 checks that a fall of more than 100% is an
// error naming the key, and -100% itself is not.
func TestChangeBelowMinus100(t *testing.T) {
	catalog := config.Catalog{{Key: "petitions_total_yoy", Label: "信访总量同比", Unit: "%", Kind: config.KindChange}}
	for v, want := range map[string]string{
		"-150":    "content/a.toml:7:1: metrics.petitions_total_yoy: a change cannot be below -100% (a fall of more than all), got -150\n",
		"-100.01": "content/a.toml:7:1: metrics.petitions_total_yoy: a change cannot be below -100% (a fall of more than all), got -100.01\n",
		"-100":    "",
		"250":     "",
	} {
		fsys := fstest.MapFS{
			"a.txt":  {Data: []byte("x")},
			"a.toml": {Data: []byte(goodMeta + "[metrics]\npetitions_total_yoy = " + v + "\n")},
		}
		_, problems := Load(fsys, Options{Prefix: "content", Catalog: catalog, LatestYear: 2026, Kinds: testKinds})
		if got := problems.String(); got != want {
			t.Errorf("%s: got %q, want %q", v, got, want)
		}
	}
}

// TestMetaLimits checks that metadata the TOML decoder would need
// gigabytes or minutes for is refused before decoding, naming the file
// and the line, in a sidecar and in front matter alike.
func TestMetaLimits(t *testing.T) {
	keys := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "k%d = 1\n", i)
		}
		return b.String()
	}
	for _, tc := range []struct {
		name, src string
		line, col int
		want      string
	}{
		{"inline tables 200,000 deep", goodMeta + "x = " + strings.Repeat("{a=", 200_000) + "1" + strings.Repeat("}", 200_000) + "\n",
			1, 1, "metadata: 782 KB is too large (at most 64 KB)"},
		{"inline tables 10,000 deep", goodMeta + "x = " + strings.Repeat("{a=", 10_000) + "1" + strings.Repeat("}", 10_000) + "\n",
			6, 53, "metadata: arrays and inline tables nested 10000 deep (at most 16)"},
		{"dotted header 30,000 deep", goodMeta + "[" + strings.Repeat("a.", 30_000) + "a]\n",
			6, 1, "metadata: a key of 30001 parts (at most 32)"},
		{"30,000 unknown keys", goodMeta + keys(30_000), 1, 1, "metadata: 312 KB is too large (at most 64 KB)"},
		{"5,000 unknown keys", goodMeta + keys(5_000), 1001, 1, "metadata: 5005 keys (at most 1000)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, file := range []struct {
				name string
				line int
			}{{"m.toml", 0}, {"m.md", 1}} {
				_, problems := parseMeta(file.name, []byte(tc.src), file.line, 2026)
				want := fmt.Sprintf("%s:%d:%d: %s\n", file.name, tc.line+file.line, tc.col, tc.want)
				if got := problems.String(); got != want {
					t.Errorf("got  %swant %s", got, want)
				}
			}
		})
	}
}

// readCounter is a file system that counts the bytes read from it.
type readCounter struct {
	fstest.MapFS
	n *int
}

func (c readCounter) Open(name string) (fs.File, error) {
	f, err := c.MapFS.Open(name)
	return countedFile{f, c.n}, err
}

type countedFile struct {
	fs.File
	n *int
}

func (f countedFile) Read(b []byte) (int, error) {
	n, err := f.File.Read(b)
	*f.n += n
	return n, err
}

// TestMetaTooLarge checks that a sidecar over the metadata size is
// refused without being read, and that front matter over the metadata size is refused before
// it is decoded.
func TestMetaTooLarge(t *testing.T) {
	big := goodMeta + "summary = \"" + strings.Repeat("长", 100<<10) + "\"\n"
	n := 0
	fsys := readCounter{fstest.MapFS{
		"a.txt":  {Data: []byte("x")},
		"a.toml": {Data: []byte(big)},
		"b.md":   {Data: []byte("+++\n" + strings.Replace(goodMeta, "year = 2024", "year = 2023", 1) + "summary = \"" + strings.Repeat("x", 100<<10) + "\"\n+++\n正文\n")},
	}, &n}
	_, problems := Load(fsys, Options{Prefix: "content", Catalog: catalog, LatestYear: 2026, Kinds: testKinds})
	want := "content/a.toml: metadata: 301 KB is too large (at most 64 KB)\n" +
		"content/b.md:2:1: metadata: 101 KB is too large (at most 64 KB)\n"
	if got := problems.String(); got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
	if n > 200<<10 {
		t.Errorf("read %d bytes", n)
	}
}
