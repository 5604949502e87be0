package chart

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"portal/generator/internal/config"
	"portal/generator/internal/site"
)

// Publication statuses of a report, as Status.Kind.
const (
	OnTime  = "on-time"
	Late    = "late"
	Undated = "undated"
)

// Status is when a report was published, against its deadline (see
// site.Report.DaysLate).
type Status struct {
	Kind     string // OnTime, Late or Undated
	Text     string // 按时, 逾期15天, 未注明
	DaysLate int
}

// Publication returns the publication status of a report.
func Publication(r *site.Report) Status {
	days, ok := r.DaysLate()
	if !ok {
		return Status{Kind: Undated, Text: "未注明"}
	}
	if days <= 0 {
		return Status{Kind: OnTime, Text: "按时"}
	}
	return Status{Kind: Late, Text: fmt.Sprintf("逾期%d天", days), DaysLate: days}
}

// statusSeries are the series of a publication chart, in stacking order.
var statusSeries = []struct{ kind, name, color string }{
	{OnTime, "按时发布", colorOnTime},
	{Late, "逾期发布", colorLate},
	{Undated, "未注明发布日期", colorUnknown},
}

// reportGroup is one category of a publication chart: the reports of a
// year, or of a county, counted by publication status.
type reportGroup struct {
	name, url string // the category and its page (relative to the site root)
	reports   int
	counts    [3]int // by publication status, in the order of statusSeries
}

// newGroup counts reports by publication status.
func newGroup(name, url string, reports []*site.Report) reportGroup {
	g := reportGroup{name: name, url: url, reports: len(reports)}
	for _, r := range reports {
		kind := Publication(r).Kind
		for j, st := range statusSeries {
			if kind == st.kind {
				g.counts[j]++
			}
		}
	}
	return g
}

// yearGroups are the reports of each year, one group a year.
func yearGroups(ys []*site.Year) []reportGroup {
	out := make([]reportGroup, len(ys))
	for i, y := range ys {
		out[i] = newGroup(strconv.Itoa(y.Year)+"年度", y.URL, y.Reports)
	}
	return out
}

// timeliness is the stacked bar chart of reports by publication status,
// one bar per group (a year, or a county); with one group, or when
// flat is set, the bars lie flat, and at most maxBars are drawn, the
// first groups (the table holds all).
func timeliness(groups []reportGroup, head, caption string, flat bool) *Chart {
	p := Plot{Type: "bar", Stacked: true, Unit: "份", Horizontal: flat || len(groups) == 1}
	t := Table{Head: []string{head}}
	for _, st := range statusSeries {
		t.Head = append(t.Head, st.name)
	}
	t.Head = append(t.Head, "合计")
	drawn := len(groups)
	if flat {
		drawn = min(drawn, maxBars)
	}
	for _, g := range groups[:drawn] {
		p.Categories = append(p.Categories, g.name)
	}
	for j, st := range statusSeries {
		s := Series{ID: st.kind, Name: st.name, Color: st.color}
		for i := range drawn {
			s.Values = append(s.Values, &Value{Number: float64(groups[i].counts[j]), Who: p.Categories[i] + " · " + st.name})
		}
		p.Series = append(p.Series, s)
	}
	for _, g := range groups {
		row := Row{Head: g.name, HeadURL: g.url}
		for _, n := range g.counts {
			row.Cells = append(row.Cells, Cell{Text: strconv.Itoa(n)})
		}
		row.Cells = append(row.Cells, Cell{Text: strconv.Itoa(g.reports)})
		t.Rows = append(t.Rows, row)
	}
	what, height := "柱状图", 300
	if p.Horizontal {
		what, height = "条形图", max(150, 80+28*drawn)
	}
	c := &Chart{
		Caption: caption,
		Label:   fmt.Sprintf("%s，堆叠%s，按时发布、逾期发布与未注明发布日期的报告数", caption, what),
		Note:    "按规定，年度报告应于次年4月1日前（含当日）公开；未注明发布日期的报告单独计数。",
		Height:  height,
		Plot:    p,
	}
	if drawn < len(groups) {
		c.Note += fmt.Sprintf("图中为前%d个%s，全部%d个见数据表。", drawn, head, len(groups))
	}
	return finish(c, t)
}

// Year is the data of a year's page.
type Year struct {
	Headlines  []*Chart // the year's most reported metrics, ranked across counties
	Timeliness *Chart   // the year's reports by publication status
}

// Charts are the charts of the year's page in page order.
func (y *Year) Charts() []*Chart { return append([]*Chart{y.Timeliness}, y.Headlines...) }

// maxHeadlines is how many metrics a year page shows.
const maxHeadlines = 3

// ForYear returns the charts of a year's page: whether its reports were
// published on time, and its headline metrics — those with values from the
// most agencies that year (ties in catalog order) — ranked across counties.
func ForYear(s *site.Site, y *site.Year) *Year {
	var agencies []*site.Agency
	for _, c := range s.Counties {
		agencies = append(agencies, c.Agencies...)
	}
	out := &Year{Timeliness: timeliness(yearGroups([]*site.Year{y}), "年度", "报告是否按时发布（份）", false)}
	out.Headlines = headlines(s.Config, pointsByMetric(agencies), y.Year, 1)
	for _, c := range out.Headlines {
		if n := len(c.Table.Rows); n > maxBars {
			// The metric page ranks them all: here the top, as drawn.
			c.Table.Rows = c.Table.Rows[:maxBars]
			c.Note = fmt.Sprintf("图和表中为数值最高的%d个部门；全部%d个部门的排名见“%s”。", maxBars, n, c.MoreText)
		}
	}
	number(out.Charts())
	return out
}

// headlines ranks the agencies' values of year for the metrics with
// values from the most agencies that year (ties in catalog order), up to
// maxHeadlines metrics, each with values from at least minCounties
// counties; each links to the year's whole ranking on the metric page.
func headlines(cfg *config.Config, groups map[string][]agencyPoints, year, minCounties int) []*Chart {
	type candidate struct {
		order   int
		entries []entry
	}
	var cands []candidate
	for i, m := range cfg.Metrics {
		es := entriesOf(groups[m.Key], year)
		if len(es) > 0 && countiesOf(es) >= minCounties {
			cands = append(cands, candidate{i, es})
		}
	}
	slices.SortStableFunc(cands, func(a, b candidate) int { return cmp.Compare(len(b.entries), len(a.entries)) })
	var out []*Chart
	for _, c := range cands[:min(maxHeadlines, len(cands))] {
		m := cfg.Metrics[c.order]
		ch := ranking(m, year, c.entries)
		ch.More, ch.MoreText = RankingURL(m.Key, year), "历年与各年度排名"
		out = append(out, ch)
	}
	return out
}

// entriesOf are the values of year among the groups of one metric.
func entriesOf(groups []agencyPoints, year int) []entry {
	var es []entry
	for _, g := range groups {
		for _, p := range g.points {
			if p.Year == year {
				es = append(es, entry{g.agency, p})
			}
		}
	}
	return es
}

// countiesOf counts the counties the entries come from.
func countiesOf(es []entry) int {
	seen := map[*site.County]bool{}
	for _, e := range es {
		seen[e.agency.County] = true
	}
	return len(seen)
}

// Home returns the home page's charts: reports by year and whether they
// were published by the deadline, what a citizen asks of a transparency
// portal first (how many counties have values of each metric was
// editorial bookkeeping, and no longer shown).
func Home(s *site.Site) []*Chart {
	ys := slices.Clone(s.Years)
	slices.Reverse(ys) // oldest first along the axis
	var out []*Chart
	if len(ys) > 0 {
		out = append(out, timeliness(yearGroups(ys), "年度", "各年度报告是否按时发布（份）", false))
	}
	return number(out)
}
