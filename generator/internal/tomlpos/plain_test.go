package tomlpos

import (
	"testing"

	"github.com/BurntSushi/toml"

	"portal/generator/internal/diag"
)

// plainMeta is the shape of a report's metadata, enough for each kind of
// error.
type plainMeta struct {
	Title     string             `toml:"title"`
	Year      int                `toml:"year"`
	Published plainDate          `toml:"published"`
	Public    bool               `toml:"public"`
	Tags      []string           `toml:"tags"`
	Metrics   map[string]float64 `toml:"metrics"`
	Menu      []struct {
		Label string `toml:"label"`
		URL   string `toml:"url"`
	} `toml:"menu"`
}

// plainDate takes a TOML local date and refuses anything else, as
// content.Date does.
type plainDate struct{}

func (d *plainDate) UnmarshalTOML(v any) error {
	if _, ok := v.(string); ok {
		return WantDate(v)
	}
	return nil
}

// TestPlainWords checks each TOML error an editor meets, in plain words
// with the key, an example of the right form and path:line:col, in both
// languages.
func TestPlainWords(t *testing.T) {
	for _, tc := range []struct {
		src    string
		en, zh string
	}{
		{"year = 2024 title = \"x\"\n",
			`m.toml:1:13: one key = value per line: start a new line after "year = 2024"`,
			`m.toml:1:13: 每行只能写一个键值：在 "year = 2024" 之后换行`},
		{"title = \"x\"\nyear = \"2024\"\n",
			"m.toml:2:1: year: want a whole number such as year = 2024 (no quotes)",
			"m.toml:2:1: year：应为整数，例如 year = 2024（不加引号）"},
		{"year = 2024.5\n",
			"m.toml:1:1: year: want a whole number such as year = 2024 (no quotes)",
			"m.toml:1:1: year：应为整数，例如 year = 2024（不加引号）"},
		{"title = 2024\n",
			`m.toml:1:1: title: want text in quotes such as title = "…"`,
			`m.toml:1:1: title：应为加引号的文字，例如 title = "…"`},
		{"[metrics]\npetitions_total = \"12\"\n",
			"m.toml:2:1: metrics.petitions_total: want a number such as petitions_total = 1927 (no quotes)",
			"m.toml:2:1: metrics.petitions_total：应为数字，例如 petitions_total = 1927（不加引号）"},
		{"[metrics]\npetitions_total = 12件\n",
			"m.toml:2:21: a number stands alone after =, without a unit or other text: write petitions_total = 12",
			"m.toml:2:21: 等号后的数字不能带单位或其他文字：应写成 petitions_total = 12"},
		{"title = 信访局报告\n",
			`m.toml:1:9: title: text must be in quotes: title = "信访局报告"`,
			`m.toml:1:9: title：文字要加引号：title = "信访局报告"`},
		{"标题 = \"x\"\n",
			`m.toml:1:1: "标题" is not a key: a key is written in English letters, digits, - and _, such as title`,
			`m.toml:1:1: "标题" 不是键：键名只能用英文字母、数字、- 和 _，例如 title`},
		{"title: \"x\"\n",
			"m.toml:1:6: title: join the key and its value with =, not a colon: title = …",
			"m.toml:1:6: title：键和值之间用 = 连接，不用冒号：title = …"},
		{"title \"x\"\n",
			"m.toml:1:7: title: write = between the key and its value: title = …",
			"m.toml:1:7: title：键和值之间要写 =：title = …"},
		{"title = \"a\"\ntitle = \"b\"\n",
			"m.toml:2:1: title is written twice: keep one",
			"m.toml:2:1: title 写了两次：只保留一个"},
		{"published = 2024-13-31\n",
			"m.toml:1:13: published: 2024-13-31 is not a date: write it as published = 2024-03-31 (year-month-day)",
			"m.toml:1:13: published：2024-13-31 不是有效日期：应写成 published = 2024-03-31（年-月-日）"},
		{"published = \"2024-03-31\"\n",
			`m.toml:1:14: published: want a date such as published = 2024-03-31 (no quotes), got "2024-03-31"`,
			`m.toml:1:14: published：应为日期，例如 published = 2024-03-31（不加引号），实际写的是 "2024-03-31"`},
		{"title = \"abc\nyear = 2024\n",
			`m.toml:1:13: title: the closing quote is missing: end the text with " on the same line`,
			`m.toml:1:13: title：缺少右引号：在同一行内用 " 结束文字`},
		{"year = \n",
			"m.toml:1:8: year: the value after = is missing",
			"m.toml:1:8: year：= 之后缺少值"},
		{"tags = [\"a\",\n",
			"m.toml:1:13: the file ends in the middle of a value: a quote, ] or } is not closed",
			"m.toml:1:13: 文件在一个值的中间结束：有引号、] 或 } 没有闭合"},
		{`title = "C:\q"` + "\n",
			`m.toml:1:10: title: \q is not allowed in double quotes: write \\ for a backslash, or put the text in single quotes`,
			`m.toml:1:10: title：双引号内不能写 \q：反斜杠要写成 \\，或把文字放在单引号内`},
		{"year = 99999999999999999999\n",
			"m.toml:1:8: year: 99999999999999999999 is too large a number",
			"m.toml:1:8: year：数字 99999999999999999999 太大"},
		{"public = \"yes\"\n",
			"m.toml:1:1: public: want true or false such as public = true",
			"m.toml:1:1: public：应为 true 或 false，例如 public = true"},
		{"tags = \"a\"\n",
			"m.toml:1:1: tags: want a list such as tags = [ … ], or [[tags]] tables",
			"m.toml:1:1: tags：应为列表，例如 tags = [ … ]，或写成 [[tags]] 表"},
		{"metrics = 3\n[menu]\n",
			"m.toml:2:1: menu: want a list such as menu = [ … ], or [[menu]] tables",
			"m.toml:2:1: menu：应为列表，例如 menu = [ … ]，或写成 [[menu]] 表"},
		{"t\x00itle = 1\n",
			`m.toml:1:2: the file is not UTF-8 text (UTF-16, Notepad's "Unicode"?): save it as UTF-8`,
			"m.toml:1:2: 文件不是 UTF-8 文本（可能是记事本的“Unicode”即 UTF-16）：请另存为 UTF-8"},
	} {
		var m plainMeta
		_, err := toml.Decode(tc.src, &m)
		if err == nil {
			t.Errorf("%q decoded", tc.src)
			continue
		}
		p := Problem("m.toml", []byte(tc.src), err)
		if got := p.Text(diag.En); got != tc.en || p.String() != tc.en {
			t.Errorf("%q in English:\n got %s\nwant %s", tc.src, got, tc.en)
		}
		if got := p.Text(diag.Zh); got != tc.zh {
			t.Errorf("%q in Chinese:\n got %s\nwant %s", tc.src, got, tc.zh)
		}
	}
}

// TestDidYouMean checks that an unknown key near a known one of its
// table is named, in both languages, and that one near none is not.
func TestDidYouMean(t *testing.T) {
	known := FieldKeys(plainMeta{})
	for _, tc := range []struct {
		src    string
		en, zh string
	}{
		{"yaer = 2024\n", `m.toml:1:1: unknown key "yaer": did you mean "year"?`, `m.toml:1:1: 未知的键 "yaer"：是不是 "year"？`},
		{"titel = \"x\"\n", `m.toml:1:1: unknown key "titel": did you mean "title"?`, `m.toml:1:1: 未知的键 "titel"：是不是 "title"？`},
		{"publised = 2024-03-31\n", `m.toml:1:1: unknown key "publised": did you mean "published"?`, `m.toml:1:1: 未知的键 "publised"：是不是 "published"？`},
		{"[[menu]]\nlable = \"a\"\n", `m.toml:2:1: unknown key "menu.lable": did you mean "label"?`, `m.toml:2:1: 未知的键 "menu.lable"：是不是 "label"？`},
		{"agency = \"x\"\n", `m.toml:1:1: unknown key "agency"`, `m.toml:1:1: 未知的键 "agency"`},
		{"[[menu]]\ntitle = \"a\"\n", `m.toml:2:1: unknown key "menu.title"`, `m.toml:2:1: 未知的键 "menu.title"`},
		{"y = 1\n", `m.toml:1:1: unknown key "y"`, `m.toml:1:1: 未知的键 "y"`},
	} {
		var m plainMeta
		md, err := toml.Decode(tc.src, &m)
		if err != nil {
			t.Fatalf("%q: %v", tc.src, err)
		}
		ix := NewIndex("m.toml", []byte(tc.src), 0)
		problems := ix.UnknownKeys(md.Undecoded(), known...)
		if len(problems) != 1 {
			t.Fatalf("%q: %d problems: %s", tc.src, len(problems), problems)
		}
		if got := problems[0].Text(diag.En); got != tc.en {
			t.Errorf("%q in English:\n got %s\nwant %s", tc.src, got, tc.en)
		}
		if got := problems[0].Text(diag.Zh); got != tc.zh {
			t.Errorf("%q in Chinese:\n got %s\nwant %s", tc.src, got, tc.zh)
		}
	}
}

// TestNearest checks the edit distance behind "did you mean".
func TestNearest(t *testing.T) {
	words := []string{"year", "title", "county", "city", "petitions_total", "petitions_total_yoy"}
	all := func(yield func(string) bool) {
		for _, w := range words {
			if !yield(w) {
				return
			}
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"yaer", "year"}, {"Year", "year"}, {"yea", "year"}, {"tilte", "title"},
		{"countey", "county"}, {"cty", "city"}, {"petition_total", "petitions_total"},
		{"petitions_totl_yoy", "petitions_total_yoy"}, {"x", ""}, {"ye", ""},
		{"abcdef", ""}, {"year", ""}, {"", ""},
	} {
		if got := Nearest(tc.in, all); got != tc.want {
			t.Errorf("Nearest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestFieldKeys checks the keys read from toml tags, tables dotted.
func TestFieldKeys(t *testing.T) {
	got := FieldKeys(plainMeta{})
	want := []string{"title", "year", "published", "public", "tags", "metrics", "menu", "menu.label", "menu.url"}
	if len(got) != len(want) {
		t.Fatalf("FieldKeys = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("FieldKeys = %q, want %q", got, want)
		}
	}
}

// FuzzPlainWords checks that any TOML text's error is a message in both
// languages, placed in the text, without a panic.
func FuzzPlainWords(f *testing.F) {
	for _, s := range []string{"year = 2024 title = 1", "标题 = 1", "a: 1", "x = [1,", "published = \"2024\"", "y = 12件"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if _, problems := Scan("f", []byte(src), 0, Limits{Size: 4096, Depth: 16, KeyDepth: 32, Keys: 100, Values: 100}); len(problems) > 0 {
			return
		}
		var m plainMeta
		md, err := toml.Decode(src, &m)
		if err != nil {
			p := Problem("f", []byte(src), err)
			if p.Text(diag.En) == "" || p.Text(diag.Zh) == "" || p.Message != p.Msg.String() {
				t.Fatalf("%q: empty or inconsistent message %q", src, p)
			}
			return
		}
		NewIndex("f", []byte(src), 0).UnknownKeys(md.Undecoded(), FieldKeys(m)...)
	})
}
