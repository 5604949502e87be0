// Package render turns the site model into files: HTML pages from the
// html/template layouts, the Atom feed, the sitemap, robots.txt, the
// original report files for download, and the static assets of layouts/.
package render

import (
	"fmt"
	"html/template"
	"strings"

	"portal/generator/internal/chart"
	"portal/generator/internal/config"
	"portal/generator/internal/document"
	"portal/generator/internal/metrics"
	"portal/generator/internal/site"
)

// Page is what every template receives. Fields that do not concern a page
// type stay zero.
type Page struct {
	Site   *site.Site
	Config *config.Config
	Kind   string // home, regions, province, city, county, report, years, year, missing, metrics, metric, search, data, notfound
	Path   string // output file, e.g. counties/410423/index.html
	URL    string // the page's URL relative to the site root
	Root   string // relative path from the page to the site root: "", "../", …
	Title  string
	Crumbs []Crumb

	// ColumnName and ColumnType are the government-website meta tags of
	// list pages (国办发〔2017〕47号).
	ColumnName, ColumnType string

	Province *site.Province
	City     *site.City
	County   *site.County
	Year     *site.Year
	Report   *site.Report       // of a report page: its copy in the county's scope
	model    *site.Report       // the report of the site model that Report copies
	Doc      *document.Document // of a report page: the report's document
	Body     template.HTML      // the report body
	quotes   map[string]bool    // ids of the quote spans placed in Body
	assets   Assets             // the published names of the static assets
	TOC      []*TOCEntry

	// Charts are the page's charts in page order; a page with charts loads
	// ECharts and static/js/charts.js. Metric is the metric of a metric
	// page, Metrics those of the metric index and the home page, YearData
	// the charts of a year page.
	Charts []*chart.Chart
	// charts, if set, makes Charts when the page is rendered, so that a
	// page kept from the previous site costs nothing.
	charts   func() []*chart.Chart
	Metric   *chart.Metric
	Metrics  []*chart.Metric
	YearData *chart.Year

	// Missing is the 未收录 view of a year page and of its missing page;
	// Data what the open data's page shows.
	Missing *Missing
	Data    *DataPage
}

// part is the part of the site the page belongs to: a page of a province
// sees only its province (Site is nil), every other page the whole site.
func (p *Page) part() Part {
	if p.Province != nil {
		return Local
	}
	return SiteWide
}

// ChartScript is the URL of the ECharts library, relative to the site root.
func (p *Page) ChartScript() string { return chart.Script }

// Figure is a chart with its page, for the "chart" partial.
type Figure struct {
	Page  *Page
	Chart *chart.Chart
}

// Figure pairs a chart of the page with the page, for the "chart" partial.
func (p *Page) Figure(c *chart.Chart) Figure { return Figure{Page: p, Chart: c} }

// Crumb is one step of the breadcrumb trail.
type Crumb struct {
	Name string
	URL  string // relative to the site root; the last crumb has none
}

// TOCEntry is a heading in the table of contents, with its subheadings.
type TOCEntry struct {
	Heading  document.Block
	Children []*TOCEntry
}

// Rel turns a URL relative to the site root into one relative to the page,
// so the site works under any sub-path and from any depth.
func (p *Page) Rel(u string) string {
	if strings.Contains(u, "://") || strings.HasPrefix(u, "mailto:") {
		return u
	}
	if s := p.Root + u; s != "" {
		return s
	}
	return "./"
}

// IsCurrent reports whether the menu URL u is the section of this page.
func (p *Page) IsCurrent(u string) bool {
	if u == "" {
		return p.URL == ""
	}
	return strings.HasPrefix(p.URL, u)
}

// Label is the catalog label of a metric key.
func (p *Page) Label(key string) string {
	if m, ok := p.Config.Metrics.Lookup(key); ok {
		return m.Label
	}
	return key
}

// FigureLink links to the sentence a figure was found in, which the
// stylesheet highlights on arrival (:target), or to its paragraph when the
// sentence could not be marked (Markdown sources).
func (p *Page) FigureLink(f *metrics.Figure) string {
	if id := quoteID(f); p.quotes[id] {
		return "#" + id
	}
	return "#" + f.Anchor
}

// quoteID is the id of the span around a figure's quote.
func quoteID(f *metrics.Figure) string { return fmt.Sprintf("q-%s-%d", f.Anchor, f.Start) }

// quoteMarks are the quotes of the figures a report page shows.
func quoteMarks(r *site.Report) []document.Mark {
	var ms []document.Mark
	for _, v := range r.Values {
		if f := v.Figure; f != nil {
			ms = append(ms, document.Mark{Anchor: f.Anchor, Start: f.Start, End: f.End, ID: quoteID(f)})
		}
	}
	return ms
}

// rootOf returns the relative path from a page at URL u to the site root.
func rootOf(u string) string {
	return strings.Repeat("../", strings.Count(u, "/"))
}

// toc nests the document's headings by level.
func toc(headings []document.Block) []*TOCEntry {
	var roots []*TOCEntry
	var stack []*TOCEntry
	for _, h := range headings {
		e := &TOCEntry{Heading: h}
		for len(stack) > 0 && stack[len(stack)-1].Heading.Level >= h.Level {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			roots = append(roots, e)
		} else {
			parent := stack[len(stack)-1]
			parent.Children = append(parent.Children, e)
		}
		stack = append(stack, e)
	}
	return roots
}
