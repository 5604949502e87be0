package main

import (
	"cmp"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"portal/generator/internal/browser"
	"portal/generator/internal/deploy"
	"portal/generator/internal/preview"
	"portal/generator/internal/tooltest"
)

// lighthouseMin is the score issue 19 asks of every page in every
// category, on a phone.
const lighthouseMin = 0.95

// lighthouseCategories are the categories scored.
var lighthouseCategories = []string{"performance", "accessibility", "best-practices", "seo"}

// lighthousePages are the pages of the default site measured: home,
// province, county, report, metric, year, and the search page with a query.
var lighthousePages = []string{
	"",
	"regions/henan/",
	"counties/410423/",
	"counties/410423/xinfangju-2024/",
	"metrics/petitions_total/",
	"years/2024/",
	"search/?q=%E4%BF%A1%E8%AE%BF", // 信访
}

// lighthouseFlags are Chromium's flags for Lighthouse: headless, and none
// of the background traffic that would disturb the measure.
const lighthouseFlags = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage " +
	"--disable-background-networking --disable-component-update --disable-sync --no-first-run"

// lhReport is what the test reads of Lighthouse's JSON report.
type lhReport struct {
	Categories map[string]struct {
		Score     *float64 `json:"score"`
		AuditRefs []struct {
			ID     string  `json:"id"`
			Weight float64 `json:"weight"`
		} `json:"auditRefs"`
	} `json:"categories"`
	Audits map[string]struct {
		Score        *float64 `json:"score"`
		DisplayValue string   `json:"displayValue"`
	} `json:"audits"`
	Environment struct {
		BenchmarkIndex float64 `json:"benchmarkIndex"` // the machine's speed as Lighthouse measured it
	} `json:"environment"`
	RuntimeError *struct {
		Message string `json:"message"`
	} `json:"runtimeError"`
}

// TestLighthouse serves the default site gzip-compressed, as a host
// would, and runs the pinned Lighthouse (.ci/npm) with its mobile
// defaults on Debian's Chromium against seven pages, and against the
// province page of the chart corpus, whose charts compare its counties:
// every one must score at least 0.95 in performance, accessibility, best
// practices and SEO. A failure names the page, the category, the score
// and the audits that cost the most.
//
// Lighthouse's performance score varies from run to run, the more so on a
// busy two-core machine: each page is measured once, and a page below the
// threshold once more, its best score per category counting. Pages run one
// after another (about 15 s each).
func TestLighthouse(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping Lighthouse in -short mode")
	}
	node, cli, chrome := lighthouseTools(t)
	for _, site := range []struct {
		content string
		pages   []string
	}{
		{"../content", lighthousePages},
		// The default site's provinces have one county each, too few to
		// compare: the chart corpus's province compares its counties.
		{chartFixture, []string{"regions/henan/"}},
	} {
		dest, _ := buildSite(t, site.content)
		srv := httptest.NewServer(hostHandler(preview.SiteHandler(dest)))
		t.Cleanup(srv.Close)
		for _, page := range site.pages {
			lighthousePage(t, node, cli, chrome, srv.URL+"/", page, site.content+" /"+page)
		}
	}
}

// lighthousePage measures page below base, named what in messages: see
// TestLighthouse.
func lighthousePage(t *testing.T, node, cli, chrome, base, page, what string) {
	t.Helper()
	scores, rep := lighthouseRun(t, node, cli, chrome, base+page)
	if low(scores) {
		t.Logf("%s below %.2f (%s): measuring again", what, lighthouseMin, scoreLine(scores))
		again, rep2 := lighthouseRun(t, node, cli, chrome, base+page)
		for c, s := range again {
			scores[c] = max(scores[c], s)
		}
		rep = rep2
	}
	t.Logf("%s: %s (benchmark index %.0f)", what, scoreLine(scores), rep.Environment.BenchmarkIndex)
	for _, c := range lighthouseCategories {
		if scores[c] < lighthouseMin {
			t.Errorf("%s: %s %.2f < %.2f; worst audits: %s", what, c, scores[c], lighthouseMin, worstAudits(rep, c))
		}
	}
}

// scoreLine lists the scores in category order.
func scoreLine(scores map[string]float64) string {
	var out []string
	for _, c := range lighthouseCategories {
		out = append(out, fmt.Sprintf("%s %.2f", c, scores[c]))
	}
	return strings.Join(out, ", ")
}

// low reports whether any category scored below the threshold.
func low(scores map[string]float64) bool {
	for _, c := range lighthouseCategories {
		if scores[c] < lighthouseMin {
			return true
		}
	}
	return false
}

// lighthouseTools finds node, Lighthouse's CLI and Chromium, or skips t
// (fails it when CI requires the tools).
func lighthouseTools(t *testing.T) (node, cli, chrome string) {
	t.Helper()
	node = tooltest.Command(t, "node", "install Node.js 20")
	cli = tooltest.NPMFile(t, "lighthouse/cli/index.js")
	return node, cli, browser.Chromium(t)
}

// lighthouseRun runs Lighthouse once on url and returns its category
// scores and report.
func lighthouseRun(t *testing.T, node, cli, chrome, url string) (map[string]float64, *lhReport) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "lh.json")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, cli, url, "--quiet", "--output=json", "--output-path="+out,
		"--only-categories="+strings.Join(lighthouseCategories, ","), "--chrome-flags="+lighthouseFlags)
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chrome)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("lighthouse %s: %v\n%s", url, err, msg)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rep lhReport
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatalf("lighthouse %s: %v", url, err)
	}
	if rep.RuntimeError != nil {
		t.Fatalf("lighthouse %s: %s", url, rep.RuntimeError.Message)
	}
	scores := map[string]float64{}
	for _, c := range lighthouseCategories {
		if s := rep.Categories[c].Score; s != nil {
			scores[c] = *s
		}
	}
	return scores, &rep
}

// worstAudits lists the audits of category c that cost it the most
// (weight times shortfall), with their values.
func worstAudits(rep *lhReport, c string) string {
	type cost struct {
		id   string
		loss float64
	}
	var costs []cost
	for _, ref := range rep.Categories[c].AuditRefs {
		a := rep.Audits[ref.ID]
		if a.Score != nil && *a.Score < 1 {
			costs = append(costs, cost{ref.ID, ref.Weight * (1 - *a.Score)})
		}
	}
	slices.SortFunc(costs, func(a, b cost) int { return cmp.Or(cmp.Compare(b.loss, a.loss), strings.Compare(a.id, b.id)) })
	var out []string
	for i, k := range costs {
		if i == 5 {
			break
		}
		a := rep.Audits[k.id]
		out = append(out, fmt.Sprintf("%s %.2f %s", k.id, *a.Score, a.DisplayValue))
	}
	return strings.Join(out, "; ")
}

// hostHandler serves the site as a well-configured static host does:
// text compressed with gzip for a client that accepts it (byte ranges,
// which the search index is read by, as stored), and each file with the
// Cache-Control that deploy gives it in a bucket (a year, immutable, for
// the assets whose names carry their hash; minutes for pages). Caching
// is the host's business, not the generator's: this is the policy the
// portal deploys with.
func hostHandler(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		file := strings.TrimPrefix(r.URL.Path, "/")
		if file == "" || strings.HasSuffix(file, "/") {
			file += "index.html"
		}
		w.Header().Set("Cache-Control", deploy.CacheControl(file))
		w.Header().Add("Vary", "Accept-Encoding")
		if r.Header.Get("Range") != "" || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			h.ServeHTTP(w, r)
			return
		}
		z := &gzipWriter{ResponseWriter: w}
		defer z.close()
		h.ServeHTTP(z, r)
	})
}

// gzipWriter compresses a response of a textual type on its way out.
type gzipWriter struct {
	http.ResponseWriter
	z       *gzip.Writer
	decided bool
}

// compressible reports whether a Content-Type is worth compressing.
func compressible(ct string) bool {
	for _, p := range []string{"text/", "application/javascript", "application/json", "application/xml", "application/atom+xml", "application/ld+json", "image/svg+xml"} {
		if strings.HasPrefix(ct, p) {
			return true
		}
	}
	return false
}

// WriteHeader decides, from the Content-Type, whether to compress.
func (g *gzipWriter) WriteHeader(code int) {
	if !g.decided {
		g.decided = true
		hd := g.Header()
		if code == http.StatusOK && compressible(hd.Get("Content-Type")) {
			hd.Del("Content-Length")
			hd.Set("Content-Encoding", "gzip")
			g.z = gzip.NewWriter(g.ResponseWriter)
		}
	}
	g.ResponseWriter.WriteHeader(code)
}

// Write writes b, compressed if so decided.
func (g *gzipWriter) Write(b []byte) (int, error) {
	if !g.decided {
		if g.Header().Get("Content-Type") == "" {
			g.Header().Set("Content-Type", http.DetectContentType(b))
		}
		g.WriteHeader(http.StatusOK)
	}
	if g.z != nil {
		return g.z.Write(b)
	}
	return g.ResponseWriter.Write(b)
}

func (g *gzipWriter) close() {
	if g.z != nil {
		g.z.Close()
	}
}
