package metrics

import (
	"unicode"
)

// Generic vocabulary of the rules. What the figures are called lives in the
// catalog; how figures are tied to names is the same for every metric.

// fillers may stand between a name and its number: 满意率达到98%,
// 信访总量为1927件, 共计, 分别为.
var fillers = newWordSet(
	"分别为", "分别是", "分别达到", "分别达", "分别", "均为", "均达到", "均达", "均保持在", "均",
	"共计", "累计", "合计", "总计", "共有", "共", "达到", "达", "为", "是", "有", "了", "计",
	"始终保持在", "始终保持", "保持在", "保持", "稳定在", "维持在", "实现",
	"提高到", "提高至", "提升到", "提升至", "上升到", "上升至", "增加到", "增加至",
	"增长到", "增长至", "下降到", "下降至", "减少到", "减少至", "降至", "升至", "增至",
	"：", ":",
)

// changeFillers may stand inside a change: 同比分别下降了, 降幅为.
var changeFillers = newWordSet(
	"分别为", "分别", "均为", "均", "幅度为", "幅度达", "幅度", "了", "为", "达", "约",
)

// separators join the items of a list: 及时受理率、按期办结率.
var separators = newWordSet("、", "以及", "和", "及", "与")

// markers say what a change is measured against.
var markers = newWordSet(
	"同比", "环比", "与上年同期相比", "与去年同期相比", "与上年相比", "与去年相比",
	"较上年同期", "较去年同期", "比上年同期", "比去年同期", "较上一年度", "较上一年",
	"较上年度", "较上年", "较去年", "比上年度", "比上年", "比去年", "较同期", "比同期",
)

// falls and rises are the direction words of a change.
var (
	falls = newWordSet("下降", "减少", "降低", "下滑", "回落", "降幅", "减幅", "减", "降")
	rises = newWordSet("上升", "增长", "增加", "提高", "提升", "上涨", "增幅", "升幅", "攀升", "增", "升")
)

// partWords before a figure in its clause make it one day's figure or an
// average, never a total.
var partWords = newWordSet(
	"当日", "当天", "单日", "日均", "月均", "周均", "年均", "人均", "平均",
	"每日", "每天", "每月", "每周", "每季度", "每年", "每次", "每场",
	"上半年", "下半年", "季度", "当月",
)

// eachWords start a value list that applies to each name before it.
var eachWords = newWordSet("分别", "均")

// consumeAll reports whether rs is made only of spaces and words from ws.
func consumeAll(rs []rune, ws *wordSet) bool {
	for len(rs) > 0 {
		if isSpace(rs[0]) {
			rs = rs[1:]
			continue
		}
		w := ws.prefix(rs)
		if w == "" {
			return false
		}
		rs = rs[runeLen(w):]
	}
	return true
}

// isFiller reports whether rs may stand between a name and its number.
func isFiller(rs []rune) bool { return consumeAll(rs, fillers) }

// isValueSep reports whether rs separates the values of a list (98%、97%).
func isValueSep(rs []rune) bool {
	rs = trimSpaces(rs)
	return len(rs) > 0 && consumeAll(rs, separators) && runeLen(string(rs)) <= 2
}

// changeInfo is what analyzeChange found before a number.
type changeInfo struct {
	sign   int    // +1 rise, -1 fall, 0 no direction word
	labels []rune // the words before the marker (件次、人次)
}

// analyzeChange reads the text between a name (or the clause start) and a
// number as a change: [labels] [marker] [分别] [direction] [了/为], with a
// marker or a direction word or both. 提高到 (rise to) is not a change.
func analyzeChange(r []rune) (changeInfo, bool) {
	mk, mEnd := findMarker(r)
	from := 0
	if mk >= 0 {
		from = mEnd
	}
	dk, dEnd, sign := findDirection(r, from)
	switch {
	case mk < 0 && dk < 0:
		return changeInfo{}, false
	case dk < 0:
		if !consumeAll(r[mEnd:], changeFillers) {
			return changeInfo{}, false
		}
		return changeInfo{labels: trimSuffixes(r[:mk], "分别", "均")}, true
	}
	if mk >= 0 && !consumeAll(r[mEnd:dk], changeFillers) {
		return changeInfo{}, false
	}
	rest := r[dEnd:]
	if hasPrefix(rest, "到") || hasPrefix(rest, "至") || !consumeAll(rest, changeFillers) {
		return changeInfo{}, false
	}
	if mk < 0 {
		mk = dk
	}
	return changeInfo{sign: sign, labels: trimSuffixes(r[:mk], "分别", "均")}, true
}

// trimSuffixes removes any of the words ws from the end of r.
func trimSuffixes(r []rune, ws ...string) []rune {
	for _, w := range ws {
		n := runeLen(w)
		if len(r) >= n && string(r[len(r)-n:]) == w {
			return r[:len(r)-n]
		}
	}
	return r
}

// findMarker returns the first change marker in r: a word of markers, or
// 较/比/与 and a year (较2022年, 比2023年度同期, 与2023年相比).
func findMarker(r []rune) (start, end int) {
	for k := 0; k < len(r); k++ {
		if w := markers.prefix(r[k:]); w != "" {
			return k, k + runeLen(w)
		}
		if n := yearMarker(r[k:]); n > 0 {
			return k, k + n
		}
	}
	return -1, -1
}

// yearMarker returns the length of 较2022年(度)(同期)(相比) at the start
// of r, or 0.
func yearMarker(r []rune) int {
	if len(r) < 6 || !containsRune("较比与", r[0]) {
		return 0
	}
	for k := 1; k <= 4; k++ {
		if digitValue(r[k]) < 0 {
			return 0
		}
	}
	if r[5] != '年' {
		return 0
	}
	n := 6
	for _, w := range []string{"度", "同期", "相比", "比"} {
		if hasPrefix(r[n:], w) {
			n += runeLen(w)
		}
	}
	return n
}

// findWord returns the first occurrence of a word of ws in r[from:].
func findWord(r []rune, from int, ws *wordSet) (start, end int) {
	for k := from; k < len(r); k++ {
		if w := ws.prefix(r[k:]); w != "" {
			return k, k + runeLen(w)
		}
	}
	return -1, -1
}

// findDirection returns the first direction word in r[from:] and its sign.
func findDirection(r []rune, from int) (start, end, sign int) {
	for k := from; k < len(r); k++ {
		if w := falls.prefix(r[k:]); w != "" {
			return k, k + runeLen(w), -1
		}
		if w := rises.prefix(r[k:]); w != "" {
			return k, k + runeLen(w), 1
		}
	}
	return -1, -1, 0
}

// unitLabels reads labels such as 件次、人次 that name earlier figures by
// their measure words. No labels is fine; ok is false for other words.
func unitLabels(r []rune) (units []string, ok bool) {
	r = trimPunct(r)
	if len(r) == 0 {
		return nil, true
	}
	for _, item := range splitList(r) {
		u := measureSuffix(item)
		if u == "" || runeLen(string(item))-runeLen(u) > 4 {
			return nil, false
		}
		units = append(units, u)
	}
	return units, true
}

// measureSuffix returns the measure word item ends with, or "".
func measureSuffix(item []rune) string {
	for _, u := range measureWords.words {
		n := runeLen(u)
		if len(item) >= n && string(item[len(item)-n:]) == u {
			return u
		}
	}
	return ""
}

// splitList splits r at separators.
func splitList(r []rune) [][]rune {
	var out [][]rune
	start := 0
	for k := 0; k < len(r); {
		if w := separators.prefix(r[k:]); w != "" {
			out = append(out, trimSpaces(r[start:k]))
			k += runeLen(w)
			start = k
			continue
		}
		k++
	}
	return append(out, trimSpaces(r[start:]))
}

// trimPunct removes spaces, commas and list marks at both ends of r.
func trimPunct(r []rune) []rune {
	isP := func(c rune) bool { return isSpace(c) || containsRune("，,、：:", c) }
	for len(r) > 0 && isP(r[0]) {
		r = r[1:]
	}
	for len(r) > 0 && isP(r[len(r)-1]) {
		r = r[:len(r)-1]
	}
	return r
}

// listGap reads the text between two names of a list: separators, possibly
// with unknown rate names between them (、办理满意率、). It returns how many
// unknown names it holds.
func listGap(g []rune) (unknown int, ok bool) {
	g = trimSpaces(g)
	needSep := true
	for k := 0; k < len(g); {
		if w := separators.prefix(g[k:]); w != "" {
			k += runeLen(w)
			needSep = false
			continue
		}
		if needSep {
			return 0, false
		}
		j := k
		for j < len(g) && separators.prefix(g[j:]) == "" && unicode.Is(unicode.Han, g[j]) {
			j++
		}
		if j == k || j-k > 10 || !containsRune("率度", g[j-1]) {
			return 0, false
		}
		unknown++
		k, needSep = j, true
	}
	return unknown, len(g) > 0 && !needSep
}

// trailingUnknown reads names the catalog does not know at the start of g,
// each after a list mark (、参评率), and returns how many and the rest.
func trailingUnknown(g []rune) (int, []rune) {
	n := 0
	for {
		w := separators.prefix(g)
		if w == "" {
			return n, g
		}
		j := runeLen(w)
		for j < len(g) && separators.prefix(g[j:]) == "" && unicode.Is(unicode.Han, g[j]) {
			j++
		}
		if j == runeLen(w) || j-runeLen(w) > 10 || !containsRune("率度", g[j-1]) {
			return n, g
		}
		n, g = n+1, g[j:]
	}
}

// nounList reports whether g is a list continuing a name up to its number:
// 、网上投诉、网上建议和领导信箱 (then fillers).
func nounList(g []rune) bool {
	g = trimSpaces(g)
	if separators.prefix(g) == "" {
		return false
	}
	items := 0
	for k := 0; k < len(g); {
		if w := separators.prefix(g[k:]); w != "" {
			k += runeLen(w)
			j := k
			for j < len(g) && j-k <= 8 && separators.prefix(g[j:]) == "" && unicode.Is(unicode.Han, g[j]) {
				j++
			}
			if j == k || j-k > 8 {
				return false
			}
			items++
			k = j
			continue
		}
		return items > 0 && items <= 6 && isFiller(g[k:])
	}
	return items > 0 && items <= 6
}
