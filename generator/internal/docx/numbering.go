package docx

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
)

// lvl is one level of a list definition.
type lvl struct {
	Ilvl  string `xml:"ilvl,attr"`
	Start *val   `xml:"start"`
	Fmt   *val   `xml:"numFmt"`
	Text  *val   `xml:"lvlText"`
	IsLgl *val   `xml:"isLgl"`
}

// abstractNum is a list definition.
type abstractNum struct {
	ID     string `xml:"abstractNumId,attr"`
	Levels []lvl  `xml:"lvl"`
}

// num is a list instance: a definition with overrides.
type num struct {
	ID        string `xml:"numId,attr"`
	Abstract  *val   `xml:"abstractNumId"`
	Overrides []struct {
		Ilvl  string `xml:"ilvl,attr"`
		Start *val   `xml:"startOverride"`
		Lvl   *lvl   `xml:"lvl"`
	} `xml:"lvlOverride"`
}

// maxLevels is the number of list levels Word has.
const maxLevels = 9

// list is the resolved definition of one list instance and its counters.
type list struct {
	levels [maxLevels]lvl
	count  *[maxLevels]int // shared by instances of one definition without overrides
	seen   *[maxLevels]bool
}

// numbering holds the lists of numbering.xml.
type numbering struct {
	lists map[string]*list
}

// parseNumbering reads numbering.xml; nil data gives no lists.
func parseNumbering(data []byte) (*numbering, error) {
	n := &numbering{lists: map[string]*list{}}
	if data == nil {
		return n, nil
	}
	var doc struct {
		Abstract []abstractNum `xml:"abstractNum"`
		Nums     []num         `xml:"num"`
	}
	if err := xml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		return nil, err
	}
	abstract := map[string]*abstractNum{}
	for i := range doc.Abstract {
		abstract[doc.Abstract[i].ID] = &doc.Abstract[i]
	}
	shared := map[string]*list{} // counters per definition
	for _, nm := range doc.Nums {
		a := abstract[nm.Abstract.get("")]
		if a == nil {
			continue
		}
		l := &list{}
		for _, v := range a.Levels {
			if i, err := strconv.Atoi(v.Ilvl); err == nil && i >= 0 && i < maxLevels {
				l.levels[i] = v
			}
		}
		for _, o := range nm.Overrides {
			i, err := strconv.Atoi(o.Ilvl)
			if err != nil || i < 0 || i >= maxLevels {
				continue
			}
			if o.Lvl != nil {
				l.levels[i] = *o.Lvl
			}
			if o.Start != nil {
				l.levels[i].Start = o.Start
			}
		}
		if len(nm.Overrides) == 0 {
			if s := shared[a.ID]; s != nil {
				l.count, l.seen = s.count, s.seen
			} else {
				l.count, l.seen = new([maxLevels]int), new([maxLevels]bool)
				shared[a.ID] = l
			}
		} else {
			l.count, l.seen = new([maxLevels]int), new([maxLevels]bool)
		}
		n.lists[nm.ID] = l
	}
	return n, nil
}

// next counts one more paragraph at level ilvl of list id and returns its
// number as printed, e.g. "（二）"; "" for a bullet or an unknown list.
func (n *numbering) next(id string, ilvl int) string {
	l := n.lists[id]
	if l == nil || ilvl < 0 || ilvl >= maxLevels {
		return ""
	}
	if !l.seen[ilvl] {
		l.count[ilvl] = startOf(l.levels[ilvl])
		l.seen[ilvl] = true
	} else {
		l.count[ilvl]++
	}
	for i := ilvl + 1; i < maxLevels; i++ {
		l.seen[i] = false
	}
	format := l.levels[ilvl].Fmt.get("decimal")
	if format == "bullet" || format == "none" {
		return ""
	}
	text := l.levels[ilvl].Text.get("")
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if text[i] == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			k := int(text[i+1] - '1')
			c := l.count[k]
			if !l.seen[k] {
				c = startOf(l.levels[k])
			}
			f := l.levels[k].Fmt.get("decimal")
			if l.levels[ilvl].IsLgl.on() {
				f = "decimal"
			}
			b.WriteString(formatNumber(c, f))
			i++
			continue
		}
		b.WriteByte(text[i])
	}
	return b.String()
}

// startOf returns the first number of a level: w:start, by default 1.
func startOf(v lvl) int {
	n, err := strconv.Atoi(v.Start.get("1"))
	if err != nil {
		return 1
	}
	return n
}

// formatNumber writes n in the w:numFmt format.
func formatNumber(n int, format string) string {
	switch format {
	case "chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand", "ideographDigital":
		if format == "chineseLegalSimplified" {
			return chineseNumber(n, []rune("零壹贰叁肆伍陆柒捌玖"), "拾", "佰", "零")
		}
		return chineseNumber(n, []rune("〇一二三四五六七八九"), "十", "百", "零")
	case "ideographTraditional":
		return cycle(n, []rune("甲乙丙丁戊己庚辛壬癸"))
	case "ideographZodiac":
		return cycle(n, []rune("子丑寅卯辰巳午未申酉戌亥"))
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
	case "decimalFullWidth", "decimalFullWidth2":
		return strings.Map(func(r rune) rune { return r - '0' + '０' }, strconv.Itoa(n))
	case "decimalZero":
		if n >= 0 && n < 10 {
			return "0" + strconv.Itoa(n)
		}
	case "lowerLetter", "upperLetter":
		if n >= 1 && n <= 26*10 {
			s := strings.Repeat(string(rune('a'+(n-1)%26)), (n-1)/26+1)
			if format == "upperLetter" {
				s = strings.ToUpper(s)
			}
			return s
		}
	case "lowerRoman", "upperRoman":
		if n >= 1 && n < 4000 {
			s := roman(n)
			if format == "lowerRoman" {
				s = strings.ToLower(s)
			}
			return s
		}
	}
	return strconv.Itoa(n)
}

// chineseNumber writes 0 ≤ n < 1000 in Chinese numerals: 十一, 二十, 一百零五;
// zero is the inner zero (零), digits[0] a zero alone (〇).
func chineseNumber(n int, digits []rune, ten, hundred, zero string) string {
	if n < 0 || n >= 1000 {
		return strconv.Itoa(n)
	}
	if n < 10 {
		return string(digits[n])
	}
	var b strings.Builder
	h, t, u := n/100, n/10%10, n%10
	if h > 0 {
		b.WriteString(string(digits[h]) + hundred)
		if t == 0 && u > 0 {
			b.WriteString(zero)
		}
	}
	if t > 0 {
		if t > 1 || h > 0 {
			b.WriteRune(digits[t])
		}
		b.WriteString(ten)
	}
	if u > 0 {
		b.WriteRune(digits[u])
	}
	return b.String()
}

// cycle writes n ≥ 1 as the nth symbol, wrapping around.
func cycle(n int, symbols []rune) string {
	if n < 1 {
		return strconv.Itoa(n)
	}
	return string(symbols[(n-1)%len(symbols)])
}

// roman writes 1 ≤ n < 4000 in Roman numerals.
func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
