package chart

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

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

// timeliness is the stacked bar chart of reports by publication status,
// one bar per year; with one year the bar lies flat.
func timeliness(ys []*site.Year, caption string) *Chart {
	p := Plot{Type: "bar", Stacked: true, Unit: "份", Horizontal: len(ys) == 1}
	t := Table{Head: []string{"年度"}}
	for _, st := range statusSeries {
		t.Head = append(t.Head, st.name)
	}
	t.Head = append(t.Head, "合计")
	counts := make([][3]int, len(ys))
	for i, y := range ys {
		p.Categories = append(p.Categories, strconv.Itoa(y.Year)+"年度")
		for _, r := range y.Reports {
			for j, st := range statusSeries {
				if Publication(r).Kind == st.kind {
					counts[i][j]++
				}
			}
		}
	}
	for j, st := range statusSeries {
		s := Series{ID: st.kind, Name: st.name, Color: st.color}
		for i := range ys {
			s.Values = append(s.Values, &Value{Number: float64(counts[i][j]), Who: p.Categories[i] + " · " + st.name})
		}
		p.Series = append(p.Series, s)
	}
	for i, y := range ys {
		row := Row{Head: p.Categories[i], HeadURL: y.URL}
		for j := range statusSeries {
			row.Cells = append(row.Cells, Cell{Text: strconv.Itoa(counts[i][j])})
		}
		row.Cells = append(row.Cells, Cell{Text: strconv.Itoa(len(y.Reports))})
		t.Rows = append(t.Rows, row)
	}
	what, height := "柱状图", 300
	if p.Horizontal {
		what, height = "条形图", 150
	}
	return finish(&Chart{
		Caption: caption,
		Label:   fmt.Sprintf("%s，堆叠%s，按时发布、逾期发布与未注明发布日期的报告数", caption, what),
		Note:    "按规定，年度报告应于次年4月1日前（含当日）公开；未注明发布日期的报告单独计数。",
		Height:  height,
		Plot:    p,
	}, t)
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
	groups := pointsByMetric(agencies)
	type candidate struct {
		order   int
		entries []entry
	}
	var cands []candidate
	for i, m := range s.Config.Metrics {
		var es []entry
		for _, g := range groups[m.Key] {
			for _, p := range g.points {
				if p.Year == y.Year {
					es = append(es, entry{g.agency, p})
				}
			}
		}
		if len(es) > 0 {
			cands = append(cands, candidate{i, es})
		}
	}
	slices.SortStableFunc(cands, func(a, b candidate) int { return cmp.Compare(len(b.entries), len(a.entries)) })
	out := &Year{Timeliness: timeliness([]*site.Year{y}, "报告是否按时发布（份）")}
	for _, c := range cands[:min(maxHeadlines, len(cands))] {
		m := s.Config.Metrics[c.order]
		ch := ranking(m, y.Year, c.entries)
		ch.More, ch.MoreText = MetricURL(m.Key), "历年与各年度排名"
		out.Headlines = append(out.Headlines, ch)
	}
	number(out.Charts())
	return out
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
		out = append(out, timeliness(ys, "各年度报告是否按时发布（份）"))
	}
	return number(out)
}
