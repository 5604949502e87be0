package chart

import (
	"slices"
	"testing"

	"portal/generator/internal/content"
	"portal/generator/internal/site"
)

func TestPublication(t *testing.T) {
	for _, c := range []struct {
		year      int
		published content.Date
		kind      string
		text      string
	}{
		{2024, date(2025, 3, 31), OnTime, "按时"},
		{2024, date(2025, 4, 1), OnTime, "按时"}, // the deadline day itself
		{2024, date(2025, 4, 2), Late, "逾期1天"},
		{2024, date(2026, 4, 1), Late, "逾期365天"},
		{2023, date(2023, 12, 30), OnTime, "按时"},
		{2024, content.Date{}, Undated, "未注明"},
	} {
		r := &site.Report{Meta: content.Meta{Year: c.year, Published: c.published}}
		if st := Publication(r); st.Kind != c.kind || st.Text != c.text {
			t.Errorf("%d report published %s: %+v, want %s %s", c.year, c.published, st, c.kind, c.text)
		}
	}
}

func TestForYear(t *testing.T) {
	s := testSite(t)
	var y2024 *site.Year
	for _, y := range s.Years {
		if y.Year == 2024 {
			y2024 = y
		}
	}
	yd := ForYear(s, y2024)

	// Timeliness: one flat stacked bar; 2024 has 司法局 on the deadline
	// day, 叶县 on time, and 鲁山县信访局 undated.
	p := yd.Timeliness.Plot
	if !p.Stacked || !p.Horizontal || len(p.Series) != 3 {
		t.Fatalf("timeliness plot = %+v", p)
	}
	var got []float64
	for _, s := range p.Series {
		got = append(got, s.Values[0].Number)
	}
	if !slices.Equal(got, []float64{2, 0, 1}) {
		t.Errorf("on time, late, undated = %v, want [2 0 1]", got)
	}
	if row := yd.Timeliness.Table.Rows[0]; row.Cells[3].Text != "3" {
		t.Errorf("timeliness row = %+v", row)
	}

	// Headlines: the metrics with values from the most agencies that year,
	// ties in catalog order: 宣传活动 (3), then 信访总量 and 及时受理率 (2).
	var heads []string
	for _, c := range yd.Headlines {
		heads = append(heads, c.Caption)
	}
	want := []string{"2024年宣传活动（场次）：各县（市、区）比较", "2024年信访总量（件）：各县（市、区）比较", "2024年及时受理率（%）：各县（市、区）比较"}
	if !slices.Equal(heads, want) {
		t.Errorf("headlines = %q, want %q", heads, want)
	}
	if yd.Headlines[0].More != "metrics/publicity_events/#y2024" {
		t.Errorf("headline links to %q", yd.Headlines[0].More)
	}
	if cs := yd.Charts(); cs[0] != yd.Timeliness || cs[0].ID != "chart-1" || cs[3].ID != "chart-4" {
		t.Errorf("year charts out of order or unnumbered")
	}
}

func TestHome(t *testing.T) {
	s := testSite(t)
	cs := Home(s)
	if len(cs) != 1 {
		t.Fatalf("%d home charts, want 1 (publication by year)", len(cs))
	}
	tl := cs[0].Plot
	if !slices.Equal(tl.Categories, []string{"2022年度", "2023年度", "2024年度"}) || tl.Horizontal {
		t.Errorf("timeliness by year: %q, horizontal %v", tl.Categories, tl.Horizontal)
	}
	// 2022 on time, 2023 late, 2024: 2 on time and 1 undated.
	for i, want := range [][]float64{{1, 0, 2}, {0, 1, 0}, {0, 0, 1}} {
		if got := numbers(tl.Series[i]); !slices.Equal(got, want) {
			t.Errorf("%s by year = %v, want %v", tl.Series[i].Name, got, want)
		}
	}
	if len(cs[0].Key) != 0 {
		t.Error("counts of reports need no source key")
	}
}
