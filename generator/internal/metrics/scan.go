package metrics

import "strings"

// tok is a number with its measure word (or % sign) in a sentence: a
// figure, before the rules tie it to metrics.
type tok struct {
	start, end int // rune offsets in the passage: number, unit and qualifier
	num        Number
	unit       string // measure word; "%" for a percentage
	han        bool   // written in Chinese numerals
	paren      bool   // inside parentheses: an aside (初件47件)
	sub        bool   // a part (其中…), one day's figure or an average
	plan       bool   // in the plan part of the sentence
	change     bool   // a change (同比下降…), not a level
	sign       int    // of a change: +1 rise, -1 fall, 0 no direction word
	ties       []tie  // the metrics it is a value of (several for 三率…100%)
	clause     int
}

// tie says that a figure is a value of a metric, and by which rule.
type tie struct {
	metric int          // catalog index
	rule   string       // see rules.go
	via    *phraseMatch // the name it was tied by, if any
}

// tied reports whether t is a value of some metric.
func (t *tok) tied() bool { return len(t.ties) > 0 }

// neighbourBad are runes that make a number part of something else when
// they touch it: 1+10+N, 0398-1234567, 12·4, 2020/2021, 3.2.1.
const neighbourBad = "+-－—–~～/／×*.．·#＃_@&%"

// hanBadPrev are runes that make a Chinese numeral an ordinal or part of a
// word: 第一, 每一次, 统一, 唯一, 逐一, 数十.
const hanBadPrev = "第每前逐这那哪某任数几各同单唯统周星之初十百千万"

// scanTokens finds the figures of sentence rs[s:e], skipping phrase spans,
// and the places where a part of the year is named (3月, 近三年, 10日).
func scanTokens(rs []rune, s, e int, mask []uint8, phrases []phraseMatch) (toks []*tok, periods []int) {
	pi := 0
	for i := s; i < e; {
		for pi < len(phrases) && phrases[pi].end <= i {
			pi++
		}
		if pi < len(phrases) && phrases[pi].start <= i {
			i = phrases[pi].end
			continue
		}
		if !mayStartNumber(rs, s, i) {
			i++
			continue
		}
		t, period, next := readTok(rs, s, e, i, mask)
		if t != nil {
			toks = append(toks, t)
		}
		if period {
			periods = append(periods, i)
		}
		i = max(next, i+1)
	}
	return toks, periods
}

// mayStartNumber reports whether a number may start at rs[i].
func mayStartNumber(rs []rune, s, i int) bool {
	r := rs[i]
	if digitValue(r) >= 0 {
		return i == s || digitValue(rs[i-1]) < 0
	}
	if isHanNumeral(r) {
		return i == s || !isHanNumeral(rs[i-1])
	}
	switch r {
	case '超', '将', '大', '约', '近', '逾':
		return true
	}
	return false
}

// readTok reads the figure at rs[i:]; it returns nil if there is none,
// whether the number names a part of the year instead, and where scanning
// goes on.
func readTok(rs []rune, s, e, i int, mask []uint8) (*tok, bool, int) {
	n, w, ok := scanNumber(rs[i:min(e, i+maxNumberRunes)])
	if !ok {
		return nil, false, skipNumeralRun(rs, i, e)
	}
	j := i + w
	t := &tok{start: i, end: j, num: n, han: !hasDigit(rs[i:j])}
	if n.Percent {
		t.unit = "%"
	} else {
		u, uw, time := scanUnit(rs[j:e])
		if time || u == "" {
			period := time && isPeriod(u, n.Value) && mask[i-s]&maskName == 0 &&
				!hasPrefix(rs[j+uw:e], "内") && !hasPrefix(rs[j+uw:e], "以内")
			return nil, period, j + uw
		}
		t.unit, t.end = u, j+uw
		if q := tailQualifiers.prefix(rs[t.end:e]); q != "" {
			t.num.setQualifier(q)
			t.end += runeLen(q)
		}
	}
	if !validTok(rs, s, e, t, j, mask) {
		return nil, false, t.end
	}
	t.paren = mask[i-s]&maskParen != 0
	return t, false, t.end
}

// isPeriod reports whether a number with time word u names a part of the
// year or a span of years, so that figures after it in the clause are not
// the year's: 3月, 5月份, 16日, 一季度, 3个月, 近三年 (but not 2024年 or 一年,
// nor a deadline such as 10日内).
func isPeriod(u string, v float64) bool {
	switch u {
	case "月", "日", "号", "周", "个月", "季度":
		return true
	case "年":
		return v >= 2 && v < 100
	}
	return false
}

// skipNumeralRun returns the index after the Chinese numerals at rs[i:], so
// that 三四次 (a range) is not read again as 四次.
func skipNumeralRun(rs []rune, i, e int) int {
	j := i
	for j < e && isHanNumeral(rs[j]) {
		j++
	}
	return max(j, i+1)
}

// hasDigit reports whether rs holds an Arabic digit.
func hasDigit(rs []rune) bool {
	for _, r := range rs {
		if digitValue(r) >= 0 {
			return true
		}
	}
	return false
}

// validTok rejects numbers that are names, ordinals, ranges, phone numbers
// or parts of codes. numEnd is where the number (before its unit) ends.
func validTok(rs []rune, s, e int, t *tok, numEnd int, mask []uint8) bool {
	if masked(mask, s, t.start, t.end, maskName) {
		return false
	}
	var prev, next rune
	if t.start > s {
		prev = rs[t.start-1]
	}
	if numEnd < e {
		next = rs[numEnd]
	}
	if prev == '第' || touches(prev) || (t.end < e && gluedAfter(rs[t.end])) {
		return false
	}
	if !t.num.Percent && touches(next) {
		return false
	}
	if t.han && strings.ContainsRune(hanBadPrev, prev) {
		return false
	}
	return !inRange(rs, s, e, t) && !phoneLike(t)
}

// touches reports whether r glued to a number makes it part of a code.
func touches(r rune) bool {
	return r != 0 && (strings.ContainsRune(neighbourBad, r) || r < 128 && isASCIIAlnum(r))
}

// gluedAfter reports whether r right after a figure's unit makes it part of
// a code (3件/次, 5A级); a digit may follow (2026件2378人次).
func gluedAfter(r rune) bool {
	return r != '%' && strings.ContainsRune(neighbourBad, r) || r < 128 && isASCIIAlnum(r) && digitValue(r) < 0
}

// isASCIIAlnum reports whether r is an ASCII letter or digit.
func isASCIIAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

// inRange reports whether t is one end of a range (10至20人, 3到5次).
func inRange(rs []rune, s, e int, t *tok) bool {
	if t.end < e && strings.ContainsRune("至到", rs[t.end]) && t.end+1 < e && startsNumber(rs[t.end+1]) {
		return true
	}
	if t.start-2 < s || !strings.ContainsRune("至到", rs[t.start-1]) {
		return false
	}
	j := t.start - 2
	if !startsNumber(rs[j]) && rs[j] != '%' && j > s {
		j-- // 10人至20人: the unit of the first number
	}
	return startsNumber(rs[j]) || rs[j] == '%'
}

// startsNumber reports whether r is an Arabic or Chinese digit.
func startsNumber(r rune) bool { return digitValue(r) >= 0 || hanDigit(r) >= 0 }

// phoneLike reports whether t has seven or more integer digits and no
// multiplier: a telephone or serial number, not a count.
func phoneLike(t *tok) bool {
	digits := 0
	for _, r := range t.num.Text {
		if r == '.' || r == '．' || r == '万' || r == '亿' || r == '千' {
			return false
		}
		if digitValue(r) >= 0 {
			digits++
		}
	}
	return digits >= 7
}
