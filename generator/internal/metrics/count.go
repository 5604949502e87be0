package metrics

import "unicode"

// tieCounts ties counts to the names before or after them.
func (x *sentence) tieCounts(idx []int) {
	for k := range idx {
		t := x.at(idx, k).t
		if !usable(t) || t.num.Percent {
			continue
		}
		if x.tieChain(idx, k) || x.tiePrev(idx, k) {
			continue
		}
		x.tieNext(idx, k)
	}
}

// tiePrev ties the count at idx[k] to the name before it: 信访总量1927件,
// or the head of a list, 来信来访、网上投诉和领导信箱47件.
func (x *sentence) tiePrev(idx []int, k int) bool {
	t := x.at(idx, k).t
	p, gap := x.prevElem(idx, k)
	if p < 0 || x.at(idx, p).ph == nil {
		return false
	}
	ph := x.at(idx, p).ph
	if x.hasSibling(idx, k) {
		return false // 信访总量分别为3000件、2500件: one name, several years
	}
	var rule string
	switch {
	case isFiller(gap):
		rule = "phrase-number-unit"
	case !t.han && nounList(gap):
		rule = "list-count"
	default:
		return false
	}
	m := x.c.pickCount(ph.metrics, t.unit, nil)
	if m < 0 {
		return false
	}
	t.tie(m, rule, ph)
	return true
}

// hasSibling reports whether the count at idx[k] is followed by another
// count of the same kind in a value list (3000件、2500件).
func (x *sentence) hasSibling(idx []int, k int) bool {
	t := x.at(idx, k).t
	n, gap := x.nextElem(idx, k)
	if n < 0 {
		return false
	}
	u := x.at(idx, n).t
	return u != nil && !u.num.Percent && isValueSep(gap) && sameMeasure(t.unit, u.unit)
}

// tieChain ties the second figure of 2026件2378人次 to the metric that shares
// the first one's name and fits its unit.
func (x *sentence) tieChain(idx []int, k int) bool {
	t := x.at(idx, k).t
	p, gap := x.prevElem(idx, k)
	if p < 0 || !chainGap(gap) {
		return false
	}
	prev := x.at(idx, p).t
	if prev == nil || !prev.tied() || prev.num.Percent || prev.ties[0].via == nil {
		return false
	}
	via := prev.ties[0].via
	used := x.chainMetrics(idx, p)
	m := x.c.pickCount(via.metrics, t.unit, used)
	if m < 0 {
		return false
	}
	t.tie(m, "paired-count", via)
	return true
}

// chainGap reports whether two figures are one chain (2026件2378人次,
// 1020件、3150人次).
func chainGap(g []rune) bool {
	g = trimSpaces(g)
	return len(g) == 0 || string(g) == "、"
}

// chainMetrics returns the metrics of the adjacent figures ending at idx[p].
func (x *sentence) chainMetrics(idx []int, p int) []int {
	var used []int
	for j := p; j >= 0; {
		t := x.at(idx, j).t
		if t == nil {
			break
		}
		for _, b := range t.ties {
			used = append(used, b.metric)
		}
		q, gap := x.prevElem(idx, j)
		if q < 0 || !chainGap(gap) {
			break
		}
		j = q
	}
	return used
}

// tieNext ties the count at idx[k] to the name right after it: 一年六次中心
// 组学法, 开展67场宣讲活动, 发放3万余份主题宣传资料.
func (x *sentence) tieNext(idx []int, k int) bool {
	t := x.at(idx, k).t
	n, gap := x.nextElem(idx, k)
	if n < 0 || x.at(idx, n).ph == nil || !modifierGap(gap, t.han) {
		return false
	}
	ph := x.at(idx, n).ph
	m := x.c.pickCount(ph.metrics, t.unit, nil)
	if m < 0 {
		return false
	}
	t.tie(m, "number-unit-phrase", ph)
	return true
}

// modifierGap reports whether g may stand between a count and the name
// after it: nothing, 的, or (after Arabic digits) a short modifier (主题).
func modifierGap(g []rune, han bool) bool {
	if len(g) == 0 || string(g) == "的" {
		return true
	}
	if han || len(g) > 4 {
		return false
	}
	for k, r := range g {
		if !unicode.Is(unicode.Han, r) || separators.prefix(g[k:]) != "" {
			return false
		}
	}
	return true
}
