package metrics

import (
	"strings"
	"testing"

	"portal/generator/internal/diag"
)

// TestMergeLanguages checks the warnings of Merge in both languages: a
// figure of the text against the metadata's, figures that disagree, and
// a key the catalog lacks; English as it always was.
func TestMergeLanguages(t *testing.T) {
	figs := []Figure{
		fig("petitions_total", 1928, "全县信访总量1928件"),
		fig("publicity_events", 44, "集中宣传活动44场次"),
		fig("publicity_events", 4, "户外宣传咨询活动4场次"),
	}
	_, warns := Merge(mergeCatalog, map[string]float64{"petitions_total": 1927, "b-x": 1, "b": 2}, figs)
	var en, zh []string
	for _, w := range warns {
		en, zh = append(en, w.String()), append(zh, w.Text(diag.Zh))
	}
	wantEn := []string{
		`petitions_total（信访总量）: the report's TOML says 1927 but the text says 1928 at p1: "全县信访总量1928件"`,
		`publicity_events（宣传活动）: the text gives different values, none is published: 44 at p1 ("集中宣传活动44场次"); 4 at p1 ("户外宣传咨询活动4场次")`,
		`b-x: not a metric of the catalog; the value is not published`,
		`b: not a metric of the catalog; the value is not published`,
	}
	wantZh := []string{
		`petitions_total（信访总量）：报告的 TOML 写的是 1927，而正文在 p1 处写的是 1928："全县信访总量1928件"`,
		`publicity_events（宣传活动）：正文给出的数值不一致，均不发布：p1 处的 44（"集中宣传活动44场次"）；p1 处的 4（"户外宣传咨询活动4场次"）`,
		`b-x：不是指标目录中的指标；该值不发布`,
		`b：不是指标目录中的指标；该值不发布`,
	}
	if strings.Join(en, "\n") != strings.Join(wantEn, "\n") {
		t.Errorf("English:\n%s\nwant\n%s", strings.Join(en, "\n"), strings.Join(wantEn, "\n"))
	}
	if strings.Join(zh, "\n") != strings.Join(wantZh, "\n") {
		t.Errorf("Chinese:\n%s\nwant\n%s", strings.Join(zh, "\n"), strings.Join(wantZh, "\n"))
	}
}

// TestCatalogFiguresLimitLanguages checks the error of a text with too
// many figures in both languages.
func TestCatalogFiguresLimitLanguages(t *testing.T) {
	var passages []Passage
	for range MaxCatalogFigures + 1 {
		passages = append(passages, Passage{Anchor: "p1", Text: "全县信访总量1927件。"})
	}
	_, err := NewExtractor(mergeCatalog).CatalogFigures(passages)
	if got, want := diag.ErrorTextIn(err, diag.En), "more than 2000 figures of catalog metrics (at p1): too many for a report; split it or remove tables of figures"; got != want {
		t.Errorf("English: %q", got)
	}
	if got, want := diag.ErrorTextIn(err, diag.Zh), "指标目录中的数字超过 2000 个（在 p1 处）：作为一份报告太多；请拆分报告或删去数字表格"; got != want {
		t.Errorf("Chinese: %q", got)
	}
}

// BenchmarkMergeWarnings measures Merge on a report whose metadata
// disagrees with its text and whose text disagrees with itself: two
// warnings, each recorded as a catalog message.
func BenchmarkMergeWarnings(b *testing.B) {
	figs := []Figure{
		fig("petitions_total", 1928, "全县信访总量1928件"),
		fig("publicity_events", 44, "集中宣传活动44场次"),
		fig("publicity_events", 4, "户外宣传咨询活动4场次"),
	}
	reported := map[string]float64{"petitions_total": 1927}
	b.ReportAllocs()
	for b.Loop() {
		if _, warns := Merge(mergeCatalog, reported, figs); len(warns) != 2 {
			b.Fatal(len(warns))
		}
	}
}
