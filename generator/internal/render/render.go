package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"portal/generator/internal/chart"
	"portal/generator/internal/output"
	"portal/generator/internal/site"
)

// pageTypes are the templates a site's layouts/ must provide, each used
// together with base.html.
var pageTypes = []string{"home", "regions", "province", "city", "county", "report", "years", "year", "metrics", "metric", "search", "notfound"}

// Templates holds the parsed layouts.
type Templates struct {
	pages map[string]*template.Template
}

// LoadTemplates parses base.html and every page template from layouts.
func LoadTemplates(layouts fs.FS) (*Templates, error) {
	base, err := template.New("base.html").Funcs(funcs).ParseFS(layouts, "base.html", "partials.html")
	if err != nil {
		return nil, fmt.Errorf("layouts: %w", err)
	}
	t := &Templates{pages: map[string]*template.Template{}}
	for _, name := range pageTypes {
		clone := template.Must(base.Clone())
		if _, err := clone.ParseFS(layouts, name+".html"); err != nil {
			return nil, fmt.Errorf("layouts: %w", err)
		}
		t.pages[name] = clone
	}
	return t, nil
}

// pageBytes is about the size of a page without its report body.
const pageBytes = 48 << 10

// execute renders a page with the template of its kind.
func (t *Templates) execute(p *Page) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(p.Body) + pageBytes) // one allocation for most pages
	if err := t.pages[p.Kind].ExecuteTemplate(&buf, "base.html", p); err != nil {
		return nil, fmt.Errorf("%s: %w", p.Path, err)
	}
	return buf.Bytes(), nil
}

// Render writes every page, feed and asset of the site into files.
// Pages render in parallel; the result does not depend on their order.
func Render(s *site.Site, t *Templates, layouts fs.FS, files output.Sink) error {
	pages, err := pages(s)
	if err != nil {
		return err
	}
	if err := renderPages(t, pages, files); err != nil {
		return err
	}
	for _, r := range s.Reports {
		raw, err := r.Source.ReadRaw()
		if err != nil {
			return err
		}
		if err := files.Add(r.DownloadURL, raw); err != nil {
			return err
		}
	}
	extras := map[string][]byte{
		"sitemap.xml": sitemap(s, pages),
		"atom.xml":    feed(s),
		"robots.txt":  robots(s),
	}
	for name, b := range extras {
		if err := files.Add(name, b); err != nil {
			return err
		}
	}
	if err := openData(s, files); err != nil {
		return err
	}
	if err := chart.WriteAssets(files); err != nil {
		return err
	}
	return copyStatic(layouts, files)
}

// renderPage renders the report body, if any, then the page.
func (t *Templates) renderPage(p *Page) ([]byte, error) {
	if p.Kind == "report" {
		body, placed, err := p.Report.Doc.HTMLMarked(quoteMarks(p.Report))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.Report.Source.File, err)
		}
		p.Body = template.HTML(body)
		p.quotes = map[string]bool{}
		for _, m := range placed {
			p.quotes[m.ID] = true
		}
	}
	return t.execute(p)
}

// renderPages executes the templates on all CPUs.
func renderPages(t *Templates, pages []*Page, files output.Sink) error {
	work := make(chan *Page)
	errs := make(chan error, len(pages))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				b, err := t.renderPage(p)
				p.Body = "" // written: not kept for every report until the end
				if err == nil {
					err = files.Add(p.Path, b)
				}
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	for _, p := range pages {
		work <- p
	}
	close(work)
	wg.Wait()
	close(errs)
	return <-errs
}

// copyStatic copies layouts/static/ to static/ in the site.
func copyStatic(layouts fs.FS, files output.Sink) error {
	return fs.WalkDir(layouts, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "static" {
				return nil // a site without static assets
			}
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		b, err := fs.ReadFile(layouts, p)
		if err != nil {
			return err
		}
		return files.Add(p, b)
	})
}

// pages lists every HTML page of the site.
func pages(s *site.Site) ([]*Page, error) {
	var ps []*Page
	add := func(p *Page) {
		p.Site, p.Config = s, s.Config
		if p.Kind == "notfound" {
			p.Root = basePath(s.Config.BaseURL)
		} else {
			p.Root = rootOf(p.URL)
		}
		p.Path = path.Join(p.URL, "index.html")
		if p.Kind == "notfound" {
			p.Path = "404.html"
		}
		ps = append(ps, p)
	}
	metrics := chart.Metrics(s)
	add(&Page{Kind: "home", URL: "", Title: s.Config.Title, ColumnName: "首页", ColumnType: "首页",
		Metrics: metrics, Charts: chart.Home(s, metrics)})
	add(&Page{Kind: "regions", URL: "regions/", Title: "按地区浏览", ColumnName: "按地区浏览", ColumnType: "列表",
		Crumbs: []Crumb{{Name: "地区"}}})
	for _, p := range s.Provinces {
		add(&Page{Kind: "province", URL: p.URL, Title: p.Name, Province: p, ColumnName: p.Name, ColumnType: "列表",
			Crumbs: []Crumb{{"地区", "regions/"}, {Name: p.Name}}})
		for _, c := range p.Cities {
			if c.Name == "" {
				continue
			}
			add(&Page{Kind: "city", URL: c.URL, Title: c.Name, Province: p, City: c, ColumnName: c.Name, ColumnType: "列表",
				Crumbs: []Crumb{{"地区", "regions/"}, {p.Name, p.URL}, {Name: c.Name}}})
		}
	}
	for _, c := range s.Counties {
		add(&Page{Kind: "county", URL: c.URL, Title: c.Name, County: c, Province: c.Province, City: c.City,
			ColumnName: c.Name, ColumnType: "列表", Crumbs: append(countyCrumbs(c), Crumb{Name: c.Name}),
			Charts: chart.County(s.Config, c)})
		for _, r := range c.Reports {
			crumbs := append(countyCrumbs(c), Crumb{c.Name, c.URL}, Crumb{Name: r.Agency.Name + " " + strconv.Itoa(r.Meta.Year) + "年度"})
			add(&Page{Kind: "report", URL: r.URL, Title: r.Meta.Title, Report: r, County: c, Province: c.Province, City: c.City,
				ColumnName: c.Name, ColumnType: "文章", Crumbs: crumbs, TOC: toc(r.Doc.Headings())})
		}
	}
	add(&Page{Kind: "years", URL: "years/", Title: "按年度浏览", ColumnName: "按年度浏览", ColumnType: "列表", Crumbs: []Crumb{{Name: "年度"}}})
	for _, y := range s.Years {
		name := strconv.Itoa(y.Year) + "年度"
		yd := chart.ForYear(s, y)
		add(&Page{Kind: "year", URL: y.URL, Title: name + "报告", Year: y, ColumnName: name, ColumnType: "列表",
			Crumbs: []Crumb{{"年度", "years/"}, {Name: name}}, YearData: yd, Charts: yd.Charts()})
	}
	add(&Page{Kind: "metrics", URL: chart.MetricsURL, Title: "指标数据", ColumnName: "指标数据", ColumnType: "列表",
		Crumbs: []Crumb{{Name: "数据"}}, Metrics: metrics})
	for _, m := range metrics {
		add(&Page{Kind: "metric", URL: m.URL, Title: m.Metric.Label, ColumnName: m.Metric.Label, ColumnType: "列表",
			Crumbs: []Crumb{{"数据", chart.MetricsURL}, {Name: m.Metric.Label}}, Metric: m, Charts: m.Charts()})
	}
	add(&Page{Kind: "search", URL: "search/", Title: "全文检索", ColumnName: "全文检索", ColumnType: "检索", Crumbs: []Crumb{{Name: "检索"}}})
	add(&Page{Kind: "notfound", URL: "404.html", Title: "页面不存在"})
	return ps, nil
}

func countyCrumbs(c *site.County) []Crumb {
	cs := []Crumb{{"地区", "regions/"}, {c.Province.Name, c.Province.URL}}
	if c.City.Name != "" {
		cs = append(cs, Crumb{c.City.Name, c.City.URL})
	}
	return cs
}

// basePath is the path part of the base URL ("/fzbg/"), which the 404 page
// uses as its root since it is served at any depth.
func basePath(baseURL string) string {
	i := strings.Index(baseURL, "://")
	if i < 0 {
		return "/"
	}
	rest := baseURL[i+3:]
	if j := strings.IndexByte(rest, '/'); j >= 0 {
		return rest[j:]
	}
	return "/"
}
