package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"portal/generator/internal/browser"
	"portal/generator/internal/preview"
)

// hostilePages are the pages of the hostile corpus that carry payloads,
// one at least of each page type.
var hostilePages = []string{
	"", "regions/", "regions/henan/", "regions/henan/scriptwindowpwned1-fcca2d/", "regions/chongqing/",
	"counties/410423/", "counties/imgsrcxonerrorwindowpwned1xian-584c4c/",
	"counties/410423/bonmouseoverwindowpwned1xinfangju-9234dc-2024/",
	"counties/imgsrcxonerrorwindowpwned1xian-584c4c/sifajuimgsrcxonerrorwindowpwned1-929d76-2024/",
	"counties/500230/xinfangbangongshi-2024/",
	"years/", "years/2024/", "years/2023/", "metrics/", "metrics/petitions_total/", "metrics/on_time_reply_rate/",
	"404.html",
}

// showAllTips shows the tooltip of every value of every chart drawn on
// the page, one after another, and returns how many it showed.
const showAllTips = `[...document.querySelectorAll(".chart-canvas[data-drawn]")].reduce((n, el) => {
  const c = echarts.getInstanceByDom(el);
  c.getOption().series.forEach((s, si) => s.data.forEach((_, di) => {
    c.dispatchAction({type: "showTip", seriesIndex: si, dataIndex: di});
    n++;
  }));
  return n;
}, 0)`

// TestBrowserHostile builds the hostile corpus and visits every page type
// and the search page with hostile queries. Each payload would set
// window.__pwned if it ever ran: it must stay undefined, and no page may
// log an error (an inline script or handler blocked by the CSP would).
func TestBrowserHostile(t *testing.T) {
	b := browser.New(t)
	dest, _ := buildHostileSite(t)
	base := b.Serve(t, preview.SiteHandler(dest))
	check := func(where string) {
		t.Helper()
		if pwned := browser.Eval[bool](t, b, `window.__pwned !== undefined`); pwned {
			t.Errorf("%s: a payload ran", where)
		}
	}
	tips := 0
	for _, p := range hostilePages {
		b.Open(t, base+p)
		// Charts are drawn as they come into view: scroll to each, then
		// show the tooltip of every value (they name counties, agencies
		// and reports).
		b.WaitFor(t, scrollDrawn)
		tips += browser.Eval[int](t, b, showAllTips)
		// Hover and click everything a payload could hang on.
		b.Run(t, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("main *").forEach(e => { e.dispatchEvent(new MouseEvent("mouseover", {bubbles: true})); })`))
		check(p)
	}
	if tips == 0 {
		t.Error("no chart tooltip shown: the charts' names and titles were not tested")
	}
	queries := []string{
		`<script>window.__pwned=1</script>`,
		`<img src=x onerror=window.__pwned=1>`,
		`"><svg onload=window.__pwned=1>`,
		`javascript:window.__pwned=1`,
		`</script><script>window.__pwned=1</script>`,
		`{{.}} ' " ` + "\u2028",
		`onerror`, `pwned`, `信访`,
	}
	for _, q := range queries {
		b.Open(t, base+"search/?q="+url.QueryEscape(q))
		b.WaitFor(t, `window.portalSearch && portalSearch.app && portalSearch.app.last && !document.getElementById("search-results").hasAttribute("aria-busy")`)
		check("search " + q)
		qj, _ := json.Marshal(q)
		b.Run(t, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`portalSearch.query(%s, {})`, qj)))
		check("portalSearch.query " + q)
	}
	// Typed, as a citizen would, with results that carry payloads.
	b.Open(t, base+"search/")
	b.Run(t, chromedp.WaitVisible(chromedp.CSS("#q")), chromedp.SendKeys(chromedp.CSS("#q"), "pwned"))
	waitSearch(t, b, "pwned")
	if n := browser.Eval[int](t, b, `document.querySelectorAll("#search-results .search-title").length`); n == 0 {
		t.Error("the search for pwned found nothing: the payloads were not indexed, so the results were not tested")
	}
	if html := browser.Eval[string](t, b, `document.getElementById("search-results").innerHTML`); strings.Contains(html, "<img src") || strings.Contains(html, "<svg") {
		t.Errorf("search results carry markup from a payload: %s", html)
	}
	check("typed search")
	b.CheckClean(t)
}
