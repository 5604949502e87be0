package search

import (
	"testing"

	"portal/generator/internal/diag"
)

// TestTermLimitLanguages checks the error of a report past the term
// limit in both languages, named by its file, else its URL.
func TestTermLimitLanguages(t *testing.T) {
	for _, tc := range []struct {
		doc    Doc
		en, zh string
	}{
		{Doc{URL: "r/", File: "content/甲省/乙县/某局-2024.txt"},
			"content/甲省/乙县/某局-2024.txt: too much distinct text for the search index: more than 300000 distinct terms (runs of 1 to 4 characters or words); split the report",
			"content/甲省/乙县/某局-2024.txt: 供搜索索引的不同文字太多：不同的词项超过 300000 个（1 到 4 个字或词的连续组合）；请拆分报告"},
		{Doc{URL: "r/"},
			"r/: too much distinct text for the search index: more than 300000 distinct terms (runs of 1 to 4 characters or words); split the report",
			"r/: 供搜索索引的不同文字太多：不同的词项超过 300000 个（1 到 4 个字或词的连续组合）；请拆分报告"},
	} {
		p := termLimitProblem(&tc.doc)
		if p.String() != tc.en || p.Text(diag.En) != tc.en {
			t.Errorf("English:\n got %q\nwant %q", p.String(), tc.en)
		}
		if got := p.Text(diag.Zh); got != tc.zh {
			t.Errorf("Chinese:\n got %q\nwant %q", got, tc.zh)
		}
	}
}
