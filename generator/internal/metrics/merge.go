package metrics

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"portal/generator/internal/config"
	"portal/generator/internal/diag"
)

// Source says where a published value comes from.
type Source string

// Sources of published values.
const (
	Reported  Source = "reported"  // the report's TOML [metrics]
	Extracted Source = "extracted" // a figure found in the report's text
	Derived   Source = "derived"   // computed from other values (another year's change)
)

// Value is a published figure of one report.
type Value struct {
	Key    string
	Value  float64
	Unit   string
	Approx bool
	Source Source
	Figure *Figure // the extracted figure behind it, if any (also set for a Reported value that the text confirms)
	From   string  // for Derived: how (e.g. "由2024年报告：1927件，同比下降61.71%推算")
}

// Merge combines the report's TOML [metrics] (authoritative) with the
// extracted figures: TOML wins; where TOML and text disagree it returns a
// warning message (both values and the quote; a catalog message, shown in
// the editor's language) for the caller to print;
// ambiguous figures are not published, nor are figures of one metric that
// disagree with each other. Output sorted by catalog order.
func Merge(catalog []config.Metric, reported map[string]float64, figures []Figure) (values []Value, warnings []diag.Msg) {
	byKey := map[string][]Figure{}
	for _, f := range figures {
		if f.Key != "" && !f.Ambiguous {
			byKey[f.Key] = append(byKey[f.Key], f)
		}
	}
	for _, m := range catalog {
		fs := byKey[m.Key]
		if v, ok := reported[m.Key]; ok {
			val, warn := mergeReported(m, v, fs)
			values = append(values, val)
			warnings = append(warnings, warn...)
			continue
		}
		if len(fs) == 0 {
			continue
		}
		f, ok := consensus(fs)
		if !ok {
			warnings = append(warnings, diag.Msgf("%s（%s）: the text gives different values, none is published: %s",
				m.Key, m.Label, quotes(fs)))
			continue
		}
		values = append(values, Value{Key: m.Key, Value: f.Value, Unit: m.Unit, Approx: f.Approx, Source: Extracted, Figure: &f})
	}
	return values, append(warnings, unknownKeys(catalog, reported)...)
}

// mergeReported returns the reported value v of m, confirmed by a figure if
// one agrees, with a warning for every figure that does not.
func mergeReported(m config.Metric, v float64, fs []Figure) (Value, []diag.Msg) {
	val := Value{Key: m.Key, Value: v, Unit: m.Unit, Source: Reported}
	var warns []diag.Msg
	for i := range fs {
		f := fs[i]
		if sameValue(f.Value, v) {
			if val.Figure == nil {
				val.Figure = &f
			}
			continue
		}
		warns = append(warns, diag.Msgf("%s（%s）: the report's TOML says %s but the text says %s at %s: %q",
			m.Key, m.Label, FormatNumber(v), FormatNumber(f.Value), f.Anchor, f.Quote))
	}
	return val, warns
}

// consensus returns the figure to publish when all figures agree: the first
// exact one, or the first one.
func consensus(fs []Figure) (Figure, bool) {
	best := fs[0]
	for _, f := range fs[1:] {
		if !sameValue(f.Value, best.Value) {
			return Figure{}, false
		}
		if best.Approx && !f.Approx {
			best = f
		}
	}
	return best, true
}

// sameValue compares two values with a relative tolerance.
func sameValue(a, b float64) bool {
	return math.Abs(a-b) <= 1e-6*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// quotes lists figures as "value at anchor (quote)", separated by "; ".
func quotes(fs []Figure) diag.Msg {
	var list diag.Msg
	for i, f := range fs {
		q := diag.Msgf("%s at %s (%q)", FormatNumber(f.Value), f.Anchor, f.Quote)
		if i == 0 {
			list = q
		} else {
			list = diag.Msgf("%v; %v", list, q)
		}
	}
	return list
}

// unknownKeys warns about reported keys the catalog does not have.
func unknownKeys(catalog []config.Metric, reported map[string]float64) []diag.Msg {
	known := map[string]bool{}
	for _, m := range catalog {
		known[m.Key] = true
	}
	var out []diag.Msg
	for k := range reported {
		if !known[k] {
			out = append(out, diag.Msgf("%s: not a metric of the catalog; the value is not published", k))
		}
	}
	slices.SortFunc(out, func(a, b diag.Msg) int { return cmp.Compare(a.String(), b.String()) })
	return out
}

// PreviousFromChange derives the previous year's value of a base metric from
// this year's value and its change in percent: 1927, -61.71 → 5032.9… (caller
// rounds for counts). It returns NaN for a change of -100% or less.
func PreviousFromChange(value, changePercent float64) float64 {
	f := 1 + changePercent/100
	if f <= 0 {
		return math.NaN()
	}
	return value / f
}

// DerivePrevious returns the values of the year before year that this
// year's values imply: for every change metric with a value whose base also
// has one, the base's previous value (rounded for counts), marked Derived.
func DerivePrevious(catalog []config.Metric, values []Value, year int) []Value {
	have := map[string]Value{}
	for _, v := range values {
		have[v.Key] = v
	}
	var out []Value
	for _, m := range catalog {
		ch, ok := have[m.Key]
		if m.Kind != config.KindChange || !ok {
			continue
		}
		base, ok := have[m.Base]
		bm, known := config.Catalog(catalog).Lookup(m.Base)
		if !ok || !known {
			continue
		}
		if v, ok := derive(bm, base, ch, year); ok {
			out = append(out, v)
		}
	}
	return out
}

// derive computes the previous value of base metric bm from its value and
// its change.
func derive(bm config.Metric, base, ch Value, year int) (Value, bool) {
	prev := PreviousFromChange(base.Value, ch.Value)
	if math.IsNaN(prev) || math.IsInf(prev, 0) {
		return Value{}, false
	}
	if bm.Kind == config.KindCount {
		prev = math.Round(prev)
	}
	dir := "上升"
	if ch.Value < 0 {
		dir = "下降"
	}
	from := fmt.Sprintf("由%d年报告：%s%s，同比%s%s%%推算", year, FormatNumber(base.Value), bm.Unit, dir,
		FormatNumber(math.Abs(ch.Value)))
	return Value{Key: bm.Key, Value: prev, Unit: bm.Unit, Approx: true, Source: Derived, From: from}, true
}
