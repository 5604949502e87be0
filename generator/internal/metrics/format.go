package metrics

import "strconv"

// FormatNumber prints a value without exponent or trailing zeros: 1927,
// 99.96, 5032.9.
func FormatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Format shows a value with its unit, marking an approximate one as
// readers expect: 1927件, 99.96%, 约30000份.
func Format(v float64, unit string, approx bool) string {
	s := FormatNumber(v) + unit
	if approx {
		s = "约" + s
	}
	return s
}

// Label is the reader's word for where a value comes from: 报送数据 (the
// report's metadata), 文中提取 (found in its text) or 推算 (derived).
func (s Source) Label() string {
	switch s {
	case Reported:
		return "报送数据"
	case Extracted:
		return "文中提取"
	case Derived:
		return "推算"
	}
	return string(s)
}
