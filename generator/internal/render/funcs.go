package render

import (
	"fmt"
	"html/template"

	"portal/generator/internal/chart"
	"portal/generator/internal/metrics"
	"portal/generator/internal/site"
)

// funcs are the helpers the layouts may call.
var funcs = template.FuncMap{
	"reportCount": reportCount,
	"newestOf":    newestOf,
	"countyCount": countyCount,
	"yearSpan":    yearSpan,
	"pageWith":    pageWith,
	"reportsWith": reportsWith,
	"formatValue": metrics.Format,
	"publication": chart.Publication,
}

// newestOf is the n newest reports of counties (site.Newest).
func newestOf(counties []*site.County, n int) []*site.Report {
	var rs []*site.Report
	for _, c := range counties {
		rs = append(rs, c.Reports...)
	}
	return site.Newest(rs, n)
}

// reportCount is the number of reports of a province.
func reportCount(p *site.Province) int {
	n := 0
	for _, c := range p.Counties {
		n += len(c.Reports)
	}
	return n
}

// countyCount is the number of distinct counties among reports.
func countyCount(rs []*site.Report) int {
	seen := map[*site.County]bool{}
	for _, r := range rs {
		seen[r.County] = true
	}
	return len(seen)
}

// yearSpan formats the years reports cover, e.g. "2019–2024" or "2024".
func yearSpan(rs []*site.Report) string {
	if len(rs) == 0 {
		return ""
	}
	lo, hi := rs[0].Meta.Year, rs[0].Meta.Year
	for _, r := range rs {
		lo, hi = min(lo, r.Meta.Year), max(hi, r.Meta.Year)
	}
	if lo == hi {
		return fmt.Sprint(lo)
	}
	return fmt.Sprintf("%d–%d", lo, hi)
}

// CountyList is a page with a list of counties, for the county-table partial.
type CountyList struct {
	Page     *Page
	Counties []*site.County
}

func pageWith(p *Page, cs []*site.County) CountyList { return CountyList{Page: p, Counties: cs} }

// ReportList is a list of reports with the page showing it, for the
// "report-list" partial.
type ReportList struct {
	Page    *Page
	Reports []*site.Report
}

func reportsWith(p *Page, rs []*site.Report) ReportList { return ReportList{Page: p, Reports: rs} }
