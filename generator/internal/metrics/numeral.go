package metrics

import "portal/generator/internal/numeral"

// Chinese numerals (六, 两, 十二, 一百二十三, 三千五 = 3500, 一万二 = 12000,
// 二〇二四 digit by digit) are read by package numeral; this file adds
// 百余/千余 (about 100/1000).

// digitValue returns the value of an ASCII or full-width digit, or -1.
func digitValue(r rune) int { return numeral.Arabic(r) }

// hanDigit returns the value of a Chinese digit (〇零一二两…九), or -1.
func hanDigit(r rune) int { return numeral.Digit(r) }

// isHanNumeral reports whether r is a Chinese digit or unit.
func isHanNumeral(r rune) bool { return numeral.IsHan(r) }

// scanHan reads a Chinese numeral at the start of rs and returns its value
// and the runes consumed (0 if rs does not start with one).
func scanHan(rs []rune) (float64, int) {
	if v, w := numeral.Prose.Scan(rs); w > 0 {
		return v, w
	}
	// 百余人, 千余份: a bare unit only counts when "odd" follows.
	end := numeral.Prose.Run(rs)
	if end > 0 && end < len(rs) && isAboutRune(rs, end) {
		if u := numeral.Unit(rs[0]); u >= 100 && u <= 1e4 {
			return u, 1
		}
	}
	return 0, 0
}
