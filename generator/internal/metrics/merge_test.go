package metrics

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"portal/generator/internal/config"
)

var mergeCatalog = []config.Metric{
	{Key: "petitions_total", Label: "信访总量", Unit: "件", Kind: config.KindCount},
	{Key: "petitions_total_yoy", Label: "信访总量同比", Unit: "%", Kind: config.KindChange, Base: "petitions_total"},
	{Key: "satisfaction_rate", Label: "群众满意率", Unit: "%", Kind: config.KindRate},
	{Key: "publicity_events", Label: "宣传活动", Unit: "场次", Kind: config.KindCount},
}

func fig(key string, v float64, quote string) Figure {
	return Figure{Key: key, Value: v, Quote: quote, Anchor: "p1", End: len([]rune(quote))}
}

func TestMergeReportedWins(t *testing.T) {
	figs := []Figure{fig("petitions_total", 1928, "全县信访总量1928件")}
	values, warns := Merge(mergeCatalog, map[string]float64{"petitions_total": 1927}, figs)
	if len(values) != 1 || values[0].Value != 1927 || values[0].Source != Reported || values[0].Figure != nil {
		t.Fatalf("values = %+v", values)
	}
	if len(warns) != 1 || !strings.Contains(warns[0].String(), "1927") || !strings.Contains(warns[0].String(), "1928") || !strings.Contains(warns[0].String(), "全县信访总量1928件") {
		t.Errorf("warnings = %q", warns)
	}
}

func TestMergeReportedConfirmed(t *testing.T) {
	figs := []Figure{fig("petitions_total", 1927, "全县信访总量1927件")}
	values, warns := Merge(mergeCatalog, map[string]float64{"petitions_total": 1927}, figs)
	if len(warns) != 0 || len(values) != 1 || values[0].Figure == nil || values[0].Source != Reported {
		t.Errorf("values = %+v, warnings = %q", values, warns)
	}
}

func TestMergeExtractedInCatalogOrder(t *testing.T) {
	figs := []Figure{
		fig("publicity_events", 44, "集中宣传活动44场次"),
		fig("satisfaction_rate", 98.44, "群众满意率98.44%"),
		fig("petitions_total", 1927, "信访总量1927件"),
		fig("petitions_total", 1927, "信访总量为1927件"),
		fig("", 3, "3张清单"),
	}
	values, warns := Merge(mergeCatalog, nil, figs)
	var keys []string
	for _, v := range values {
		keys = append(keys, v.Key)
		if v.Source != Extracted || v.Figure == nil {
			t.Errorf("%s: %+v", v.Key, v)
		}
	}
	want := []string{"petitions_total", "satisfaction_rate", "publicity_events"}
	if !reflect.DeepEqual(keys, want) || len(warns) != 0 {
		t.Errorf("keys = %v, warnings = %q; want %v", keys, warns, want)
	}
}

func TestMergeConflictAndAmbiguous(t *testing.T) {
	amb := fig("petitions_total_yoy", 47.78, "同比分别47.78%")
	amb.Ambiguous = true
	figs := []Figure{
		fig("publicity_events", 44, "集中宣传活动44场次"),
		fig("publicity_events", 4, "户外宣传咨询活动4场次"),
		amb,
	}
	values, warns := Merge(mergeCatalog, map[string]float64{"unknown_key": 1}, figs)
	if len(values) != 0 {
		t.Errorf("values = %+v; want none", values)
	}
	if len(warns) != 2 || !strings.Contains(warns[0].String(), "44") || !strings.Contains(warns[0].String(), "4 at p1") || !strings.Contains(warns[1].String(), "unknown_key") {
		t.Errorf("warnings = %q", warns)
	}
}

func TestMergePrefersExactFigure(t *testing.T) {
	a := fig("publicity_events", 20, "宣传活动20余场次")
	a.Approx = true
	b := fig("publicity_events", 20, "宣传活动20场次")
	values, _ := Merge(mergeCatalog, nil, []Figure{a, b})
	if len(values) != 1 || values[0].Approx || values[0].Figure.Quote != b.Quote {
		t.Errorf("values = %+v", values)
	}
}

func TestPreviousFromChange(t *testing.T) {
	if got := PreviousFromChange(1927, -61.71); math.Abs(got-5032.6456) > 0.001 {
		t.Errorf("PreviousFromChange(1927, -61.71) = %g", got)
	}
	if got := PreviousFromChange(110, 10); math.Abs(got-100) > 1e-9 {
		t.Errorf("PreviousFromChange(110, 10) = %g", got)
	}
	if got := PreviousFromChange(5, -100); !math.IsNaN(got) {
		t.Errorf("PreviousFromChange(5, -100) = %g, want NaN", got)
	}
}

func TestDerivePrevious(t *testing.T) {
	values := []Value{
		{Key: "petitions_total", Value: 1927, Unit: "件", Source: Extracted},
		{Key: "petitions_total_yoy", Value: -61.71, Unit: "%", Source: Extracted},
	}
	got := DerivePrevious(mergeCatalog, values, 2024)
	want := []Value{{Key: "petitions_total", Value: 5033, Unit: "件", Approx: true, Source: Derived,
		From: "由2024年报告：1927件，同比下降61.71%推算"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DerivePrevious = %+v; want %+v", got, want)
	}
}
