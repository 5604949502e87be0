package main

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"portal/generator/internal/browser"
	"portal/generator/internal/preview"
)

// watchLayout is run in every page before its own scripts (through CDP,
// which the page's CSP does not govern). It records the page's layout
// shifts as the Layout Instability API reports them (what Lighthouse's
// CLS adds up), the positions of some elements once the HTML is parsed,
// before any deferred script runs (readyState "interactive"), and the
// state of the charts and tables when a print ends, before charts.js
// folds the tables again.
const watchLayout = `(() => {
  window.__shifts = [];
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      window.__shifts.push({value: e.value, sources: (e.sources || []).map(s => s.node ?
        s.node.nodeName + (s.node.id ? "#" + s.node.id : "") + (s.node.className && s.node.className.baseVal === undefined ? "." + s.node.className : "") : "?")});
    }
  }).observe({type: "layout-shift", buffered: true});
  window.__where = sel => [...document.querySelectorAll(sel)].map(e => {
    const r = e.getBoundingClientRect();
    return {top: r.top + scrollY, height: r.height};
  });
  window.__search = () => ["#search-status", "#search-results", ".search-filters", ".search-form"].map(s => __where(s)[0]);
  document.addEventListener("readystatechange", () => {
    if (document.readyState === "interactive") {
      window.__parsed = {charts: __where(".chart-canvas"), search: __search()};
    }
  });
  window.addEventListener("afterprint", () => {
    const boxes = [...document.querySelectorAll(".chart-canvas[data-option]")];
    window.__printed = {
      charts: boxes.length,
      drawn: boxes.filter(el => el.hasAttribute("data-started") && !el.querySelector(".chart-room") && el.querySelector("svg")).length,
      open: [...document.querySelectorAll("details.chart-data")].every(d => d.open),
    };
  });
})()`

// place is an element's top in the document and its height, in CSS px.
type place struct {
	Top    float64 `json:"top"`
	Height float64 `json:"height"`
}

// shift is one layout shift the page recorded.
type shift struct {
	Value   float64  `json:"value"`
	Sources []string `json:"sources"`
}

// watchPages makes b run watchLayout in every page it opens from now on.
func watchPages(t *testing.T, b *browser.Browser) {
	t.Helper()
	b.Run(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchLayout})
		return err
	}))
}

// checkNoShift fails t if the open page has shifted its layout.
func checkNoShift(t *testing.T, b *browser.Browser, what string) {
	t.Helper()
	total := 0.0
	var srcs []string
	for _, s := range browser.Eval[[]shift](t, b, `window.__shifts`) {
		total += s.Value
		srcs = append(srcs, s.Sources...)
	}
	if total > 0 {
		t.Errorf("%s: layout shifts adding up to %.4f (%s)", what, total, strings.Join(srcs, ", "))
	}
}

// samePlaces fails t unless a and b are the same places (to within a
// rounding error).
func samePlaces(t *testing.T, what string, a, b []place) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%s: %d elements, then %d", what, len(a), len(b))
		return
	}
	for i := range a {
		if math.Abs(a[i].Top-b[i].Top) > 0.5 || math.Abs(a[i].Height-b[i].Height) > 0.5 {
			t.Errorf("%s: element %d at %+v, then at %+v", what, i, a[i], b[i])
		}
	}
}

// TestBrowserLazyCharts opens a county page with charts below the fold
// at 390 px and 1280 px, normally and in 长者模式: the charts on screen
// are drawn (without animation), a chart below the fold is not drawn —
// ECharts has not even touched it — until it is scrolled into view, and
// then it is drawn, animated unless the reader prefers reduced motion.
// Every chart's box has its final height (the chart's, 1.25 times in 长者
// 模式) from the moment the HTML is parsed, so that drawing moves nothing:
// the boxes and what follows them stay where they were, and the page
// records no layout shift.
func TestBrowserLazyCharts(t *testing.T) {
	b := browser.New(t)
	dest, res := buildSite(t, chartFixture)
	base := b.Serve(t, preview.SiteHandler(dest))
	url := base + findCounty(t, res.Site, "鲁山县").URL
	watchPages(t, b)
	for _, c := range []struct {
		width         int64
		elder, reduce bool
	}{{390, false, false}, {1280, false, false}, {390, true, false}, {1280, false, true}} {
		what := fmt.Sprintf("%d px, elder %v, reduced motion %v", c.width, c.elder, c.reduce)
		b.Run(t, chromedp.EmulateViewport(c.width, 844), reducedMotion(c.reduce))
		b.Open(t, base)
		browser.Eval[bool](t, b, fmt.Sprintf(`localStorage.setItem("portal-elder-mode", %q), true`, map[bool]string{true: "1", false: "0"}[c.elder]))
		b.Open(t, url)
		lazyChart(t, b, what, c.elder, c.reduce)
	}
	b.CheckClean(t)
}

// reducedMotion emulates prefers-reduced-motion: reduce, or no preference.
func reducedMotion(on bool) chromedp.Action[chromedp.Void] {
	value := "no-preference"
	if on {
		value = "reduce"
	}
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: value}}})
		return err
	})
}

// lazyChart checks the open county page: see TestBrowserLazyCharts.
func lazyChart(t *testing.T, b *browser.Browser, what string, elder, reduce bool) {
	t.Helper()
	// The charts near the screen (within charts.js's margin) are drawn as
	// the page opens; if there are none, ECharts is not even loaded.
	near := browser.Eval[int](t, b, `__parsed.charts.filter(p => p.top < innerHeight + 150).length`)
	if near > 0 {
		b.WaitFor(t, `[...document.querySelectorAll(".chart-canvas")].slice(0, `+fmt.Sprint(near)+`).every(el => el.hasAttribute("data-drawn"))`)
	} else {
		b.WaitFor(t, `document.readyState === "complete"`)
	}
	time.Sleep(500 * time.Millisecond) // a lazy chart would have been drawn by now
	if near == 0 && browser.Eval[bool](t, b, `typeof echarts !== "undefined"`) {
		t.Errorf("%s: no chart near the screen, yet ECharts was loaded", what)
	}
	const boxes = `.chart-canvas, details.chart-data, .site-footer`
	parsed := browser.Eval[[]place](t, b, `__parsed.charts`)
	before := browser.Eval[[]place](t, b, `__where("`+boxes+`")`)
	factor := 1.0
	if elder {
		factor = 1.25
	}
	heights := browser.Eval[[]float64](t, b, `[...document.querySelectorAll(".chart-canvas")].map(el => +el.dataset.height)`)
	for i, h := range heights {
		if want := math.Round(h * factor); math.Abs(parsed[i].Height-want) > 0.5 {
			t.Errorf("%s: chart %d is %v px high before drawing, want %v", what, i, parsed[i].Height, want)
		}
	}
	last := len(heights) - 1
	chart := `document.querySelectorAll(".chart-canvas")[` + fmt.Sprint(last) + `]`
	type lazy struct {
		Below             int
		Started, Instance bool
	}
	l := browser.Eval[lazy](t, b, `(el => ({Below: Math.round(el.getBoundingClientRect().top - innerHeight),
	  Started: el.hasAttribute("data-started") || !el.querySelector(".chart-room"),
	  Instance: typeof echarts !== "undefined" && echarts.getInstanceByDom(el) !== undefined}))(`+chart+`)`)
	if l.Below < 400 {
		t.Fatalf("%s: the last chart is %d px below the screen: the test needs one well below", what, l.Below)
	}
	if l.Started || l.Instance {
		t.Errorf("%s: the chart %d px below the screen was drawn before it came into view", what, l.Below)
	}
	if near > 0 && browser.Eval[bool](t, b, `echarts.getInstanceByDom(document.querySelector(".chart-canvas")).getOption().animation !== false`) {
		t.Errorf("%s: the chart on screen at opening is animated", what)
	}
	browser.Eval[bool](t, b, chart+`.scrollIntoView({block: "center"}), true`)
	b.WaitFor(t, chart+`.hasAttribute("data-drawn")`)
	if animated := browser.Eval[bool](t, b, `echarts.getInstanceByDom(`+chart+`).getOption().animation !== false`); animated == reduce {
		t.Errorf("%s: the chart scrolled into view animated = %v", what, animated)
	}
	samePlaces(t, what+": charts, tables and footer before and after drawing", before, browser.Eval[[]place](t, b, `__where("`+boxes+`")`))
	samePlaces(t, what+": chart boxes as parsed and as drawn", parsed, browser.Eval[[]place](t, b, `__where(".chart-canvas")`))
	checkNoShift(t, b, what)
}

// TestBrowserPrintDrawsCharts prints a county page, with charts below the
// fold not drawn yet, as Chromium's print dialog would: when the print
// ends, every chart had been drawn and every table unfolded for the
// paper; afterwards the tables fold again.
func TestBrowserPrintDrawsCharts(t *testing.T) {
	b := browser.New(t)
	dest, res := buildSite(t, chartFixture)
	base := b.Serve(t, preview.SiteHandler(dest))
	watchPages(t, b)
	b.Run(t, chromedp.EmulateViewport(390, 844))
	b.Open(t, base+findCounty(t, res.Site, "鲁山县").URL)
	// Bring the first chart into view, so that ECharts is loaded.
	browser.Eval[bool](t, b, `document.querySelector(".chart-canvas").scrollIntoView({block: "center"}), true`)
	b.WaitFor(t, `document.querySelector(".chart-canvas").hasAttribute("data-drawn")`)
	if n := browser.Eval[int](t, b, `document.querySelectorAll(".chart-room").length`); n == 0 {
		t.Fatal("every chart drawn before printing: the test needs charts below the fold")
	}
	b.Run(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{})
		return err
	}))
	type printed struct {
		Charts, Drawn int
		Open          bool
	}
	p := browser.Eval[*printed](t, b, `window.__printed || null`)
	switch {
	case p == nil:
		t.Fatal("no afterprint event: printing to PDF did not run the print events")
	case p.Charts == 0 || p.Drawn != p.Charts || !p.Open:
		t.Errorf("when printed: %d of %d charts drawn, every table open %v", p.Drawn, p.Charts, p.Open)
	}
	if open := browser.Eval[int](t, b, `document.querySelectorAll("details.chart-data[data-fold][open]").length`); open != 0 {
		t.Errorf("after printing, %d tables stay unfolded", open)
	}
	b.CheckClean(t)
}

// TestBrowserSearchNoShift opens the search page with a query at 390 px
// and 1280 px: the form, its filters, the status line and the results list
// are where they were when the HTML was parsed, before search.js ran,
// once the results have arrived, and the page records no layout shift.
func TestBrowserSearchNoShift(t *testing.T) {
	b := browser.New(t)
	dest, _ := buildSite(t, "../content")
	base := b.Serve(t, preview.SiteHandler(dest))
	watchPages(t, b)
	for _, width := range []int64{390, 1280} {
		what := fmt.Sprintf("search at %d px", width)
		b.Run(t, chromedp.EmulateViewport(width, 844))
		b.Open(t, base+"search/?q=%E4%BF%A1%E8%AE%BF")
		waitSearch(t, b, "信访")
		if n := browser.Eval[int](t, b, `document.querySelectorAll("#search-results li").length`); n == 0 {
			t.Fatalf("%s: no results", what)
		}
		time.Sleep(300 * time.Millisecond) // late shifts would be recorded by now
		// The results list grows, of course: its top is what must stay.
		const noHeight = `.map((p, i) => i === 1 ? {top: p.top, height: 0} : p)`
		now := browser.Eval[[]place](t, b, `__search()`+noHeight)
		parsed := browser.Eval[[]place](t, b, `__parsed.search`+noHeight)
		samePlaces(t, what+": status, results, filters and form as parsed and with results", parsed, now)
		checkNoShift(t, b, what)
	}
	b.CheckClean(t)
}

// TestBrowserChartsWithoutECharts opens a county page whose host fails to
// send ECharts: once a chart comes into view and the library cannot be
// loaded, every table unfolds and the empty places of the charts go. If
// charts.js itself fails, the tables stay open and visible.
func TestBrowserChartsWithoutECharts(t *testing.T) {
	b := browser.New(t)
	dest, res := buildSite(t, chartFixture)
	site := preview.SiteHandler(dest)
	var missing atomic.Value // the part of a path the host fails to send
	missing.Store("/echarts-")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, missing.Load().(string)) {
			http.Error(w, "gone", http.StatusServiceUnavailable)
			return
		}
		site.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	url := srv.URL + "/" + findCounty(t, res.Site, "鲁山县").URL
	const tablesShown = `[...document.querySelectorAll("details.chart-data")].every(d => d.open && d.querySelector("table").getBoundingClientRect().height > 0)`
	b.Open(t, url)
	browser.Eval[bool](t, b, `document.querySelector(".chart-canvas").scrollIntoView({block: "center"}), true`)
	b.WaitFor(t, tablesShown)
	if n := browser.Eval[int](t, b, `document.querySelectorAll(".chart-room").length`); n != 0 {
		t.Errorf("%d empty chart places left without ECharts", n)
	}
	missing.Store("/charts.")
	b.Open(t, url)
	if !browser.Eval[bool](t, b, tablesShown) {
		t.Error("without charts.js the tables are hidden")
	}
}

// TestBrowserReportNoShift opens a report at 390 px and 1280 px, normally
// and in 长者模式: the buttons site.js shows (长者模式, 打印) have their
// places from the first paint, and the page records no layout shift.
func TestBrowserReportNoShift(t *testing.T) {
	b := browser.New(t)
	dest, _ := buildSite(t, "../content")
	base := b.Serve(t, preview.SiteHandler(dest))
	watchPages(t, b)
	for _, width := range []int64{390, 1280} {
		for _, elder := range []string{"0", "1"} {
			b.Run(t, chromedp.EmulateViewport(width, 844))
			b.Open(t, base)
			browser.Eval[bool](t, b, `localStorage.setItem("portal-elder-mode", "`+elder+`"), true`)
			b.Open(t, base+"counties/410423/xinfangju-2024/")
			time.Sleep(300 * time.Millisecond)
			if browser.Eval[bool](t, b, `document.getElementById("print-button").hidden`) {
				t.Fatal("the print button stays hidden")
			}
			checkNoShift(t, b, fmt.Sprintf("report at %d px, 长者模式 %s", width, elder))
		}
	}
	b.CheckClean(t)
}

// TestBrowserChartsNoScript opens a county page with JavaScript off: no
// empty place is kept for a chart that will never be drawn, and every
// table is open.
func TestBrowserChartsNoScript(t *testing.T) {
	b := browser.New(t)
	dest, res := buildSite(t, chartFixture)
	base := b.Serve(t, preview.SiteHandler(dest))
	b.Run(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	b.Open(t, base+findCounty(t, res.Site, "鲁山县").URL)
	type look struct{ Boxes, Tall, Tables, Shown int }
	l := browser.Eval[look](t, b, `({Boxes: document.querySelectorAll(".chart-canvas").length,
	  Tall: [...document.querySelectorAll(".chart-canvas")].filter(el => el.getBoundingClientRect().height > 0).length,
	  Tables: document.querySelectorAll("details.chart-data").length,
	  Shown: [...document.querySelectorAll("details.chart-data")].filter(d => d.open && d.querySelector("table").getBoundingClientRect().height > 0).length})`)
	if l.Boxes == 0 || l.Tall != 0 || l.Shown != l.Tables {
		t.Errorf("without JavaScript: %d of %d chart boxes take room, %d of %d tables shown", l.Tall, l.Boxes, l.Shown, l.Tables)
	}
}
