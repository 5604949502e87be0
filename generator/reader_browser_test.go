package main

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"portal/generator/internal/browser"
	"portal/generator/internal/pdf"
	"portal/generator/internal/preview"
	"portal/generator/internal/search"
)

// rect is an element's box as getBoundingClientRect gives it, plus the
// page's scroll offset, so that top is from the top of the document.
type rect struct {
	Left, Top, Right, Bottom, Width float64
	Display                         string
}

// box returns the box of the first element matching css.
func box(t *testing.T, b *browser.Browser, css string) rect {
	t.Helper()
	return browser.Eval[rect](t, b, `(() => { const e = document.querySelector(`+quoteJS(css)+`);
	  if (!e) return {Display: "missing"};
	  const r = e.getBoundingClientRect();
	  return {Left: r.left, Top: r.top + scrollY, Right: r.right, Bottom: r.bottom + scrollY, Width: r.width,
	    Display: getComputedStyle(e).display}; })()`)
}

func quoteJS(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// emulateMedia sets the CSS media type ("print", or "" for the screen).
func emulateMedia(t *testing.T, b *browser.Browser, media string) {
	t.Helper()
	b.Run(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	}))
}

// TestBrowserReportReading reads a report as a citizen would on a phone
// (390×844) and on a wide screen (1280 px), by measured positions: on the
// phone the text starts within one and a half screens with no sideways
// scrolling and the 数据要点 one link away at the top, their 来源 a full
// line; on the wide screen
// the table of contents sits beside a text that fills the page and follows
// it down. The print button prints, and printing shows the official
// document — organ, 文号, title, body, signature — without the site.
func TestBrowserReportReading(t *testing.T) {
	b := browser.New(t)
	dest, _ := buildSite(t, "../content")
	base := b.Serve(t, preview.SiteHandler(dest))
	report := base + "counties/410423/xinfangju-2024/"

	b.Run(t, chromedp.EmulateViewport(390, 844))
	b.Open(t, report)
	p1 := box(t, b, ".doc p#p1")
	t.Logf("phone: first paragraph at %.0f px", p1.Top)
	if p := p1; p.Display == "missing" || p.Top >= 1.5*844 {
		t.Errorf("phone: first paragraph at %v px, want within %v", p.Top, 1.5*844)
	}
	if w := browser.Eval[float64](t, b, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("phone: page %v px wide, scrolls sideways", w)
	}
	link := box(t, b, `.report-actions a[href="#figures-title"]`)
	if link.Display == "missing" || link.Top >= 844 {
		t.Errorf("phone: link to 数据要点 at %v px (%s), want on the first screen", link.Top, link.Display)
	}
	// The 来源 of a figure reads as a line, not four characters a line.
	if src, table := box(t, b, ".figures tbody tr td:nth-child(4)"), box(t, b, ".figures .data-table"); src.Width < 0.8*table.Width {
		t.Errorf("phone: 来源 column %v px of the table's %v", src.Width, table.Width)
	}
	if f := box(t, b, "#figures-title"); f.Top <= box(t, b, ".doc p#p1").Top {
		t.Error("phone: 数据要点 come before the text")
	}
	b.Run(t, chromedp.Click(chromedp.CSS(`.report-actions a[href="#figures-title"]`)))
	b.WaitFor(t, `location.hash === "#figures-title"`)
	if in := browser.Eval[bool](t, b, `(() => { const r = document.getElementById("figures-title").getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; })()`); !in {
		t.Error("phone: the link does not bring 数据要点 into view")
	}

	b.Run(t, chromedp.EmulateViewport(1280, 900))
	b.Open(t, report)
	toc, doc, main := box(t, b, "nav.toc"), box(t, b, ".doc"), box(t, b, "main")
	t.Logf("wide: text %.0f–%.0f, contents %.0f–%.0f, main %.0f px wide", doc.Left, doc.Right, toc.Left, toc.Right, main.Width)
	if toc.Left < doc.Right {
		t.Errorf("wide: table of contents at x %v, text ends at %v: not beside it", toc.Left, doc.Right)
	}
	if doc.Width < 0.6*main.Width || toc.Right-doc.Left < 0.85*main.Width {
		t.Errorf("wide: text %v px and contents up to %v of %v px: the page is half empty", doc.Width, toc.Right-doc.Left, main.Width)
	}
	if d := toc.Top - doc.Top; d < -1 || d > 40 {
		t.Errorf("wide: contents start %v px from the text's top", d)
	}
	b.Run(t, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, document.querySelector(".doc").offsetTop + 1500)`))
	if top := browser.Eval[float64](t, b, `document.querySelector("nav.toc").getBoundingClientRect().top`); top < 0 || top > 40 {
		t.Errorf("wide: scrolled down, the contents are at %v px: they do not follow the text", top)
	}

	// The print button: shown with JavaScript, it calls window.print.
	if hidden := browser.Eval[bool](t, b, `document.getElementById("print-button").hidden`); hidden {
		t.Fatal("print button still hidden")
	}
	b.Run(t, chromedp.Evaluate[chromedp.Void](`window.print = () => { window.printed = true; }`),
		chromedp.Click(chromedp.CSS("#print-button")))
	if !browser.Eval[bool](t, b, `window.printed === true`) {
		t.Error("the print button did not print")
	}

	// Printed: no site chrome, the document's own parts in their order, and
	// page numbers in the page's foot.
	b.Open(t, base+"counties/140522/xinfangju-2023/") // has a 文号 in its title block
	emulateMedia(t, b, "print")
	for _, css := range []string{".site-header", ".site-footer", ".breadcrumb", "nav.toc", ".meta-table", ".report-actions", ".figures", ".skip-link"} {
		if d := box(t, b, css).Display; d != "none" && d != "missing" {
			t.Errorf("print: %s shown (display %s)", css, d)
		}
	}
	organ, number, h1, first := box(t, b, ".doc-organ"), box(t, b, ".doc-number"), box(t, b, "h1"), box(t, b, ".doc p#p1")
	if !(organ.Bottom <= number.Top+1 && number.Bottom <= h1.Top+1 && h1.Bottom <= first.Top+1) || organ.Display == "none" {
		t.Errorf("print: organ %v, 文号 %v, title %v, text %v: not in the order of an official document", organ.Top, number.Top, h1.Top, first.Top)
	}
	b.Open(t, base+"counties/431228/xinfangju-2024/") // has a signature
	emulateMedia(t, b, "print")
	if sig, last := box(t, b, ".signature"), box(t, b, ".doc p[id^=p]:last-of-type"); sig.Display == "none" || sig.Display == "missing" || sig.Top < last.Bottom-1 {
		t.Errorf("print: signature %+v, text ends at %v", sig, last.Bottom)
	}
	pageRule := `[...document.styleSheets].some(s => [...s.cssRules].some(r => r instanceof CSSPageRule && r.cssText.includes("counter(page)")))`
	if !browser.Eval[bool](t, b, pageRule) {
		t.Error("no @page rule numbering the pages")
	}
	emulateMedia(t, b, "")
	if d := box(t, b, ".site-header").Display; d == "none" {
		t.Error("screen: the header stays hidden after printing")
	}
	b.CheckClean(t)
}

// TestBrowserSearchLinks opens shared search links as a citizen would: a
// filter value the index does not know is dropped with a note while the
// query and the other filters apply; a county alone finds its province; a
// broken index gives a message in words, no path or status; a report
// found by its title shows a passage of its body; the page has one search
// box and says 搜索.
func TestBrowserSearchLinks(t *testing.T) {
	b := browser.New(t)
	dest, _ := buildSite(t, "../content")
	base := b.Serve(t, preview.SiteHandler(dest))
	ix, err := search.Open(func(p string) ([]byte, error) { return os.ReadFile(filepath.Join(dest, filepath.FromSlash(p))) })
	if err != nil {
		t.Fatal(err)
	}
	count := func(q string, f map[string]string) int {
		r, err := ix.Search(search.Request{Query: q, Filters: f})
		if err != nil {
			t.Fatal(err)
		}
		return r.Total
	}
	type state struct {
		Total                      int
		Notice                     string
		NoticeShown                bool
		Province, County, Agency   string
		Year, Search, Status, Main string
	}
	open := func(query string) state {
		t.Helper()
		b.Run(t, chromedp.Navigate(base+"search/?"+query))
		q, _ := url.ParseQuery(query)
		waitSearch(t, b, q.Get("q"))
		return browser.Eval[state](t, b, `(() => { const f = n => document.querySelector("select[name=" + n + "]").value;
		  const n = document.getElementById("search-notice");
		  return {Total: portalSearch.app.last.total, Notice: n.textContent, NoticeShown: !n.hidden && n.offsetHeight > 0,
		    Province: f("province"), County: f("county"), Agency: f("agency"), Year: f("year"), Search: location.search,
		    Status: document.getElementById("search-status").textContent, Main: document.querySelector("main").textContent}; })()`)
	}
	for _, tc := range []struct {
		query         string
		want          map[string]string // the filters that apply
		dropped       []string          // named in the note
		province, cty string
	}{
		{"q=信访&province=河南省", nil, []string{"省份", "河南省"}, "", ""},
		{"q=信访&province=henan&county=999999", map[string]string{"province": "henan"}, []string{"999999"}, "henan", ""},
		{"q=信访&county=410423", map[string]string{"county": "410423"}, nil, "henan", "410423"},
		{"q=信访&county=410423&year=1999&agency=信访局", map[string]string{"county": "410423", "agency": "信访局"}, []string{"年度", "1999"}, "henan", "410423"},
		{"q=信访&province=hunan&county=410423", map[string]string{"province": "hunan"}, []string{"410423"}, "hunan", ""},
	} {
		st := open(tc.query)
		if want := count("信访", tc.want); st.Total != want {
			t.Errorf("%s: %d reports, want %d (filters %v)", tc.query, st.Total, want, tc.want)
		}
		if st.Province != tc.province || st.County != tc.cty {
			t.Errorf("%s: province %q county %q, want %q %q", tc.query, st.Province, st.County, tc.province, tc.cty)
		}
		if st.NoticeShown != (len(tc.dropped) > 0) {
			t.Errorf("%s: note shown %v: %q", tc.query, st.NoticeShown, st.Notice)
		}
		for _, d := range tc.dropped {
			if !strings.Contains(st.Notice, d) {
				t.Errorf("%s: note %q does not name %q", tc.query, st.Notice, d)
			}
			if strings.Contains(st.Search, url.QueryEscape(d)) && d != "省份" && d != "年度" {
				t.Errorf("%s: dropped %q still in the URL %q", tc.query, d, st.Search)
			}
		}
		if !strings.Contains(st.Status, "找到") {
			t.Errorf("%s: status %q", tc.query, st.Status)
		}
	}

	// A report found by its title alone shows its opening paragraph, not
	// the title block again.
	r, err := ix.Search(search.Request{Query: "平顶山市"})
	if err != nil {
		t.Fatal(err)
	}
	titleOnly := 0
	for _, h := range r.Hits {
		if h.Block == 0 {
			titleOnly++
		}
	}
	if titleOnly == 0 {
		t.Fatal("平顶山市: no report found by its metadata alone; pick another query")
	}
	open("q=平顶山市")
	snips := browser.Eval[[]string](t, b, `[...document.querySelectorAll("#search-results .search-result")].map(li => { const a = li.querySelector(".search-snippet a"); return a ? a.getAttribute("href") + " " + a.textContent : ""; })`)
	if len(snips) != r.Total {
		t.Errorf("%d results shown, want %d", len(snips), r.Total)
	}
	for _, s := range snips {
		if !strings.Contains(s, "#p") || len([]rune(s)) < 40 {
			t.Errorf("snippet %q is not a passage of the body", s)
		}
	}

	// One search box, and one word for it.
	st := open("q=信访")
	if n := browser.Eval[int](t, b, `[...document.querySelectorAll("input[type=search]")].filter(e => e.offsetParent !== null).length`); n != 1 {
		t.Errorf("search page shows %d search boxes, want 1", n)
	}
	if strings.Contains(st.Main, "检索") {
		t.Errorf("search page says 检索: %q", st.Main)
	}
	b.Open(t, base+"counties/410423/xinfangju-2024/")
	if n := browser.Eval[int](t, b, `[...document.querySelectorAll("input[type=search]")].filter(e => e.offsetParent !== null).length`); n != 1 {
		t.Errorf("report page shows %d search boxes, want 1", n)
	}
	b.CheckClean(t)

	// The index cannot be read: a message in words, no path, no status.
	files := preview.SiteHandler(dest)
	broken := b.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/search/") && strings.HasSuffix(r.URL.Path, ".json") {
			http.NotFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	}))
	b.Run(t, chromedp.Navigate(broken+"search/?q=%E4%BF%A1%E8%AE%BF"))
	b.WaitFor(t, `document.getElementById("search-status").textContent !== ""`)
	status := browser.Eval[string](t, b, `document.getElementById("search-status").textContent`)
	if !strings.Contains(status, "搜索暂时无法使用") {
		t.Errorf("broken index: status %q", status)
	}
	for _, bad := range []string{"HTTP", "404", "search/", ".json", "Error"} {
		if strings.Contains(status, bad) {
			t.Errorf("broken index: status %q shows %q", status, bad)
		}
	}
}

// TestBrowserElderCharts switches 长者模式 on a page with bar and line
// charts: every chart is redrawn taller, with larger axis labels, legends
// and tooltips and thicker lines, and back when it is switched off; a page
// opened in the mode draws its charts so from the start.
func TestBrowserElderCharts(t *testing.T) {
	b := browser.New(t)
	dest, res := buildSite(t, chartFixture)
	base := b.Serve(t, preview.SiteHandler(dest))
	county := findCounty(t, res.Site, "鲁山县")

	type look struct {
		Height, Axis, Legend, Tip, Line float64
	}
	read := func() []look {
		return browser.Eval[[]look](t, b, `[...document.querySelectorAll(".chart-canvas[data-option]")].map(el => {
		  const o = echarts.getInstanceByDom(el).getOption(), fs = s => (s && s.fontSize) || 12;
		  const line = o.series.find(s => s.type === "line");
		  return {Height: el.getBoundingClientRect().height, Axis: fs(o.xAxis[0].axisLabel), Legend: o.legend && o.legend[0] ? fs(o.legend[0].textStyle) : 0,
		    Tip: fs(o.tooltip[0].textStyle), Line: line ? ((line.lineStyle && line.lineStyle.width) || 2) : 0};
		})`)
	}
	b.Open(t, base+county.URL)
	b.WaitFor(t, allDrawn)
	before := read()
	lines := 0
	for _, l := range before {
		if l.Line > 0 {
			lines++
		}
	}
	if len(before) < 2 || lines == 0 {
		t.Fatalf("%d charts, %d with lines: the page should have both kinds", len(before), lines)
	}
	check := func(when string, got []look, elder bool) {
		t.Helper()
		for i, g := range got {
			w := before[i]
			big := g.Axis >= 16 && (w.Legend == 0 || g.Legend >= 16) && g.Tip >= 18 && g.Height >= 1.2*w.Height && (w.Line == 0 || g.Line >= 4)
			same := g == w
			if elder && !big || !elder && !same {
				t.Errorf("%s: chart %d %+v, normally %+v", when, i, g, w)
			}
		}
	}
	check("normal", before, false)
	b.Run(t, chromedp.Click(chromedp.CSS("#elder-toggle")))
	b.WaitFor(t, allDrawn)
	check("长者模式 on", read(), true)
	b.Open(t, base+county.URL)
	b.WaitFor(t, allDrawn)
	check("opened in 长者模式", read(), true)
	b.Run(t, chromedp.Click(chromedp.CSS("#elder-toggle")))
	b.WaitFor(t, allDrawn)
	check("长者模式 off", read(), false)
	b.CheckClean(t)
}

// TestBrowserPrintPDF prints a report to PDF as Chromium's print dialog
// would and reads the paper back: A4, the title on the first page and no
// site chrome, and on every page its number "— n —" in the foot margin,
// on the right of odd pages and the left of even ones (GB/T 9704).
func TestBrowserPrintPDF(t *testing.T) {
	b := browser.New(t)
	dest, _ := buildSite(t, "../content")
	base := b.Serve(t, preview.SiteHandler(dest))
	b.Open(t, base+"counties/410423/xinfangju-2024/")
	var data []byte
	b.Run(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		yes := true
		res, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &yes, PrintBackground: &yes})
		data = res.Data
		return err
	}))
	pages, err := pdf.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 2 {
		t.Fatalf("%d pages, want the report over several", len(pages))
	}
	const mm = 72 / 25.4
	for i, p := range pages {
		if w, h := p.W/mm, p.H/mm; math.Abs(w-210) > 1 || math.Abs(h-297) > 1 {
			t.Errorf("page %d is %.0f×%.0f mm, want A4", i+1, w, h)
		}
		var text, foot strings.Builder
		footX := 0.0
		for _, r := range p.Runs {
			text.WriteString(r.Text)
			if r.Y > p.H-35*mm {
				foot.WriteString(r.Text)
				footX = r.X
			}
		}
		if want := fmt.Sprintf("—%d—", i+1); !strings.Contains(strings.Join(strings.Fields(foot.String()), ""), want) {
			t.Errorf("page %d: foot %q, want %q", i+1, foot.String(), want)
		}
		// GB/T 9704: odd pages numbered on the right, even on the left.
		if right := footX > p.W/2; right != (i%2 == 0) {
			t.Errorf("page %d: number at x %.0f mm of %.0f", i+1, footX/mm, p.W/mm)
		}
		for _, chrome := range []string{"跳到正文", "主办单位", "长者模式", "目录", "数据要点", "下载原始文件", "打印"} {
			if strings.Contains(text.String(), chrome) {
				t.Errorf("page %d prints the site's %q", i+1, chrome)
			}
		}
		if i == 0 && !strings.Contains(text.String(), "2024年度法治政府建设情况报告") {
			t.Errorf("page 1 lacks the title: %.200q", text.String())
		}
	}
}
