package document

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"portal/generator/internal/tabletest"
)

// numeralTable holds, for every input below, what parseDate and numberValue
// returned before the three numeral parsers were merged into one
// (internal/numeral), written by the old functions with -update. The
// merged parser gives the same, except where the old ones misread:
//   - the old date and heading reader took the digit before 十 as the tens
//     even when it was a zero (0十5 was the 5th, 〇十二、 was 12), and now
//     that is no number, as in the figures;
//   - it took nothing for the ones but one digit (十00日 was no day), and
//     now, as in the figures, a zero after a unit is a gap (二十〇八 = 28);
//   - the old heading reader added -100 for 百 (一百 was -90, 一〇百一 was
//     1), and now 百 is 100. numberValue serves only to tell 1 and 2 from
//     other numbers, so where the old value was no number (negative, or
//     the sum with -100), the new one must only agree on being 1 or 2.
var numeralTable = filepath.Join("testdata", "numerals.tsv")

// numeralChanged are the rows on which the merged parser differs, with the
// new result.
var numeralChanged = map[string]string{
	"date\t2024年９月二十08日": "2024-09-28\ttrue",
	"date\t2024年二月0十３日":  "\ttrue",
	"date\t2024年0十5月1日":  "\ttrue",
	"date\t2024年3月0十5日":  "\ttrue",
	"date\t2024年3月十00日":  "2024-03-10\ttrue",
}

// zeroTens are the heading numbers with a zero before 十, and 一〇百一:
// their rows are -1 now.
var zeroTens = []string{"〇十", "零十", "零十零", "〇十三", "零十七", "〇十二", "零十一", "一〇百一"}

func init() {
	for _, c := range zeroTens {
		for _, s := range numberStyles(c) {
			numeralChanged["number\t"+s] = "-1"
		}
	}
}

// TestNumeralTable checks parseDate and numberValue against the table.
func TestNumeralTable(t *testing.T) {
	got := numeralRows()
	want := tabletest.Rows(t, numeralTable, got, *update)
	for i, w := range want {
		in, old := cutLast(w)
		if c, ok := numeralChanged[in]; ok {
			w, old = in+"\t"+c, c
		}
		if got[i] != w && !sameRole(got[i], old) {
			t.Errorf("got %q, want %q", got[i], w)
		}
	}
}

// sameRole reports whether a number row got the value old had where the
// old value was no number: both are 1, both 2, or neither is 1 or 2.
func sameRole(row, old string) bool {
	in, got := cutLast(row)
	if !strings.HasPrefix(in, "number\t") || !strings.HasPrefix(old, "-") && !strings.Contains(in, "百") {
		return false
	}
	role := func(v string) string {
		if v == "1" || v == "2" {
			return v
		}
		return "other"
	}
	return role(got) == role(old)
}

// cutLast splits a row into its input (kind and text) and its result.
func cutLast(row string) (in, result string) {
	kind, rest, _ := strings.Cut(row, "\t")
	text, result, _ := strings.Cut(rest, "\t")
	return kind + "\t" + text, result
}

// numeralRows runs parseDate and numberValue on every input of the table.
func numeralRows() []string {
	var rows []string
	for _, s := range tabletest.Unique(dateInputs()) {
		iso, ok := parseDate(s)
		rows = append(rows, fmt.Sprintf("date\t%s\t%s\t%v", s, iso, ok))
	}
	for _, s := range tabletest.Unique(numberInputs()) {
		rows = append(rows, fmt.Sprintf("number\t%s\t%d", s, numberValue(s)))
	}
	return rows
}

// Ways of writing the parts of a date.
var (
	yearForms = []string{"2024", "２０２４", "二〇二四", "二○二四", "二零二四", "二O二四", "二o二四",
		"二Ｏ二四", "一九九八", "2023", "二〇二三", "0000", "〇〇〇一", "0001", "二〇二4", "9999", "2000", "二〇〇〇"}
	dayRunes = []rune("0123456789０１２３４５６７８９一二三四五六七八九十")
)

// dateInputs are date lines: every year form with a few days, every month
// and day from 0 to 40 in Arabic, full-width and Chinese numerals, dates
// that do not exist, random strings of the runes a month or day may hold,
// and lines that are no dates.
func dateInputs() []string {
	var in []string
	for _, y := range yearForms {
		in = append(in, y+"年3月5日", y+"年二月二十九日", y+"年十二月三十一日", y+"-02-29", y+".1.5")
	}
	for m := 0; m <= 13; m++ {
		for d := 0; d <= 40; d++ {
			in = append(in, fmt.Sprintf("2024年%d月%d日", m, d), fmt.Sprintf("2023年%02d月%02d日", m, d),
				"二〇二四年"+hanTens(m)+"月"+hanTens(d)+"日", "二〇二三年"+hanTens(m)+"月"+hanTens(d)+"日",
				"二〇二四年"+hanPairs(m)+"月"+hanPairs(d)+"日", fmt.Sprintf("２０２４年%s月%s日", wide(m), wide(d)))
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 1500 {
		in = append(in, "2024年"+tabletest.RandomString(r, dayRunes, 1, 3)+"月"+tabletest.RandomString(r, dayRunes, 1, 4)+"日")
	}
	return append(in, "2024年12月", "截至2024年12月31日", "2024年12月31日前完成", "", "2024 年 12 月 31 日",
		"2024/13/1", "2024-1-32", "二〇二四年一十月一十五日", "二〇二四年十一月十一日", "2024年0十5月1日", "2024年3月0十5日",
		"2024年3月十00日", "2024年3月2十1日", "2024年3月十2日", "2024年3月1二日", "2024年十十月1日", "二〇二四年百月一日")
}

// hanTens writes n as the reports do: 五, 十, 十五, 二十, 二十五; 〇 for 0.
func hanTens(n int) string {
	digits := []rune("〇一二三四五六七八九")
	switch {
	case n < 10:
		return string(digits[n])
	case n < 20:
		return "十" + strings.TrimPrefix(string(digits[n%10]), "〇")
	}
	return string(digits[n/10]) + "十" + strings.TrimPrefix(string(digits[n%10]), "〇")
}

// hanPairs writes n digit by digit: 一二 for 12.
func hanPairs(n int) string {
	digits := []rune("〇一二三四五六七八九")
	var b strings.Builder
	for _, c := range fmt.Sprint(n) {
		b.WriteRune(digits[c-'0'])
	}
	return b.String()
}

// wide writes n in full-width digits.
func wide(n int) string {
	return strings.Map(func(r rune) rune { return r - '0' + '０' }, fmt.Sprint(n))
}

// numberInputs are official numbers: every one or two runes of those a
// number may hold, in each style, and random ones of three and four.
func numberInputs() []string {
	runes := []rune(cnNumerals)
	var cores []string
	for _, a := range runes {
		cores = append(cores, string(a))
		for _, b := range runes {
			cores = append(cores, string([]rune{a, b}))
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 400 {
		cores = append(cores, tabletest.RandomString(r, runes, 3, 4))
	}
	cores = append(cores, "一〇百一", "零十一", "〇十二", "一百", "九十九", "一百零一")
	var in []string
	for _, c := range cores {
		in = append(in, numberStyles(c)...)
	}
	for n := range 121 {
		in = append(in, fmt.Sprintf("%d.", n), fmt.Sprintf("（%d）", n), fmt.Sprintf("%03d、", n), "（"+wide(n)+"）")
	}
	return in
}

// numberStyles writes the number c in each style: （c） c、 ( c ) c ．
func numberStyles(c string) []string {
	return []string{"（" + c + "）", c + "、", "( " + c + " )", c + " ．"}
}
