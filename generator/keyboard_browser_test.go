package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"portal/generator/internal/browser"
	"portal/generator/internal/preview"
)

// The keyboard tests press real keys (CDP Input.dispatchKeyEvent through
// chromedp.KeyEvent), never clicks or scripted value changes: what they
// reach and change, a citizen without a mouse can.

// activeElement describes the focused element: tag, name, id.
const activeElement = `(() => { const e = document.activeElement; if (!e) return "";
  return e.tagName.toLowerCase() + (e.name ? "[name=" + e.name + "]" : "") + (e.id ? "#" + e.id : "") })()`

// keyboard drives one page with keys.
type keyboard struct {
	t *testing.T
	b *browser.Browser
}

// press sends keys as key events to the focused element.
func (k keyboard) press(keys string) {
	k.t.Helper()
	k.b.Run(k.t, chromedp.KeyEvent(keys))
}

// tabTo presses Tab until the focused element is want (as activeElement
// describes it), at most n times.
func (k keyboard) tabTo(want string, n int) {
	k.t.Helper()
	var seen []string
	for range n {
		k.press(kb.Tab)
		f := browser.Eval[string](k.t, k.b, activeElement)
		if f == want {
			return
		}
		seen = append(seen, f)
	}
	k.t.Fatalf("%d Tabs did not reach %s; focus went %s", n, want, strings.Join(seen, " → "))
}

// focused fails the test unless want has the focus.
func (k keyboard) focused(want, after string) {
	k.t.Helper()
	if f := browser.Eval[string](k.t, k.b, activeElement); f != want {
		k.t.Errorf("after %s the focus is on %q, want %s", after, f, want)
	}
}

// axButton is what the accessibility tree tells of a button: what a
// screen reader announces.
type axButton struct{ role, name, pressed string }

// axState reads the accessibility node of the element matching css.
func axState(t *testing.T, b *browser.Browser, css string) axButton {
	t.Helper()
	var res axButton
	ctx, cancel := context.WithTimeout(b.Ctx, 10*time.Second)
	defer cancel()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		obj, err := cdp.Call(ctx, tg, runtime.Evaluate, runtime.EvaluateParams{Expression: "document.querySelector(" + jsQuote(css) + ")"})
		if err != nil {
			return err
		}
		if obj.Result == nil || obj.Result.ObjectID == "" {
			return fmt.Errorf("no element %s", css)
		}
		no := false
		tree, err := cdp.Call(ctx, tg, accessibility.GetPartialAXTree, accessibility.GetPartialAXTreeParams{ObjectID: obj.Result.ObjectID, FetchRelatives: &no})
		if err != nil {
			return err
		}
		if len(tree.Nodes) == 0 {
			return fmt.Errorf("%s is not in the accessibility tree", css)
		}
		n := tree.Nodes[0]
		str := func(v *accessibility.Value) string {
			if v == nil {
				return ""
			}
			var s any
			json.Unmarshal(v.Value, &s)
			return fmt.Sprint(s)
		}
		res.role, res.name = str(n.Role), str(n.Name)
		for _, p := range n.Properties {
			if p.Name == accessibility.PropertyNamePressed {
				res.pressed = str(p.Value)
			}
		}
		return nil
	}))
	if err != nil {
		t.Fatalf("accessibility node of %s: %v", css, err)
	}
	return res
}

// jsQuote quotes s as a JavaScript string.
func jsQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestBrowserKeyboardElderMode reaches the 长者模式 button with Tab,
// switches it with Enter and with Space, and checks what a screen reader
// announces (a toggle button whose name stays and whose pressed state
// changes), that the focus stays and shows, and that the next page
// remembers the choice.
func TestBrowserKeyboardElderMode(t *testing.T) {
	b := browser.New(t)
	dest, _ := buildSite(t, "../content")
	base := b.Serve(t, preview.SiteHandler(dest))
	k := keyboard{t, b}
	elder := func() bool { return browser.Eval[bool](t, b, `document.documentElement.classList.contains("elder")`) }
	announced := func(when, pressed string) {
		t.Helper()
		want := axButton{"button", "长者模式", pressed}
		if got := axState(t, b, "#elder-toggle"); got != want {
			t.Errorf("%s: a screen reader gets %+v, want %+v", when, got, want)
		}
	}

	b.Open(t, base)
	k.tabTo("button#elder-toggle", 25)
	if style := browser.Eval[string](t, b, `getComputedStyle(document.activeElement).outlineStyle`); style == "none" {
		t.Error("the focused 长者模式 button shows no focus outline")
	}
	announced("on a new visit", "false")

	k.press(kb.Enter)
	b.WaitFor(t, `document.documentElement.classList.contains("elder")`)
	announced("after Enter", "true")
	k.focused("button#elder-toggle", "Enter")

	k.press(" ")
	b.WaitFor(t, `!document.documentElement.classList.contains("elder")`)
	announced("after Space", "false")
	k.focused("button#elder-toggle", "Space")

	k.press(" ")
	b.WaitFor(t, `document.documentElement.classList.contains("elder")`)

	// The next page opens in 长者模式 and says so.
	b.Open(t, base+"years/")
	if !elder() {
		t.Fatal("长者模式 switched on with Space is not remembered on the next page")
	}
	announced("on the next page", "true")
	k.tabTo("button#elder-toggle", 25)
	k.press(kb.Enter)
	b.WaitFor(t, `!document.documentElement.classList.contains("elder")`)
	b.Open(t, base+"regions/")
	if elder() {
		t.Error("长者模式 switched off with Enter is still on on the next page")
	}
	announced("switched off, on the next page", "false")
	b.CheckClean(t)
}

// TestBrowserKeyboardSearchFilters uses the search page's filters with
// the keyboard alone: Tab reaches each select (the county one once a
// province is chosen), the arrow keys change it, the results and the URL
// follow, and the focus stays on the select while they update.
func TestBrowserKeyboardSearchFilters(t *testing.T) {
	b := browser.New(t)
	dest, _ := buildSite(t, "../content")
	base := b.Serve(t, preview.SiteHandler(dest))
	k := keyboard{t, b}

	// 信访 is in all five seed reports, one per province.
	b.Open(t, base+"search/?q=%E4%BF%A1%E8%AE%BF")
	waitSearch(t, b, "信访")
	b.Run(t, chromedp.Evaluate[chromedp.Void](`window.__searches = 0; document.addEventListener("portal-search-done", () => window.__searches++)`))
	if n := browser.Eval[int](t, b, `portalSearch.app.last.total`); n != 5 {
		t.Fatalf("信访: %d reports, want 5", n)
	}

	// change presses keys on the focused filter and waits for the
	// search they cause; it returns the filter's value and the text of
	// its option, less the count.
	change := func(name, keys string) (value, label string) {
		t.Helper()
		before := browser.Eval[int](t, b, `window.__searches`)
		k.press(keys)
		b.WaitFor(t, fmt.Sprintf(`window.__searches > %d && !document.getElementById("search-results").hasAttribute("aria-busy")`, before))
		k.focused("select[name="+name+"]", "changing the "+name+" filter")
		type option struct{ Value, Label string }
		o := browser.Eval[option](t, b, fmt.Sprintf(`(() => { const s = document.querySelector("select[name=%s]");
		  return {Value: s.value, Label: s.options[s.selectedIndex].textContent.replace(/（\d+）$/, "")} })()`, name))
		if got := browser.Eval[string](t, b, fmt.Sprintf(`new URLSearchParams(location.search).get(%q) || ""`, name)); got != o.Value {
			t.Errorf("after changing the %s filter to %q the URL has %s=%q", name, o.Value, name, got)
		}
		return o.Value, o.Label
	}
	// results returns the meta line of each result shown.
	results := func() []string {
		return browser.Eval[[]string](t, b, `[...document.querySelectorAll("#search-results .meta")].map(m => m.textContent)`)
	}
	// expect checks that the results shown are n, each with want in its
	// meta line, and that the status says so.
	expect := func(after string, n int, want string) {
		t.Helper()
		metas := results()
		if len(metas) != n {
			t.Errorf("after %s: %d results %q, want %d", after, len(metas), metas, n)
		}
		for _, m := range metas {
			if !strings.Contains(m, want) {
				t.Errorf("after %s: result %q lacks %s", after, m, want)
			}
		}
		if s := browser.Eval[string](t, b, `document.getElementById("search-status").textContent`); !strings.Contains(s, fmt.Sprintf("找到 %d 篇报告", n)) {
			t.Errorf("after %s the status says %q", after, s)
		}
	}

	// From the query box, Tab reaches the province filter; ↓ picks the
	// first province.
	k.tabTo("input[name=q]#q", 15)
	k.tabTo("select[name=province]", 3)
	province, name := change("province", kb.ArrowDown)
	if province == "" {
		t.Fatal("↓ on the province filter chose no province")
	}
	expect("↓ on the province filter", 1, name)

	// The county filter, enabled now, is the next Tab.
	k.tabTo("select[name=county]", 1)
	county, name := change("county", kb.ArrowDown)
	if county == "" {
		t.Fatal("↓ on the county filter chose no county")
	}
	expect("↓ on the county filter", 1, name[strings.LastIndexByte(name, ' ')+1:]) // "晋城市 阳城县"
	if c, _ := change("county", kb.ArrowUp); c != "" {
		t.Errorf("↑ on the county filter left %q, want all counties", c)
	}

	// Shift+Tab goes back; ↑ returns to every province. Then the agency
	// and year filters.
	b.Run(t, chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)))
	k.focused("select[name=province]", "Shift+Tab")
	if p, _ := change("province", kb.ArrowUp); p != "" {
		t.Errorf("↑ on the province filter left %q, want all provinces", p)
	}
	expect("↑ back to all provinces", 5, "")
	if disabled := browser.Eval[bool](t, b, `document.querySelector("select[name=county]").disabled`); !disabled {
		t.Error("with all provinces the county filter should be disabled again")
	}

	k.tabTo("select[name=agency]", 1) // the disabled county filter is skipped
	agency, name := change("agency", kb.ArrowDown)
	if agency == "" {
		t.Fatal("↓ on the agency filter chose no agency")
	}
	n := browser.Eval[int](t, b, `portalSearch.app.last.total`)
	if n < 1 || n > 4 {
		t.Errorf("the agency filter %s left %d of 5 reports", name, n)
	}
	expect("↓ on the agency filter", n, name)

	k.tabTo("select[name=year]", 1)
	year, _ := change("year", kb.End) // the last year listed
	if year == "" {
		t.Fatal("End on the year filter chose no year")
	}
	for _, m := range results() {
		if !strings.Contains(m, year+"年度") || !strings.Contains(m, name) {
			t.Errorf("result %q is not of %s年度 and %s", m, year, name)
		}
	}
	b.CheckClean(t)
}
