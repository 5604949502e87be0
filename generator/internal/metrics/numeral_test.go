package metrics

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"portal/generator/internal/tabletest"
)

var update = flag.Bool("update", false, "rewrite testdata/numerals.tsv")

// numeralTable holds, for every input below, what scanHan returned before
// the three numeral parsers were merged into one (internal/numeral):
// written once by the old function with -update, it must not change.
var numeralTable = filepath.Join("testdata", "numerals.tsv")

// TestNumeralTable checks scanHan against the table.
func TestNumeralTable(t *testing.T) {
	var got []string
	for _, s := range numeralInputs() {
		v, w := scanHan([]rune(s))
		got = append(got, fmt.Sprintf("%s\t%s\t%d", s, strconv.FormatFloat(v, 'g', -1, 64), w))
	}
	want := tabletest.Rows(t, numeralTable, got, *update)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("got %q, want %q", got[i], want[i])
		}
	}
}

// numeralRunes are the runes of Chinese numerals and a few that may follow.
var numeralRunes = []rune("〇零一二两三四五六七八九十百千万亿余多件元化样")

// numeralInputs are the numbers 0 to 1200 and some larger ones written in
// full, with 两, with 〇 for 零 and shortened (三千五), digit by digit,
// each followed by 余 and by 件; random strings of numeral runes; and runs
// longer than a number may be.
func numeralInputs() []string {
	var in []string
	add := func(s string) { in = append(in, s, s+"余人", s+"件") }
	for n := range 1201 {
		add(han(n))
	}
	for _, n := range []int{1999, 2000, 2024, 3500, 10000, 12000, 12345, 100000, 105000, 1000000, 20000000, 120000000, 300000000, 1234567890} {
		s := han(n)
		add(s)
		add(strings.ReplaceAll(s, "二", "两"))
		add(strings.ReplaceAll(s, "零", "〇"))
		add(strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(s, "百"), "千"), "零"))
	}
	for _, s := range []string{"三千五", "一万二", "二〇二四", "一九九八", "三四", "十十", "百余", "千余", "万余", "亿余",
		"百多元化", "百多样", "零", "〇〇", "零十", "十零零", "一〇百一", "二十〇", "两万", "两千两百", "万亿", "一万亿"} {
		add(s)
	}
	r := rand.New(rand.NewPCG(5, 6))
	for range 3000 {
		in = append(in, tabletest.RandomString(r, numeralRunes, 1, 8))
	}
	return tabletest.Unique(append(in, strings.Repeat("九", 60), strings.Repeat("一二", 30), strings.Repeat("九亿", 30)))
}

// han writes n in Chinese numerals the standard way: 十二, 一百零五,
// 一千零五, 一万二千三百四十五.
func han(n int) string {
	if n == 0 {
		return "零"
	}
	if n >= 1e8 {
		return han(n/1e8) + "亿" + zeroGap(n%1e8, 1e7)
	}
	if n >= 1e4 {
		return han(n/1e4) + "万" + zeroGap(n%1e4, 1e3)
	}
	digits := []rune("零一二三四五六七八九")
	units := []string{"千", "百", "十", ""}
	var b strings.Builder
	zero := false
	for i, p := range []int{1000, 100, 10, 1} {
		d := n / p % 10
		switch {
		case d == 0:
			zero = b.Len() > 0
		case i == 2 && d == 1 && b.Len() == 0:
			b.WriteString("十")
		default:
			if zero {
				b.WriteString("零")
			}
			b.WriteString(string(digits[d]) + units[i])
			zero = false
		}
	}
	return b.String()
}

// zeroGap writes the rest of a number below a 万 or 亿, with 零 when it
// starts lower than high.
func zeroGap(rest, high int) string {
	switch {
	case rest == 0:
		return ""
	case rest < high:
		return "零" + han(rest)
	}
	return han(rest)
}
