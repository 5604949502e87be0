package site

import (
	"cmp"
	"math"
	"slices"

	"portal/generator/internal/config"
	"portal/generator/internal/diag"
	"portal/generator/internal/metrics"
)

// Point is one value of a metric in one year for one agency, as the charts
// and the open data show it.
type Point struct {
	Key    string
	Year   int
	Value  float64
	Unit   string
	Approx bool
	Source metrics.Source
	Report *Report // the report the value comes from (for a derived value, the next year's report)
	Anchor string  // the paragraph of Report it was extracted from or derived from, if any
	From   string  // for a derived value: how it was derived
}

// derive completes the agency series: the published values of each report,
// and for each change (同比) the base metric's previous-year value, derived
// unless the previous year's report states it. A derived value that
// disagrees with the previous report by more than 1% is a warning.
func (s *Site) derive() diag.List {
	var problems diag.List
	for _, c := range s.Counties {
		for _, a := range c.Agencies {
			problems.Add(a.derive(s.Config.Metrics)...)
		}
	}
	return problems
}

func (a *Agency) derive(catalog config.Catalog) diag.List {
	var problems diag.List
	byYear := map[int]*Report{}
	for _, r := range a.Reports {
		byYear[r.Meta.Year] = r
		for _, v := range r.Values {
			a.Points = append(a.Points, pointOf(r, v))
		}
	}
	for _, r := range a.Reports {
		for _, v := range metrics.DerivePrevious(catalog, r.Values, r.Meta.Year) {
			if pr := byYear[r.Meta.Year-1]; pr != nil {
				if stated, ok := pr.Value(v.Key); ok {
					if diff := math.Abs(stated.Value-v.Value) / math.Max(math.Abs(stated.Value), 1); diff > 0.01 {
						problems.Warnf(diag.Pos{File: r.Source.File}, "%s: the %d report gives %v%s, but %s implies %v%s (%.1f%% apart)",
							v.Key, pr.Meta.Year, stated.Value, stated.Unit, v.From, v.Value, v.Unit, diff*100)
					}
					continue // the previous year's own report wins
				}
			}
			d := pointOf(r, v)
			d.Year = r.Meta.Year - 1
			if base, ok := r.Value(v.Key); ok && base.Figure != nil {
				d.Anchor = base.Figure.Anchor
			}
			r.Derived = append(r.Derived, d)
			a.Points = append(a.Points, d)
		}
	}
	order := map[string]int{}
	for i, m := range catalog {
		order[m.Key] = i
	}
	slices.SortStableFunc(a.Points, func(x, y Point) int {
		return cmp.Or(cmp.Compare(order[x.Key], order[y.Key]), cmp.Compare(x.Year, y.Year))
	})
	return problems
}

func pointOf(r *Report, v metrics.Value) Point {
	p := Point{Key: v.Key, Year: r.Meta.Year, Value: v.Value, Unit: v.Unit, Approx: v.Approx, Source: v.Source, Report: r, From: v.From}
	if v.Figure != nil {
		p.Anchor = v.Figure.Anchor
	}
	return p
}

// Value returns the report's published value of a metric.
func (r *Report) Value(key string) (metrics.Value, bool) {
	for _, v := range r.Values {
		if v.Key == key {
			return v, true
		}
	}
	return metrics.Value{}, false
}

// AllPoints returns every point of every agency, in site order: the rows of
// the open data.
func (s *Site) AllPoints() []Point {
	var ps []Point
	for _, c := range s.Counties {
		for _, a := range c.Agencies {
			ps = append(ps, a.Points...)
		}
	}
	return ps
}
