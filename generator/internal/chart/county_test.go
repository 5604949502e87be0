package chart

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"portal/generator/internal/metrics"
	"portal/generator/internal/site"
)

// numbers lists a series' values, with -1 where there is none.
func numbers(s Series) []float64 {
	var out []float64
	for _, v := range s.Values {
		if v == nil {
			out = append(out, -1)
		} else {
			out = append(out, v.Number)
		}
	}
	return out
}

func captions(cs []*Chart) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Caption)
	}
	return out
}

func TestCountyCharts(t *testing.T) {
	s := testSite(t)
	c := county(t, s, "鲁山县")
	cs := County(s.Config, c)
	// Catalog order; the rates share one chart where the first rate comes.
	want := []string{"信访总量（件）", "信访总量同比（%）", "比率（%）", "宣传活动（场次）"}
	if got := captions(cs); !slices.Equal(got, want) {
		t.Fatalf("captions = %q, want %q", got, want)
	}
	for i, ch := range cs {
		if want := "chart-" + strconv.Itoa(i+1); ch.ID != want {
			t.Errorf("chart %d ID = %q, want %q", i, ch.ID, want)
		}
		if ch.Option == "" || ch.Label == "" || len(ch.Table.Rows) == 0 {
			t.Errorf("%s: empty option, label or table", ch.Caption)
		}
	}

	petitions := cs[0].Plot
	if petitions.Type != "bar" || !slices.Equal(petitions.Categories, []string{"2021", "2022", "2023", "2024"}) {
		t.Errorf("petitions: %s over %q", petitions.Type, petitions.Categories)
	}
	if len(petitions.Series) != 1 || petitions.Series[0].ID != "petitions_total counties/410423/xinfangju" {
		t.Fatalf("petitions series = %+v", petitions.Series)
	}
	// 2021 is derived from the 2022 report's 同比下降10%: 2100/0.9 ≈ 2333.
	if got := numbers(petitions.Series[0]); !slices.Equal(got, []float64{2333, 2100, 1800, 1500}) {
		t.Errorf("petitions values = %v", got)
	}
	sources := []metrics.Source{metrics.Derived, metrics.Extracted, metrics.Reported, metrics.Extracted}
	for i, v := range petitions.Series[0].Values {
		if v.Point == nil || v.Point.Source != sources[i] {
			t.Errorf("petitions %s: point %+v, want source %s", petitions.Categories[i], v.Point, sources[i])
		}
	}
	checkPointsFromModel(t, c, cs)

	rates := cs[2].Plot
	if rates.Type != "line" || !rates.Percent || rates.Min == nil || *rates.Min != 0 || rates.Max == nil || *rates.Max != 100 {
		t.Errorf("rates plot: %s, percent %v, min %v, max %v; want a line on 0–100%%", rates.Type, rates.Percent, rates.Min, rates.Max)
	}
	var names []string
	for _, s := range rates.Series {
		names = append(names, s.Name)
	}
	// Two agencies have rates, so names carry the agency.
	if want := []string{"及时受理率·信访局", "及时受理率·司法局", "群众满意率·信访局"}; !slices.Equal(names, want) {
		t.Errorf("rate series = %q, want %q", names, want)
	}
	// A year without the rate is a gap, not a zero.
	if got := numbers(rates.Series[0]); !slices.Equal(got, []float64{98.5, -1, 100}) {
		t.Errorf("及时受理率·信访局 = %v", got)
	}

	events := cs[3].Plot
	if len(events.Series) != 2 || events.Series[0].Name != "信访局" || events.Series[1].Name != "司法局" {
		t.Errorf("宣传活动 series: one per agency expected, got %+v", events.Series)
	}
	if events.Series[0].Color == events.Series[1].Color {
		t.Error("two agencies share a colour")
	}

	// Table: one row per year with a value, one column per series; derived
	// values carry how they were derived.
	tbl := cs[0].Table
	if !slices.Equal(tbl.Head, []string{"年度", "信访局"}) || len(tbl.Rows) != 4 {
		t.Fatalf("table head %q, %d rows", tbl.Head, len(tbl.Rows))
	}
	d := tbl.Rows[0].Cells[0]
	if d.Text != "约2333件" || d.Source != "推算" || d.Class != "derived" || !strings.Contains(d.Note, "由2022年报告") || d.Ref != "counties/410423/xinfangju-2022/#p2" {
		t.Errorf("derived cell = %+v", d)
	}
	if r := tbl.Rows[2].Cells[0]; r.Source != "报送数据" || r.Ref != "counties/410423/xinfangju-2023/" {
		t.Errorf("reported cell = %+v", r)
	}
}

// checkPointsFromModel checks that the county's charts draw each point of
// its agencies exactly once, at its year.
func checkPointsFromModel(t *testing.T, c *site.County, cs []*Chart) {
	t.Helper()
	drawn := map[*site.Point]int{}
	for _, ch := range cs {
		for _, s := range ch.Plot.Series {
			for i, v := range s.Values {
				if v == nil {
					continue
				}
				drawn[v.Point]++
				if v.Number != v.Point.Value || ch.Plot.Categories[i] != strconv.Itoa(v.Point.Year) {
					t.Errorf("%s: %v at %s is point %+v", ch.Caption, v.Number, ch.Plot.Categories[i], v.Point)
				}
			}
		}
	}
	for _, a := range c.Agencies {
		for i := range a.Points {
			if n := drawn[&a.Points[i]]; n != 1 {
				t.Errorf("point %+v drawn %d times", a.Points[i], n)
			}
		}
	}
}

// option decodes a chart's option JSON.
func option(t *testing.T, c *Chart) map[string]any {
	t.Helper()
	var o map[string]any
	if err := json.Unmarshal([]byte(c.Option), &o); err != nil {
		t.Fatalf("%s: option is not JSON: %v", c.Caption, err)
	}
	return o
}

// items returns the data of the option's series i.
func items(t *testing.T, o map[string]any, i int) []any {
	t.Helper()
	return o["series"].([]any)[i].(map[string]any)["data"].([]any)
}

func TestMarkers(t *testing.T) {
	s := testSite(t)
	cs := County(s.Config, county(t, s, "鲁山县"))

	// Bars: derived hollow and dashed, extracted pale with a border,
	// reported solid.
	bars := items(t, option(t, cs[0]), 0)
	style := func(it any) map[string]any { return it.(map[string]any)["itemStyle"].(map[string]any) }
	if st := style(bars[0]); st["borderType"] != "dashed" || st["color"] != "#ffffff" {
		t.Errorf("derived bar style = %v", st)
	}
	if st := style(bars[1]); !strings.HasPrefix(st["color"].(string), "rgba(") || st["borderType"] != nil {
		t.Errorf("extracted bar style = %v", st)
	}
	if st := style(bars[2]); st["color"] != palette[0] || st["borderType"] != nil {
		t.Errorf("reported bar style = %v", st)
	}
	// Lines: derived points hollow, extracted diamonds, reported circles;
	// a missing year is null.
	line := items(t, option(t, cs[2]), 0)
	if line[0].(map[string]any)["symbol"] != "diamond" || line[1] != nil {
		t.Errorf("rate line data = %v", line)
	}
	if got := marker2("line", metrics.Derived); got != "emptyCircle" {
		t.Errorf("derived line symbol = %q", got)
	}
	if got := marker2("line", metrics.Reported); got != "circle" {
		t.Errorf("reported line symbol = %q", got)
	}

	// Tooltips name the source and the report, HTML-escaped.
	tip := func(it any) string {
		return it.(map[string]any)["tooltip"].(map[string]any)["formatter"].(string)
	}
	if got := tip(bars[0]); !strings.Contains(got, "推算：由2022年报告") || !strings.Contains(got, "鲁山县信访局2022年度报告") || !strings.Contains(got, "约2333件") {
		t.Errorf("derived tooltip = %q", got)
	}
	// Tooltips are rich text drawn by ECharts, not HTML: markup in a title
	// shows as written (and the option JSON escapes it).
	if got := tip(bars[3]); !strings.Contains(got, "2024年度<b>报告</b>") || strings.Count(got, "\n") != 3 {
		t.Errorf("tooltip with markup in the title = %q", got)
	}
	if got := tooltip(&Value{Who: "{a}{b|x}", Number: 1}, "份"); got != "｛a｝｛b|x｝：1份" {
		t.Errorf("braces are not neutralised: %q", got)
	}
	// The key lists the sources the chart has.
	var key []string
	for _, k := range cs[0].Key {
		key = append(key, k.Class)
	}
	if want := []string{"bar reported", "bar extracted", "bar derived"}; !slices.Equal(key, want) {
		t.Errorf("key = %q, want %q", key, want)
	}
	if len(cs[3].Key) != 1 || cs[3].Key[0].Class != "bar extracted" {
		t.Errorf("宣传活动 key = %+v", cs[3].Key)
	}
}

func marker2(kind string, src metrics.Source) string {
	sym, _, _ := marker(kind, src, "#000000")
	return sym
}

// TestOptionIsSafeAndStable checks the option JSON: escaped for HTML, no
// JavaScript, no title or toolbox, the same bytes every time.
func TestOptionIsSafeAndStable(t *testing.T) {
	s := testSite(t)
	a := County(s.Config, county(t, s, "鲁山县"))
	b := County(s.Config, county(t, s, "鲁山县"))
	for i := range a {
		if a[i].Option != b[i].Option {
			t.Errorf("%s: option differs between runs", a[i].Caption)
		}
		if strings.ContainsAny(a[i].Option, "<>&") {
			t.Errorf("%s: option has an unescaped <, > or &", a[i].Caption)
		}
		for _, bad := range []string{"function", "__f__", `"title"`, `"toolbox"`} {
			if strings.Contains(a[i].Option, bad) {
				t.Errorf("%s: option contains %s", a[i].Caption, bad)
			}
		}
		o := option(t, a[i])
		if tt := o["tooltip"].(map[string]any); tt["trigger"] != "item" || tt["renderMode"] != "richText" || tt["confine"] != true {
			t.Errorf("%s: tooltip = %v", a[i].Caption, tt)
		}
	}
	// A chart with one series shows no legend; several series do.
	if l := option(t, a[0])["legend"].(map[string]any); l["show"] != false {
		t.Errorf("single-series legend = %v", l)
	}
	if l := option(t, a[3])["legend"].(map[string]any); l["show"] != true {
		t.Errorf("two-series legend = %v", l)
	}
	// Rates on a 0–100% axis.
	y := option(t, a[2])["yAxis"].([]any)[0].(map[string]any)
	if y["min"] != 0.0 || y["max"] != 100.0 || y["axisLabel"].(map[string]any)["formatter"] != "{value}%" {
		t.Errorf("rates axis = %v", y)
	}
}

func TestCountyWithoutValues(t *testing.T) {
	s := testSite(t)
	c := county(t, s, "鲁山县")
	bare := &site.County{Name: c.Name, URL: c.URL, Agencies: []*site.Agency{{Name: "信访局", County: c}}}
	if cs := County(s.Config, bare); len(cs) != 0 {
		t.Errorf("a county without values has %d charts", len(cs))
	}
}
