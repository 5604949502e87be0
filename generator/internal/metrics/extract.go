package metrics

import (
	"portal/generator/internal/config"
	"portal/generator/internal/diag"
)

// Passage is one paragraph or heading of a report, as the document parser produced it.
type Passage struct {
	Anchor   string   // "p12" / "s2-1": where the sentence is on the report page
	Text     string   // cleaned text of the paragraph
	Headings []string // the titles of the enclosing headings, outermost first (e.g. ["四、2025年工作计划", "（一）..."]), used to detect plan sections
	Heading  bool     // true if this passage is itself a heading
}

// Figure is one extracted figure with provenance.
type Figure struct {
	Key       string  // catalog key, "" for a figure matching no metric (still reported, e.g. for `extract` output)
	Value     float64 // in the metric's unit (rates/changes in percent; a fall is negative)
	Unit      string  // unit as written/normalised: "件", "%", "人次", "元"...
	Approx    bool
	Ambiguous bool   // e.g. a change with no direction word: not published as signed
	Quote     string // the clause it came from, exactly as in Passage.Text (a substring)
	Anchor    string // Passage.Anchor
	Start     int    // character (rune) offset of Quote within Passage.Text
	End       int    // character (rune) offset of the end of Quote
	Rule      string // the rule name that matched, e.g. "phrase-number-unit", "shared-list", "three-rates" (rules.go)
}

// Rules of figures that no catalog metric names.
const (
	RuleNumber = "number" // a count or percentage with no name
	RuleChange = "change" // a change whose base has no catalog metric
)

// Extract finds the figures in passages using the catalog. Figures come in
// passage order, then by position; a figure that is a value of several
// metrics (三率…100%) comes once per metric, in catalog order of its rules.
func Extract(catalog []config.Metric, passages []Passage) []Figure {
	return NewExtractor(catalog).Extract(passages)
}

// Extractor is Extract with its catalog compiled once, for many reports.
// It is safe for concurrent use.
type Extractor struct {
	c *catalog
}

// NewExtractor compiles catalog for Extractor.Extract. The catalog must
// not change afterwards.
func NewExtractor(catalog []config.Metric) *Extractor {
	return &Extractor{c: compileCatalog(catalog)}
}

// Extract is Extract with the extractor's catalog.
func (e *Extractor) Extract(passages []Passage) []Figure {
	var out []Figure
	for _, p := range passages {
		out = e.c.passage(out, p, false)
	}
	return out
}

// MaxCatalogFigures is the most figures of catalog metrics a report may
// state. A long county report states a few hundred; a text with far more
// is a table dump or an attack, and reading it all would cost time and
// memory out of proportion.
const MaxCatalogFigures = 2000

// CatalogFigures is Extract keeping only the figures of catalog metrics
// (those with a Key). It stops with an error once a report states more
// than MaxCatalogFigures of them.
func (e *Extractor) CatalogFigures(passages []Passage) ([]Figure, error) {
	var out []Figure
	for _, p := range passages {
		if out = e.c.passage(out, p, true); len(out) > MaxCatalogFigures {
			return nil, diag.Errorf("more than %d figures of catalog metrics (at %s): too many for a report; split it or remove tables of figures", MaxCatalogFigures, p.Anchor)
		}
	}
	return out, nil
}

// passage appends the figures of one passage to out; with catalogOnly
// only those of catalog metrics.
func (c *catalog) passage(out []Figure, p Passage, catalogOnly bool) []Figure {
	if planPassage(p) {
		return out
	}
	rs := []rune(p.Text)
	for _, sp := range splitSentences(rs) {
		if !hasNumeral(rs[sp.start:sp.end]) {
			continue // no number can be read: no figure
		}
		x := c.readSentence(rs, sp.start, sp.end)
		for _, cl := range x.clauses {
			x.readClause(cl)
		}
		out = x.figures(out, p.Anchor, catalogOnly)
	}
	return out
}

// hasNumeral reports whether rs holds a digit or a Chinese numeral, the
// runes every number starts with (after 约, 超 and the like): a sentence
// without one has no figure.
func hasNumeral(rs []rune) bool {
	for _, r := range rs {
		if digitValue(r) >= 0 || isHanNumeral(r) {
			return true
		}
	}
	return false
}

// figures appends the figures of a read sentence to out; with
// catalogOnly only those of catalog metrics.
func (x *sentence) figures(out []Figure, anchor string, catalogOnly bool) []Figure {
	for _, t := range x.toks {
		if t.plan || catalogOnly && !t.tied() {
			continue
		}
		f := x.baseFigure(t, anchor)
		if !t.tied() {
			if !t.han {
				out = append(out, f)
			}
			continue
		}
		for _, b := range t.ties {
			g := f
			m := x.c.metrics[b.metric]
			g.Key, g.Rule = m.Key, b.rule
			if _, factor := metricScale(m.Unit); factor != 1 && !t.num.Percent {
				g.Value, g.Unit = g.Value/factor, m.Unit
			}
			out = append(out, g)
		}
	}
	return out
}

// baseFigure returns t as a figure with no metric, quoting its clause.
func (x *sentence) baseFigure(t *tok, anchor string) Figure {
	cl := x.clauses[t.clause]
	qs, qe := cl.start, cl.end
	for qs < qe && isSpace(x.rs[qs]) {
		qs++
	}
	for qe > qs && isSpace(x.rs[qe-1]) {
		qe--
	}
	f := Figure{
		Value:     t.num.Value,
		Unit:      t.unit,
		Approx:    t.num.Approx,
		Ambiguous: t.change && t.sign == 0,
		Quote:     string(x.rs[qs:qe]),
		Anchor:    anchor,
		Start:     qs,
		End:       qe,
		Rule:      RuleNumber,
	}
	if t.change {
		f.Rule = RuleChange
		if t.sign < 0 {
			f.Value = -f.Value
		}
	}
	return f
}
