package chart

import (
	"strconv"

	"portal/generator/internal/metrics"
	"portal/generator/internal/site"
)

// Chart is one chart of a page with the table that shows its values: what
// a template needs to print a figure.
type Chart struct {
	ID       string // unique on its page ("chart-1"): the id of the caption
	Caption  string // the visible title, e.g. 信访总量（件）
	Label    string // the accessible name of the drawing: what it shows, and that a table follows
	Note     string // an optional line under the drawing
	More     string // an optional link (relative to the site root) to a page with more, e.g. the metric page
	MoreText string // the text of that link
	Key      []Key  // how the chart marks the sources of its values, for those it has
	Height   int    // height of the drawing in CSS pixels
	Option   string // the ECharts option as JSON, with <, > and & escaped
	Table    Table  // the same values with their sources
	Open     bool   // keep the table open under the drawing (otherwise charts.js folds it)
	Plot     Plot   // what the option draws
}

// Key is one entry of a chart's key: how values of a source look.
type Key struct {
	Class  string // marker class: "bar" or "line", then the source, e.g. "line derived"
	Source string // 报送数据, 文中提取, 推算
}

// Plot is what a chart draws: categories along one axis and series of
// values along the other.
type Plot struct {
	Type       string   // "bar" or "line"
	Horizontal bool     // categories run down the side (ranked bars)
	Stacked    bool     // bars of a category stack
	Categories []string // years ("2023") or ranked names
	Unit       string   // the value axis unit: 件, %, 份
	Percent    bool     // values are percentages: axis labels read 50%
	Min, Max   *float64 // fixed value axis bounds, nil for automatic
	Series     []Series
}

// Series is a named series with one value per category.
type Series struct {
	ID     string   // stable identity, e.g. "petitions_total counties/410423/xinfangju"
	Name   string   // legend name
	Color  string   // CSS colour of the series
	Values []*Value // one per category; nil where there is no value
}

// Value is one drawn value: a published or derived point, or a count the
// portal made (reports per year).
type Value struct {
	Number float64
	Point  *site.Point // the value's origin; nil for counts
	Who    string      // who and when, first line of the tooltip: 鲁山县信访局 · 2023年
	ID     string      // identity of the item within a ranked series (the agency), "" otherwise
}

// Table is a chart's data as a table.
type Table struct {
	Caption string
	Head    []string // column headings; the first heads the row headings
	Rows    []Row
}

// Row is a table row: its heading cell and data cells.
type Row struct {
	Head    string
	HeadURL string // link of the heading (relative to the site root), optional
	Cells   []Cell
}

// Cell is a table cell: a value with its source, or text with an optional
// link.
type Cell struct {
	Text   string // 约5033件, 鲁山县, —
	URL    string // for text: its link; relative to the site root
	Source string // for a value: 报送数据, 文中提取 or 推算
	Class  string // for a value: reported, extracted or derived
	Ref    string // for a value: the report paragraph it comes from (relative to the site root)
	Note   string // for a derived value: how it was derived
}

// formatPoint shows a point's value with its unit: 1927件, 99.96%, 约5033件.
func formatPoint(p *site.Point) string {
	return metrics.Format(p.Value, p.Unit, p.Approx)
}

// ref is the link to the paragraph of the report a point comes from.
func ref(p *site.Point) string {
	u := p.Report.URL
	if p.Anchor != "" {
		u += "#" + p.Anchor
	}
	return u
}

// valueCell is the table cell of a point.
func valueCell(p *site.Point) Cell {
	c := Cell{Text: formatPoint(p), Source: p.Source.Label(), Class: string(p.Source), Ref: ref(p)}
	if p.Source == metrics.Derived {
		c.Note = p.From
	}
	return c
}

// AgencyID is an agency's identity across the site: its county's URL and
// its slug, e.g. counties/410423/xinfangju.
func AgencyID(a *site.Agency) string { return a.County.URL + a.Slug }

// years returns the categories lo…hi as strings.
func years(lo, hi int) []string {
	var ys []string
	for y := lo; y <= hi; y++ {
		ys = append(ys, strconv.Itoa(y))
	}
	return ys
}

// number gives the charts of a page their IDs in order.
func number(charts []*Chart) []*Chart {
	for i, c := range charts {
		c.ID = "chart-" + strconv.Itoa(i+1)
	}
	return charts
}
