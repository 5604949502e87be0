package metrics

// The rules that tie a figure to a metric inside one clause. Each rule's
// name is recorded in Figure.Rule:
//
//	phrase-number-unit  名称 [filler] number unit   信访总量1927件, 满意率达98.44%
//	paired-count        … number unit number unit    2026件2378人次: the second by its unit
//	list-count          名称、X、Y number unit       来信来访、网上投诉和领导信箱47件
//	number-unit-phrase  number unit [的] 名称        一年六次中心组学法, 开展67场宣讲活动
//	shared-list         名称、名称 [均为] number%    及时受理率、按期办结率100%
//	paired-list         名称、名称 分别为 n%、m%
//	three-rates         N率（名称、名称…）number%    三率（…）100%: every rate named inside
//	phrase-change       名称 [同比] 下降 number%     信访总量同比下降20%
//	change-after-count  … number unit，同比下降 n%   the change of the count before it
//	change-pair         … n件m人次，同比分别下降 a%、b%
//	unit-labels-change  … n件m人次，件次、人次同比下降 a%、b%

// clauseElems returns the indices in x.elems of the elements of clause cl.
func (x *sentence) clauseElems(cl span) []int {
	var out []int
	for i, el := range x.elems {
		if el.start >= cl.start && el.start < cl.end {
			out = append(out, i)
		}
	}
	return out
}

// at returns the element idx[k].
func (x *sentence) at(idx []int, k int) elem { return x.elems[idx[k]] }

// prevElem returns the position in idx of the element before idx[k],
// skipping asides in parentheses unless the element is itself in one, or -1;
// and the text between them with parenthesised runes left out.
func (x *sentence) prevElem(idx []int, k int) (int, []rune) {
	cur := x.at(idx, k)
	from := -1
	for j := k - 1; j >= 0; j-- {
		if !x.at(idx, j).paren || cur.paren {
			from = j
			break
		}
	}
	start := x.clauseStart(cur.start)
	if from >= 0 {
		start = x.at(idx, from).end
	}
	return from, x.outsideParens(start, cur.start, cur.paren)
}

// nextElem returns the position in idx of the element after idx[k] outside
// parentheses, or -1, and the text between them.
func (x *sentence) nextElem(idx []int, k int) (int, []rune) {
	cur := x.at(idx, k)
	for j := k + 1; j < len(idx); j++ {
		if n := x.at(idx, j); !n.paren {
			return j, x.outsideParens(cur.end, n.start, false)
		}
	}
	return -1, nil
}

// clauseStart returns the start of the clause holding rune i.
func (x *sentence) clauseStart(i int) int {
	for _, cl := range x.clauses {
		if i >= cl.start && i < cl.end {
			return cl.start
		}
	}
	return x.s
}

// outsideParens returns rs[a:b] without quotation marks, leaving out runes
// inside parentheses unless keep is set.
func (x *sentence) outsideParens(a, b int, keep bool) []rune {
	out := make([]rune, 0, b-a)
	for i := a; i < b; i++ {
		if (keep || !x.inParen(i)) && !isQuoteMark(x.rs[i]) {
			out = append(out, x.rs[i])
		}
	}
	return out
}

// isQuoteMark reports whether r is a quotation mark.
func isQuoteMark(r rune) bool {
	switch r {
	case '“', '”', '‘', '’', '"', '「', '」', '『', '』':
		return true
	}
	return false
}

// readClause applies the rules to one clause: changes are found first, so
// that 同比下降9.15% is never taken for a rate, and tied to their bases last.
func (x *sentence) readClause(cl span) {
	idx := x.clauseElems(cl)
	x.markParts(cl, idx)
	groups := x.changeGroups(idx)
	x.tieRates(idx)
	x.tieCounts(idx)
	for _, g := range groups {
		x.tieChange(idx, g)
	}
}

// markParts marks figures after 当日/日均/每月/上半年/3月 … in their clause
// as parts.
func (x *sentence) markParts(cl span, idx []int) {
	at := cl.end
	for j := cl.start; j < cl.end; j++ {
		if x.mask[j-x.s]&maskName == 0 && partWords.prefix(x.rs[j:cl.end]) != "" {
			at = j
			break
		}
	}
	for _, p := range x.periods {
		if p < at && (p >= cl.start || x.leadPeriod(p)) {
			at = max(p, cl.start)
		}
	}
	for _, i := range idx {
		if t := x.elems[i].t; t != nil && t.start > at {
			t.sub = true
		}
	}
}

// leadPeriod reports whether the period named at rune p opens the sentence
// (2024年1至11月，…): its clause holds no figure, so it covers every clause
// after it.
func (x *sentence) leadPeriod(p int) bool {
	for _, cl := range x.clauses {
		if p < cl.start || p >= cl.end {
			continue
		}
		for _, t := range x.toks {
			if t.start >= cl.start && t.start < cl.end {
				return false
			}
		}
		return true
	}
	return false
}

// usable reports whether t may be tied to a metric at all.
func usable(t *tok) bool { return t != nil && !t.paren && !t.sub && !t.plan && !t.change && !t.tied() }

// tie records that t is a value of metric m.
func (t *tok) tie(m int, rule string, ph *phraseMatch) {
	for _, b := range t.ties {
		if b.metric == m {
			return
		}
	}
	t.ties = append(t.ties, tie{metric: m, rule: rule, via: ph})
}

// tieRates ties percentages to rate names, alone or in lists.
func (x *sentence) tieRates(idx []int) {
	for k := 0; k < len(idx); k++ {
		t := x.at(idx, k).t
		if !usable(t) || !t.num.Percent {
			continue
		}
		vals := x.valueRun(idx, k)
		x.tieRateRun(idx, k, vals)
		k += len(vals) - 1
	}
}

// valueRun returns the figures of the value list starting at idx[k]
// (98%、97%和96%): all percentages or all counts, separated by list marks.
func (x *sentence) valueRun(idx []int, k int) []*tok {
	first := x.at(idx, k).t
	run := []*tok{first}
	for j := k + 1; j < len(idx); j++ {
		t := x.at(idx, j).t
		prev := run[len(run)-1]
		if !usable(t) || t.num.Percent != first.num.Percent || !isValueSep(x.rs[prev.end:t.start]) {
			break
		}
		run = append(run, t)
	}
	return run
}

// tieRateRun ties the values vals (starting at idx[k]) to the rate names
// before them.
func (x *sentence) tieRateRun(idx []int, k int, vals []*tok) {
	items, rule := x.groupItems(idx, k)
	if items == nil {
		p, gap := x.prevElem(idx, k)
		unknown, rest := trailingUnknown(gap)
		if p < 0 || x.at(idx, p).ph == nil || !isFiller(rest) {
			return
		}
		items, _ = x.listBack(idx, p)
		items = append(items, make([]*phraseMatch, unknown)...)
		rule = "phrase-number-unit"
		if len(items) > 1 {
			rule = "shared-list"
		}
	}
	x.assignRates(items, vals, rule)
}

// assignRates gives each value its rate: one value for every name, or one
// value shared by all names. Names the catalog does not know (nil) count
// when values are paired but are given nothing.
func (x *sentence) assignRates(items []*phraseMatch, vals []*tok, rule string) {
	switch {
	case len(vals) > 1 && len(vals) == len(items):
		rule = "paired-list"
	case len(vals) != 1:
		return
	}
	for i, ph := range items {
		v := vals[0]
		if len(vals) > 1 {
			v = vals[i]
		}
		if ph == nil {
			continue
		}
		if m := x.c.pickRate(ph.metrics, v); m >= 0 {
			v.tie(m, rule, ph)
		}
	}
}

// listBack returns the names of the list ending with the phrase at idx[p]
// (及时受理率、按期答复率和群众满意率), nil standing for a name the catalog
// does not know, and the position in idx of the first phrase.
func (x *sentence) listBack(idx []int, p int) ([]*phraseMatch, int) {
	items := []*phraseMatch{x.at(idx, p).ph}
	first := p
	for j := p - 1; j >= 0; j-- {
		prev, cur := x.at(idx, j), x.at(idx, j+1)
		if prev.ph == nil || prev.paren != cur.paren {
			break
		}
		unknown, ok := listGap(x.rs[prev.end:cur.start])
		if !ok {
			break
		}
		lead := make([]*phraseMatch, unknown+1)
		lead[0] = prev.ph
		items = append(lead, items...)
		first = j
	}
	return items, first
}

// groupItems reads 三率（群众满意率、按期办结率、及时受理率）100%: the names in
// the parentheses right before the value at idx[k].
func (x *sentence) groupItems(idx []int, k int) ([]*phraseMatch, string) {
	if k == 0 {
		return nil, ""
	}
	last, t := x.at(idx, k-1), x.at(idx, k).t
	if last.ph == nil || !last.paren || t.paren {
		return nil, ""
	}
	unknown, gap := trailingUnknown(x.rs[last.end:t.start])
	if len(gap) == 0 || (gap[0] != '）' && gap[0] != ')') || !isFiller(gap[1:]) {
		return nil, ""
	}
	open := x.openParen(last.start)
	if open < 0 {
		return nil, ""
	}
	items, first := x.listBack(idx, k-1)
	if len(trimSpaces(x.rs[open+1:x.at(idx, first).start])) > 0 {
		return nil, ""
	}
	return append(items, make([]*phraseMatch, unknown)...), "three-rates"
}

// openParen returns the opening parenthesis before rune i, or -1.
func (x *sentence) openParen(i int) int {
	for j := i - 1; j >= x.s; j-- {
		switch x.rs[j] {
		case '（', '(':
			return j
		case '）', ')':
			return -1
		}
	}
	return -1
}
