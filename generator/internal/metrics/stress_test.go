package metrics

import (
	"strings"
	"testing"
	"time"
)

// TestLargeInputs checks that pathological passages stay fast: long runs
// without end marks, thousands of commas, numbers and names.
func TestLargeInputs(t *testing.T) {
	cat := loadCatalog(t)
	inputs := map[string]string{
		"digits":     strings.Repeat("1", 200000),
		"commas":     strings.Repeat("信访总量1件，", 20000),
		"no-ends":    strings.Repeat("信访总量1927件同比下降61.71%及时受理率、按期办结率100%", 5000),
		"lists":      strings.Repeat("及时受理率、", 20000) + "100%",
		"parens":     strings.Repeat("（", 20000) + "信访总量1件" + strings.Repeat("）", 20000),
		"numerals":   strings.Repeat("一二三四五六七八九十百千万亿", 10000),
		"qualifiers": strings.Repeat("超过约近将近", 20000),
		"topic":      strings.Repeat("矛盾纠纷", 10000) + strings.Repeat("化解率1%，", 5000),
	}
	for name, text := range inputs {
		start := time.Now()
		Extract(cat, []Passage{{Anchor: "p1", Text: text}})
		// Logged, not asserted: a quadratic regression on these sizes runs
		// past go test's timeout.
		t.Logf("%s: %d runes took %v", name, len([]rune(text)), time.Since(start))
	}
}
