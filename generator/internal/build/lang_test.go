package build

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"portal/generator/internal/diag"
)

// TestProgressLanguages checks the lines of the progress and the stage
// times of the summary in both languages; English is as it always was.
func TestProgressLanguages(t *testing.T) {
	seconds := regexp.MustCompile(`\d+\.\d\d`)
	for _, tc := range []struct {
		lang           diag.Lang
		lines, summary string
	}{
		{"", "load     9.99s\nanalyse  9.99s\nsearch   9.99s\n", "load 0.10s, analyse 1.20s, search 0.05s"},
		{diag.En, "load     9.99s\nanalyse  9.99s\nsearch   9.99s\n", "load 0.10s, analyse 1.20s, search 0.05s"},
		{diag.Zh, "读取     9.99 秒\n分析     9.99 秒\n搜索索引 9.99 秒\n", "读取 0.10 秒、分析 1.20 秒、搜索索引 0.05 秒"},
	} {
		var out bytes.Buffer
		p := NewProgress(&out)
		p.Lang = tc.lang
		p.begin("load", 0)
		p.begin("analyse", 3)
		p.step(3)
		p.begin("search", 0)
		p.end()
		if got := seconds.ReplaceAllString(out.String(), "9.99"); got != tc.lines {
			t.Errorf("%q: lines\n%s\nwant\n%s", tc.lang, got, tc.lines)
		}
		p.stages = []stageTime{{"load", 100 * time.Millisecond}, {"analyse", 1200 * time.Millisecond}, {"search", 50 * time.Millisecond}}
		if got := p.summaryMsg().Text(tc.lang); got != tc.summary {
			t.Errorf("%q: summary %q, want %q", tc.lang, got, tc.summary)
		}
		if got, want := p.summary(), "load 0.10s, analyse 1.20s, search 0.05s"; got != want {
			t.Errorf("%q: summary() %q, want %q", tc.lang, got, want)
		}
	}
	var nilProgress *Progress
	if nilProgress.summary() != "" {
		t.Error("a nil Progress has a summary")
	}
}

// TestInternalErrorLanguages checks the error of a panic in both
// languages.
func TestInternalErrorLanguages(t *testing.T) {
	err := func() (err error) {
		defer func() {
			if v := recover(); v != nil {
				err = InternalError(v)
			}
		}()
		panic("boom")
	}()
	en, zh := diag.ErrorTextIn(err, diag.En), diag.ErrorTextIn(err, diag.Zh)
	if !strings.HasPrefix(en, "internal error while building: boom (at ") || !strings.HasSuffix(en, " (please report)") || en != err.Error() {
		t.Errorf("English: %q", en)
	}
	if !strings.HasPrefix(zh, "构建时发生内部错误：boom (at ") || !strings.HasSuffix(zh, "（请报告此问题）") {
		t.Errorf("Chinese: %q", zh)
	}
}
