package main

import (
	"os"
	"testing"

	"portal/generator/internal/browser"
	"portal/generator/internal/preview"
	"portal/generator/internal/tooltest"
)

// TestBrowserAxeCitizenPages runs axe-core on the page types of issue 19
// that TestBrowserAxe's list does not hold: the open data's page and the
// 未收录 pages (one with agencies listed, one of a year without a year
// before): no serious or critical violation.
func TestBrowserAxeCitizenPages(t *testing.T) {
	b := browser.New(t)
	axeSrc, err := os.ReadFile(tooltest.NPMFile(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	dest, _ := buildSite(t, "../content")
	base := b.Serve(t, preview.SiteHandler(dest))
	for _, url := range []string{"data/", "years/2025/missing/", "years/2023/missing/"} {
		b.Open(t, base+url)
		b.WaitFor(t, pagesDrawn)
		for _, v := range runAxe(t, b, string(axeSrc)) {
			if v.Impact == "serious" || v.Impact == "critical" {
				t.Errorf("/%s: %s [%s] %s: %v", url, v.ID, v.Impact, v.Help, v.Targets)
			} else {
				t.Logf("/%s: %s [%s] %s: %v", url, v.ID, v.Impact, v.Help, v.Targets)
			}
		}
	}
}
