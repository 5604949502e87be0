package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"portal/generator/internal/browser"
	"portal/generator/internal/preview"
)

// TestBrowserReading walks as a citizen would: home → a county → a report,
// then follows a table-of-contents link, failing on any console error or
// failed request.
func TestBrowserReading(t *testing.T) {
	b := browser.New(t)
	dest, _ := buildSite(t, "../content")
	base := b.Serve(t, preview.SiteHandler(dest))

	b.Open(t, base)
	if h1 := browser.Eval[string](t, b, `document.querySelector("h1").textContent`); !strings.Contains(h1, "法治政府") {
		t.Errorf("home h1 = %q", h1)
	}
	b.Follow(t, `main a[href="regions/henan/"]`)
	b.Follow(t, `main a[href="../../counties/410423/"]`)
	b.Follow(t, `main a[href="../../counties/410423/xinfangju-2024/"]`)
	if title := browser.Eval[string](t, b, `document.title`); !strings.HasPrefix(title, "鲁山县信访局2024年度") {
		t.Errorf("report title = %q", title)
	}
	// The stylesheet applied: the header band is the accent colour.
	if bg := browser.Eval[string](t, b, `getComputedStyle(document.querySelector(".site-header")).backgroundColor`); bg == "rgba(0, 0, 0, 0)" {
		t.Error("stylesheet not applied")
	}
	link := browser.Eval[string](t, b, `document.querySelectorAll("nav.toc a")[1].getAttribute("href")`)
	b.Run(t, chromedp.Click(chromedp.CSS(`nav.toc a[href="`+link+`"]`)))
	if hash := browser.Eval[string](t, b, `location.hash`); hash != link {
		t.Errorf("after TOC click location.hash = %q, want %q", hash, link)
	}
	if visible := browser.Eval[bool](t, b, `(() => { const r = document.querySelector(location.hash).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight })()`); !visible {
		t.Error("TOC target heading is not in view")
	}
	// A figure of the 数据要点 panel leads to its sentence, highlighted.
	b.Run(t, chromedp.Click(chromedp.CSS(`.figures a[href^="#q-"]`)))
	b.WaitFor(t, `location.hash.startsWith("#q-")`)
	if q := browser.Eval[string](t, b, `document.querySelector(":target").textContent`); !strings.Contains(q, "1927件") {
		t.Errorf("figure link leads to %q", q)
	}
	if bg := browser.Eval[string](t, b, `getComputedStyle(document.querySelector(":target")).backgroundColor`); bg == "rgba(0, 0, 0, 0)" {
		t.Error("the quoted sentence is not highlighted")
	}
	b.CheckClean(t)
}

// TestBrowserElderMode switches 长者模式 on and checks that the text grows
// and that the choice holds on the next page.
func TestBrowserElderMode(t *testing.T) {
	b := browser.New(t)
	dest, _ := buildSite(t, "../content")
	base := b.Serve(t, preview.SiteHandler(dest))
	b.Open(t, base)
	size := func() float64 {
		return browser.Eval[float64](t, b, `parseFloat(getComputedStyle(document.querySelector("main p")).fontSize)`)
	}
	before := size()
	b.Run(t, chromedp.Click(chromedp.CSS("#elder-toggle")))
	if after := size(); after < before*1.2 {
		t.Errorf("font size %v → %v: 长者模式 does not enlarge text", before, after)
	}
	if p := browser.Eval[string](t, b, `document.getElementById("elder-toggle").getAttribute("aria-pressed")`); p != "true" {
		t.Errorf("aria-pressed = %q", p)
	}
	b.Open(t, base+"years/")
	if !browser.Eval[bool](t, b, `document.documentElement.classList.contains("elder")`) {
		t.Error("长者模式 not remembered on the next page")
	}
	b.Run(t, chromedp.Click(chromedp.CSS("#elder-toggle")))
	b.Open(t, base)
	if browser.Eval[bool](t, b, `document.documentElement.classList.contains("elder")`) {
		t.Error("长者模式 still on after switching it off")
	}
	b.CheckClean(t)
}

// TestBrowserNotFound checks the 404 page loads its stylesheet.
func TestBrowserNotFound(t *testing.T) {
	b := browser.New(t)
	dest, _ := buildSite(t, "../content")
	base := b.Serve(t, preview.SiteHandler(dest))
	b.Open(t, base+"no/such/page/")
	if h1 := browser.Eval[string](t, b, `document.querySelector("h1").textContent`); h1 != "页面不存在" {
		t.Errorf("404 h1 = %q", h1)
	}
}

// TestBrowserFeedHasEntries follows the feed link of the default site's
// footer, as a reader subscribing would, and reads the feed it leads to:
// the seeds have no publication date, and the feed still lists them.
func TestBrowserFeedHasEntries(t *testing.T) {
	b := browser.New(t)
	dest, res := buildSite(t, "../content")
	base := b.Serve(t, preview.SiteHandler(dest))
	b.Open(t, base)
	href := browser.Eval[string](t, b, `document.querySelector('footer a[href$="atom.xml"]').href`)
	entries := browser.Eval[int](t, b, `fetch(`+jsQuote(href)+`).then(r => r.text()).then(x => new DOMParser().parseFromString(x, "application/xml").getElementsByTagName("entry").length)`, chromedp.EvalAwaitPromise)
	if entries != len(res.Site.Reports) {
		t.Errorf("the feed at %s has %d entries, want one per report (%d)", href, entries, len(res.Site.Reports))
	}
	b.CheckClean(t)
}
