package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"portal/generator/internal/browser"
	"portal/generator/internal/chart"
	"portal/generator/internal/preview"
	"portal/generator/internal/site"
)

// TestBrowserAreaCharts opens the province and the city page of two
// counties at 390 px and 1280 px: each compares its counties in charts —
// rankings of the latest year's values, drawn exactly as the model has
// them and highest first, and the reports' timeliness per county — that
// fit the screen without sideways scrolling.
func TestBrowserAreaCharts(t *testing.T) {
	b := browser.New(t)
	dest, res := buildSite(t, chartFixture)
	base := b.Serve(t, preview.SiteHandler(dest))
	s := res.Site
	henan := s.Provinces[0]
	want := map[drawn]*site.Point{} // ranking: a bar per agency and year
	reports := map[string]int{}     // reports per county
	for _, c := range henan.Counties {
		reports[c.Label()] = len(c.Reports)
		for _, a := range c.Agencies {
			for i := range a.Points {
				p := &a.Points[i]
				want[drawn{p.Key + " " + strconv.Itoa(p.Year), chart.AgencyID(a)}] = p
			}
		}
	}
	for _, width := range []int64{390, 1280} {
		b.Run(t, chromedp.EmulateViewport(width, 844))
		for _, url := range []string{henan.URL, henan.Cities[0].URL} {
			b.Open(t, base+url)
			b.WaitFor(t, allDrawn)
			states := browser.Eval[[]chartState](t, b, readCharts)
			if len(states) != 4 {
				t.Fatalf("%s at %d px: %d charts, want 3 rankings and the timeliness", url, width, len(states))
			}
			for _, st := range states[:3] {
				if !strings.HasPrefix(st.Caption, "2024年") || len(st.Series) != 1 {
					t.Errorf("%s: ranking %q with %d series", url, st.Caption, len(st.Series))
					continue
				}
				for _, it := range st.Series[0].Items {
					if p := want[drawn{st.Series[0].ID, it.ID}]; p == nil || p.Value != it.Value {
						t.Errorf("%s %q: %s drawn as %v, model %+v", url, st.Caption, it.ID, it.Value, p)
					}
				}
			}
			checkRanked(t, states)
			tl := states[3]
			if len(tl.Series) != 3 || len(tl.Categories) != len(reports) {
				t.Fatalf("%s: timeliness %q over %q", url, tl.Caption, tl.Categories)
			}
			for i, c := range tl.Categories {
				sum := 0.0
				for _, sr := range tl.Series {
					sum += sr.Items[i].Value
				}
				if int(sum) != reports[c] {
					t.Errorf("%s: %s has %v reports in the timeliness chart, model %d", url, c, sum, reports[c])
				}
			}
			if wide := browser.Eval[bool](t, b, `document.scrollingElement.scrollWidth > innerWidth ||
			  Array.from(document.querySelectorAll(".chart-canvas")).some(e => e.getBoundingClientRect().right > innerWidth)`); wide {
				t.Errorf("%s at %d px: the page or a chart is wider than the screen", url, width)
			}
		}
	}
	b.CheckClean(t)
}
