package chart

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"portal/generator/internal/metrics"
)

// palette are the series colours: dark enough for text contrast on white,
// distinct in print, in an order that keeps neighbours apart.
var palette = []string{"#0b5cad", "#c2410c", "#15803d", "#7e22ce", "#a16207", "#0e7490", "#be185d", "#4b5563"}

// Colours of publication status series.
const (
	colorOnTime  = "#15803d"
	colorLate    = "#c2410c"
	colorUnknown = "#9ca3af"
)

// item is one element of a series' data. go-echarts' opts.BarData and
// opts.LineData each lack fields the charts need (a line point's item
// style and tooltip, a border type), so series data are these.
type item struct {
	ID         string        `json:"id,omitempty"`
	Value      float64       `json:"value"`
	Symbol     string        `json:"symbol,omitempty"`
	SymbolSize int           `json:"symbolSize,omitempty"`
	ItemStyle  *itemStyle    `json:"itemStyle,omitempty"`
	Tooltip    *opts.Tooltip `json:"tooltip,omitempty"`
}

// itemStyle is ECharts' itemStyle with the fields the markers use.
type itemStyle struct {
	Color       string  `json:"color,omitempty"`
	BorderColor string  `json:"borderColor,omitempty"`
	BorderWidth float64 `json:"borderWidth,omitempty"`
	BorderType  string  `json:"borderType,omitempty"`
}

// marker is how a value of a given source is drawn in colour c.
func marker(kind string, src metrics.Source, c string) (symbol string, size int, style *itemStyle) {
	if kind == "line" {
		switch src {
		case metrics.Derived:
			return "emptyCircle", 8, &itemStyle{Color: c, BorderType: "dashed"}
		case metrics.Extracted:
			return "diamond", 10, &itemStyle{Color: c}
		}
		return "circle", 8, &itemStyle{Color: c}
	}
	switch src {
	case metrics.Derived:
		return "", 0, &itemStyle{Color: "#ffffff", BorderColor: c, BorderWidth: 1.5, BorderType: "dashed"}
	case metrics.Extracted:
		return "", 0, &itemStyle{Color: pale(c), BorderColor: c, BorderWidth: 1}
	}
	return "", 0, &itemStyle{Color: c}
}

// key lists the sources the plot's values have, in a fixed order, with
// the class of their marker.
func (p *Plot) key() []Key {
	has := map[metrics.Source]bool{}
	for _, s := range p.Series {
		for _, v := range s.Values {
			if v != nil && v.Point != nil {
				has[v.Point.Source] = true
			}
		}
	}
	var out []Key
	for _, src := range []metrics.Source{metrics.Reported, metrics.Extracted, metrics.Derived} {
		if has[src] {
			name := src.Label()
			if src == metrics.Derived {
				name += "（由次年报告的同比变化计算）"
			}
			out = append(out, Key{Class: p.Type + " " + string(src), Source: name})
		}
	}
	return out
}

// pale is colour c (#rrggbb) at 45% opacity.
func pale(c string) string {
	var r, g, b int
	if _, err := fmt.Sscanf(c, "#%02x%02x%02x", &r, &g, &b); err != nil {
		return c
	}
	return fmt.Sprintf("rgba(%d,%d,%d,0.45)", r, g, b)
}

// tooltipOption is the option's tooltip component. go-echarts'
// opts.Tooltip lacks renderMode and confine.
type tooltipOption struct {
	Show       bool   `json:"show"`
	Trigger    string `json:"trigger"`
	RenderMode string `json:"renderMode"`
	Confine    bool   `json:"confine"`
}

// tooltips are drawn by ECharts itself ("richText"), not as HTML: an HTML
// tooltip is set with innerHTML, which would make report titles markup,
// and ECharts adds an arrow with an inline style attribute that the pages'
// CSP (style-src 'self') refuses. Confined, a tooltip stays on narrow
// screens.
var tooltips = tooltipOption{Show: true, Trigger: "item", RenderMode: "richText", Confine: true}

// braces makes braces full-width (tooltip).
var braces = strings.NewReplacer("{", "｛", "}", "｝")

// tooltip is the per-item tooltip text: who and when, the value, and for
// a point its source and report, one per line. Braces become full-width
// so that ECharts finds neither template variables nor rich-text styles in
// the text.
func tooltip(v *Value, unit string) string {
	esc := braces.Replace
	lines := []string{esc(v.Who)}
	if p := v.Point; p != nil {
		lines = append(lines, esc(formatPoint(p)))
		src := p.Source.Label()
		if p.Source == metrics.Derived && p.From != "" {
			src += "：" + p.From
		}
		lines = append(lines, esc(src), esc("来源："+p.Report.Meta.Title))
	} else {
		lines[0] += "：" + esc(metrics.FormatNumber(v.Number)+unit)
	}
	return strings.Join(lines, "\n")
}

// data is the ECharts data of series s: items, or null where there is no
// value.
func (p *Plot) data(s Series) []any {
	out := make([]any, len(s.Values))
	for i, v := range s.Values {
		if v == nil {
			continue
		}
		it := item{ID: v.ID, Value: v.Number, Tooltip: &opts.Tooltip{Formatter: types.FuncStr(tooltip(v, p.Unit))}}
		if v.Point != nil {
			it.Symbol, it.SymbolSize, it.ItemStyle = marker(p.Type, v.Point.Source, s.Color)
		}
		out[i] = it
	}
	return out
}

// Option builds the plot's ECharts option with go-echarts and returns it
// as JSON with <, > and & escaped, ready for a data-option attribute.
func (p *Plot) Option() string {
	categories := opts.XAxis{Type: "category", Data: p.Categories, AxisTick: &opts.AxisTick{AlignWithLabel: opts.Bool(true)}}
	value := opts.YAxis{Type: "value"}
	if p.Percent {
		value.AxisLabel = &opts.AxisLabel{Formatter: "{value}%"}
	} else {
		value.Name = p.Unit
		value.MinInterval = 1
	}
	if p.Min != nil {
		value.Min = *p.Min
	}
	if p.Max != nil {
		value.Max = *p.Max
	}
	var colors []string
	for _, s := range p.Series {
		colors = append(colors, s.Color)
	}
	global := []charts.GlobalOpts{
		charts.WithColorsOpts(colors),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(p.legend()), Type: "scroll", Top: "0", Left: "center"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "32", Top: p.gridTop(), Bottom: "8", ContainLabel: opts.Bool(true)}),
	}
	if p.Horizontal {
		global = append(global,
			charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: value.Name, MinInterval: value.MinInterval, Min: value.Min, Max: value.Max, AxisLabel: value.AxisLabel}),
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}))
	} else {
		global = append(global, charts.WithXAxisOpts(categories), charts.WithYAxisOpts(value))
	}
	var c interface {
		Validate()
		JSON() map[string]any
	}
	if p.Type == "line" {
		l := charts.NewLine()
		l.SetGlobalOptions(global...)
		l.SetXAxis(p.Categories)
		for _, s := range p.Series {
			l.AddSeries(s.Name, nil,
				charts.WithSeriesId(s.ID),
				charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(true), ShowSymbol: opts.Bool(true), Symbol: "circle", SymbolSize: 8}),
				charts.WithLineStyleOpts(opts.LineStyle{Color: s.Color, Width: 2}),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: s.Color}),
				p.withData(s))
		}
		c = l
	} else {
		b := charts.NewBar()
		b.SetGlobalOptions(global...)
		b.SetXAxis(p.Categories)
		if p.Horizontal {
			b.XYReversal()
		}
		for _, s := range p.Series {
			bar := opts.BarChart{}
			if p.Stacked {
				bar.Stack = "total"
			}
			b.AddSeries(s.Name, nil,
				charts.WithSeriesId(s.ID),
				charts.WithBarChartOpts(bar),
				charts.WithSeriesOpts(func(ss *charts.SingleSeries) { ss.BarMaxWidth = "40" }),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: s.Color}),
				p.withData(s))
		}
		c = b
	}
	c.Validate()
	opt := c.JSON()
	delete(opt, "title")   // the caption is the figure's figcaption
	delete(opt, "toolbox") // nothing to save or zoom: the table has the numbers
	opt["tooltip"] = tooltips
	b, err := json.Marshal(opt)
	if err != nil {
		panic(err) // plain data always encodes
	}
	return string(b)
}

// withData sets a series' data to the plot's items.
func (p *Plot) withData(s Series) charts.SeriesOpts {
	return charts.WithSeriesOpts(func(ss *charts.SingleSeries) { ss.Data = p.data(s) })
}

// legend reports whether the plot shows a legend: for several series, and
// for lines, whose single series would otherwise go unnamed.
func (p *Plot) legend() bool { return len(p.Series) > 1 || p.Type == "line" }

// gridTop leaves room for the legend and, above a vertical value axis,
// its unit.
func (p *Plot) gridTop() string {
	switch {
	case p.legend() && !p.Horizontal && !p.Percent:
		return "52"
	case p.legend():
		return "36"
	}
	return "28"
}
