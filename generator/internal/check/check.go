// Package check reviews a built site model the way an editor would before
// publishing: late publication (逾期公开), missing required items, gaps in
// heading numbering, document numbers with the wrong brackets, suspicious
// year-over-year jumps. Everything it finds is a warning: the content is
// valid, but an editor should look.
package check

import (
	"fmt"
	"math"
	"strings"

	"portal/generator/internal/config"
	"portal/generator/internal/diag"
	"portal/generator/internal/document"
	"portal/generator/internal/metrics"
	"portal/generator/internal/site"
)

// Site reviews every report of s, whose documents docs gives; a report
// whose document cannot be had (its errors were reported when it was
// parsed) is reviewed by its metadata only.
func Site(s *site.Site, docs site.Documents) diag.List {
	var problems diag.List
	for _, r := range s.Reports {
		doc, err := docs.Document(r)
		if err != nil {
			doc = nil
		}
		problems.Add(Report(r, doc)...)
	}
	for _, c := range s.Counties {
		for _, a := range c.Agencies {
			problems.Add(jumps(a, s.Config.Metrics)...)
		}
	}
	return problems
}

// Report reviews one report, and its document doc unless nil.
func Report(r *site.Report, doc *document.Document) diag.List {
	var problems diag.List
	problems.Add(lateness(r)...)
	problems.Add(docNumbers(r, doc)...)
	if r.Meta.DocNumber == "" && (doc == nil || doc.Header.DocNumber == "") {
		problems.Warnf(pos(r, "doc_number"), "doc_number: no 文号 in the metadata or the text: add doc_number = \"…〔%d〕…号\" if the report has one", r.Meta.Year+1)
	}
	if doc != nil {
		problems.Add(requiredItems(r.Source.File, doc)...)
		problems.Add(numberingGaps(r.Source.File, doc)...)
	}
	return problems
}

func lateness(r *site.Report) diag.List {
	var problems diag.List
	if days, ok := r.DaysLate(); ok && days > 0 {
		problems.Warnf(pos(r, "published"), "published: %s is after the deadline %s (逾期公开)", r.Meta.Published, site.Deadline(r.Meta.Year))
	}
	return problems
}

// docNumbers flags a 文号 whose year is in [] 【】 () or other brackets
// instead of the 〔〕 GB/T 9704 prescribes.
func docNumbers(r *site.Report, doc *document.Document) diag.List {
	var problems diag.List
	check := func(p diag.Pos, where, n string) {
		if n != "" && !strings.Contains(n, "〔") && strings.ContainsAny(n, "[]【】()（）［］{}") {
			problems.Warnf(p, "%s: document number %q: write the year in 〔〕 (GB/T 9704), e.g. %s", where, n, fixBrackets(n))
		}
	}
	check(pos(r, "doc_number"), "doc_number", r.Meta.DocNumber)
	if doc != nil && doc.Header.DocNumber != r.Meta.DocNumber {
		check(diag.Pos{File: r.Source.File}, "document header", doc.Header.DocNumber)
	}
	return problems
}

func fixBrackets(n string) string {
	return strings.NewReplacer("[", "〔", "]", "〕", "【", "〔", "】", "〕", "(", "〔", ")", "〕", "（", "〔", "）", "〕", "［", "〔", "］", "〕").Replace(n)
}

// pos is where a metadata key was written, or the metadata file.
func pos(r *site.Report, key string) diag.Pos {
	if p, ok := r.Meta.Keys[key]; ok && p.File != "" {
		return p
	}
	return diag.Pos{File: r.Source.MetaFile}
}

// jumps flags a count that grows or shrinks more than fivefold, or a rate
// that moves more than 30 points, from one year to the next of an agency.
func jumps(a *site.Agency, catalog config.Catalog) diag.List {
	var problems diag.List
	last := map[string]site.Point{}
	for _, p := range a.Points {
		if p.Source == "derived" {
			continue
		}
		prev, ok := last[p.Key]
		last[p.Key] = p
		if !ok || prev.Year != p.Year-1 {
			continue
		}
		m, _ := catalog.Lookup(p.Key)
		var suspicious bool
		switch m.Kind {
		case config.KindCount:
			lo, hi := math.Min(prev.Value, p.Value), math.Max(prev.Value, p.Value)
			suspicious = hi >= 10 && (lo == 0 || hi/lo > 5)
		case config.KindRate:
			suspicious = math.Abs(p.Value-prev.Value) > 30
		}
		if suspicious {
			problems.Warnf(diag.Pos{File: p.Report.Source.File}, "%s (%s): %v%s in %d after %v%s in %d: check the figure",
				p.Key, m.Label, p.Value, p.Unit, p.Year, prev.Value, prev.Unit, prev.Year)
		}
	}
	return problems
}

// item is a part the annual report must contain, recognised by its heading.
type item struct {
	name  string
	words [][]string // any group whose words all occur in one heading
}

// requiredItems are the five items of the annual report (法治政府建设年度
// 报告) that the 2019 rules require.
var requiredItems5 = []item{
	{"主要举措和成效", [][]string{{"举措"}, {"成效"}, {"工作开展情况"}, {"主要做法"}, {"工作情况"}, {"主要工作"}}},
	{"存在的不足和原因", [][]string{{"不足"}, {"问题"}, {"短板"}}},
	{"党政主要负责人履行推进法治建设第一责任人职责情况", [][]string{{"第一责任人"}, {"主要负责人", "职责"}, {"主要负责人", "履职"}, {"负责人", "法治建设"}}},
	{"下一年度工作安排", [][]string{{"下一年"}, {"下一步"}, {"工作计划"}, {"工作安排"}, {"工作打算"}, {"工作思路"}, {"计划"}, {"打算"}}},
	{"其他需要报告的事项", [][]string{{"其他需要报告"}, {"其他事项"}, {"其他需报告"}, {"其他"}}},
}

func requiredItems(file string, d *document.Document) diag.List {
	var problems diag.List
	headings := d.Headings()
	var missing []string
	for _, it := range requiredItems5 {
		if !anyHeading(headings, it) {
			missing = append(missing, it.name)
		}
	}
	if len(missing) > 0 {
		problems.Warnf(diag.Pos{File: file}, "no heading for %s: the annual report must cover all five required items", strings.Join(missing, "、"))
	}
	return problems
}

func anyHeading(hs []document.Block, it item) bool {
	for _, h := range hs {
		for _, group := range it.words {
			all := true
			for _, w := range group {
				all = all && strings.Contains(h.Text, w)
			}
			if all {
				return true
			}
		}
	}
	return false
}

// numberingGaps flags headings whose numbers skip (一、 then 三、) or
// repeat among siblings of the same marker style.
func numberingGaps(file string, d *document.Document) diag.List {
	var problems diag.List
	type key struct {
		parent string
		style  string
	}
	last := map[key]int{}
	parents := map[int]string{} // level → anchor of the current heading
	for _, h := range d.Headings() {
		n, style, ok := ordinal(h.Number)
		parents[h.Level] = h.Anchor
		for l := range parents {
			if l > h.Level {
				delete(parents, l)
			}
		}
		if !ok {
			continue
		}
		k := key{parentOf(parents, h.Level), style}
		prev := last[k]
		switch {
		case n == prev+1:
		case prev == 0:
			if n != 1 {
				problems.Warnf(diag.Pos{File: file, Line: h.Line}, "heading %s%s: numbering starts at %d", h.Number, h.Text, n)
			}
		default:
			problems.Warnf(diag.Pos{File: file, Line: h.Line}, "heading %s%s: number %d follows %d", h.Number, h.Text, n, prev)
		}
		last[k] = n
	}
	return problems
}

// parentOf is the anchor of the nearest heading above level.
func parentOf(parents map[int]string, level int) string {
	for l := level - 1; l >= 1; l-- {
		if a, ok := parents[l]; ok {
			return a
		}
	}
	return ""
}

// ordinal reads a heading number (一、 （二） 3. （4）) as its value and
// marker style.
func ordinal(number string) (n int, style string, ok bool) {
	s := strings.TrimSpace(number)
	paren := strings.HasPrefix(s, "（") || strings.HasPrefix(s, "(")
	s = strings.Trim(s, "（）()、.．,， ")
	if s == "" {
		return 0, "", false
	}
	if v, err := fmt.Sscanf(s, "%d", &n); err == nil && v == 1 && fmt.Sprint(n) == s {
		style = "digit"
	} else if v, size, ok := metrics.ParseNumber(s); ok && size == len(s) && !v.Approx && !v.Percent && v.Value >= 1 && v.Value == float64(int(v.Value)) {
		n, style = int(v.Value), "han"
	} else {
		return 0, "", false
	}
	if paren {
		style = "(" + style + ")"
	}
	return n, style, true
}
