package docx

import (
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
	ID     string
	levels [maxLevels]lvl
	// numStyleLink names the numbering style whose list definition this
	// one uses instead of its own levels.
	numStyleLink *val
}

// override is a w:lvlOverride of a list instance.
type override struct {
	Ilvl  string `xml:"ilvl,attr"`
	Start *val   `xml:"startOverride"`
	Lvl   *lvl   `xml:"lvl"`
}

// num is a list instance: a definition with overrides, the last of each
// level's.
type num struct {
	ID       string
	abstract *val
	levels   [maxLevels]*lvl
	starts   [maxLevels]*val
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

// parseNumbering reads numbering.xml from d, at most MaxLists
// definitions and instances; a nil d gives no lists. st gives the
// numbering styles a definition may link to.
func parseNumbering(d *xml.Decoder, st styles) (*numbering, error) {
	n := &numbering{lists: map[string]*list{}}
	if d == nil {
		return n, nil
	}
	abstract := map[string]*abstractNum{}
	var order []*num
	count := 0
	err := elements(d, func(e xml.StartElement) error {
		if e.Name.Local != "abstractNum" && e.Name.Local != "num" {
			return d.Skip()
		}
		if count++; count > MaxLists {
			return overLimit("more than %d lists (w:abstractNum and w:num)", MaxLists)
		}
		if e.Name.Local == "num" {
			nm, err := readNum(d, e)
			order = append(order, nm)
			return err
		}
		a, err := readAbstractNum(d, e)
		abstract[a.ID] = a
		return err
	})
	if err != nil {
		return nil, err
	}
	nums := map[string]*num{}
	for _, nm := range order {
		nums[nm.ID] = nm
	}
	shared := map[string]*counters{} // by definition
	for _, nm := range order {
		a := resolveAbstract(abstract[nm.abstract.get("")], abstract, nums, st)
		if a == nil {
			continue
		}
		if shared[a.ID] == nil {
			shared[a.ID] = &counters{}
		}
		n.lists[nm.ID] = newList(a, nm, shared[a.ID])
	}
	return n, nil
}

// levelIndex returns the level a w:ilvl attribute gives, and whether it is
// one of Word's levels.
func levelIndex(ilvl string) (int, bool) {
	i, err := strconv.Atoi(ilvl)
	return i, err == nil && i >= 0 && i < maxLevels
}

// readAbstractNum reads a w:abstractNum after its start tag e, up to its
// end tag: of its levels, the last of each of Word's nine.
func readAbstractNum(d *xml.Decoder, e xml.StartElement) (*abstractNum, error) {
	a := &abstractNum{ID: attr(e, "abstractNumId")}
	err := children(d, func(c xml.StartElement) error {
		switch c.Name.Local {
		case "lvl":
			var v lvl
			if err := d.DecodeElement(&v, &c); err != nil {
				return err
			}
			if i, ok := levelIndex(v.Ilvl); ok {
				a.levels[i] = v
			}
			return nil
		case "numStyleLink":
			a.numStyleLink = &val{}
			return d.DecodeElement(a.numStyleLink, &c)
		}
		return d.Skip()
	})
	return a, err
}

// readNum reads a w:num after its start tag e, up to its end tag.
func readNum(d *xml.Decoder, e xml.StartElement) (*num, error) {
	nm := &num{ID: attr(e, "numId")}
	err := children(d, func(c xml.StartElement) error {
		switch c.Name.Local {
		case "abstractNumId":
			nm.abstract = &val{}
			return d.DecodeElement(nm.abstract, &c)
		case "lvlOverride":
			var o override
			if err := d.DecodeElement(&o, &c); err != nil {
				return err
			}
			if i, ok := levelIndex(o.Ilvl); ok {
				nm.levels[i] = cmpPtr(o.Lvl, nm.levels[i])
				nm.starts[i] = cmpVal(o.Start, nm.starts[i])
			}
			return nil
		}
		return d.Skip()
	})
	return nm, err
}

// cmpPtr returns a, or b when a is nil.
func cmpPtr[T any](a, b *T) *T {
	if a != nil {
		return a
	}
	return b
}

// children calls each on every child element of the element whose start
// tag was just read, after the child's start tag, up to the element's
// end tag; each must read the child up to its end tag.
func children(d *xml.Decoder, each func(xml.StartElement) error) error {
	for {
		tok, err := d.Token()
		if err != nil {
			return eof(err)
		}
		switch e := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if err := each(e); err != nil {
				return err
			}
		}
	}
}

// resolveAbstract follows a definition's w:numStyleLink to the numbering
// style, its list instance and that instance's definition, which holds the
// levels; nil if a link leads nowhere.
func resolveAbstract(a *abstractNum, abstract map[string]*abstractNum, nums map[string]*num, st styles) *abstractNum {
	for range maxStyleChain {
		if a == nil || a.numStyleLink == nil {
			return a
		}
		nm := nums[st.numbering[a.numStyleLink.get("")]]
		if nm == nil {
			return nil
		}
		a = abstract[nm.abstract.get("")]
	}
	return nil
}

// newList makes the list of instance nm of definition a.
func newList(a *abstractNum, nm *num, c *counters) *list {
	l := &list{c: c, levels: a.levels}
	for i := range maxLevels {
		if nm.levels[i] != nil { // a new format; its w:start counts only at restarts
			l.levels[i] = *nm.levels[i]
		}
		if nm.starts[i] != nil {
			s := startOf(lvl{Start: nm.starts[i]})
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
