package chart

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"portal/generator/internal/metrics"
)

func TestMetrics(t *testing.T) {
	s := testSite(t)
	ms := Metrics(s)
	var keys []string
	for _, m := range ms {
		keys = append(keys, m.Metric.Key)
	}
	// Catalog order; law_study_sessions has no value and no page.
	want := []string{"petitions_total", "petitions_total_yoy", "timely_acceptance_rate", "publicity_events", "satisfaction_rate"}
	if !slices.Equal(keys, want) {
		t.Fatalf("metrics = %q, want %q", keys, want)
	}
	m := ms[0]
	if m.URL != "metrics/petitions_total/" || m.Kind != "数量" || m.Counties != 2 || m.Agencies != 2 || m.Values != 5 || m.Span() != "2021—2024年" {
		t.Errorf("petitions_total summary = %+v (%s)", m, m.Span())
	}

	// The trend: a line per agency with two or more values; 叶县 has one,
	// which only the ranking shows.
	tr := m.Trend.Plot
	if tr.Type != "line" || len(tr.Series) != 1 || !slices.Equal(tr.Categories, []string{"2021", "2022", "2023", "2024"}) || m.Single != 1 {
		t.Fatalf("trend = %s, %d series over %q, %d single", tr.Type, len(tr.Series), tr.Categories, m.Single)
	}
	if tr.Series[0].Name != "鲁山县·信访局" || !slices.Equal(numbers(tr.Series[0]), []float64{2333, 2100, 1800, 1500}) {
		t.Errorf("trend series = %s %v", tr.Series[0].Name, numbers(tr.Series[0]))
	}
	if len(m.Trend.Table.Rows) != 1 || m.Trend.Table.Rows[0].HeadURL != "counties/410423/" {
		t.Errorf("trend table rows = %+v", m.Trend.Table.Rows)
	}
	// No agency has two years of 同比: no trend, the rankings come first.
	if yoy := ms[1]; yoy.Trend != nil || yoy.Single != 1 || yoy.Charts()[0].ID != "chart-1" || yoy.Charts()[0] != yoy.Years[0].Chart {
		t.Errorf("同比 page: trend %v, single %d", yoy.Trend, yoy.Single)
	}

	// The rankings: one per year with values, latest first; the latest
	// stays open.
	var years []int
	for _, r := range m.Years {
		years = append(years, r.Year)
	}
	if !slices.Equal(years, []int{2024, 2023, 2022, 2021}) {
		t.Errorf("ranking years = %v", years)
	}
	if !m.Years[0].Chart.Open || m.Years[1].Chart.Open || m.Trend.Open {
		t.Error("only the latest ranking's table stays open")
	}
	if got := captions(m.Charts()); got[0] != m.Trend.Caption || len(got) != 5 {
		t.Errorf("charts = %q", got)
	}
	for i, c := range m.Charts() {
		if c.ID != "chart-"+strconv.Itoa(i+1) {
			t.Errorf("chart %d ID = %q", i, c.ID)
		}
	}
}

func TestRanking(t *testing.T) {
	s := testSite(t)
	ms := Metrics(s)
	var events *Metric
	for _, m := range ms {
		if m.Metric.Key == "publicity_events" {
			events = m
		}
	}
	r := events.Years[0]
	p := r.Chart.Plot
	if r.Year != 2024 || !p.Horizontal || p.Type != "bar" {
		t.Fatalf("ranking %d: horizontal %v type %s", r.Year, p.Horizontal, p.Type)
	}
	// Highest first: 司法局 52, 叶县 30, 鲁山县信访局 24.
	if want := []string{"鲁山县·司法局", "叶县·信访局", "鲁山县·信访局"}; !slices.Equal(p.Categories, want) {
		t.Errorf("ranked categories = %q, want %q", p.Categories, want)
	}
	if got := numbers(p.Series[0]); !slices.Equal(got, []float64{52, 30, 24}) {
		t.Errorf("ranked values = %v", got)
	}
	if id := p.Series[0].Values[1].ID; id != "counties/410422/xinfangju" {
		t.Errorf("item ID = %q, want the agency", id)
	}
	row := r.Chart.Table.Rows[0]
	if row.Head != "1" || row.Cells[0].URL != "counties/410423/" || row.Cells[3].URL != "counties/410423/sifaju-2024/" || row.Cells[3].Text != "鲁山县司法局2024年度报告" {
		t.Errorf("ranking row = %+v", row)
	}

	// Equal values share a rank.
	petitions := ms[0]
	rows := petitions.Years[0].Chart.Table.Rows
	if rows[0].Head != "1" || rows[1].Head != "1" {
		t.Errorf("tied ranks = %q, %q; want 1, 1", rows[0].Head, rows[1].Head)
	}

	// Rates rank on a 0–100% axis.
	var rate *Metric
	for _, m := range ms {
		if m.Metric.Key == "timely_acceptance_rate" {
			rate = m
		}
	}
	if p := rate.Years[0].Chart.Plot; !p.Percent || p.Min == nil || *p.Max != 100 {
		t.Errorf("rate ranking axis: percent %v min %v max %v", p.Percent, p.Min, p.Max)
	}
}

// TestManyAgencies: past maxBars a ranking draws the highest values and
// its table ranks every agency; past maxLines a trend draws the agencies
// with values in the most years and its table lists every one; both say
// so under the drawing.
func TestManyAgencies(t *testing.T) {
	const n = 25
	var reports []report
	for i := range n {
		county := fmt.Sprintf("测试%d县", i)
		reports = append(reports, report{county, "", "信访局", 2024, date(2025, 3, 1), county + "2024",
			[]metrics.Value{extracted("petitions_total", float64(100+i), "件")}})
		if i%2 == 0 { // every other agency also has 2023: a line
			reports = append(reports, report{county, "", "信访局", 2023, date(2024, 3, 1), county + "2023",
				[]metrics.Value{extracted("petitions_total", 50, "件")}})
		}
		if i%6 == 0 { // and some 2022: the longest lines
			reports = append(reports, report{county, "", "信访局", 2022, date(2023, 3, 1), county + "2022",
				[]metrics.Value{extracted("petitions_total", 40, "件")}})
		}
	}
	s := siteOf(t, reports)
	var page *Metric
	for _, m := range Metrics(s) {
		if m.Metric.Key == "petitions_total" {
			page = m
		}
	}
	r := page.Years[0].Chart
	values := numbers(r.Plot.Series[0])
	if len(values) != maxBars || values[0] != 100+n-1 || len(r.Table.Rows) != n || r.Height != 56+28*maxBars {
		t.Errorf("2024 ranking draws %v (height %d) with %d table rows; want the %d highest of %d", values, r.Height, len(r.Table.Rows), maxBars, n)
	}
	if !strings.Contains(r.Note, "数值最高的20个部门") || !strings.Contains(r.Label, "共25个") {
		t.Errorf("ranking note %q, label %q", r.Note, r.Label)
	}
	tr := page.Trend
	lines := len(tr.Plot.Series)
	if lines != maxLines || len(tr.Table.Rows) != 13 { // 13 agencies have two years or more
		t.Fatalf("trend draws %d lines with %d table rows; want %d of 13", lines, len(tr.Table.Rows), maxLines)
	}
	long := 0
	for _, sr := range tr.Plot.Series {
		if numbers(sr)[0] >= 0 { // a value in 2022
			long++
		}
	}
	if long != 5 || !strings.Contains(tr.Note, "有数据年份最多的10个部门") {
		t.Errorf("trend draws %d of the 5 agencies with three years; note %q", long, tr.Note)
	}
	// The year page's ranking is the top, drawn and tabled, with a link
	// to the whole ranking on the metric page.
	for _, y := range s.Years {
		if y.Year != 2024 {
			continue
		}
		h := ForYear(s, y).Headlines[0]
		if len(h.Table.Rows) != maxBars || h.More != "metrics/petitions_total/#y2024" || !strings.Contains(h.Note, "全部25个部门的排名见“历年与各年度排名”") {
			t.Errorf("year page ranking: %d rows, more %q, note %q", len(h.Table.Rows), h.More, h.Note)
		}
	}
}
