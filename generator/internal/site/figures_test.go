package site

import (
	"strings"
	"testing"

	"portal/generator/internal/config"
	"portal/generator/internal/content"
	"portal/generator/internal/metrics"
)

var catalog = config.Catalog{
	{Key: "petitions_total", Label: "信访总量", Unit: "件", Kind: config.KindCount},
	{Key: "petitions_total_yoy", Label: "信访总量同比", Unit: "%", Kind: config.KindChange, Base: "petitions_total"},
}

func input(year int, values ...metrics.Value) Input {
	meta := content.Meta{Title: "t", Agency: "信访局", County: "鲁山县", City: "平顶山市", Province: "河南省", DivisionCode: "410423", Year: year}
	return Input{
		Report: &content.Report{File: "r.txt", MetaFile: "r.toml", Format: ".txt", Meta: meta},
		Values: values,
	}
}

func extracted(key string, v float64, unit string) metrics.Value {
	return metrics.Value{Key: key, Value: v, Unit: unit, Source: metrics.Extracted}
}

func TestDerivedPreviousYear(t *testing.T) {
	s, problems := New(&config.Config{Metrics: catalog}, []Input{
		input(2024, extracted("petitions_total", 1927, "件"), extracted("petitions_total_yoy", -61.71, "%")),
	})
	if len(problems) != 0 {
		t.Fatal(problems)
	}
	r := s.Reports[0]
	if len(r.Derived) != 1 {
		t.Fatalf("derived %v", r.Derived)
	}
	d := r.Derived[0]
	if d.Key != "petitions_total" || d.Year != 2023 || d.Value != 5033 || d.Source != metrics.Derived || !d.Approx || d.Report != r {
		t.Errorf("derived point %+v", d)
	}
	if pts := r.Agency.Points; len(pts) != 3 || pts[0].Year != 2023 || pts[1].Year != 2024 {
		t.Errorf("agency points %+v", pts)
	}
}

func TestPreviousReportWins(t *testing.T) {
	for _, tc := range []struct {
		stated  float64
		warning bool
	}{{5033, false}, {5060, false}, {5200, true}} {
		s, problems := New(&config.Config{Metrics: catalog}, []Input{
			input(2023, extracted("petitions_total", tc.stated, "件")),
			input(2024, extracted("petitions_total", 1927, "件"), extracted("petitions_total_yoy", -61.71, "%")),
		})
		if got := len(problems) > 0; got != tc.warning {
			t.Errorf("stated %v: warning %v, want %v: %s", tc.stated, got, tc.warning, problems)
		}
		if tc.warning && !strings.Contains(problems.String(), "petitions_total") {
			t.Errorf("warning does not name the metric: %s", problems)
		}
		for _, r := range s.Reports {
			if len(r.Derived) != 0 {
				t.Errorf("stated %v: derived %v although the 2023 report states it", tc.stated, r.Derived)
			}
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"河南": "henan", "陕西": "shaanxi", "重庆": "chongqing", "长沙": "changsha", "信访局": "xinfangju",
		"ABC局": "abcju", "../..": "x" + Slug("../..")[1:],
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	for _, name := range []string{"../..", "/", "\x00", "💥"} {
		s := Slug(name)
		if s == "" || strings.ContainsAny(s, "./\\\x00") {
			t.Errorf("Slug(%q) = %q is not a safe segment", name, s)
		}
	}
}
