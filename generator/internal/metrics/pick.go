package metrics

import (
	"portal/generator/internal/config"
)

// pickCount returns the count metric among ms whose unit fits the measure
// word unit, or -1 if none or several do (then the figure stays unnamed).
// Metrics in skip are not considered.
func (c *catalog) pickCount(ms []int, unit string, skip []int) int {
	var exact, close []int
	for _, i := range ms {
		m := c.metrics[i]
		if m.Kind != config.KindCount || contains(skip, i) || !compatible(m.Unit, unit) {
			continue
		}
		close = append(close, i)
		if base, _ := metricScale(m.Unit); base == unit {
			exact = append(exact, i)
		}
	}
	switch {
	case len(close) == 1:
		return close[0]
	case len(exact) == 1:
		return exact[0]
	}
	return -1
}

// pickRate returns the rate metric among ms, or -1 if none or several.
// A rate must be a percentage in [0, 100].
func (c *catalog) pickRate(ms []int, t *tok) int {
	if !t.num.Percent || t.num.Value < 0 || t.num.Value > 100 {
		return -1
	}
	return c.only(ms, config.KindRate)
}

// only returns the single metric of kind among ms, or -1.
func (c *catalog) only(ms []int, kind string) int {
	found := -1
	for _, i := range ms {
		if c.metrics[i].Kind != kind {
			continue
		}
		if found >= 0 {
			return -1
		}
		found = i
	}
	return found
}

// changeNamed returns the change metric a phrase names: a change metric of
// ms itself, or else the change of the single count or rate among ms.
func (c *catalog) changeNamed(ms []int) int {
	if i := c.only(ms, config.KindChange); i >= 0 {
		return i
	}
	found := -1
	for _, i := range ms {
		j, ok := c.changes[c.metrics[i].Key]
		if !ok || j == found {
			continue
		}
		if found >= 0 {
			return -1
		}
		found = j
	}
	return found
}

// changeOf returns the change metric whose base is metric i, or -1.
func (c *catalog) changeOf(i int) int {
	if i < 0 {
		return -1
	}
	if j, ok := c.changes[c.metrics[i].Key]; ok {
		return j
	}
	return -1
}

// contains reports whether xs holds x.
func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
