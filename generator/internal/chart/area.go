package chart

import (
	"cmp"
	"slices"

	"portal/generator/internal/config"
	"portal/generator/internal/site"
)

// Area is the data of a province or city page: its counties compared.
type Area struct {
	// Year is the year the rankings compare: the latest in which at least
	// two of the area's counties report a value of one metric; 0 if none.
	Year int
	// Rankings rank the area's agencies on the metrics of Year with values
	// from the most agencies.
	Rankings []*Chart
	// Timeliness compares the counties' reports by publication status, all
	// years together; nil with fewer than two counties with reports.
	Timeliness *Chart
}

// Charts are the charts of the area's page in page order.
func (a *Area) Charts() []*Chart {
	out := slices.Clone(a.Rankings)
	if a.Timeliness != nil {
		out = append(out, a.Timeliness)
	}
	return out
}

// ForArea compares the counties of a province or a city: a county is
// compared with its neighbours, so an area with a single county gets no
// charts (its own page has them).
func ForArea(cfg *config.Config, counties []*site.County) *Area {
	var agencies []*site.Agency
	var groups []reportGroup
	for _, c := range counties {
		agencies = append(agencies, c.Agencies...)
		if len(c.Reports) > 0 {
			groups = append(groups, newGroup(c.Label(), c.URL, c.Reports))
		}
	}
	out := &Area{}
	points := pointsByMetric(agencies)
	lo, hi := 0, 0
	for _, g := range points { // min and max: the map's order does not matter
		l, h := span(g)
		if lo == 0 || l < lo {
			lo = l
		}
		hi = max(hi, h)
	}
	for y := hi; y >= lo && y > 0 && out.Year == 0; y-- {
		if rs := headlines(cfg, points, y, 2); len(rs) > 0 {
			out.Year, out.Rankings = y, rs
		}
	}
	if len(groups) >= 2 {
		// Counties with the most reports not on time first (ties in site
		// order): what the chart is read for, and what it draws when there
		// are too many counties to draw.
		slices.SortStableFunc(groups, func(a, b reportGroup) int {
			return cmp.Compare(b.counts[1]+b.counts[2], a.counts[1]+a.counts[2])
		})
		out.Timeliness = timeliness(groups, "县（市、区）", "各县（市、区）报告是否按时发布（份，历年合计）", true)
		out.Timeliness.Note += "逾期与未注明发布日期的报告多者在前。"
	}
	number(out.Charts())
	return out
}
