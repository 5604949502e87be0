package chart

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"portal/generator/internal/config"
	"portal/generator/internal/site"
)

// MetricsURL is the URL of the metric index, relative to the site root.
const MetricsURL = "metrics/"

// MetricURL is the URL of a metric's page, relative to the site root:
// metrics/<key>/ (catalog keys are lower-case ASCII).
func MetricURL(key string) string { return MetricsURL + key + "/" }

// RankingURL is where a metric's page ranks the agencies of year.
func RankingURL(key string, year int) string { return MetricURL(key) + "#y" + strconv.Itoa(year) }

// Metric is a catalog metric with values: the data of its page and of
// its line in the index.
type Metric struct {
	Metric   config.Metric
	URL      string
	Kind     string    // the reader's word for the kind: 数量, 比率, 同比变化
	Counties int       // counties with a value
	Agencies int       // agencies with a value
	Values   int       // values, derived ones included
	First    int       // the first year with a value
	Last     int       // the last year with a value
	Trend    *Chart    // every agency with values in two or more years, over the years; nil if none has
	Single   int       // agencies with a value in one year only, which only the rankings show
	Years    []Ranking // latest year first
}

// Ranking is the chart that ranks a year's values.
type Ranking struct {
	Year  int
	Chart *Chart
}

// Span reads 2019—2024年, or 2024年.
func (m *Metric) Span() string { return yearRange(m.First, m.Last) }

// Charts are the charts of the metric's page, trend first, then the
// ranking of each year, latest first.
func (m *Metric) Charts() []*Chart {
	var cs []*Chart
	if m.Trend != nil {
		cs = append(cs, m.Trend)
	}
	for _, r := range m.Years {
		cs = append(cs, r.Chart)
	}
	return cs
}

// kindNames are the reader's words for metric kinds.
var kindNames = map[string]string{config.KindCount: "数量", config.KindRate: "比率", config.KindChange: "同比变化"}

// entry is an agency's point in a ranking.
type entry struct {
	agency *site.Agency
	point  *site.Point
}

// Metrics returns every catalog metric that has values, in catalog order,
// with the charts of its page: the trend of every agency over the years
// and, for each year (latest first), the agencies ranked by value.
func Metrics(s *site.Site) []*Metric {
	var agencies []*site.Agency
	for _, c := range s.Counties {
		agencies = append(agencies, c.Agencies...)
	}
	groups := pointsByMetric(agencies)
	var out []*Metric
	for _, m := range s.Config.Metrics {
		g := groups[m.Key]
		if len(g) == 0 {
			continue
		}
		out = append(out, metricPage(m, g))
	}
	return out
}

func metricPage(m config.Metric, groups []agencyPoints) *Metric {
	mp := &Metric{Metric: m, URL: MetricURL(m.Key), Kind: kindNames[m.Kind], Agencies: len(groups)}
	mp.First, mp.Last = span(groups)
	counties := map[*site.County]bool{}
	byYear := map[int][]entry{}
	for _, g := range groups {
		counties[g.agency.County] = true
		mp.Values += len(g.points)
		for _, p := range g.points {
			byYear[p.Year] = append(byYear[p.Year], entry{g.agency, p})
		}
	}
	mp.Counties = len(counties)
	var trended []agencyPoints
	for _, g := range groups {
		if len(g.points) > 1 {
			trended = append(trended, g)
		} else {
			mp.Single++
		}
	}
	if len(trended) > 0 {
		lo, hi := span(trended)
		mp.Trend = trend(m, trended, lo, hi)
	}
	for y := mp.Last; y >= mp.First; y-- {
		if es := byYear[y]; len(es) > 0 {
			mp.Years = append(mp.Years, Ranking{y, ranking(m, y, es)})
		}
	}
	if len(mp.Years) > 0 {
		mp.Years[0].Chart.Open = true // the latest ranking stays open: the page's main table
	}
	number(mp.Charts())
	return mp
}

// agencyName names an agency among those of other counties: 鲁山县·信访局.
func agencyName(a *site.Agency) string { return a.County.Name + "·" + a.Name }

// valueAxis sets a plot's value axis for metric m: percent for rates and
// changes, and 0–100 for rates.
func valueAxis(p *Plot, m config.Metric) {
	p.Unit = m.Unit
	p.Percent = m.Unit == "%"
	if m.Kind == config.KindRate {
		zero, hundred := 0.0, 100.0
		p.Min, p.Max = &zero, &hundred
	}
}

// trend is the line chart of a metric over the years, one line per agency
// (of those with values in two years or more: a single value makes no
// line, and the rankings show it).
func trend(m config.Metric, groups []agencyPoints, lo, hi int) *Chart {
	p := Plot{Type: "line", Categories: years(lo, hi)}
	valueAxis(&p, m)
	for i, g := range groups {
		s := agencySeries(m.Key+" "+AgencyID(g.agency), agencyName(g.agency), palette[i%len(palette)], g, lo, hi)
		p.Series = append(p.Series, s)
	}
	t := Table{Head: []string{"县（市、区）·部门"}}
	for _, y := range p.Categories {
		t.Head = append(t.Head, y+"年")
	}
	for i, g := range groups {
		row := Row{Head: agencyName(g.agency), HeadURL: g.agency.County.URL}
		for _, v := range p.Series[i].Values {
			if v == nil {
				row.Cells = append(row.Cells, Cell{Text: "—"})
			} else {
				row.Cells = append(row.Cells, valueCell(v.Point))
			}
		}
		t.Rows = append(t.Rows, row)
	}
	caption := fmt.Sprintf("%s（%s）：历年变化", m.Label, m.Unit)
	c := &Chart{
		Caption: caption,
		Label:   fmt.Sprintf("%s，折线图，%s，%d个部门", caption, yearRange(lo, hi), len(groups)),
		Height:  400,
		Plot:    p,
	}
	if len(groups) > maxLines {
		c.Plot.Series = longest(p.Series, groups)
		c.Label = fmt.Sprintf("%s，折线图，%s，有数据年份最多的%d个部门（共%d个）", caption, yearRange(lo, hi), maxLines, len(groups))
		c.Note = fmt.Sprintf("图中为有数据年份最多的%d个部门；全部%d个部门的数值见数据表。", maxLines, len(groups))
	}
	return finish(c, t)
}

// longest returns the series of the maxLines agencies with values in the
// most years (ties in site order), in site order, coloured anew.
func longest(series []Series, groups []agencyPoints) []Series {
	order := make([]int, len(groups))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(len(groups[b].points), len(groups[a].points)) })
	order = order[:maxLines]
	slices.Sort(order)
	out := make([]Series, len(order))
	for j, i := range order {
		out[j] = series[i]
		out[j].Color = palette[j%len(palette)]
	}
	return out
}

// maxBars is how many agencies a ranking draws: the highest values; its
// table ranks them all. More bars make a chart taller than a screen
// (28 px each), and a page heavy to load.
const maxBars = 20

// maxLines is how many agencies a trend draws, one line each: more are
// a tangle no reader can follow, and a page heavy to load.
const maxLines = 10

// ranking is the bar chart of a metric's values in one year, agencies
// ranked from the highest value down (ties in site order), with the
// ranking table that links every value to its report.
func ranking(m config.Metric, year int, es []entry) *Chart {
	es = slices.Clone(es)
	slices.SortStableFunc(es, func(a, b entry) int { return cmp.Compare(b.point.Value, a.point.Value) })
	p := Plot{Type: "bar", Horizontal: true}
	valueAxis(&p, m)
	s := Series{ID: m.Key + " " + strconv.Itoa(year), Name: m.Label, Color: palette[0]}
	t := Table{Head: []string{"排名", "县（市、区）", "部门", "数值", "报告"}}
	rank := 0
	for i, e := range es {
		if i < maxBars {
			p.Categories = append(p.Categories, agencyName(e.agency))
			s.Values = append(s.Values, &Value{Number: e.point.Value, Point: e.point, Who: e.agency.FullName + " · " + strconv.Itoa(year) + "年", ID: AgencyID(e.agency)})
		}
		if i == 0 || e.point.Value != es[i-1].point.Value {
			rank = i + 1 // equal values share a rank: 1, 2, 2, 4
		}
		r := e.point.Report
		t.Rows = append(t.Rows, Row{Head: strconv.Itoa(rank), Cells: []Cell{
			{Text: e.agency.County.Name, URL: e.agency.County.URL},
			{Text: e.agency.Name},
			valueCell(e.point),
			{Text: r.Meta.Title, URL: r.URL},
		}})
	}
	p.Series = []Series{s}
	caption := fmt.Sprintf("%d年%s（%s）：各县（市、区）比较", year, m.Label, m.Unit)
	c := &Chart{
		Caption: caption,
		Label:   fmt.Sprintf("%s，条形图，按数值从高到低排列，%d个部门", caption, len(es)),
		Height:  max(140, 56+28*len(p.Categories)),
		Plot:    p,
	}
	if len(es) > maxBars {
		c.Label = fmt.Sprintf("%s，条形图，数值最高的%d个部门（共%d个）", caption, maxBars, len(es))
		c.Note = fmt.Sprintf("图中为数值最高的%d个部门；全部%d个部门的排名见数据表。", maxBars, len(es))
	}
	return finish(c, t)
}
