package metrics

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"portal/generator/internal/config"
	"portal/generator/internal/document"
)

// TestConfigCatalog checks that config.Parse accepts config.toml and that
// it holds the default catalog of the spec, in its order.
func TestConfigCatalog(t *testing.T) {
	cat := loadCatalog(t)
	var keys []string
	for _, m := range cat {
		keys = append(keys, m.Key)
		if len(m.Phrases) == 0 {
			t.Errorf("%s: no phrases", m.Key)
		}
	}
	want := []string{
		"petitions_total", "petition_persons", "petitions_total_yoy", "petition_persons_yoy",
		"upper_level_petitions", "upper_level_petitions_yoy", "timely_acceptance_rate",
		"on_time_completion_rate", "on_time_reply_rate", "satisfaction_rate", "resolution_rate",
		"closure_rate", "disputes_screened", "disputes_resolved", "dispute_resolution_rate",
		"leader_receptions", "publicity_events", "publicity_materials", "people_reached",
		"law_study_sessions",
	}
	if !reflect.DeepEqual(keys, want) {
		t.Errorf("catalog keys = %v\nwant %v", keys, want)
	}
}

// loadCatalog parses the repository's config.toml.
func loadCatalog(t testing.TB) []config.Metric {
	src, err := os.ReadFile("../../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	c, probs := config.Parse("config.toml", src)
	if len(probs) > 0 || c == nil {
		t.Fatalf("config.Parse: %v", probs)
	}
	return c.Metrics
}

// TestSiteMetric checks that a metric added to the catalog is found without
// code changes, in its own unit (万元).
func TestSiteMetric(t *testing.T) {
	cat := []config.Metric{{Key: "legal_aid_funds", Label: "法律援助经费", Unit: "万元", Kind: config.KindCount,
		Phrases: []string{"法律援助经费"}}}
	figs := Extract(cat, []Passage{{Anchor: "p1", Text: "全年投入法律援助经费163.35万元，办理案件120件。"}})
	if len(figs) == 0 || figs[0].Key != "legal_aid_funds" || figs[0].Value != 163.35 || figs[0].Unit != "万元" {
		t.Errorf("figures = %s", describe(figs))
	}
}

func TestFromDocument(t *testing.T) {
	src := strings.Join([]string{
		"某县信访局2024年法治政府建设情况报告",
		"一、主要举措和成效",
		"（一）强化源头治理",
		"全县信访总量1927件，同比下降61.71%。",
		"二、2025年工作计划",
		"力争信访事项及时受理率达到100%。",
	}, "\n")
	d, _ := document.ParseText("r.txt", src)
	ps := FromDocument(d)
	var got []string
	for _, p := range ps {
		got = append(got, strings.Join(p.Headings, "/")+"|"+p.Text)
	}
	want := []string{
		"|主要举措和成效",
		"一、主要举措和成效|强化源头治理",
		"一、主要举措和成效/（一）强化源头治理|全县信访总量1927件，同比下降61.71%。",
		"|2025年工作计划",
		"二、2025年工作计划|力争信访事项及时受理率达到100%。",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("passages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !ps[0].Heading || ps[2].Heading || ps[2].Anchor == "" {
		t.Errorf("passages = %+v", ps)
	}
	figs := Extract(loadCatalog(t), ps)
	if keys := keyedLabels(figs); !reflect.DeepEqual(keys, []string{"petitions_total=1927", "petitions_total_yoy=-61.71"}) {
		t.Errorf("figures = %v", keys)
	}
}
