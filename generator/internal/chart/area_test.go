package chart

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"portal/generator/internal/config"
	"portal/generator/internal/metrics"
	"portal/generator/internal/site"
)

func TestForArea(t *testing.T) {
	s := testSite(t)
	cfg := &config.Config{Metrics: catalog}
	a := ForArea(cfg, s.Counties)

	// 2024 is the latest year; of its metrics only those with values from
	// both counties compare them: 宣传活动 (3 agencies), 信访总量 (2);
	// 及时受理率 comes from 鲁山县 alone.
	if a.Year != 2024 {
		t.Errorf("area compares %d, want 2024", a.Year)
	}
	want := []string{"2024年宣传活动（场次）：各县（市、区）比较", "2024年信访总量（件）：各县（市、区）比较"}
	if got := captions(a.Rankings); !slices.Equal(got, want) {
		t.Errorf("rankings = %q, want %q", got, want)
	}
	if got := a.Rankings[0].Plot.Categories; !slices.Equal(got, []string{"鲁山县·司法局", "叶县·信访局", "鲁山县·信访局"}) {
		t.Errorf("宣传活动 ranked %q", got)
	}

	// Timeliness, one flat bar per county, all years: 叶县 one on time;
	// 鲁山县 two on time, one late, one undated.
	tl := a.Timeliness
	if tl == nil || !tl.Plot.Horizontal || !tl.Plot.Stacked {
		t.Fatalf("timeliness = %+v", tl)
	}
	if !slices.Equal(tl.Plot.Categories, []string{"叶县", "鲁山县"}) && !slices.Equal(tl.Plot.Categories, []string{"鲁山县", "叶县"}) {
		t.Fatalf("timeliness counties %q", tl.Plot.Categories)
	}
	lushan := slices.Index(tl.Plot.Categories, "鲁山县")
	var counts []float64
	for _, sr := range tl.Plot.Series {
		counts = append(counts, sr.Values[lushan].Number)
	}
	if !slices.Equal(counts, []float64{2, 1, 1}) {
		t.Errorf("鲁山县 on time, late, undated = %v, want [2 1 1]", counts)
	}
	if row := tl.Table.Rows[lushan]; row.HeadURL != county(t, s, "鲁山县").URL || row.Cells[3].Text != "4" {
		t.Errorf("鲁山县 row = %+v", row)
	}
	if cs := a.Charts(); len(cs) != 3 || cs[2] != tl || cs[0].ID != "chart-1" || cs[2].ID != "chart-3" {
		t.Errorf("area charts out of order or unnumbered: %q", captions(cs))
	}
}

// TestForAreaSingleCounty: one county has nothing to be compared with.
func TestForAreaSingleCounty(t *testing.T) {
	s := testSite(t)
	a := ForArea(&config.Config{Metrics: catalog}, []*site.County{county(t, s, "鲁山县")})
	if a.Year != 0 || len(a.Charts()) != 0 {
		t.Errorf("a single county compared: year %d, %q", a.Year, captions(a.Charts()))
	}
}

// TestForAreaEarlierYear: when the latest year has values from one county
// only, the rankings compare the latest year that has two.
func TestForAreaEarlierYear(t *testing.T) {
	s := siteOf(t, []report{
		{"鲁山县", "410423", "信访局", 2024, date(2025, 3, 1), "鲁山县2024", []metrics.Value{extracted("petitions_total", 1500, "件")}},
		{"鲁山县", "410423", "信访局", 2023, date(2024, 3, 1), "鲁山县2023", []metrics.Value{extracted("petitions_total", 1700, "件")}},
		{"叶县", "410422", "信访局", 2023, date(2024, 3, 1), "叶县2023", []metrics.Value{extracted("petitions_total", 900, "件")}},
		{"叶县", "410422", "信访局", 2022, date(2023, 3, 1), "叶县2022", []metrics.Value{extracted("publicity_events", 9, "场次")}},
	})
	a := ForArea(&config.Config{Metrics: catalog}, s.Counties)
	if a.Year != 2023 || !slices.Equal(captions(a.Rankings), []string{"2023年信访总量（件）：各县（市、区）比较"}) {
		t.Errorf("compared %d: %q; want 2023 信访总量", a.Year, captions(a.Rankings))
	}
	if got := numbers(a.Rankings[0].Plot.Series[0]); !slices.Equal(got, []float64{1700, 900}) {
		t.Errorf("2023 values %v, want [1700 900]", got)
	}
}

// TestForAreaManyCounties: the timeliness chart puts the counties with
// the most reports not on time first, and past maxBars draws those
// while its table holds every county.
func TestForAreaManyCounties(t *testing.T) {
	const n = 25
	var reports []report
	for i := range n {
		county := fmt.Sprintf("测试%d县", i)
		published := date(2025, 3, 1)
		if i%5 == 0 {
			published = date(2025, 6, 1) // late
		}
		reports = append(reports, report{county, "", "信访局", 2024, published, county + "2024", nil})
	}
	s := siteOf(t, reports)
	tl := ForArea(&config.Config{Metrics: catalog}, s.Counties).Timeliness
	if len(tl.Plot.Categories) != maxBars || len(tl.Table.Rows) != n || tl.Height != 80+28*maxBars {
		t.Fatalf("draws %d counties (height %d), table %d; want %d of %d", len(tl.Plot.Categories), tl.Height, len(tl.Table.Rows), maxBars, n)
	}
	late := numbers(tl.Plot.Series[1])
	if !slices.Equal(late[:6], []float64{1, 1, 1, 1, 1, 0}) || tl.Plot.Categories[0] != "测试0县" {
		t.Errorf("late per drawn county %v, first %s; want the 5 late counties first, in site order", late, tl.Plot.Categories[0])
	}
	if !strings.Contains(tl.Note, "图中为前20个县（市、区），全部25个见数据表") || !strings.Contains(tl.Note, "多者在前") {
		t.Errorf("note %q", tl.Note)
	}
}
