package document

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// The artifacts a parser may remove, written independently of cleanup.go.
var (
	testBookmarkRE  = regexp.MustCompile(`\[bookmark: [^\]]*\]`)
	testBlankPageRE = regexp.MustCompile(`[(（]此页无正文[)）]`)
	tagRE           = regexp.MustCompile(`<[^>]*>`)
)

// withoutArtifacts removes the conversion artifacts from a seed.
func withoutArtifacts(src string) string {
	return testBlankPageRE.ReplaceAllString(testBookmarkRE.ReplaceAllString(src, ""), "")
}

// keep returns the runes of s for which f is true.
func keep(s string, f func(rune) bool) string {
	return strings.Map(func(r rune) rune {
		if f(r) {
			return r
		}
		return -1
	}, s)
}

// isHan reports whether r is a Chinese character.
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// isVisible reports whether r is printed: not white space.
func isVisible(r rune) bool { return !unicode.IsSpace(r) }

// published returns what a reader gets of d: the header fields in the order
// they stand on the page, then the text of the HTML body (which ends with
// the signature).
func published(t *testing.T, d *Document) string {
	t.Helper()
	body, err := d.HTML()
	if err != nil {
		t.Fatal(err)
	}
	h := d.Header
	text := html.UnescapeString(tagRE.ReplaceAllString(string(body), ""))
	return h.Organ + h.DocHeader + h.DocNumber + h.Title + text
}

// TestNothingLost checks, for every seed, that the Chinese text of the
// source minus the artifacts is, in order, the Chinese text of the header,
// the HTML and the signature. The only removal allowed is a repeat of the
// title right after it (seed 001 prints its title once whole and once
// split over two lines). The same holds for all visible characters.
func TestNothingLost(t *testing.T) {
	for _, s := range readSeeds(t) {
		t.Run(s.name, func(t *testing.T) {
			d, _ := ParseText(s.name+".txt", s.src)
			out := published(t, d)
			for _, f := range []struct {
				name string
				keep func(rune) bool
			}{{"Han", isHan}, {"visible", isVisible}} {
				want := keep(withoutArtifacts(s.src), f.keep)
				got := keep(out, f.keep)
				title := keep(d.Header.Title, f.keep)
				if dedup := strings.Replace(want, title+title, title, 1); got != want && got == dedup {
					t.Logf("%s: the repeated title %q was removed", f.name, d.Header.Title)
					want = dedup
				}
				if got != want {
					t.Errorf("%s text differs: %s", f.name, firstRuneDiff(want, got))
				}
			}
		})
	}
}

// firstRuneDiff shows where two rune sequences part.
func firstRuneDiff(want, got string) string {
	w, g := []rune(want), []rune(got)
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	return "at rune " + strconv.Itoa(i) + ": want …" + string(w[i:min(i+20, len(w))]) + "… got …" + string(g[i:min(i+20, len(g))]) + "…"
}
