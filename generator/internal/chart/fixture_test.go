package chart

import (
	"testing"
	"time"

	"portal/generator/internal/config"
	"portal/generator/internal/content"
	"portal/generator/internal/diag"
	"portal/generator/internal/metrics"
	"portal/generator/internal/site"
)

// catalog is a small metric catalog with every kind.
var catalog = config.Catalog{
	{Key: "petitions_total", Label: "信访总量", Unit: "件", Kind: config.KindCount},
	{Key: "petitions_total_yoy", Label: "信访总量同比", Unit: "%", Kind: config.KindChange, Base: "petitions_total"},
	{Key: "timely_acceptance_rate", Label: "及时受理率", Unit: "%", Kind: config.KindRate},
	{Key: "publicity_events", Label: "宣传活动", Unit: "场次", Kind: config.KindCount},
	{Key: "satisfaction_rate", Label: "群众满意率", Unit: "%", Kind: config.KindRate},
	{Key: "law_study_sessions", Label: "集中学法", Unit: "次", Kind: config.KindCount},
}

// report is one report of the test site with its published values.
type report struct {
	county, code, agency string
	year                 int
	published            content.Date
	title                string
	values               []metrics.Value
}

func extracted(key string, v float64, unit string) metrics.Value {
	return metrics.Value{Key: key, Value: v, Unit: unit, Source: metrics.Extracted, Figure: &metrics.Figure{Key: key, Value: v, Unit: unit, Anchor: "p2"}}
}

func reported(key string, v float64, unit string) metrics.Value {
	return metrics.Value{Key: key, Value: v, Unit: unit, Source: metrics.Reported}
}

func date(y int, m time.Month, d int) content.Date { return content.Date{Year: y, Month: m, Day: d} }

// testReports: 鲁山县 has a 信访局 (2022–2024, one year missing a rate)
// and a 司法局; 叶县 has a 信访局. The 2022 report's 同比 derives a 2021
// value. Publication: on time, late, undated and exactly on the deadline.
var testReports = []report{
	{"鲁山县", "410423", "信访局", 2022, date(2023, 3, 20), "鲁山县信访局2022年度报告", []metrics.Value{
		extracted("petitions_total", 2100, "件"), extracted("petitions_total_yoy", -10, "%"),
		extracted("timely_acceptance_rate", 98.5, "%"), extracted("publicity_events", 18, "场次")}},
	{"鲁山县", "410423", "信访局", 2023, date(2024, 5, 6), "鲁山县信访局2023年度报告", []metrics.Value{
		reported("petitions_total", 1800, "件"), extracted("satisfaction_rate", 97.5, "%"), extracted("publicity_events", 20, "场次")}},
	{"鲁山县", "410423", "信访局", 2024, content.Date{}, "鲁山县信访局2024年度<b>报告</b>", []metrics.Value{
		extracted("petitions_total", 1500, "件"), extracted("timely_acceptance_rate", 100, "%"), extracted("publicity_events", 24, "场次")}},
	{"鲁山县", "410423", "司法局", 2024, date(2025, 4, 1), "鲁山县司法局2024年度报告", []metrics.Value{
		extracted("publicity_events", 52, "场次"), extracted("timely_acceptance_rate", 99, "%")}},
	{"叶县", "410422", "信访局", 2024, date(2025, 2, 28), "叶县信访局2024年度报告", []metrics.Value{
		extracted("petitions_total", 1500, "件"), extracted("publicity_events", 30, "场次")}},
}

// testSite builds the model of testReports.
func testSite(t *testing.T) *site.Site {
	t.Helper()
	return siteOf(t, testReports)
}

// siteOf builds the model of reports.
func siteOf(t *testing.T, reports []report) *site.Site {
	t.Helper()
	var inputs []site.Input
	for _, r := range reports {
		m := content.Meta{Title: r.title, Agency: r.agency, County: r.county, City: "平顶山市", Province: "河南省",
			Year: r.year, Published: r.published, DivisionCode: r.code}
		inputs = append(inputs, site.Input{
			Report: &content.Report{Path: r.county + "/" + r.agency, File: r.county + r.agency, Format: ".txt", Meta: m},
			Values: r.values,
		})
	}
	s, problems := site.New(&config.Config{Title: "测试", Metrics: catalog}, inputs)
	for _, p := range problems {
		if p.Severity == diag.Error {
			t.Fatal(p)
		}
	}
	return s
}

// county returns the test site's county by name.
func county(t *testing.T, s *site.Site, name string) *site.County {
	t.Helper()
	for _, c := range s.Counties {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no county %s", name)
	return nil
}
