package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"portal/generator/internal/cache"
	"portal/generator/internal/chart"
	"portal/generator/internal/diag"
	"portal/generator/internal/output"
	"portal/generator/internal/parallel"
	"portal/generator/internal/site"
)

// pageTypes are the templates a site's layouts/ must provide, each used
// together with base.html.
var pageTypes = []string{"home", "regions", "province", "city", "county", "report", "years", "year", "missing", "metrics", "metric", "search", "data", "notfound"}

// Templates holds the parsed layouts.
type Templates struct {
	pages  map[string]*template.Template
	assets Assets
}

// LoadTemplates parses base.html and every page template from layouts,
// and names the static assets (StaticAssets).
func LoadTemplates(layouts fs.FS) (*Templates, error) {
	base := template.New("base.html").Funcs(funcs)
	if err := parseTemplates(base, layouts, "base.html", "partials.html"); err != nil {
		return nil, err
	}
	assets, err := StaticAssets(layouts)
	if err != nil {
		return nil, err
	}
	t := &Templates{pages: map[string]*template.Template{}, assets: assets}
	for _, name := range pageTypes {
		clone := template.Must(base.Clone())
		if err := parseTemplates(clone, layouts, name+".html"); err != nil {
			return nil, err
		}
		t.pages[name] = clone
	}
	return t, nil
}

// parseTemplates parses the layout files names into t, each read with
// ReadTemplate.
func parseTemplates(t *template.Template, layouts fs.FS, names ...string) error {
	for _, name := range names {
		b, err := ReadTemplate(layouts, name)
		if err != nil {
			return err
		}
		tt := t
		if name != t.Name() {
			tt = t.New(name)
		}
		if _, err := tt.Parse(string(b)); err != nil {
			return diag.Errorf("layouts: %w", err)
		}
	}
	return nil
}

// maxTemplateSize is the largest layout file read.
const maxTemplateSize = 1 << 20

// ReadTemplate reads the layout file name: a regular file of at most 1 MB.
// A symbolic link is refused, as under layouts/static (it would render a
// file from anywhere), and so is a named pipe or a device, whose reading
// might never end.
func ReadTemplate(layouts fs.FS, name string) ([]byte, error) {
	fi, err := fs.Lstat(layouts, name)
	if err != nil {
		return nil, diag.Errorf("layouts/%s: %w", name, pathless(err))
	}
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		return nil, diag.Errorf("layouts/%s: a symbolic link; copy the file instead", name)
	case !fi.Mode().IsRegular():
		return nil, diag.Errorf("layouts/%s: not a regular file", name)
	case fi.Size() > maxTemplateSize:
		return nil, diag.Errorf("layouts/%s: larger than %d MB", name, maxTemplateSize>>20)
	}
	b, err := fs.ReadFile(layouts, name)
	if err != nil {
		return nil, diag.Errorf("layouts/%s: %w", name, pathless(err))
	}
	return b, nil
}

// pathless is err without the path a *fs.PathError repeats.
func pathless(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// pageBytes is about the size of a page without its report body.
const pageBytes = 48 << 10

// execute renders a page with the template of its kind.
func (t *Templates) execute(p *Page) ([]byte, error) {
	p.assets = t.assets
	var buf bytes.Buffer
	buf.Grow(len(p.Body) + pageBytes) // one allocation for most pages
	if err := t.pages[p.Kind].ExecuteTemplate(&buf, "base.html", p); err != nil {
		return nil, fmt.Errorf("%s: %w", p.Path, err)
	}
	return buf.Bytes(), nil
}

// Options let a build skip what the previous build made from the same
// inputs. The zero Options render everything.
type Options struct {
	// Env is a hash of every input of the pages besides the content: the
	// templates and the configuration (the generator's version is the
	// caller's to account for).
	Env cache.Key
	// Reuse, when set, is asked before a page of a province or a report's
	// download is made whether the file the previous build wrote for path
	// from inputs with the same key can be kept; if it returns true the
	// file is not made. It must be safe for concurrent use.
	Reuse func(path string, key cache.Key) bool
	// Docs gives the document of a report, when its page is rendered.
	Docs site.Documents
	// Part is the part of the site to write; the zero Part is all of it.
	Part Part
	// Assets are the published names of assets other stages write (the
	// search client), by the name pages link to them with (Page.Asset).
	Assets Assets
}

// Part is a part of the site: Render can write the local part and the
// site-wide part one after the other, so that a change to a report is
// published before the pages that list every report (serve).
type Part int

const (
	// All is the whole site.
	All Part = iota
	// Local is what belongs to one province: the pages of provinces,
	// cities, counties and reports, and the reports' downloads. These are
	// the files Options.Reuse is asked about.
	Local
	// SiteWide is the rest: the pages listing the whole site (home, years,
	// metrics, search, 404), the feeds, the open data and the assets.
	SiteWide
)

// has reports whether part p includes the files of part q.
func (p Part) has(q Part) bool { return p == All || p == q }

// Render writes the pages, feeds and assets of the site's part opt.Part
// into files. Pages render in parallel; the result does not depend on
// their order.
func Render(s *site.Site, t *Templates, layouts fs.FS, files output.Sink, opt Options) (Stats, error) {
	maps.Copy(t.assets, opt.Assets)
	pages, err := pages(s, opt.Part.has(SiteWide))
	if err != nil {
		return Stats{}, err
	}
	var todo []*Page
	for _, p := range pages {
		if opt.Part.has(p.part()) {
			todo = append(todo, p)
		}
	}
	st := Stats{Pages: len(todo)}
	if opt.Reuse != nil {
		todo = skipReused(todo, opt)
	}
	for _, p := range todo {
		st.Rendered = append(st.Rendered, p.Path)
	}
	if err := renderPages(t, todo, files, opt.Docs); err != nil {
		return st, err
	}
	if opt.Part.has(Local) {
		if err := writeDownloads(s, files, opt); err != nil {
			return st, err
		}
	}
	if opt.Part.has(SiteWide) {
		return st, writeOthers(s, layouts, t.assets, files, pages)
	}
	return st, nil
}

// Stats says what Render did.
type Stats struct {
	Pages    int      // HTML pages of the part of the site written
	Rendered []string // the paths of those rendered (not kept), in page order
}

// writeDownloads writes each report's file as received, for download:
// reading and writing files, four at a time per CPU.
func writeDownloads(s *site.Site, files output.Sink, opt Options) error {
	errs := make([]error, len(s.Reports))
	parallel.For(len(s.Reports), 4*runtime.GOMAXPROCS(0), func(i int) {
		r := s.Reports[i]
		if opt.Reuse != nil && opt.Reuse(r.DownloadURL, r.Source.Hash) {
			return
		}
		raw, err := r.Source.ReadRaw()
		if err == nil {
			err = files.Add(r.DownloadURL, raw)
		}
		errs[i] = err
	})
	return errors.Join(errs...)
}

// writeOthers writes the files of the site-wide part besides its pages:
// feeds, open data, chart and static assets.
func writeOthers(s *site.Site, layouts fs.FS, assets Assets, files output.Sink, pages []*Page) error {
	extras := map[string][]byte{
		"sitemap.xml": sitemap(s, pages),
		"atom.xml":    feed(s),
		"robots.txt":  robots(s),
		catalogFile:   catalog(s),
	}
	for _, f := range feeds(s) {
		extras[f.path] = f.b
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
	return copyStatic(layouts, assets, files)
}

// skipReused drops the pages of counties and provinces whose inputs are
// those the previous build rendered them from, as opt.Reuse decides.
func skipReused(pages []*Page, opt Options) []*Page {
	// The digest of each scope (a county, or a province), once.
	scopes := map[any]int{}
	var digests []func() cache.Key
	scopeOf := make([]int, len(pages))
	for i, p := range pages {
		if p.part() != Local {
			scopeOf[i] = -1
			continue
		}
		var scope any = p.Province
		digest := func() cache.Key { return provinceDigest(p.Province) }
		if p.County != nil {
			scope, digest = p.County, func() cache.Key { return countyDigest(p.County) }
		}
		n, ok := scopes[scope]
		if !ok {
			n = len(digests)
			scopes[scope] = n
			digests = append(digests, digest)
		}
		scopeOf[i] = n
	}
	ds := make([]cache.Key, len(digests))
	parallel.OnCPUs(len(digests), func(i int) { ds[i] = digests[i]() })
	keep := make([]bool, len(pages))
	parallel.OnCPUs(len(pages), func(i int) {
		if scopeOf[i] < 0 {
			return
		}
		key := cache.NewHasher().Add(opt.Env[:], ds[scopeOf[i]][:]).AddString(pages[i].Path).Key()
		keep[i] = opt.Reuse(pages[i].Path, key)
	})
	var todo []*Page
	for i, p := range pages {
		if !keep[i] {
			todo = append(todo, p)
		}
	}
	return todo
}

// provinceDigest hashes everything a page of province p can show: the
// pages of a province see only the province (Page.Site is nil for them),
// and all of it follows from its reports' files and metadata, given the
// generator and Env, except the URLs, which are handed out site-wide and
// so are hashed too.
func provinceDigest(p *site.Province) cache.Key {
	h := cache.NewHasher().AddString(p.Name, p.Slug, p.URL)
	for _, c := range p.Cities {
		h.AddString("city", c.Name, c.Slug, c.URL)
	}
	for _, c := range p.Counties {
		countyFields(h, c)
	}
	return h.Key()
}

// renderPage renders the report body, if any, then the page. The
// report's document comes from docs.
func (t *Templates) renderPage(p *Page, docs site.Documents) ([]byte, error) {
	if p.charts != nil {
		p.Charts = p.charts()
	}
	if p.Kind == "report" {
		doc, err := docs.Document(p.model)
		if err != nil {
			return nil, err
		}
		p.Doc = doc
		p.TOC = toc(p.Doc.Headings())
		body, placed, err := p.Doc.HTMLMarked(quoteMarks(p.Report))
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
func renderPages(t *Templates, pages []*Page, files output.Sink, docs site.Documents) error {
	work := make(chan *Page)
	errs := make(chan error, len(pages))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				if err := renderOne(t, p, files, docs); err != nil {
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

// renderOne renders one page and writes it. A panic (a bug, on some
// report) is an error naming the report, or the page: raised on a
// goroutine of renderPages, it would end the process.
func renderOne(t *Templates, p *Page, files output.Sink, docs site.Documents) (err error) {
	defer func() {
		if v := recover(); v != nil {
			name := p.Path
			if p.Report != nil && p.Report.Source != nil {
				name = p.Report.Source.File
			}
			err = diag.Errorf("%s: internal error while rendering: %w (please report)", name, parallel.Caught(v))
		}
	}()
	b, err := t.renderPage(p, docs)
	p.Body, p.Doc = "", nil // written: not kept for every report until the end
	if p.charts != nil {
		p.Charts = nil
	}
	if err != nil {
		return err
	}
	return files.Add(p.Path, b)
}

// copyStatic copies layouts/static/ to static/ in the site, CSS and
// JavaScript under their hashed names (Assets).
func copyStatic(layouts fs.FS, assets Assets, files output.Sink) error {
	names, err := staticFiles(layouts)
	if err != nil {
		return err
	}
	for _, p := range names {
		b, err := fs.ReadFile(layouts, p)
		if err != nil {
			return err
		}
		name, err := assets.publish(p, b)
		if err != nil {
			return err
		}
		if err := files.Add(name, b); err != nil {
			return err
		}
	}
	return nil
}

// staticFiles lists the files of layouts/static/, dot-files and
// dot-folders left out. A symbolic link, or anything but a regular file
// or a folder, is an error, each one named: os.DirFS would read the file
// a link points to, wherever it is, and publish it, and reading a named
// pipe would never end.
func staticFiles(layouts fs.FS) ([]string, error) {
	if fi, err := fs.Lstat(layouts, "static"); errors.Is(err, fs.ErrNotExist) {
		return nil, nil // a site without static assets
	} else if err == nil && !fi.IsDir() {
		return nil, staticError("static", fi.Mode())
	}
	var names []string
	var errs []error
	err := fs.WalkDir(layouts, "static", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			errs = append(errs, diag.Errorf("layouts/%s: %w", p, err))
		case p != "static" && strings.HasPrefix(d.Name(), "."):
			if d.IsDir() {
				return fs.SkipDir
			}
		case d.IsDir():
		case d.Type().IsRegular():
			names = append(names, p)
		default:
			errs = append(errs, staticError(p, d.Type()))
		}
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	return names, errors.Join(errs...)
}

// staticError says why the entry p of layouts/, of the given type, is
// not published.
func staticError(p string, mode fs.FileMode) error {
	if mode&fs.ModeSymlink != 0 {
		return diag.Errorf("layouts/%s: a symbolic link; copy the file instead", p)
	}
	return diag.Errorf("layouts/%s: not a regular file or a folder", p)
}

// TemplateFiles lists the files of layouts the pages are rendered from.
// The static assets are not among them: pages link to them by a fixed
// URL, so their bytes never change a page.
func TemplateFiles() []string {
	names := []string{"base.html", "partials.html"}
	for _, t := range pageTypes {
		names = append(names, t+".html")
	}
	return names
}

// pages lists the HTML pages of the site: all of them, or without
// siteWide only those of the local part, so that the charts of the
// site-wide pages are not made.
func pages(s *site.Site, siteWide bool) ([]*Page, error) {
	var ps []*Page
	add := func(p *Page) {
		// The pages of a province see only their province, and those of a
		// county only their county (scopeCounty), so that they can be kept
		// while it has not changed (skipReused).
		if p.Province == nil {
			p.Site = s
		}
		p.Config = s.Config
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
	var metrics []*chart.Metric
	if siteWide {
		metrics = chart.Metrics(s)
		add(&Page{Kind: "home", URL: "", Title: s.Config.Title, ColumnName: "首页", ColumnType: "首页",
			Metrics: metrics, Charts: chart.Home(s)})
		add(&Page{Kind: "regions", URL: "regions/", Title: "按地区浏览", ColumnName: "按地区浏览", ColumnType: "列表",
			Crumbs: []Crumb{{Name: "地区"}}})
	}
	for _, p := range s.Provinces {
		add(&Page{Kind: "province", URL: p.URL, Title: p.Name, Province: p, ColumnName: p.Name, ColumnType: "列表",
			Crumbs: []Crumb{{"地区", "regions/"}, {Name: p.Name}},
			charts: func() []*chart.Chart { return chart.ForArea(s.Config, p.Counties).Charts() }})
		for _, c := range p.Cities {
			if c.Name == "" {
				continue
			}
			add(&Page{Kind: "city", URL: c.URL, Title: c.Name, Province: p, City: c, ColumnName: c.Name, ColumnType: "列表",
				Crumbs: []Crumb{{"地区", "regions/"}, {p.Name, p.URL}, {Name: c.Name}},
				charts: func() []*chart.Chart { return chart.ForArea(s.Config, c.Counties).Charts() }})
		}
	}
	for _, c := range s.Counties {
		sc := scopeCounty(c)
		add(&Page{Kind: "county", URL: c.URL, Title: c.Label(), County: sc.county, Province: sc.county.Province, City: sc.county.City,
			ColumnName: c.Label(), ColumnType: "列表", Crumbs: append(countyCrumbs(c), Crumb{Name: c.Label()}),
			charts: func() []*chart.Chart { return chart.County(s.Config, c) }})
		for _, r := range c.Reports {
			crumbs := append(countyCrumbs(c), Crumb{c.Name, c.URL}, Crumb{Name: r.Agency.Name + " " + strconv.Itoa(r.Meta.Year) + "年度"})
			add(&Page{Kind: "report", URL: r.URL, Title: r.Meta.Title, Report: sc.reports[r], model: r,
				County: sc.county, Province: sc.county.Province, City: sc.county.City,
				ColumnName: c.Name, ColumnType: "文章", Crumbs: crumbs})
		}
	}
	if !siteWide {
		return ps, nil
	}
	add(&Page{Kind: "years", URL: "years/", Title: "按年度浏览", ColumnName: "按年度浏览", ColumnType: "列表", Crumbs: []Crumb{{Name: "年度"}}})
	views := missingViews(s)
	for _, y := range s.Years {
		name := strconv.Itoa(y.Year) + "年度"
		yd := chart.ForYear(s, y)
		m := missingOf(views, y)
		add(&Page{Kind: "year", URL: y.URL, Title: name + "报告", Year: y, ColumnName: name, ColumnType: "列表",
			Crumbs: []Crumb{{"年度", "years/"}, {Name: name}}, YearData: yd, Charts: yd.Charts(), Missing: m})
		add(&Page{Kind: "missing", URL: m.URL, Title: name + "未收录和逾期公开的报告", Year: y, ColumnName: name + "未收录", ColumnType: "列表",
			Crumbs: []Crumb{{"年度", "years/"}, {name, y.URL}, {Name: "未收录和逾期公开"}}, Missing: m})
	}
	add(&Page{Kind: "metrics", URL: chart.MetricsURL, Title: "指标数据", ColumnName: "指标数据", ColumnType: "列表",
		Crumbs: []Crumb{{Name: "数据"}}, Metrics: metrics})
	for _, m := range metrics {
		add(&Page{Kind: "metric", URL: m.URL, Title: m.Metric.Label, ColumnName: m.Metric.Label, ColumnType: "列表",
			Crumbs: []Crumb{{"数据", chart.MetricsURL}, {Name: m.Metric.Label}}, Metric: m, Charts: m.Charts()})
	}
	add(&Page{Kind: "data", URL: dataPage, Title: "开放数据", ColumnName: "开放数据", ColumnType: "列表",
		Crumbs: []Crumb{{"数据", chart.MetricsURL}, {Name: "开放数据"}}, Data: newDataPage(s)})
	add(&Page{Kind: "search", URL: "search/", Title: "全文搜索", ColumnName: "全文搜索", ColumnType: "搜索", Crumbs: []Crumb{{Name: "搜索"}}})
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
