package metrics

import "strings"

// Measure words. A figure is a number followed by one of these (or a %
// sign); a number followed by a time word is a date or a duration and never a
// figure. Longer words come first so that 人次 wins over 人.
var measureWords = newWordSet(
	"个百分点", "百分点", "平方米", "公里",
	"人次", "件次", "场次", "户次", "批次", "份次", "家次", "项次",
	"人", "名", "位", "件", "起", "宗", "例", "次", "场", "期", "轮",
	"份", "册", "本", "张", "套", "个", "项", "条", "批", "家", "户",
	"所", "处", "篇", "部", "台", "辆", "元", "亩", "吨", "米", "倍",
)

// timeWords follow numbers that are dates, durations or serial numbers.
var timeWords = newWordSet(
	"个工作日", "个小时", "个月", "工作日", "小时", "分钟", "周年", "季度", "年", "月",
	"日", "天", "周", "秒", "时", "号", "届", "岁", "点",
)

// badFollowers are words that turn a measure word into something else:
// 一次性, 期间, 人民, 场所.
var badFollowers = map[string][]string{
	"次": {"性"},
	"期": {"间", "限", "内"},
	"人": {"民", "员", "大", "社"},
	"场": {"所", "景", "合"},
	"名": {"单", "义", "称"},
	"位": {"于", "置"},
	"部": {"门", "署", "分"},
	"条": {"例", "件"},
	"本": {"单", "级", "部", "地", "次"},
}

// unitGroups are measure words close enough to count the same things.
var unitGroups = [][]string{
	{"件", "件次", "起", "宗", "例"},
	{"次", "场", "场次", "期", "轮"},
	{"份", "份次", "册", "本", "张", "套"},
	{"人次", "人", "名", "位"},
	{"户", "户次", "家", "家次"},
}

// scanUnit reads the measure word at the start of rs, after optional
// spaces. It returns the word, the runes consumed, and time=true if the
// number is a date or duration instead.
func scanUnit(rs []rune) (unit string, w int, time bool) {
	for w < len(rs) && w < 2 && isSpace(rs[w]) {
		w++
	}
	if t := timeWords.prefix(rs[w:]); t != "" {
		return t, w + runeLen(t), true
	}
	u := measureWords.prefix(rs[w:])
	if u == "" {
		return "", 0, false
	}
	after := rs[w+runeLen(u):]
	for _, f := range badFollowers[u] {
		if hasPrefix(after, f) {
			return "", 0, false
		}
	}
	return u, w + runeLen(u), false
}

// groupOf returns the index of u's group in unitGroups, or -1.
func groupOf(u string) int {
	for i, g := range unitGroups {
		for _, x := range g {
			if x == u {
				return i
			}
		}
	}
	return -1
}

// metricScale splits a metric's unit into the base unit figures are counted
// in and the factor: 万元 → 元, 1e4; 件 → 件, 1.
func metricScale(unit string) (base string, factor float64) {
	for _, p := range []struct {
		prefix string
		f      float64
	}{{"亿", 1e8}, {"万", 1e4}, {"千", 1e3}} {
		if rest, ok := strings.CutPrefix(unit, p.prefix); ok && rest != "" {
			return rest, p.f
		}
	}
	return unit, 1
}

// compatible reports whether a count written with measure word fig may be a
// value of a metric whose unit is metricUnit.
func compatible(metricUnit, fig string) bool {
	base, _ := metricScale(metricUnit)
	if base == fig {
		return true
	}
	g := groupOf(base)
	return g >= 0 && g == groupOf(fig)
}

// isSpace reports whether r is a space of either width.
func isSpace(r rune) bool {
	return r == ' ' || r == '\u3000' || r == '\t' || r == '\u00a0'
}
