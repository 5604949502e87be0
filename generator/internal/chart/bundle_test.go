package chart

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// bundled are the option keys and series types the custom ECharts build
// draws, with the part echarts-build/entry.js must use() for each. An
// option key or series type outside this list would be silently dropped by
// the bundle: add its part to entry.js (see echarts-build/README.md).
var bundled = map[string]string{
	"series:bar":  "BarChart",
	"series:line": "LineChart",
	"grid":        "GridComponent",
	"xAxis":       "GridComponent",
	"yAxis":       "GridComponent",
	"legend":      "LegendScrollComponent",
	"tooltip":     "TooltipComponent",
	"series":      "", // checked by type
	"color":       "", // a global option, not a component
}

// allCharts are every chart the test site's pages draw.
func allCharts(t *testing.T) []*Chart {
	s := testSite(t)
	var out []*Chart
	for _, c := range s.Counties {
		out = append(out, County(s.Config, c)...)
	}
	for _, m := range Metrics(s) {
		if m.Trend != nil {
			out = append(out, m.Trend)
		}
		for _, r := range m.Years {
			out = append(out, r.Chart)
		}
	}
	for _, y := range s.Years {
		out = append(out, ForYear(s, y).Charts()...)
	}
	return append(out, Home(s)...)
}

// TestBundleCoversOptions checks that every option the generator writes
// uses only series types and components the bundle has, and that
// entry.js uses those parts and the SVG renderer charts.js asks for.
func TestBundleCoversOptions(t *testing.T) {
	entry, err := os.ReadFile(filepath.Join("echarts-build", "entry.js"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^use\(\[([^\]]*)\]\);`).FindSubmatch(entry)
	if m == nil {
		t.Fatal("entry.js has no use([...]) line")
	}
	used := map[string]bool{}
	for _, p := range regexp.MustCompile(`\w+`).FindAll(m[1], -1) {
		used[string(p)] = true
	}
	for _, part := range append([]string{"SVGRenderer"}, bundledParts()...) {
		if !used[part] {
			t.Errorf("entry.js does not use %s", part)
		}
	}
	types := map[string]bool{}
	for _, c := range allCharts(t) {
		o := option(t, c)
		for k := range o {
			if _, ok := bundled[k]; !ok {
				t.Errorf("%s: option key %q is not in the ECharts bundle", c.Caption, k)
			}
		}
		series, _ := o["series"].([]any)
		for _, s := range series {
			typ := "series:" + s.(map[string]any)["type"].(string)
			types[typ] = true
			if _, ok := bundled[typ]; !ok {
				t.Errorf("%s: %s is not in the ECharts bundle", c.Caption, typ)
			}
		}
	}
	if !types["series:bar"] || !types["series:line"] {
		t.Errorf("the test site draws %v, want bar and line", types)
	}
}

// bundledParts are the parts named in bundled.
func bundledParts() []string {
	var out []string
	for _, p := range bundled {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}
