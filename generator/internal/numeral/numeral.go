// Package numeral reads Chinese numerals as the reports write them: digit
// by digit (二〇二四), with units (十二, 一百零五, 三千五 = 3500, 一万二 =
// 12000, 两亿), and in dates and heading numbers mixed with Arabic digits
// (二○二四年, ２０二四年). It is the one reader behind the figures of package
// metrics and the dates and heading numbers of package document.
package numeral

// MaxRunes is the longest run of numeral runes read; what follows is cut,
// which keeps values finite.
const MaxRunes = 48

// maxInt bounds what Int returns: below it a float64 holds every integer.
const maxInt = 1e15

// Syntax says which digits a numeral may use and how two bare digits read.
type Syntax struct {
	// Loose also takes Arabic digits, ASCII and full-width, and the zero
	// look-alikes ○ O o Ｏ, mixed with Chinese ones, as in dates typed by
	// hand (二○二四, 二〇二4).
	Loose bool
	// Pairs reads two digits without a zero as a number (一二 = 12);
	// otherwise they are a range (三四次, three or four times) and no number.
	Pairs bool
}

var (
	// Prose reads the figures of running text: Chinese digits only, and
	// two bare digits are a range.
	Prose = Syntax{}
	// Written reads dates and heading numbers: any digits, and two bare
	// digits are a number.
	Written = Syntax{Loose: true, Pairs: true}
)

// Digit returns the value of a Chinese digit (〇零一二两…九), or -1.
func Digit(r rune) int {
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

// Arabic returns the value of an ASCII or full-width digit, or -1.
func Arabic(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	return -1
}

// Unit returns the value of 十/百/千/万/亿, or 0.
func Unit(r rune) float64 {
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

// IsHan reports whether r is a Chinese digit or unit.
func IsHan(r rune) bool { return Digit(r) >= 0 || Unit(r) > 0 }

// digit returns the value of r as a digit of the syntax, or -1.
func (s Syntax) digit(r rune) int {
	if d := Digit(r); d >= 0 || !s.Loose {
		return d
	}
	switch r {
	case '○', 'O', 'o', 'Ｏ':
		return 0
	}
	return Arabic(r)
}

// Scan reads a numeral at the start of rs: a run of digits and units that
// starts with a digit or 十. It returns the value and the runes consumed,
// 0 if rs starts with no numeral. The numeral ends before the first rune
// that would make it malformed (十十, 百千).
func (s Syntax) Scan(rs []rune) (float64, int) {
	run := rs[:s.Run(rs)]
	if len(run) == 0 || s.digit(run[0]) < 0 && run[0] != '十' {
		return 0, 0
	}
	for _, r := range run {
		if Unit(r) > 0 {
			return s.units(run)
		}
	}
	return s.positional(run)
}

// Run returns the length of the run of digits and units at the start of
// rs, at most MaxRunes.
func (s Syntax) Run(rs []rune) int {
	end := 0
	for end < len(rs) && end < MaxRunes && (s.digit(rs[end]) >= 0 || Unit(rs[end]) > 0) {
		end++
	}
	return end
}

// Int reads str, all of it, as a numeral, and returns its value; false if
// str is anything else or the value is 10¹⁵ or more.
func (s Syntax) Int(str string) (int, bool) {
	var buf [MaxRunes]rune
	rs := buf[:0]
	for _, r := range str {
		if len(rs) == MaxRunes {
			return 0, false
		}
		rs = append(rs, r)
	}
	v, n := s.Scan(rs)
	if n == 0 || n < len(rs) || v >= maxInt {
		return 0, false
	}
	return int(v), true
}

// positional reads digits without units: one digit, or a number written
// digit by digit (二〇二四). Two digits without a zero read as nothing
// unless the syntax takes Pairs.
func (s Syntax) positional(run []rune) (float64, int) {
	zero := false
	v := 0.0
	for _, r := range run {
		d := s.digit(r)
		zero = zero || d == 0
		v = v*10 + float64(d)
	}
	if len(run) == 2 && !zero && !s.Pairs {
		return 0, 0
	}
	return v, len(run)
}

// units reads a numeral with units, stopping before the first rune that
// would make it malformed.
func (s Syntax) units(run []rune) (float64, int) {
	var st state
	i := 0
	for ; i < len(run); i++ {
		if !st.step(s, run[i]) {
			break
		}
	}
	return st.value(), i
}

// state accumulates a numeral with units.
type state struct {
	total, section, num float64
	haveNum, afterZero  bool
	lastUnit, bigUnit   float64 // last 十/百/千 of the section; last 万/亿
}

// step adds one rune, a digit of s or a unit; it returns false if the rune
// cannot continue.
func (st *state) step(s Syntax, r rune) bool {
	if d := s.digit(r); d >= 0 {
		return st.digit(d)
	}
	u := Unit(r)
	if u >= 1e4 {
		return st.big(u)
	}
	return st.small(u)
}

// digit adds a digit; it returns false if the digit cannot continue.
func (st *state) digit(d int) bool {
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

// small adds 十, 百 or 千, which must come in falling order in a section.
func (st *state) small(u float64) bool {
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

// big closes a section with 万 or 亿: 一万二千 = 12000, 三亿 = 3e8.
func (st *state) big(u float64) bool {
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
func (st *state) value() float64 {
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
