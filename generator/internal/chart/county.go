package chart

import (
	"fmt"
	"strconv"

	"portal/generator/internal/config"
	"portal/generator/internal/site"
)

// agencyPoints are the points of one metric of one agency, oldest first.
type agencyPoints struct {
	agency *site.Agency
	points []*site.Point
}

// pointsByMetric groups the points of agencies by metric key, agencies in
// the order given.
func pointsByMetric(agencies []*site.Agency) map[string][]agencyPoints {
	out := map[string][]agencyPoints{}
	for _, a := range agencies {
		for i := range a.Points {
			p := &a.Points[i]
			g := out[p.Key]
			if len(g) == 0 || g[len(g)-1].agency != a {
				g = append(g, agencyPoints{agency: a})
			}
			last := &g[len(g)-1]
			if n := len(last.points); n > 0 && last.points[n-1].Year == p.Year {
				continue // one value per agency and year; the model never makes two
			}
			last.points = append(last.points, p)
			out[p.Key] = g
		}
	}
	return out
}

// span returns the first and last year of the groups' points.
func span(groups []agencyPoints) (lo, hi int) {
	for _, g := range groups {
		for _, p := range g.points {
			if lo == 0 || p.Year < lo {
				lo = p.Year
			}
			hi = max(hi, p.Year)
		}
	}
	return lo, hi
}

// County returns the charts of a county page: for each catalog metric with
// values, the values over the years with one series per agency. Counts and
// changes get a bar chart each; rates share one line chart on a 0–100
// axis, placed where the catalog's first rate with values comes.
func County(cfg *config.Config, c *site.County) []*Chart {
	groups := pointsByMetric(c.Agencies)
	var out []*Chart
	var rates []config.Metric
	ratesAt := -1
	for _, m := range cfg.Metrics {
		g := groups[m.Key]
		if len(g) == 0 {
			continue
		}
		if m.Kind == config.KindRate {
			if ratesAt < 0 {
				ratesAt = len(out)
				out = append(out, nil)
			}
			rates = append(rates, m)
			continue
		}
		out = append(out, overYears(m, g))
	}
	if ratesAt >= 0 {
		out[ratesAt] = ratesOverYears(rates, groups)
	}
	return number(out)
}

// overYears is the bar chart of a count or a change over the years, one
// series per agency.
func overYears(m config.Metric, groups []agencyPoints) *Chart {
	lo, hi := span(groups)
	p := Plot{Type: "bar", Categories: years(lo, hi), Unit: m.Unit, Percent: m.Unit == "%"}
	for i, g := range groups {
		p.Series = append(p.Series, agencySeries(m.Key+" "+AgencyID(g.agency), g.agency.Name, palette[i%len(palette)], g, lo, hi))
	}
	what := "柱状图"
	if m.Kind == config.KindChange {
		what = "柱状图，正值为增长、负值为下降"
	}
	return finish(&Chart{
		Caption:  fmt.Sprintf("%s（%s）", m.Label, m.Unit),
		Label:    fmt.Sprintf("%s（%s），%s，%s，%d个部门", m.Label, m.Unit, what, yearRange(lo, hi), len(groups)),
		Height:   300,
		Plot:     p,
		More:     MetricURL(m.Key),
		MoreText: "各县比较",
	}, yearTable(p, lo))
}

// ratesOverYears is the line chart of all rates of a county on a 0–100
// axis, one series per rate and agency.
func ratesOverYears(rates []config.Metric, groups map[string][]agencyPoints) *Chart {
	var all []agencyPoints
	agencies := map[*site.Agency]bool{}
	for _, m := range rates {
		for _, g := range groups[m.Key] {
			all = append(all, g)
			agencies[g.agency] = true
		}
	}
	lo, hi := span(all)
	zero, hundred := 0.0, 100.0
	p := Plot{Type: "line", Categories: years(lo, hi), Unit: "%", Percent: true, Min: &zero, Max: &hundred}
	i := 0
	for _, m := range rates {
		for _, g := range groups[m.Key] {
			name := m.Label
			if len(agencies) > 1 {
				name += "·" + g.agency.Name
			}
			p.Series = append(p.Series, agencySeries(m.Key+" "+AgencyID(g.agency), name, palette[i%len(palette)], g, lo, hi))
			i++
		}
	}
	var more string
	if len(rates) == 1 {
		more = MetricURL(rates[0].Key)
	}
	return finish(&Chart{
		Caption:  "比率（%）",
		Label:    fmt.Sprintf("比率（%%），折线图，纵轴0至100%%，%s，%d条折线", yearRange(lo, hi), len(p.Series)),
		Height:   340,
		Plot:     p,
		More:     more,
		MoreText: "各县比较",
	}, yearTable(p, lo))
}

// agencySeries is the series of an agency's points over the years lo…hi.
func agencySeries(id, name, color string, g agencyPoints, lo, hi int) Series {
	s := Series{ID: id, Name: name, Color: color, Values: make([]*Value, hi-lo+1)}
	for _, p := range g.points {
		s.Values[p.Year-lo] = &Value{Number: p.Value, Point: p, Who: g.agency.FullName + " · " + strconv.Itoa(p.Year) + "年"}
	}
	return s
}

// yearTable shows a plot over years as a table: a row per year that has a
// value, a column per series.
func yearTable(p Plot, lo int) Table {
	t := Table{Head: []string{"年度"}}
	for _, s := range p.Series {
		t.Head = append(t.Head, s.Name)
	}
	for i, y := range p.Categories {
		row := Row{Head: y + "年"}
		has := false
		for _, s := range p.Series {
			if v := s.Values[i]; v != nil && v.Point != nil {
				row.Cells = append(row.Cells, valueCell(v.Point))
				has = true
			} else {
				row.Cells = append(row.Cells, Cell{Text: "—"})
			}
		}
		if has {
			t.Rows = append(t.Rows, row)
		}
	}
	return t
}

// yearRange reads 2021—2024年, or 2024年.
func yearRange(lo, hi int) string {
	if lo == hi {
		return strconv.Itoa(lo) + "年"
	}
	return fmt.Sprintf("%d—%d年", lo, hi)
}

// finish completes a chart: its table, the accessible name's ending and
// the option.
func finish(c *Chart, t Table) *Chart {
	t.Caption = c.Caption + " 数据表"
	c.Table = t
	c.Key = c.Plot.key()
	c.Label += "；数值见下方数据表"
	c.Option = c.Plot.Option()
	return c
}
