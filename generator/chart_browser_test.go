package main

import (
	"cmp"
	"context"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"portal/generator/internal/browser"
	"portal/generator/internal/chart"
	"portal/generator/internal/metrics"
	"portal/generator/internal/preview"
	"portal/generator/internal/site"
)

// chartFixture is a small corpus with figures over several years: two
// counties, one with two agencies; reported (TOML), extracted and derived
// values; reports published on time, late and undated.
const chartFixture = "testdata/charts"

// chartState is what the browser test reads back from a running chart.
type chartState struct {
	Caption    string   `json:"caption"`
	Categories []string `json:"categories"`
	SVG        bool     `json:"svg"`
	Label      string   `json:"label"`
	Folded     bool     `json:"folded"`
	Fold       bool     `json:"fold"` // the table is to fold under the drawn chart
	Series     []struct {
		ID    string `json:"id"`
		Name  string `json:"name"`
		Type  string `json:"type"`
		Items []*struct {
			Value  float64 `json:"value"`
			ID     string  `json:"id"`
			Symbol string  `json:"symbol"`
			Border string  `json:"border"`
			Tip    string  `json:"tip"`
		} `json:"items"`
	} `json:"series"`
}

// readCharts returns the live state of every chart on the page, through
// echarts.getInstanceByDom(…).getOption().
const readCharts = `Array.from(document.querySelectorAll(".chart-canvas[data-option]")).map(el => {
  const o = echarts.getInstanceByDom(el).getOption();
  const horizontal = o.yAxis[0].type === "category";
  const fig = el.closest("figure");
  return {
    caption: fig.querySelector("figcaption").textContent,
    categories: (horizontal ? o.yAxis[0].data : o.xAxis[0].data).map(String),
    svg: el.querySelector("svg") !== null,
    label: el.getAttribute("role") === "img" ? el.getAttribute("aria-label") : "",
    folded: !fig.querySelector("details.chart-data").open,
    fold: fig.querySelector("details.chart-data").hasAttribute("data-fold"),
    series: o.series.map(s => ({id: s.id, name: s.name, type: s.type, items: s.data.map(d =>
      d == null || d === "-" ? null : {
        value: typeof d === "object" ? d.value : d, id: d.id || "", symbol: d.symbol || "",
        border: (d.itemStyle && d.itemStyle.borderType) || "", tip: (d.tooltip && d.tooltip.formatter) || ""})}))
  };
})`

// allDrawn is true when every chart of the page has finished drawing
// (charts.js marks them on ECharts' "finished" event, after animations).
// Charts are drawn as they come into view: polled, it scrolls to the
// first chart not started yet, as a reader would.
const allDrawn = `document.querySelectorAll(".chart-canvas[data-option]").length > 0 && ` + scrollDrawn

// scrollDrawn is allDrawn without requiring a chart: true on a page without
// any.
const scrollDrawn = `(() => {
  const all = [...document.querySelectorAll(".chart-canvas[data-option]")];
  const next = all.find(el => !el.hasAttribute("data-started"));
  if (next) next.scrollIntoView({block: "center"});
  return document.readyState === "complete" && !next && all.every(el => el.hasAttribute("data-drawn")) &&
    (all.length === 0 || typeof echarts !== "undefined");
})()`

// drawn is one value as the browser shows it, keyed by series and category.
type drawn struct {
	series, category string
}

// TestBrowserCharts opens a county page and a metric page in Chromium and
// checks, through echarts.getInstanceByDom(…).getOption(), that every chart
// draws exactly the site model's values, marks derived values, names the
// source and report in its tooltip, is an accessible image with a table
// that folds once drawn, follows window resizes, and can be photographed
// once drawn ("finished"); then the year pages (with reduced motion) and
// the home page, and a ranking link to its report — all with no console
// error, CSP violation or failed request.
func TestBrowserCharts(t *testing.T) {
	b := browser.New(t)
	dest, res := buildSite(t, chartFixture)
	base := b.Serve(t, preview.SiteHandler(dest))
	s := res.Site

	county := findCounty(t, s, "鲁山县")
	b.Open(t, base+county.URL)
	b.WaitFor(t, allDrawn)
	states := browser.Eval[[]chartState](t, b, readCharts)
	if len(states) < 3 {
		t.Fatalf("county page has %d charts, want at least 3 (counts, rates, a change)", len(states))
	}
	want := map[drawn]*site.Point{}
	for _, a := range county.Agencies {
		for i := range a.Points {
			p := &a.Points[i]
			want[drawn{p.Key + " " + chart.AgencyID(a), strconv.Itoa(p.Year)}] = p
		}
	}
	compare(t, "county page", states, want)
	checkRates(t, states)

	// Hovering the derived 2021 bar shows that it is derived and from which
	// report (ECharts draws the rich-text tooltip into the chart's SVG).
	tip := browser.Eval[string](t, b, `new Promise(done => {
	  const el = document.querySelector(".chart-canvas");
	  echarts.getInstanceByDom(el).dispatchAction({type: "showTip", seriesIndex: 0, dataIndex: 0});
	  setTimeout(() => done(Array.from(el.querySelectorAll("text")).map(e => e.textContent).join("\n")), 300);
	})`, chromedp.EvalAwaitPromise)
	if d := want[drawn{"petitions_total " + chart.AgencyID(county.Agencies[0]), "2021"}]; d == nil || !strings.Contains(tip, "推算：由2022年报告") || !strings.Contains(tip, d.Report.Meta.Title) {
		t.Errorf("tooltip of the derived bar = %q", tip)
	}
	screenshot(t, b, "county")

	// The charts follow the window: narrower window, narrower drawing.
	width := `echarts.getInstanceByDom(document.querySelector(".chart-canvas")).getWidth()`
	before := browser.Eval[float64](t, b, width)
	b.Run(t, chromedp.EmulateViewport(700, 900))
	b.WaitFor(t, width+` < `+strconv.FormatFloat(before, 'f', -1, 64))
	b.Run(t, chromedp.EmulateViewport(1200, 900))

	const key = "petitions_total"
	b.Open(t, base+chart.MetricURL(key))
	b.WaitFor(t, allDrawn)
	states = browser.Eval[[]chartState](t, b, readCharts)
	want = map[drawn]*site.Point{}
	for _, c := range s.Counties {
		for _, a := range c.Agencies {
			var ps []*site.Point
			for i := range a.Points {
				if p := &a.Points[i]; p.Key == key {
					ps = append(ps, p)
					want[drawn{key + " " + strconv.Itoa(p.Year), chart.AgencyID(a)}] = p // ranking: a bar per agency
				}
			}
			for _, p := range ps {
				if len(ps) > 1 { // trend: a line per agency with two years or more
					want[drawn{key + " " + chart.AgencyID(a), strconv.Itoa(p.Year)}] = p
				}
			}
		}
	}
	compare(t, "metric page", states, want)
	checkRanked(t, states)
	screenshot(t, b, "metric")

	// The year pages, with reduced motion (charts.js then turns animation
	// off, also for the charts scrolled into view, which it animates
	// otherwise): their reports on time, late and undated, as the model
	// counts them.
	b.Run(t, reducedMotion(true))
	for _, y := range s.Years {
		b.Open(t, base+y.URL)
		b.WaitFor(t, allDrawn)
		if browser.Eval[bool](t, b, `[...document.querySelectorAll(".chart-canvas")].some(el => echarts.getInstanceByDom(el).getOption().animation)`) {
			t.Errorf("%d: a chart animated despite prefers-reduced-motion", y.Year)
		}
		states = browser.Eval[[]chartState](t, b, readCharts)
		count := map[string]float64{}
		for _, r := range y.Reports {
			count[chart.Publication(r).Kind]++
		}
		for _, sr := range states[0].Series {
			if got := sr.Items[0].Value; got != count[sr.ID] {
				t.Errorf("%d: %s = %v, model %v", y.Year, sr.Name, got, count[sr.ID])
			}
		}
		if y.Year == 2024 {
			screenshot(t, b, "year")
		}
	}
	b.Open(t, base)
	b.WaitFor(t, allDrawn)
	screenshot(t, b, "home")

	// The ranking links to the reports (unfold its table first, as a reader
	// would).
	b.Open(t, base+chart.MetricURL(key))
	browser.Eval[bool](t, b, `document.querySelector("figure[aria-labelledby=chart-2] details").open = true`)
	b.Follow(t, `figure[aria-labelledby=chart-2] td a[href$="xinfangju-2024/"]`)
	if title := browser.Eval[string](t, b, `document.title`); !strings.Contains(title, "2024年度") {
		t.Errorf("ranking link led to %q", title)
	}
	b.CheckClean(t)
}

// compare checks that the charts draw exactly the points of want: each
// drawn value is a point's value, every point is drawn, derived points
// are hollow or dashed and others not, and each tooltip names the source
// and the report.
func compare(t *testing.T, page string, states []chartState, want map[drawn]*site.Point) {
	t.Helper()
	seen := map[drawn]bool{}
	for _, st := range states {
		if !st.SVG {
			t.Errorf("%s: chart %q is not drawn with the SVG renderer", page, st.Caption)
		}
		if st.Label == "" {
			t.Errorf("%s: chart %q has no role=img with an aria-label", page, st.Caption)
		}
		if st.Folded != st.Fold {
			t.Errorf("%s: chart %q: table folded = %v, want %v", page, st.Caption, st.Folded, st.Fold)
		}
		for _, sr := range st.Series {
			for i, it := range sr.Items {
				if it == nil {
					continue
				}
				k := drawn{sr.ID, st.Categories[i]}
				if it.ID != "" {
					k = drawn{sr.ID, it.ID}
				}
				p := want[k]
				if p == nil {
					t.Errorf("%s: chart %q series %q draws %v at %q, which the model does not have", page, st.Caption, sr.Name, it.Value, st.Categories[i])
					continue
				}
				seen[k] = true
				if it.Value != p.Value {
					t.Errorf("%s: chart %q series %q at %q: drawn %v, model %v", page, st.Caption, sr.Name, st.Categories[i], it.Value, p.Value)
				}
				derivedLook := it.Border == "dashed" || it.Symbol == "emptyCircle"
				if derivedLook != (p.Source == metrics.Derived) {
					t.Errorf("%s: chart %q series %q at %q: source %s but border %q symbol %q", page, st.Caption, sr.Name, st.Categories[i], p.Source, it.Border, it.Symbol)
				}
				if !strings.Contains(it.Tip, p.Source.Label()) || !strings.Contains(it.Tip, p.Report.Meta.Title) {
					t.Errorf("%s: chart %q series %q at %q: tooltip %q lacks the source %s or the report", page, st.Caption, sr.Name, st.Categories[i], it.Tip, p.Source.Label())
				}
			}
		}
	}
	for k, p := range want {
		if !seen[k] {
			t.Errorf("%s: model value %s %d = %v (%s) is in no chart (%v)", page, p.Key, p.Year, p.Value, p.Source, k)
		}
	}
}

// checkRates checks the county's rates share a line chart on a 0–100 axis.
func checkRates(t *testing.T, states []chartState) {
	t.Helper()
	for _, st := range states {
		if strings.HasPrefix(st.Caption, "比率") {
			if len(st.Series) < 2 || st.Series[0].Type != "line" {
				t.Errorf("rates chart: %d series of type %q, want the rates together as lines", len(st.Series), st.Series[0].Type)
			}
			return
		}
	}
	t.Error("county page has no rates chart")
}

// checkRanked checks that every ranking chart lists its bars from the
// highest value down.
func checkRanked(t *testing.T, states []chartState) {
	t.Helper()
	n := 0
	for _, st := range states {
		if len(st.Series) != 1 || !strings.Contains(st.Caption, "各县（市、区）比较") {
			continue
		}
		n++
		var vs []float64
		for _, it := range st.Series[0].Items {
			vs = append(vs, it.Value)
		}
		if !slices.IsSortedFunc(vs, func(a, b float64) int { return cmp.Compare(b, a) }) {
			t.Errorf("ranking %q is not sorted: %v", st.Caption, vs)
		}
	}
	if n < 2 {
		t.Errorf("metric page has %d ranking charts, want one per year (≥ 2)", n)
	}
}

// screenshot takes a full-page PNG once the charts are drawn, and keeps it
// in $PORTAL_SCREENSHOTS when that is set.
func screenshot(t *testing.T, b *browser.Browser, name string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil || len(png) < 1000 {
		t.Fatalf("screenshot %s: %d bytes, %v", name, len(png), err)
	}
	if dir := os.Getenv("PORTAL_SCREENSHOTS"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, "charts-"+name+".png"), png, 0o644); err != nil {
			t.Error(err)
		}
	}
}

func findCounty(t *testing.T, s *site.Site, name string) *site.County {
	t.Helper()
	for _, c := range s.Counties {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no county %s in the fixture", name)
	return nil
}

// TestChartPagesWithoutJavaScript checks the static side of the charts:
// only pages with charts load ECharts, which the site carries with its
// licence files; pages have no inline script or style and no random IDs;
// each chart is an accessible image followed by an open table with source
// links; and the option JSON is escaped.
func TestChartPagesWithoutJavaScript(t *testing.T) {
	dest, res := buildSite(t, chartFixture)
	for _, f := range []string{chart.Script, chart.AssetDir + "LICENSE", chart.AssetDir + "NOTICE", chart.AssetDir + "licenses/LICENSE-d3"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Errorf("site lacks %s", f)
		}
	}
	county := findCounty(t, res.Site, "鲁山县")
	pages := map[string]bool{ // page → has charts
		"index.html":                         true,
		county.URL + "index.html":            true,
		"metrics/petitions_total/index.html": true,
		"years/2024/index.html":              true,
		"metrics/index.html":                 false,
		"years/index.html":                   false,
		county.Reports[0].URL + "index.html": false,
	}
	inlineScript := regexp.MustCompile(`<script(?:\s[^>]*)?>[^<]`)
	foreign := regexp.MustCompile(`<(?:script|link|img)\s[^>]*(?:src|href)="(?:[a-z]+:)?//`)
	canonical := regexp.MustCompile(`<link rel="canonical" href="[^"]*">`) // the page's own address: it loads nothing
	for name, charts := range pages {
		page := read(t, dest, name)
		if got := strings.Contains(page, path.Base(chart.Script)); got != charts {
			t.Errorf("%s: loads ECharts = %v, want %v", name, got, charts)
		}
		if inlineScript.MatchString(page) || strings.Contains(page, " style=") || strings.Contains(page, "<style") {
			t.Errorf("%s: has an inline script or style", name)
		}
		if m := foreign.FindString(canonical.ReplaceAllString(page, "")); m != "" {
			t.Errorf("%s: loads from another origin: %s", name, m)
		}
		if !charts {
			continue
		}
		for _, want := range []string{`role="img" aria-label="`, `data-option="{`, `<details class="chart-data" open`, `<caption>`} {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
		if strings.Count(page, `class="chart-canvas"`) != strings.Count(page, `<details class="chart-data"`) {
			t.Errorf("%s: not every chart is followed by its table", name)
		}
		if strings.Contains(page, "goecharts_") || strings.Contains(page, `"chartID"`) {
			t.Errorf("%s: go-echarts snippet or random chart ID", name)
		}
	}
	countyPage := read(t, dest, county.URL+"index.html")
	for _, want := range []string{`src-derived`, `src-reported`, `src-extracted`, `#p`, "推算"} {
		if !strings.Contains(countyPage, want) {
			t.Errorf("county page lacks %q: every value has its source", want)
		}
	}
	year := read(t, dest, "years/2024/index.html")
	for _, want := range []string{"按时", "逾期", "未注明"} {
		if !strings.Contains(year, want) {
			t.Errorf("year page lacks %q", want)
		}
	}
	if menu := read(t, dest, "index.html"); !strings.Contains(menu, `href="metrics/"`) {
		t.Error("menu lacks 数据 → metrics/")
	}
}

// TestChartBuildIsDeterministic builds the chart fixture twice.
func TestChartBuildIsDeterministic(t *testing.T) {
	a, _ := buildSite(t, chartFixture)
	b, _ := buildSite(t, chartFixture)
	if ha, hb := treeHash(t, a), treeHash(t, b); ha != hb {
		t.Errorf("two builds of %s differ", chartFixture)
	}
}
