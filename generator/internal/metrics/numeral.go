package metrics

// Chinese numerals: 六, 两, 十二, 一百二十三, 三千五 (3500), 一万二 (12000),
// 二〇二四 (digit by digit), and 百余/千余 (about 100/1000).

// hanDigit returns the value of a Chinese digit (〇零一二两…九), or -1.
func hanDigit(r rune) int {
	switch r {
	case '〇', '零':
		return 0
	case '一':
		return 1
	case '二', '两':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	}
	return -1
}

// hanUnit returns the value of 十/百/千/万/亿, or 0.
func hanUnit(r rune) float64 {
	switch r {
	case '十':
		return 10
	case '百':
		return 100
	case '千':
		return 1000
	case '万':
		return 1e4
	case '亿':
		return 1e8
	}
	return 0
}

// isHanNumeral reports whether r is a Chinese digit or unit.
func isHanNumeral(r rune) bool { return hanDigit(r) >= 0 || hanUnit(r) > 0 }

// scanHan reads a Chinese numeral at the start of rs and returns its value
// and the runes consumed (0 if rs does not start with one).
func scanHan(rs []rune) (float64, int) {
	end := 0
	for end < len(rs) && end < maxNumberRunes && isHanNumeral(rs[end]) {
		end++
	}
	if end == 0 {
		return 0, 0
	}
	run := rs[:end]
	first := run[0]
	if hanDigit(first) < 0 && first != '十' {
		// 百余人, 千余份: a bare unit only counts when "odd" follows.
		if u := hanUnit(first); u >= 100 && u <= 1e4 && end < len(rs) && isAboutRune(rs, end) {
			return u, 1
		}
		return 0, 0
	}
	if !hasHanUnit(run) {
		return hanDigits(run)
	}
	return hanUnits(run)
}

// hasHanUnit reports whether run contains 十/百/千/万/亿.
func hasHanUnit(run []rune) bool {
	for _, r := range run {
		if hanUnit(r) > 0 {
			return true
		}
	}
	return false
}

// hanDigits reads digits without units: one digit, or a digit-by-digit
// number of three or more digits or with 〇/零 (二〇二四). Two plain digits
// (三四次) are a range, not a number, and read as nothing.
func hanDigits(run []rune) (float64, int) {
	if len(run) == 1 {
		return float64(hanDigit(run[0])), 1
	}
	zero := false
	for _, r := range run {
		zero = zero || r == '〇' || r == '零'
	}
	if len(run) == 2 && !zero {
		return 0, 0
	}
	v := 0.0
	for _, r := range run {
		v = v*10 + float64(hanDigit(r))
	}
	return v, len(run)
}

// hanState accumulates a Chinese numeral with units.
type hanState struct {
	total, section, num float64
	haveNum, afterZero  bool
	lastUnit, bigUnit   float64 // last 十/百/千 of the section; last 万/亿
}

// hanUnits reads a numeral with units, stopping before the first rune that
// would make it malformed (十十, 百千).
func hanUnits(run []rune) (float64, int) {
	var st hanState
	i := 0
	for ; i < len(run); i++ {
		if !st.step(run[i]) {
			break
		}
	}
	return st.value(), i
}

// step adds one rune; it returns false if the rune cannot continue.
func (st *hanState) step(r rune) bool {
	if d := hanDigit(r); d >= 0 {
		return st.digit(d)
	}
	u := hanUnit(r)
	if u >= 1e4 {
		return st.big(u)
	}
	return st.small(u)
}

func (st *hanState) digit(d int) bool {
	if st.haveNum {
		return false
	}
	if d == 0 {
		st.afterZero = true
		return true
	}
	st.num, st.haveNum = float64(d), true
	return true
}

func (st *hanState) small(u float64) bool {
	if st.lastUnit != 0 && u >= st.lastUnit {
		return false
	}
	if !st.haveNum {
		if u != 10 || st.section != 0 || st.afterZero && st.total == 0 {
			return false
		}
		st.num = 1
	}
	st.section += st.num * u
	st.num, st.haveNum, st.afterZero, st.lastUnit = 0, false, false, u
	return true
}

func (st *hanState) big(u float64) bool {
	if st.bigUnit != 0 && u >= st.bigUnit {
		return false
	}
	st.section += st.num
	if st.section == 0 {
		return false
	}
	if u > 1e4 {
		st.total = (st.total + st.section) * u
	} else {
		st.total += st.section * u
	}
	st.section, st.num, st.haveNum, st.afterZero = 0, 0, false, false
	st.lastUnit, st.bigUnit = 0, u
	return true
}

// value finishes the numeral: a digit right after a unit is one unit lower
// (三千五 = 3500, 一万二 = 12000).
func (st *hanState) value() float64 {
	if st.haveNum && !st.afterZero {
		switch {
		case st.lastUnit > 0:
			return st.total + st.section + st.num*st.lastUnit/10
		case st.bigUnit > 0:
			return st.total + st.section + st.num*st.bigUnit/10
		}
	}
	return st.total + st.section + st.num
}
