package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"portal/generator/internal/browser"
	"portal/generator/internal/preview"
	"portal/generator/internal/search"
)

// waitSearch waits until the search page has finished the query q.
func waitSearch(t *testing.T, b *browser.Browser, q string) {
	t.Helper()
	qj, _ := json.Marshal(q)
	b.Run(t, chromedp.Poll[chromedp.Void](fmt.Sprintf(
		`window.portalSearch && portalSearch.app && portalSearch.app.last && portalSearch.app.last.q === %s && !document.getElementById("search-results").hasAttribute("aria-busy")`, qj)))
}

// TestBrowserSearch types queries on the search page as a citizen would:
// results appear as they type with the terms highlighted and a link to
// the paragraph, a filter narrows them, the URL and the back button keep
// the state, and nothing logs an error (a CSP violation would).
func TestBrowserSearch(t *testing.T) {
	b := browser.New(t)
	dest, _ := buildSite(t, "../content")
	base := b.Serve(t, preview.SiteHandler(dest))

	// Without JavaScript the page is a plain form with a note.
	page := read(t, dest, "search/index.html")
	for _, want := range []string{`method="get"`, `name="q"`, `class="search-nojs"`, `需要启用 JavaScript`, `role="status"`} {
		if !strings.Contains(page, want) {
			t.Errorf("search page lacks %q", want)
		}
	}

	b.Run(t, chromedp.Navigate(base+"search/"), chromedp.WaitVisible(chromedp.CSS("#q")))
	b.Run(t, chromedp.Poll[chromedp.Void](`window.portalSearch && portalSearch.app && portalSearch.app.index.manifest`))
	if hidden := browser.Eval[bool](t, b, `document.querySelector(".search-nojs").hidden && !document.querySelector(".search-filters").hidden`); !hidden {
		t.Error("with JavaScript the no-script note should hide and the filters show")
	}

	b.Run(t, chromedp.SendKeys(chromedp.CSS("#q"), "按期答复率"))
	waitSearch(t, b, "按期答复率")
	if s := browser.Eval[string](t, b, `document.getElementById("search-status").textContent`); !strings.Contains(s, "找到 1 篇报告") {
		t.Errorf("status = %q, want 1 report", s)
	}
	first := browser.Eval[string](t, b, `document.querySelector("#search-results .search-title a").getAttribute("href")`)
	if !strings.HasSuffix(first, "/counties/410423/xinfangju-2024/") {
		t.Errorf("first result links to %q, want the 鲁山县 report", first)
	}
	marks := browser.Eval[[]string](t, b, `[...document.querySelectorAll("#search-results .search-snippet mark")].map(m => m.textContent)`)
	if len(marks) == 0 {
		t.Fatal("no highlighted term in the snippet")
	}
	for _, m := range marks {
		if m != "按期答复率" {
			t.Errorf("highlight %q, want 按期答复率", m)
		}
	}
	if got := browser.Eval[string](t, b, `location.search`); got != "?q=%E6%8C%89%E6%9C%9F%E7%AD%94%E5%A4%8D%E7%8E%87" {
		t.Errorf("URL query = %q", got)
	}

	// The snippet links to its paragraph, which holds the phrase.
	snip := browser.Eval[string](t, b, `document.querySelector("#search-results .search-snippet a").getAttribute("href")`)
	if !strings.Contains(snip, "#") {
		t.Fatalf("snippet link %q has no anchor", snip)
	}
	abs := browser.Eval[string](t, b, `document.querySelector("#search-results .search-snippet a").href`)
	b.Run(t, chromedp.Navigate(abs), chromedp.WaitVisible(chromedp.CSS("nav.toc")))
	if txt := browser.Eval[string](t, b, `document.getElementById(decodeURIComponent(location.hash.slice(1))).textContent`); !strings.Contains(txt, "按期答复率") {
		t.Errorf("paragraph %s does not contain the phrase: %q", snip, txt)
	}
	// The URL alone brings the results back (a shared link).
	b.Run(t, chromedp.Navigate(base+"search/?q=%E6%8C%89%E6%9C%9F%E7%AD%94%E5%A4%8D%E7%8E%87"), chromedp.WaitVisible(chromedp.CSS("#q")))
	waitSearch(t, b, "按期答复率")
	if v := browser.Eval[string](t, b, `document.getElementById("q").value`); v != "按期答复率" {
		t.Errorf("the query box holds %q after opening the URL", v)
	}

	// A new query, then a filter: 信访局 is in every seed, three of them 2024.
	b.Run(t, chromedp.Evaluate[chromedp.Void](`(() => { const q = document.getElementById("q"); q.value = ""; q.dispatchEvent(new Event("input")); })()`))
	b.Run(t, chromedp.SendKeys(chromedp.CSS("#q"), "信访局\r"))
	waitSearch(t, b, "信访局")
	if n := browser.Eval[int](t, b, `portalSearch.app.last.total`); n != 5 {
		t.Errorf("信访局: %d reports, want 5", n)
	}
	b.Run(t, chromedp.Evaluate[chromedp.Void](`(() => { portalSearch.app.last = null; const s = document.querySelector("select[name=year]"); s.value = "2024"; s.dispatchEvent(new Event("change")); })()`))
	waitSearch(t, b, "信访局")
	if n := browser.Eval[int](t, b, `portalSearch.app.last.total`); n != 3 {
		t.Errorf("信访局 in 2024: %d reports, want 3", n)
	}
	if metas := browser.Eval[[]string](t, b, `[...document.querySelectorAll("#search-results .meta")].map(m => m.textContent)`); len(metas) != 3 {
		t.Errorf("%d results shown, want 3", len(metas))
	} else {
		for _, m := range metas {
			if !strings.Contains(m, "2024年度") {
				t.Errorf("filtered result %q is not of 2024", m)
			}
		}
	}
	if got := browser.Eval[string](t, b, `new URLSearchParams(location.search).get("year")`); got != "2024" {
		t.Errorf("URL year = %q", got)
	}
	b.Run(t, chromedp.Evaluate[chromedp.Void](`portalSearch.app.last = null; history.back()`))
	waitSearch(t, b, "信访局")
	if n := browser.Eval[int](t, b, `portalSearch.app.last.total`); n != 5 {
		t.Errorf("after Back: %d reports, want 5 (filter undone)", n)
	}
	if v := browser.Eval[string](t, b, `document.querySelector("select[name=year]").value`); v != "" {
		t.Errorf("after Back the year filter is %q", v)
	}

	// A word found nowhere.
	b.Run(t, chromedp.Navigate(base+"search/?q=%E4%B8%8D%E5%AD%98%E5%9C%A8%E7%9A%84%E8%AF%8D"))
	waitSearch(t, b, "不存在的词")
	if s := browser.Eval[string](t, b, `document.getElementById("search-status").textContent`); !strings.Contains(s, "没有找到") {
		t.Errorf("status for an absent word = %q", s)
	}
	b.CheckClean(t)
}

// TestBrowserSearchAgrees checks that search.js and the Go reference
// tokenise alike and return the same reports, scores and order, on the
// seeds plus a generated corpus.
func TestBrowserSearchAgrees(t *testing.T) {
	b := browser.New(t)
	content := t.TempDir()
	copyDir(t, "../content", content)
	writeSyntheticReports(t, content, 60)
	dest, _ := buildSite(t, content)
	base := b.Serve(t, preview.SiteHandler(dest))
	b.Run(t, chromedp.Navigate(base+"search/"), chromedp.WaitVisible(chromedp.CSS("#q")))
	b.Run(t, chromedp.Poll[chromedp.Void](`window.portalSearch && portalSearch.app && portalSearch.app.index.manifest`))

	for _, s := range []string{
		"鲁山县信访局2024年度法治政府建设情况报告", "按期答复率达99.96%，ＧＢ１８０３０：", "ISO 9001、iso9001 3.14.15 v2",
		"“依法信访、理性维权”", "全年共受理12345热线诉求", "𠀀𠀁 ｶﾀｶﾅ カタカナ 한국어 々〇", "a.b 1.a 1..2 .5 5.",
	} {
		type tok struct {
			Text      string
			Gap, Word bool
		}
		var want []tok
		for _, t := range search.Tokens(s) {
			want = append(want, tok{t.Text, t.Gap, t.Word})
		}
		sj, _ := json.Marshal(s)
		got := browser.Eval[[]tok](t, b, fmt.Sprintf(`portalSearch.tokens(%s).map(t => ({Text: t.text, Gap: t.gap, Word: t.word}))`, sj))
		if !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("tokens(%q):\n js %v\n go %v", s, got, want)
		}
	}

	ix, err := search.Open(func(p string) ([]byte, error) { return os.ReadFile(filepath.Join(dest, filepath.FromSlash(p))) })
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		Total  int
		Docs   []int
		Scores []int
		Blocks []int
	}
	queries := []search.Request{
		{Query: "信访局"}, {Query: "按期答复率"}, {Query: "鲁山 信访"}, {Query: "白大姐访调工作室"}, {Query: "99.96%"},
		{Query: "２０２４年"}, {Query: "法治政府建设情况"}, {Query: "法治"}, {Query: "法"}, {Query: "群众满意率"},
		{Query: "依法 行政 执法"}, {Query: "\"信访 工作\""}, {Query: "不存在的词"}, {Query: "访局"},
		{Query: "信访局", Filters: map[string]string{"year": "2024"}},
		{Query: "工作", Filters: map[string]string{"province": "henan"}},
		{Query: "工作", Filters: map[string]string{"agency": "司法局"}},
		{Query: "工作", Filters: map[string]string{"county": "410423"}},
		{Query: "矛盾纠纷化解率"}, {Query: "按期办结率 满意率"}, {Query: "12345"}, {Query: "行政复议"},
	}
	for _, q := range queries {
		r, err := ix.Search(q)
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		want := result{Total: r.Total}
		for _, h := range r.Hits {
			want.Docs = append(want.Docs, h.Doc)
			want.Scores = append(want.Scores, h.Score)
			want.Blocks = append(want.Blocks, h.Block)
		}
		qj, _ := json.Marshal(q.Query)
		fj, _ := json.Marshal(q.Filters)
		got := browser.Eval[result](t, b, fmt.Sprintf(`portalSearch.query(%s, %s).then(r => ({Total: r.total, Docs: r.docs, Scores: r.scores, Blocks: r.blocks}))`, qj, fj),
			chromedp.EvalAwaitPromise)
		if len(got.Docs) == 0 {
			got.Docs, got.Scores, got.Blocks = nil, nil, nil
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q %v:\n js %+v\n go %+v", q.Query, q.Filters, got, want)
		}
		if q.Query == "法治" && r.Total < 60 {
			t.Errorf("法治: %d reports, want every report", r.Total)
		}
	}
	b.CheckClean(t)
}

// writeSyntheticReports writes n generated reports in the plain format,
// deterministic, with repeated phrases, numbers and full-width forms.
func writeSyntheticReports(t *testing.T, dir string, n int) {
	t.Helper()
	rnd := rand.New(rand.NewPCG(1, 2))
	provinces := []string{"河南省", "湖南省", "四川省"}
	counties := []string{"平安县", "云岭县", "松涛县", "长乐县", "青禾县", "安澜县"} // invented: not in the division table, so in any province
	agencies := []string{"信访局", "司法局", "公安局", "市场监督管理局"}
	phrases := []string{
		"坚持依法行政", "严格规范公正文明执法", "按期办结率达到", "群众满意率为", "矛盾纠纷化解率", "行政复议案件",
		"全年共受理12345热线诉求", "开展普法宣传活动", "法治政府建设", "落实行政执法三项制度", "白大姐访调工作室",
		"信访工作", "ＧＢ／Ｔ　１９００１", "ISO 9001", "工作机制", "建设情况",
	}
	seen := map[string]bool{}
	for i := 0; i < n; i++ {
		prov := provinces[i%len(provinces)]
		county := counties[(i/len(provinces))%len(counties)]
		agency := agencies[rnd.IntN(len(agencies))]
		year := 2021 + rnd.IntN(5)
		name := filepath.Join(dir, prov, county, fmt.Sprintf("%s-%d", agency, year))
		if seen[name] {
			continue
		}
		seen[name] = true
		var body strings.Builder
		fmt.Fprintf(&body, "%s%s\n%d年度法治政府建设情况报告\n", county, agency, year)
		for s := 1; s <= 3; s++ {
			fmt.Fprintf(&body, "%s、%s\n", []string{"一", "二", "三"}[s-1], phrases[rnd.IntN(len(phrases))])
			for p := 0; p < 3; p++ {
				for k := 0; k < 6; k++ {
					body.WriteString(phrases[rnd.IntN(len(phrases))])
					if rnd.IntN(3) == 0 {
						fmt.Fprintf(&body, "%d.%02d%%", 90+rnd.IntN(10), rnd.IntN(100))
					}
					body.WriteString([]string{"，", "。", "；", ""}[rnd.IntN(4)])
				}
				body.WriteString("。\n")
			}
		}
		os.MkdirAll(filepath.Dir(name), 0o755)
		meta := fmt.Sprintf("title = \"%s%s%d年度法治政府建设情况报告\"\nagency = \"%s\"\ncounty = \"%s\"\nprovince = \"%s\"\nyear = %d\n",
			county, agency, year, agency, county, prov, year)
		if err := os.WriteFile(name+".txt", []byte(body.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name+".toml", []byte(meta), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBrowserSearchWithoutRange serves the site as a server that ignores
// Range requests (python -m http.server does): the client falls back to
// whole index parts and still finds and shows the same results.
func TestBrowserSearchWithoutRange(t *testing.T) {
	b := browser.New(t)
	dest, _ := buildSite(t, "../content")
	files := preview.SiteHandler(dest)
	base := b.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Del("Range")
		files.ServeHTTP(w, r)
	}))
	b.Run(t, chromedp.Navigate(base+"search/?q=%E7%99%BD%E5%A4%A7%E5%A7%90%E8%AE%BF%E8%B0%83%E5%B7%A5%E4%BD%9C%E5%AE%A4"), chromedp.WaitVisible(chromedp.CSS("#q")))
	waitSearch(t, b, "白大姐访调工作室")
	if n := browser.Eval[int](t, b, `portalSearch.app.last.total`); n != 1 {
		t.Errorf("%d reports, want 1", n)
	}
	if m := browser.Eval[string](t, b, `(document.querySelector("#search-results .search-snippet mark") || {}).textContent || ""`); m != "白大姐访调工作室" {
		t.Errorf("snippet highlight %q", m)
	}
	b.CheckClean(t)
}
