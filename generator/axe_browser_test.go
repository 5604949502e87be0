package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"portal/generator/internal/browser"
	"portal/generator/internal/preview"
	"portal/generator/internal/tooltest"
)

// axeViolation is one violation as axe.run() reports it.
type axeViolation struct {
	ID      string     `json:"id"`
	Impact  string     `json:"impact"`
	Help    string     `json:"help"`
	Targets [][]string `json:"targets"`
}

// pagesDrawn is true when the page has loaded and every chart (if any) has
// finished drawing.
const pagesDrawn = scrollDrawn

// runAxe injects axe-core into the open page (through CDP, which the
// page's CSP does not govern) and returns its violations.
//
// axe's color-contrast rule measures the rectangles of every text: on a
// text of 200,000 characters (the report of the hostile corpus nested
// 100,000 deep) it takes over 30 s. Elements holding such a text (more
// than 10,000 characters in one text node; none on an ordinary page) are
// left out of that one rule, and named in the log; every other rule reads
// the whole page.
func runAxe(t *testing.T, b *browser.Browser, axeSrc string) []axeViolation {
	t.Helper()
	if !browser.Eval[bool](t, b, `typeof axe !== "undefined"`) {
		browser.Eval[bool](t, b, axeSrc+"\n;true")
	}
	huge := browser.Eval[[]string](t, b, `[...document.querySelectorAll("body *")].filter(e => e.id &&
  [...e.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.data.length > 10000)).map(e => "#" + CSS.escape(e.id))`)
	if len(huge) > 0 {
		t.Logf("color-contrast leaves out %s: their texts are too long for it", strings.Join(huge, " "))
	}
	hugeJSON, _ := json.Marshal(huge)
	return browser.Eval[[]axeViolation](t, b, `(async () => {
  const huge = `+string(hugeJSON)+`;
  const runs = huge.length === 0 ? [await axe.run(document, {resultTypes: ["violations"]})] : [
    await axe.run(document, {rules: {"color-contrast": {enabled: false}}, resultTypes: ["violations"]}),
    await axe.run({include: [["html"]], exclude: huge.map(s => [s])}, {runOnly: {type: "rule", values: ["color-contrast"]}, resultTypes: ["violations"]}),
  ];
  return runs.flatMap(r => r.violations).map(v => ({id: v.id, impact: v.impact || "", help: v.help,
    targets: v.nodes.map(n => n.target.map(String))}));
})()`, chromedp.EvalAwaitPromise)
}

// TestBrowserAxe runs axe-core on every page type of the default site, on
// the chart pages of the chart corpus, on the pages of the hostile corpus
// (with its report nested 100,000 deep) and on every report of the .docx
// whole site: no serious or critical violation.
func TestBrowserAxe(t *testing.T) {
	b := browser.New(t)
	axeSrc, err := os.ReadFile(tooltest.NPMFile(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	type page struct{ name, url, wait string }
	check := func(base string, pages []page) {
		for _, p := range pages {
			b.Open(t, base+p.url)
			b.WaitFor(t, pagesDrawn)
			if p.wait != "" {
				b.WaitFor(t, p.wait)
			}
			for _, v := range runAxe(t, b, string(axeSrc)) {
				if v.Impact == "serious" || v.Impact == "critical" {
					t.Errorf("%s (/%s): %s [%s] %s: %v", p.name, p.url, v.ID, v.Impact, v.Help, v.Targets)
				} else {
					t.Logf("%s (/%s): %s [%s] %s: %v", p.name, p.url, v.ID, v.Impact, v.Help, v.Targets)
				}
			}
		}
	}

	dest, _ := buildSite(t, "../content")
	base := b.Serve(t, preview.SiteHandler(dest))
	check(base, []page{
		{"home", "", ""},
		{"regions", "regions/", ""},
		{"province", "regions/henan/", ""},
		{"city", "regions/henan/pingdingshan/", ""},
		{"county", "counties/410423/", ""},
		{"report", "counties/410423/xinfangju-2024/", ""},
		{"years", "years/", ""},
		{"year", "years/2024/", ""},
		{"metrics", "metrics/", ""},
		{"metric", "metrics/petitions_total/", ""},
		{"search", "search/?q=" + "%E4%BF%A1%E8%AE%BF", // 信访
			`window.portalSearch && portalSearch.app && portalSearch.app.last && !document.getElementById("search-results").hasAttribute("aria-busy") && document.querySelector("#search-results li") !== null`},
		{"404", "no-such-page/", ""},
	})

	// 长者模式 (elder mode) changes sizes and colours: a report in it.
	b.Run(t, chromedp.Click(chromedp.CSS("#elder-toggle")))
	b.WaitFor(t, `document.documentElement.classList.contains("elder")`)
	check(base, []page{{"report in elder mode", "counties/410423/xinfangju-2024/", `document.documentElement.classList.contains("elder")`}})
	b.Run(t, chromedp.Click(chromedp.CSS("#elder-toggle")))
	b.WaitFor(t, `!document.documentElement.classList.contains("elder")`)

	charts, res := buildSite(t, chartFixture)
	county := findCounty(t, res.Site, "鲁山县")
	check(b.Serve(t, preview.SiteHandler(charts)), []page{
		{"county with charts", strings.TrimPrefix(county.URL, "/"), ""},
		{"metric with charts", "metrics/petitions_total/", ""},
		{"year with charts", "years/2024/", ""},
		{"home with charts", "", ""},
	})

	hostile, _ := buildHostileSite(t)
	var pages []page
	for _, p := range hostilePages {
		pages = append(pages, page{"hostile " + p, p, ""})
	}
	deep, _ := filepath.Glob(filepath.Join(hostile, "counties", "*", "caizhengju-2023", "index.html"))
	if len(deep) != 1 {
		t.Fatalf("deep report pages %q, want one", deep)
	}
	rel, _ := filepath.Rel(hostile, filepath.Dir(deep[0]))
	pages = append(pages,
		page{"hostile deep report", filepath.ToSlash(rel) + "/", ""},
		page{"hostile search", "search/?q=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E", searchDone},
		page{"hostile search with results", "search/?q=pwned", searchDone + ` && document.querySelector("#search-results li") !== null`})
	check(b.Serve(t, preview.SiteHandler(hostile)), pages)

	docx, reports := docxSite(t)
	pages = []page{{"docx county", "counties/410422/", ""}, {"docx years", "years/", ""}}
	for _, r := range reports {
		pages = append(pages, page{"docx report", strings.TrimSuffix(r, "index.html"), ""})
	}
	check(b.Serve(t, preview.SiteHandler(docx)), pages)
}

// searchDone is true when the search page has shown the results of its
// query.
const searchDone = `window.portalSearch && portalSearch.app && portalSearch.app.last && !document.getElementById("search-results").hasAttribute("aria-busy")`

// focused describes document.activeElement.
const focused = `(() => { const e = document.activeElement; if (!e) return "";
  return e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + String(e.className).split(" ").join(".") : "") +
    " " + (e.closest("nav.site-nav") ? "[nav]" : "") + (e.closest("nav.toc") ? "[toc]" : "") })()`

// TestBrowserKeyboard uses the site with the keyboard only: the first Tab
// reaches the skip link, Enter moves focus to the main content, Tab
// reaches the navigation and a report's table of contents, and on the
// search page typing into the box reached by Tab shows results.
func TestBrowserKeyboard(t *testing.T) {
	b := browser.New(t)
	dest, _ := buildSite(t, "../content")
	base := b.Serve(t, preview.SiteHandler(dest))

	tab := func() string {
		b.Run(t, chromedp.KeyEvent("\t"))
		return browser.Eval[string](t, b, focused)
	}
	// tabUntil presses Tab until the focused element's description holds
	// want, at most n times.
	tabUntil := func(want string, n int) {
		t.Helper()
		var seen []string
		for range n {
			f := tab()
			if strings.Contains(f, want) {
				return
			}
			seen = append(seen, f)
		}
		t.Fatalf("%d Tabs did not reach %s; focus went %s", n, want, strings.Join(seen, " → "))
	}

	b.Open(t, base+"counties/410423/xinfangju-2024/")
	if f := tab(); !strings.Contains(f, "a.skip-link") {
		t.Fatalf("first Tab focuses %q, want the skip link", f)
	}
	if visible := browser.Eval[bool](t, b, `(() => { const r = document.activeElement.getBoundingClientRect();
	  return r.left >= 0 && r.top >= 0 && r.width > 0 && r.height > 0 })()`); !visible {
		t.Error("the focused skip link is not visible on screen")
	}
	b.Run(t, chromedp.KeyEvent("\r"))
	b.WaitFor(t, `document.activeElement && document.activeElement.id === "main"`)

	// From the top again: Tab reaches the navigation, then the TOC.
	b.Open(t, base+"counties/410423/xinfangju-2024/")
	tabUntil("[nav]", 5)
	tabUntil("[toc]", 40)
	// A TOC link followed with Enter moves to its heading.
	href := browser.Eval[string](t, b, `document.activeElement.getAttribute("href")`)
	b.Run(t, chromedp.KeyEvent("\r"))
	b.WaitFor(t, fmt.Sprintf(`location.hash === %q`, href))

	// The search page: Tab to the search box of the page, type, results.
	b.Open(t, base+"search/")
	b.WaitFor(t, `!!(window.portalSearch && portalSearch.app && portalSearch.app.index.manifest)`)
	tabUntil("input#q", 15)
	b.Run(t, chromedp.KeyEvent("按期答复率"))
	waitSearch(t, b, "按期答复率")
	if n := browser.Eval[int](t, b, `document.querySelectorAll("#search-results li").length`); n == 0 {
		t.Error("typing into the search box showed no result")
	}
	b.CheckClean(t)
}
