package docx

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
)

// lvl is one level of a list definition.
type lvl struct {
	Ilvl    string `xml:"ilvl,attr"`
	Start   *val   `xml:"start"`
	Fmt     *val   `xml:"numFmt"`
	Text    *val   `xml:"lvlText"`
	IsLgl   *val   `xml:"isLgl"`
	Restart *val   `xml:"lvlRestart"`
}

// abstractNum is a list definition.
type abstractNum struct {
	ID     string `xml:"abstractNumId,attr"`
	Levels []lvl  `xml:"lvl"`
	// NumStyleLink names the numbering style whose list definition this
	// one uses instead of its own levels.
	NumStyleLink *val `xml:"numStyleLink"`
}

// override is a w:lvlOverride of a list instance.
type override struct {
	Ilvl  string `xml:"ilvl,attr"`
	Start *val   `xml:"startOverride"`
	Lvl   *lvl   `xml:"lvl"`
}

// num is a list instance: a definition with overrides.
type num struct {
	ID        string     `xml:"numId,attr"`
	Abstract  *val       `xml:"abstractNumId"`
	Overrides []override `xml:"lvlOverride"`
}

// maxLevels is the number of list levels Word has.
const maxLevels = 9

// counters are the current numbers of the levels of a list definition.
type counters struct {
	count [maxLevels]int
	seen  [maxLevels]bool // false: the level starts again at its next use
}

// list is the resolved definition of one list instance. All the instances
// of one definition count together, as in Word: numbering goes on from one
// w:num to another, unless an instance overrides a level's start, which
// restarts that level the first time the instance numbers a paragraph at
// that level.
type list struct {
	levels  [maxLevels]lvl
	c       *counters
	restart [maxLevels]*int // start overrides not yet applied
}

// numbering holds the lists of numbering.xml.
type numbering struct {
	lists map[string]*list
}

// numberingXML is the part of numbering.xml Read uses.
type numberingXML struct {
	Abstract []abstractNum `xml:"abstractNum"`
	Nums     []num         `xml:"num"`
}

// parseNumbering reads numbering.xml; nil data gives no lists. st gives
// the numbering styles a definition may link to.
func parseNumbering(data []byte, st styles) (*numbering, error) {
	n := &numbering{lists: map[string]*list{}}
	if data == nil {
		return n, nil
	}
	var doc numberingXML
	if err := xml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		return nil, err
	}
	abstract := map[string]*abstractNum{}
	for i := range doc.Abstract {
		abstract[doc.Abstract[i].ID] = &doc.Abstract[i]
	}
	nums := map[string]*num{}
	for i := range doc.Nums {
		nums[doc.Nums[i].ID] = &doc.Nums[i]
	}
	shared := map[string]*counters{} // by definition
	for _, nm := range doc.Nums {
		a := resolveAbstract(abstract[nm.Abstract.get("")], abstract, nums, st)
		if a == nil {
			continue
		}
		if shared[a.ID] == nil {
			shared[a.ID] = &counters{}
		}
		n.lists[nm.ID] = newList(a, nm.Overrides, shared[a.ID])
	}
	return n, nil
}

// resolveAbstract follows a definition's w:numStyleLink to the numbering
// style, its list instance and that instance's definition, which holds the
// levels; nil if a link leads nowhere.
func resolveAbstract(a *abstractNum, abstract map[string]*abstractNum, nums map[string]*num, st styles) *abstractNum {
	for range maxStyleChain {
		if a == nil || a.NumStyleLink == nil {
			return a
		}
		nm := nums[st.numbering[a.NumStyleLink.get("")]]
		if nm == nil {
			return nil
		}
		a = abstract[nm.Abstract.get("")]
	}
	return nil
}

// newList makes the list of an instance of definition a with its overrides.
func newList(a *abstractNum, overrides []override, c *counters) *list {
	l := &list{c: c}
	for _, v := range a.Levels {
		if i, err := strconv.Atoi(v.Ilvl); err == nil && i >= 0 && i < maxLevels {
			l.levels[i] = v
		}
	}
	for _, o := range overrides {
		i, err := strconv.Atoi(o.Ilvl)
		if err != nil || i < 0 || i >= maxLevels {
			continue
		}
		if o.Lvl != nil { // a new format; its w:start counts only at restarts
			l.levels[i] = *o.Lvl
		}
		if o.Start != nil {
			s := startOf(lvl{Start: o.Start})
			l.restart[i] = &s
		}
	}
	return l
}

// next counts one more paragraph at level ilvl of list id and returns its
// number as printed, e.g. "（二）"; "" for a bullet or an unknown list.
func (n *numbering) next(id string, ilvl int) string {
	l := n.lists[id]
	if l == nil || ilvl < 0 || ilvl >= maxLevels {
		return ""
	}
	l.count(ilvl)
	format := l.levels[ilvl].Fmt.get("decimal")
	if format == "bullet" || format == "none" {
		return ""
	}
	return l.render(ilvl)
}

// count advances level ilvl and starts again the lower levels that restart
// after it (all of them, unless w:lvlRestart says otherwise).
func (l *list) count(ilvl int) {
	c := l.c
	switch {
	case l.restart[ilvl] != nil:
		c.count[ilvl] = *l.restart[ilvl]
		l.restart[ilvl] = nil
	case !c.seen[ilvl]:
		c.count[ilvl] = startOf(l.levels[ilvl])
	default:
		c.count[ilvl]++
	}
	c.seen[ilvl] = true
	for i := ilvl + 1; i < maxLevels; i++ {
		if restartsAfter(l.levels[i], ilvl) {
			c.seen[i] = false
		}
	}
}

// restartsAfter reports whether a level starts again after a paragraph at
// level ilvl (0-based): w:lvlRestart n restarts it after levels 1..n
// (1-based) only, 0 never; without it, after any higher level.
func restartsAfter(v lvl, ilvl int) bool {
	if v.Restart == nil {
		return true
	}
	n, err := strconv.Atoi(v.Restart.get(""))
	if err != nil {
		return true
	}
	return ilvl < n
}

// render writes the number of level ilvl with w:lvlText: %1 … %9 are the
// current numbers of levels 1 … 9.
func (l *list) render(ilvl int) string {
	text := l.levels[ilvl].Text.get("")
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if text[i] == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			k := int(text[i+1] - '1')
			c := l.c.count[k]
			if !l.c.seen[k] {
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
