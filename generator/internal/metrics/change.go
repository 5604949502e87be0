package metrics

// changeGroup is a run of change values (同比下降9.15%、12.96%) and what the
// text says they are changes of.
type changeGroup struct {
	vals    []*tok
	prev    int      // position in idx of the element before the first value, or -1
	labels  []string // measure words naming earlier figures (件次、人次), if any
	unnamed bool     // other words before the marker: a change of something else
}

// changeGroups finds the changes of a clause and marks their figures, so
// that no other rule takes them for rates or counts. Only groups of
// percentages that may be tied are returned.
func (x *sentence) changeGroups(idx []int) []changeGroup {
	var out []changeGroup
	for k := 0; k < len(idx); k++ {
		t := x.at(idx, k).t
		if t == nil || t.paren || t.change {
			continue
		}
		p, gap := x.prevElem(idx, k)
		ci, ok := analyzeChange(gap)
		if !ok {
			continue
		}
		units, named := unitLabels(ci.labels)
		g := changeGroup{prev: p, labels: units, unnamed: !named, vals: x.changeRun(idx, k)}
		for _, v := range g.vals {
			v.change, v.sign = true, ci.sign
		}
		if t.num.Percent && !t.sub && !t.plan {
			out = append(out, g)
		}
		k += len(g.vals) - 1
	}
	return out
}

// changeRun returns the values of the change starting at idx[k].
func (x *sentence) changeRun(idx []int, k int) []*tok {
	first := x.at(idx, k).t
	run := []*tok{first}
	for j := k + 1; j < len(idx); j++ {
		t := x.at(idx, j).t
		prev := run[len(run)-1]
		if t == nil || t.paren || t.num.Percent != first.num.Percent || !isValueSep(x.rs[prev.end:t.start]) {
			break
		}
		run = append(run, t)
	}
	return run
}

// changeTarget is what one change value is a change of.
type changeTarget struct {
	metric int // the change metric, -1 if the catalog has none
	via    *phraseMatch
}

// tieChange ties a group of changes to the change metrics of what they
// measure: named by phrase, by measure word, or the counts before them.
func (x *sentence) tieChange(idx []int, g changeGroup) {
	if g.unnamed {
		return
	}
	var targets []changeTarget
	var rule string
	shareOK := true
	switch {
	case len(g.labels) > 0:
		targets, rule = x.labelTargets(idx, g), "unit-labels-change"
	case g.prev >= 0 && x.at(idx, g.prev).ph != nil:
		targets, rule = x.phraseTargets(idx, g.prev), "phrase-change"
	case g.prev >= 0:
		targets, shareOK = x.countTargets(idx, g.prev), false
		rule = "change-after-count"
		if len(targets) > 1 {
			rule = "change-pair"
		}
	}
	x.assignChanges(targets, g.vals, rule, shareOK)
}

// assignChanges pairs targets and values, or shares one value among all
// targets when the text names them (件次、人次均下降10%).
func (x *sentence) assignChanges(targets []changeTarget, vals []*tok, rule string, shareOK bool) {
	if len(targets) == 0 || len(targets) != len(vals) && (len(vals) != 1 || !shareOK) {
		return
	}
	for i, tg := range targets {
		v := vals[0]
		if len(vals) > 1 {
			v = vals[i]
		}
		if tg.metric >= 0 {
			v.tie(tg.metric, rule, tg.via)
		}
	}
}

// phraseTargets returns the change metrics named by the list of names
// ending at idx[p]: 信访总量、上三级访量同比分别下降….
func (x *sentence) phraseTargets(idx []int, p int) []changeTarget {
	items, _ := x.listBack(idx, p)
	out := make([]changeTarget, len(items))
	for i, ph := range items {
		out[i] = changeTarget{metric: -1, via: ph}
		if ph != nil {
			out[i].metric = x.c.changeNamed(ph.metrics)
		}
	}
	return out
}

// labelTargets maps measure-word labels (件次、人次) to the latest earlier
// figure of the clause with a matching measure word.
func (x *sentence) labelTargets(idx []int, g changeGroup) []changeTarget {
	first := g.vals[0]
	var out []changeTarget
	for _, u := range g.labels {
		tg := changeTarget{metric: -1}
		for j := len(idx) - 1; j >= 0; j-- {
			b := x.at(idx, j).t
			if b == nil || b.start >= first.start || !isBase(b) || !sameMeasure(b.unit, u) {
				continue
			}
			tg = x.baseTarget(b)
			break
		}
		out = append(out, tg)
	}
	return out
}

// countTargets returns the targets for a change right after counts: the
// run of adjacent base figures ending at idx[p] (skipping changes such as
// 比上年减少3105件).
func (x *sentence) countTargets(idx []int, p int) []changeTarget {
	for p >= 0 && x.at(idx, p).t != nil && x.at(idx, p).t.change {
		p, _ = x.prevElem(idx, p)
	}
	if p < 0 || !isBase(x.at(idx, p).t) {
		return nil
	}
	var out []changeTarget
	for j := p; j >= 0; {
		b := x.at(idx, j).t
		if !isBase(b) {
			break
		}
		out = append([]changeTarget{x.baseTarget(b)}, out...)
		q, gap := x.prevElem(idx, j)
		if q < 0 || !chainGap(gap) {
			break
		}
		j = q
	}
	return out
}

// isBase reports whether t is a level a change can be measured on.
func isBase(t *tok) bool { return t != nil && !t.paren && !t.sub && !t.plan && !t.change }

// baseTarget returns the change metric of base figure b.
func (x *sentence) baseTarget(b *tok) changeTarget {
	if len(b.ties) != 1 {
		return changeTarget{metric: -1}
	}
	return changeTarget{metric: x.c.changeOf(b.ties[0].metric), via: b.ties[0].via}
}

// sameMeasure reports whether a figure's measure word fits a label: 件 and
// 件次, 人 and 人次.
func sameMeasure(unit, label string) bool {
	if unit == label {
		return true
	}
	g := groupOf(unit)
	return g >= 0 && g == groupOf(label)
}
