package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// units renders tokens as "text" with "|" before a token after a gap.
func units(ts []Token) string {
	var b strings.Builder
	for i, t := range ts {
		switch {
		case t.Gap:
			b.WriteString(" | ")
		case i > 0:
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return strings.TrimSpace(b.String())
}

func TestTokens(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"信访局", "信 访 局"},
		{"信访、局", "信 访 | 局"},
		{"2024年", "2024 年"},
		{"２０２４年", "2024 年"},
		{"按期答复率99.96%。", "按 期 答 复 率 99.96"},
		{"９９．９６％", "99.96"},
		{"GB18030", "gb 18030"},
		{"ＧＢ／Ｔ　１９００１", "gb | t 19001"},
		{"ISO 9001", "iso 9001"},
		{"1.2.3 v2", "1.2.3 v 2"},
		{"2024. 12.", "2024 | 12"},
		{"a.b", "a | b"},
		{".5", "| 5"},
		{"《信访工作条例》", "| 信 访 工 作 条 例"},
		{"鲁山\u3000信访", "鲁 山 信 访"},
		{"信\u200b访", "信 访"},
		{"１２３４５热线", "12345 热 线"},
		{"々〇𠀀", "々 〇 𠀀"},
		{"カタカナ・ひらがな", "カ タ カ ナ | ひ ら が な"},
		{"한국어", "한 국 어"},
		{"Ä é", ""},
		{"\xff信", "| 信"},
		{"", ""},
		// Words longer than maxWordBytes are cut; the rest continues.
		{strings.Repeat("a", 32), strings.Repeat("a", 32)},
		{strings.Repeat("A", 33) + "局", strings.Repeat("a", 32) + "+ +a 局"},
		{strings.Repeat("ｂ", 70), strings.Repeat("b", 32) + "+ +" + strings.Repeat("b", 32) + "+ +bbbbbb"},
		{strings.Repeat("1", 31) + ".25", strings.Repeat("1", 31) + "+ +.25"},
		{strings.Repeat("1", 30) + ".25", strings.Repeat("1", 30) + ".2+ +5"},
		{strings.Repeat("1", 29) + ".25", strings.Repeat("1", 29) + ".25"},
	} {
		if got := units(Tokens(tc.in)); got != tc.want {
			t.Errorf("Tokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTokenOffsets(t *testing.T) {
	s := "全年共受理ＧＢ１８０３０，99.96%" + strings.Repeat("Ｘ", 80)
	for _, tk := range Tokens(s) {
		if got := Fold(s[tk.Start:tk.End]); got != strings.Trim(tk.Text, "+") {
			t.Errorf("token %q covers %q (folded %q)", tk.Text, s[tk.Start:tk.End], got)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"ＡＢＣ－１２３":     "abc-123",
		"２０２４年（第１２号）": "2024年(第12号)",
		"Hello　World": "hello world",
		"信访局":         "信访局",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// terms renders a parsed query as keys separated by " / ".
func terms(ts []Term) string {
	var ks []string
	for _, t := range ts {
		ks = append(ks, t.Key)
	}
	return strings.Join(ks, " / ")
}

func TestParseQuery(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"按期答复率", "按期答复率"},
		{"鲁山 信访", "鲁山 / 信访"},
		{"鲁山　信访", "鲁山 / 信访"},
		{"  鲁山   信访  ", "鲁山 / 信访"},
		{"信访、调解", "信访 / 调解"},
		{"《信访工作条例》", "信访工作条例"},
		{"99.96%", "99.96"},
		{"２０２４年", "2024年"},
		{"ISO 9001", "iso / 9001"},
		{`"ISO 9001"`, "iso 9001"},
		{"＂白大姐 访调工作室＂", "白大姐访调工作室"},
		{"GB18030", "gb 18030"},
		{"信访 信访 信访", "信访"},
		{"，。；", ""},
		{"", ""},
		{"a b c d e f g h i j", "a / b / c / d / e / f / g / h"},
	} {
		if got := terms(ParseQuery(tc.in)); got != tc.want {
			t.Errorf("ParseQuery(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// A long word is one term, its key the word.
	word := strings.Repeat("a", 40)
	if ts := ParseQuery(strings.ToUpper(word)); len(ts) != 1 || ts[0].Key != word || len(ts[0].Units) != 2 {
		t.Errorf("ParseQuery(%d letters) = %q", len(word), terms(ts))
	}
	long := ParseQuery(strings.Repeat("法", 100))
	if len(long) != 1 || len(long[0].Units) != maxTermUnits {
		t.Errorf("a 100-character term keeps %d units, want %d", len(long[0].Units), maxTermUnits)
	}
}

// checkTokens verifies the tokeniser's invariants on s.
func checkTokens(t *testing.T, s string) {
	ts := Tokens(s)
	end := 0
	for _, tk := range ts {
		if tk.Text == "" || tk.Start < end || tk.End <= tk.Start || tk.End > len(s) {
			t.Fatalf("Tokens(%q): bad token %+v after byte %d", s, tk, end)
		}
		if !utf8.ValidString(tk.Text) {
			t.Fatalf("Tokens(%q): invalid UTF-8 in %q", s, tk.Text)
		}
		end = tk.End
		// A unit's text is a fixed point: it tokenises to itself. A piece
		// of a long word (which may start with a decimal point) is what
		// it covers, folded, with its "+" marks.
		if text := strings.Trim(tk.Text, "+"); text != tk.Text {
			if !tk.Word || tk.cont() && tk.Gap || Fold(s[tk.Start:tk.End]) != text || len(text) > maxWordBytes {
				t.Fatalf("Tokens(%q): bad piece of a long word %+v", s, tk)
			}
		} else if again := Tokens(tk.Text); len(again) != 1 || again[0].Text != tk.Text {
			t.Fatalf("Tokens(%q): unit %q retokenises to %q", s, tk.Text, units(again))
		}
	}
	// Folding first changes nothing.
	if a, b := units(ts), units(Tokens(Fold(s))); a != b && utf8.ValidString(s) {
		t.Fatalf("Tokens(%q) = %q but Tokens(Fold) = %q", s, a, b)
	}
}

// checkQuery verifies the query parser's invariants on q.
func checkQuery(t *testing.T, q string) {
	ts := ParseQuery(q)
	if len(ts) > maxTerms {
		t.Fatalf("ParseQuery(%q): %d terms", q, len(ts))
	}
	seen := map[string]bool{}
	for _, term := range ts {
		if len(term.Units) == 0 || len(term.Units) > maxTermUnits || seen[term.Key] {
			t.Fatalf("ParseQuery(%q): bad term %q", q, term.Key)
		}
		seen[term.Key] = true
		for i, u := range term.Units {
			if i > 0 && u.Gap {
				t.Fatalf("ParseQuery(%q): term %q spans a gap", q, term.Key)
			}
		}
		// The key is canonical: it parses back to the same term.
		again := ParseQuery(`"` + term.Key + `"`)
		if len(again) != 1 || again[0].Key != term.Key || len(again[0].Units) != len(term.Units) {
			t.Fatalf("ParseQuery(%q): key %q parses back as %q", q, term.Key, terms(again))
		}
	}
	if terms(ParseQuery(q)) != terms(ts) {
		t.Fatalf("ParseQuery(%q) is not deterministic", q)
	}
}

var tokenSeeds = []string{
	"鲁山县信访局2024年度法治政府建设情况报告", "按期答复率99.96%", "ＧＢ／Ｔ　１９００１－２０１６", `"ISO 9001" 鲁山`,
	"1.2.3..4 .5 a.b", "𠀀々〇カタカナ한국어", strings.Repeat("9", 31) + ".5" + strings.Repeat("z", 70), "\xff\xfe信访", "信\u200b访\u00a0局", "“依法信访、理性维权”",
}

func FuzzTokenize(f *testing.F) {
	for _, s := range tokenSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkTokens(t, s)
	})
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range tokenSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		checkQuery(t, q)
	})
}
