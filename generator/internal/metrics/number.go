package metrics

import (
	"strconv"
	"unicode/utf8"
)

// Number is a parsed figure.
type Number struct {
	Value     float64 // in base units: 3万余 → 30000; 163.35万 → 1633500
	Approx    bool    // 余/以上/超过/近/约/多/左右 ...
	Qualifier string  // the qualifier as written ("余", "以上", ...)
	Percent   bool
	Text      string // as written, e.g. "3万余"
}

// maxNumberRunes bounds how far a number may reach; longer digit strings are
// cut, which keeps parsing linear and values finite.
const maxNumberRunes = 48

// leadQualifiers come before a number and make it approximate.
var leadQualifiers = newWordSet("超过", "将近", "大约", "约", "近", "逾", "超")

// tailQualifiers follow a number (and its % sign) and make it approximate.
var tailQualifiers = newWordSet("以上", "左右", "上下", "以下", "之多")

// ParseNumber parses a number as these reports write it at the start of s:
// Arabic digits with decimals, full-width digits (１２３), thousands
// separators, 万/亿/千 multipliers, Chinese numerals (六, 两, 十二, 一百二十三,
// 二〇二四), leading and trailing qualifiers and %. It returns the number and
// the length in bytes consumed, ok=false if s does not start with a number.
func ParseNumber(s string) (n Number, size int, ok bool) {
	rs := make([]rune, 0, maxNumberRunes)
	for _, r := range s {
		if len(rs) == maxNumberRunes {
			break
		}
		rs = append(rs, r)
	}
	n, w, ok := scanNumber(rs)
	if !ok {
		return Number{}, 0, false
	}
	for i := 0; i < w; i++ {
		_, sz := utf8.DecodeRuneInString(s[size:])
		size += sz
	}
	n.Text = s[:size]
	return n, size, true
}

// scanNumber is ParseNumber on runes: it returns the number and the count
// of runes it consumed.
func scanNumber(rs []rune) (Number, int, bool) {
	var n Number
	i := 0
	if q := leadQualifiers.prefix(rs); q != "" {
		n.setQualifier(q)
		i += runeLen(q)
	}
	if hasPrefix(rs[i:], "百分之") {
		n.Percent = true
		i += 3
	}
	v, w, arabic := scanCore(rs[i:])
	if w == 0 {
		return Number{}, 0, false
	}
	i += w
	i += n.scanTail(rs, i, arabic, &v)
	n.Value = v
	n.Text = string(rs[:i])
	return n, i, true
}

// scanTail reads what may follow the digits: 余/多, a multiplier, %, and a
// trailing qualifier. It returns the runes consumed and scales *v.
func (n *Number) scanTail(rs []rune, i int, arabic bool, v *float64) int {
	start := i
	if i < len(rs) && isAboutRune(rs, i) {
		n.setQualifier(string(rs[i]))
		i++
	}
	if m, w := multiplier(rs[i:], arabic); w > 0 {
		*v *= m
		i += w
		if n.Qualifier == "" && i < len(rs) && isAboutRune(rs, i) {
			n.setQualifier(string(rs[i]))
			i++
		}
	}
	if !n.Percent && i < len(rs) && (rs[i] == '%' || rs[i] == '％') {
		n.Percent = true
		i++
	}
	if q := tailQualifiers.prefix(rs[i:]); q != "" {
		n.setQualifier(q)
		i += runeLen(q)
	}
	return i - start
}

// setQualifier marks the number approximate, keeping the first qualifier.
func (n *Number) setQualifier(q string) {
	n.Approx = true
	if n.Qualifier == "" {
		n.Qualifier = q
	}
}

// isAboutRune reports whether rs[i] is 余 or 多 used as "odd" (3万余, 100多),
// not the start of a word such as 多元化.
func isAboutRune(rs []rune, i int) bool {
	switch rs[i] {
	case '余':
		return true
	case '多':
		return !hasPrefix(rs[i+1:], "元化") && !hasPrefix(rs[i+1:], "样")
	}
	return false
}

// multiplier reads 万亿, 亿, 万 or (after Arabic digits) 千.
func multiplier(rs []rune, arabic bool) (float64, int) {
	switch {
	case hasPrefix(rs, "万亿"):
		return 1e12, 2
	case hasPrefix(rs, "亿"):
		return 1e8, 1
	case hasPrefix(rs, "万"):
		return 1e4, 1
	case arabic && hasPrefix(rs, "千"):
		return 1e3, 1
	}
	return 1, 0
}

// scanCore reads Arabic or Chinese digits. arabic tells which.
func scanCore(rs []rune) (v float64, w int, arabic bool) {
	if len(rs) > 0 && digitValue(rs[0]) >= 0 {
		v, w = scanArabic(rs)
		return v, w, true
	}
	v, w = scanHan(rs)
	return v, w, false
}

// scanArabic reads digits with optional thousands separators (1,234) and a
// decimal part (1.5, 1．5).
func scanArabic(rs []rune) (float64, int) {
	buf := make([]byte, 0, 24)
	i := digitsInto(rs, 0, &buf)
	if i <= 3 {
		for isThousandsGroup(rs, i) {
			i = digitsInto(rs, i+1, &buf)
		}
	}
	if i+1 < len(rs) && (rs[i] == '.' || rs[i] == '．') && digitValue(rs[i+1]) >= 0 {
		buf = append(buf, '.')
		i = digitsInto(rs, i+1, &buf)
	}
	v, err := strconv.ParseFloat(string(buf), 64)
	if err != nil {
		return 0, 0
	}
	return v, i
}

// digitsInto appends the ASCII form of the digits at rs[i:] to buf and
// returns the index after them.
func digitsInto(rs []rune, i int, buf *[]byte) int {
	for ; i < len(rs); i++ {
		d := digitValue(rs[i])
		if d < 0 {
			break
		}
		*buf = append(*buf, byte('0'+d))
	}
	return i
}

// isThousandsGroup reports whether rs[i:] is ",ddd" not followed by a digit.
func isThousandsGroup(rs []rune, i int) bool {
	if i+3 >= len(rs) || rs[i] != ',' {
		return false
	}
	for k := 1; k <= 3; k++ {
		if digitValue(rs[i+k]) < 0 {
			return false
		}
	}
	return i+4 == len(rs) || digitValue(rs[i+4]) < 0
}

// hasPrefix reports whether rs starts with the runes of p.
func hasPrefix(rs []rune, p string) bool {
	i := 0
	for _, r := range p {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return true
}

// runeLen is the number of runes in s.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
