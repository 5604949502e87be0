package corpus

import (
	"fmt"
	"maps"
	"strconv"
	"strings"
	"unicode/utf8"
)

// block is a line of a report: a heading of level 2 to 5 (一、 （一）
// 1. （1）) or a paragraph.
type block struct {
	kind string // h2, h3, h4, h5 or p
	text string
}

// words are the report's own words, by placeholder name.
type words map[string]string

// with returns w and the given name-value pairs.
func (w words) with(kv ...string) words {
	c := maps.Clone(w)
	for i := 0; i+1 < len(kv); i += 2 {
		c[kv[i]] = kv[i+1]
	}
	return c
}

// fill replaces each {name} of tpl by the report's word of that name or,
// for a figure name ({n3}, {p99} …), by a fresh random figure, the same
// for each use of the name within tpl.
func fill(r *rng, tpl string, w words) string {
	var b strings.Builder
	var figs map[string]string
	for {
		i := strings.IndexByte(tpl, '{')
		j := strings.IndexByte(tpl[i+1:], '}')
		if i < 0 || j < 0 {
			break
		}
		name := tpl[i+1 : i+1+j]
		b.WriteString(tpl[:i])
		tpl = tpl[i+2+j:]
		if v, ok := w[name]; ok {
			b.WriteString(v)
			continue
		}
		if figs == nil {
			figs = map[string]string{}
		}
		if _, ok := figs[name]; !ok {
			figs[name] = figure(r, name)
		}
		b.WriteString(figs[name])
	}
	b.WriteString(tpl)
	return b.String()
}

// figure draws a random figure for a placeholder name of the metric
// sentences; an unknown name is kept as written.
func figure(r *rng, name string) string {
	f2 := func(lo, hi float64) string { return strconv.FormatFloat(r.uniform(lo, hi), 'f', 2, 64) }
	switch name {
	case "n1":
		return strconv.Itoa(r.between(2, 30))
	case "n1b":
		return strconv.Itoa(r.between(1, 20))
	case "n2":
		return strconv.Itoa(r.between(10, 99))
	case "n2b":
		return strconv.Itoa(r.between(5, 80))
	case "n3", "n3b":
		return strconv.Itoa(r.between(100, 999))
	case "n4":
		return strconv.Itoa(r.between(1000, 19999))
	case "p":
		return f2(0.5, 65)
	case "psmall":
		return f2(0.1, 9.9)
	case "p99":
		return f2(95, 99.99)
	case "p99b":
		return f2(90, 99.99)
	case "w":
		return strconv.Itoa(r.between(1, 12))
	case "money":
		return strconv.FormatFloat(r.uniform(0.5, 380), 'f', 1, 64)
	case "rank":
		return string([]rune(ordinals)[r.intn(7)])
	}
	return "{" + name + "}"
}

const ordinals = "一二三四五六七八九十"

// ordinal is the Chinese numeral of i+1 for i < 10.
func ordinal(i int) string { return string([]rune(ordinals)[i]) }

// chineseNumber writes 1..99 in Chinese numerals: 一, 十一, 二十三.
func chineseNumber(k int) string {
	tens, ones := k/10, k%10
	s := ""
	switch {
	case tens == 1:
		s = "十"
	case tens > 1:
		s = ordinal(tens-1) + "十"
	}
	if ones > 0 {
		s += ordinal(ones - 1)
	}
	return s
}

// writer makes one report's blocks from its words.
type writer struct {
	r *rng
	w words
}

// headingPair is a subsection heading: two verb-object pairs.
func (g *writer) headingPair() string {
	v := pickN(g.r, verbs, 2)
	o := pickN(g.r, objects, 2)
	return fill(g.r, v[0]+o[0]+"，"+v[1]+o[1], g.w)
}

// point is one measure as a sentence, with a figure if withFigure; a
// random measure when action is "".
func (g *writer) point(withFigure bool, action string) string {
	if action == "" {
		action = pick(g.r, pointActions)
	}
	s := fill(g.r, action, g.w)
	if withFigure {
		s += "，" + g.metric()
	}
	return s + "。"
}

// metric is a sentence stating figures.
func (g *writer) metric() string { return fill(g.r, pick(g.r, metricSentences), g.w) }

// enumerated is a paragraph of measures: a theme, then 一是… 二是….
func (g *writer) enumerated(heading string) string {
	h, _, _ := strings.Cut(heading, "，")
	w := g.w.with("h", h)
	parts := []string{fill(g.r, pick(g.r, themeSentences), w) + fill(g.r, pick(g.r, themeTails), w)}
	for i, act := range pickN(g.r, pointActions, g.r.between(2, 4)) {
		parts = append(parts, ordinal(i)+"是"+g.point(g.r.float() < 0.7, act))
	}
	if g.r.float() < 0.5 {
		parts = append(parts, g.metric()+"。")
	}
	return strings.Join(parts, "")
}

// listed joins items as 一是…。二是…。
func (g *writer) listed(items []string) string {
	var b strings.Builder
	for i, it := range items {
		b.WriteString(ordinal(i) + "是" + fill(g.r, it, g.w) + "。")
	}
	return b.String()
}

// subsection is subsection i of section 一: a heading, then paragraphs
// of measures or numbered items.
func (g *writer) subsection(i int) []block {
	h := g.headingPair()
	blocks := []block{{"h3", "（" + chineseNumber(i+1) + "）" + h}}
	if g.r.float() < 0.5 {
		for range g.r.between(1, 2) {
			blocks = append(blocks, block{"p", g.enumerated(h)})
		}
		return blocks
	}
	for j := range g.r.between(2, 4) {
		w := g.w.with("v", pick(g.r, verbs), "o", fill(g.r, pick(g.r, objects), g.w))
		blocks = append(blocks, block{"h4", fmt.Sprintf("%d. %s", j+1, fill(g.r, pick(g.r, subItemTitles), w))})
		if g.r.float() < 0.35 {
			for m, act := range pickN(g.r, pointActions, g.r.between(2, 3)) {
				blocks = append(blocks, block{"h5", fmt.Sprintf("（%d）%s，%s。", m+1, fill(g.r, act, g.w), g.metric())})
			}
			continue
		}
		acts := pickN(g.r, pointActions, 2)
		blocks = append(blocks, block{"p", g.point(true, acts[0]) + g.point(g.r.float() < 0.5, acts[1])})
	}
	return blocks
}

// reportWords are the words of a report of agency a of county c for year.
func reportWords(r *rng, c *county, a *agency, year int) words {
	w := words{
		"year": strconv.Itoa(year), "next": strconv.Itoa(year + 1),
		"x": string([]rune(c.name)[utf8.RuneCountInString(c.name)-1]), "county": c.name,
		"agency": a.name, "agency_short": a.name,
		"me":     pick(r, []string{"我局", "本单位", c.name + a.name}),
		"domain": a.domain, "case": a.cases, "total": a.total,
	}
	for i := range 3 {
		w["law"+strconv.Itoa(i)] = a.laws[i]
		w["rate"+strconv.Itoa(i)] = a.rates[i]
	}
	for i, o := range pickN(r, a.objs, 3) {
		w["obj"+strconv.Itoa(i)] = o
	}
	w["lead"] = fill(r, pick(r, leadership), w)
	g := pickN(r, guides, 2)
	w["g1"], w["g2"] = fill(r, g[0], w), fill(r, g[1], w)
	return w
}

// body makes the blocks of a report of about target characters: an
// introduction, the four usual sections (measures and results, the
// leaders' duties, shortcomings, next year's plans) and the signature.
func body(r *rng, w words, signature []string, target int) []block {
	g := &writer{r: r, w: w}
	intro := fill(r, pick(r, introOpeners), w) + fill(r, pick(r, introMiddles), w) + fill(r, pick(r, introClosers), w)

	sec2 := []block{{"h2", fill(r, pick(r, sec2Titles), w)}, {"p", g.listed(pickN(r, dutyPoints, r.between(3, 5)))}}
	sec3 := []block{{"h2", fill(r, pick(r, sec3Titles), w)},
		{"p", "在肯定成绩的同时，我们也清醒地认识到工作中还存在一些不足：" + g.listed(pickN(r, problems, r.between(2, 4)))}}
	sec4 := []block{{"h2", fill(r, pick(r, sec4Titles), w)}}
	for i, p := range pickN(r, plans, r.between(3, 5)) {
		sec4 = append(sec4, block{"h3", "（" + ordinal(i) + "）" + g.headingPair()},
			block{"p", fill(r, p, w) + "，" + g.point(r.float() < 0.4, "")})
	}

	// Section 一 grows by subsections until the report is long enough.
	sec1 := []block{{"h2", fill(r, pick(r, sec1Titles), w)}}
	size := utf8.RuneCountInString(intro) + chars(sec1) + chars(sec2) + chars(sec3) + chars(sec4)
	for i := 0; size < target && i < 40; i++ {
		sub := g.subsection(i)
		sec1 = append(sec1, sub...)
		size += chars(sub)
	}

	blocks := []block{{"p", intro}}
	for _, sec := range [][]block{sec1, sec2, sec3, sec4} {
		blocks = append(blocks, sec...)
	}
	for _, s := range signature {
		blocks = append(blocks, block{"p", s})
	}
	return blocks
}

// chars counts the characters of blocks.
func chars(blocks []block) int {
	n := 0
	for _, b := range blocks {
		n += utf8.RuneCountInString(b.text)
	}
	return n
}

// plainText is a report as agencies send it: the title, then one line per
// heading or paragraph.
func plainText(title string, blocks []block) string {
	var b strings.Builder
	b.WriteString(title + "\n")
	for _, bl := range blocks {
		b.WriteString(bl.text + "\n")
	}
	return b.String()
}

// markdown is a report in Markdown: sections and subsections as ##
// and ### headings, numbered items in bold.
func markdown(blocks []block) string {
	lines := make([]string, len(blocks))
	for i, bl := range blocks {
		switch bl.kind {
		case "h2":
			lines[i] = "## " + bl.text
		case "h3":
			lines[i] = "### " + bl.text
		case "h4":
			lines[i] = "**" + bl.text + "**"
		default:
			lines[i] = bl.text
		}
	}
	return strings.Join(lines, "\n\n") + "\n"
}
