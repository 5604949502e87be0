// Package site is the model of the portal: reports with their parsed
// documents, grouped by province, city, county, agency and year, each with
// its URL. It does no I/O and knows no HTML; the renderer walks it.
//
// URLs are relative to the site root, end in "/" for pages, and are ASCII:
//
//	regions/                      all provinces
//	regions/henan/                a province
//	regions/henan/pingdingshan/   a city
//	counties/410423/              a county (its division code, or a pinyin slug)
//	counties/410423/xinfangju-2024/   a report
//	years/2024/                   a year
package site

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"portal/generator/internal/config"
	"portal/generator/internal/content"
	"portal/generator/internal/diag"
	"portal/generator/internal/document"
	"portal/generator/internal/metrics"
)

// Site is the whole portal as data.
type Site struct {
	Config    *config.Config
	Reports   []*Report // by province, city, county, agency, year
	Provinces []*Province
	Counties  []*County // by province, city, name
	Years     []*Year   // newest first
}

// Province is a province-level division with its reports.
type Province struct {
	Name     string
	Slug     string
	URL      string
	Cities   []*City   // cities by name; a City with Name "" holds counties directly under the province
	Counties []*County // all its counties
}

// City is a prefecture-level city. Counties directly under a province or
// municipality sit in a City with an empty name, which has no page.
type City struct {
	Name     string
	Slug     string
	URL      string // "" when Name is ""
	Province *Province
	Counties []*County
}

// County is a county-level division that has reports.
type County struct {
	Name     string
	Code     string // GB/T 2260 code, "" when not in the division table
	URL      string
	Province *Province
	City     *City
	Agencies []*Agency
	Reports  []*Report
}

// CityLevel reports whether c is a prefecture-level city's own place:
// the reports of its agencies (信阳市信访局), listed among its counties.
func (c *County) CityLevel() bool {
	return c.City != nil && c.Name == c.City.Name && strings.HasSuffix(c.Code, "00")
}

// Label is the county's name in lists: a city's own place is 市本级.
func (c *County) Label() string {
	if c.CityLevel() {
		return c.Name + "（市本级）"
	}
	return c.Name
}

// Agency is one agency of a county; its reports run by year.
type Agency struct {
	Name     string // short name, e.g. 信访局
	FullName string // e.g. 鲁山县信访局
	Slug     string
	County   *County
	Reports  []*Report // oldest first
	Points   []Point   // every published and derived value, by catalog order then year
}

// Year groups the reports about one year.
type Year struct {
	Year    int
	URL     string
	Reports []*Report
}

// Report is one published report.
type Report struct {
	Source       *content.Report
	Meta         content.Meta
	Signed       string // the date of the document's signature, ISO; "" if none
	URL          string
	DownloadURL  string // the original file
	DownloadName string // the name a reader's browser saves it as
	County       *County
	Agency       *Agency
	Figures      []metrics.Figure // the figures of catalog metrics found in the text
	Values       []metrics.Value  // the published values: metadata first, then text
	Derived      []Point          // previous-year values derived from this report's changes
}

// Documents gives the parsed document of a report of the site: a build's
// document provider. It must be safe for concurrent use.
type Documents interface {
	Document(r *Report) (*document.Document, error)
}

// Input is a loaded report with its parsed document and the figures found
// in it.
type Input struct {
	Report  *content.Report
	Title   string // the title shown: the metadata's, else the text's
	Figures []metrics.Figure
	Values  []metrics.Value
	Signed  string // the date of the document's signature, ISO; "" if none
}

// New builds the model.
func New(cfg *config.Config, inputs []Input) (*Site, diag.List) {
	s := &Site{Config: cfg}
	var problems diag.List
	for _, in := range inputs {
		meta := in.Report.Meta
		if in.Title != "" {
			meta.Title = in.Title
		}
		s.Reports = append(s.Reports, &Report{Source: in.Report, Meta: meta, Figures: in.Figures, Values: in.Values, Signed: in.Signed})
	}
	problems.Add(s.group()...)
	s.assignURLs()
	problems.Add(s.checkURLs()...)
	problems.Add(s.derive()...)
	return s, problems
}

// group puts the reports into provinces, cities, counties, agencies and
// years.
func (s *Site) group() diag.List {
	cities, problems := countyCities(s.Reports)
	provinces := map[string]*Province{}
	counties := map[[3]string]*County{}
	years := map[int]*Year{}
	for _, r := range s.Reports {
		m := r.Meta
		p := provinces[m.Province]
		if p == nil {
			p = &Province{Name: m.Province}
			provinces[m.Province] = p
			s.Provinces = append(s.Provinces, p)
		}
		city := m.City
		if city == "" && m.DivisionCode == "" {
			city = cities[[2]string{m.Province, m.County}]
		}
		key := [3]string{m.Province, city, m.County}
		c := counties[key]
		if c == nil {
			c = &County{Name: m.County, Code: m.DivisionCode, Province: p, City: cityOf(p, city)}
			c.City.Counties = append(c.City.Counties, c)
			p.Counties = append(p.Counties, c)
			counties[key] = c
			s.Counties = append(s.Counties, c)
		}
		r.County = c
		r.Agency = agencyOf(c, m)
		r.Agency.Reports = append(r.Agency.Reports, r)
		c.Reports = append(c.Reports, r)
		y := years[m.Year]
		if y == nil {
			y = &Year{Year: m.Year}
			years[m.Year] = y
			s.Years = append(s.Years, y)
		}
		y.Reports = append(y.Reports, r)
	}
	s.sort()
	return problems
}

// countyCities finds the city of each county outside the division table
// (province, county) from the reports that name one, so that a report
// leaving the city out joins the same county page. A county named under
// two cities is two counties; a report of it without a city is then an
// error.
func countyCities(reports []*Report) (map[[2]string]string, diag.List) {
	named := map[[2]string][]string{}
	for _, r := range reports {
		m := r.Meta
		k := [2]string{m.Province, m.County}
		if m.DivisionCode == "" && m.City != "" && !slices.Contains(named[k], m.City) {
			named[k] = append(named[k], m.City)
		}
	}
	cities := map[[2]string]string{}
	var problems diag.List
	for _, r := range reports {
		m := r.Meta
		k := [2]string{m.Province, m.County}
		if m.DivisionCode != "" || m.City != "" {
			continue
		}
		switch list := named[k]; len(list) {
		case 0:
		case 1:
			cities[k] = list[0]
		default:
			slices.Sort(list)
			pos := m.Keys["county"]
			if pos.File == "" {
				pos = diag.Pos{File: r.Source.MetaFile}
			}
			problems.Errorf(pos, "county: other reports put %s under %s; add city to say which", m.County, strings.Join(list, " and "))
		}
	}
	return cities, problems
}

func cityOf(p *Province, name string) *City {
	for _, c := range p.Cities {
		if c.Name == name {
			return c
		}
	}
	c := &City{Name: name, Province: p}
	p.Cities = append(p.Cities, c)
	return c
}

func agencyOf(c *County, m content.Meta) *Agency {
	name := m.ShortAgency()
	for _, a := range c.Agencies {
		if a.Name == name {
			return a
		}
	}
	full := m.Agency
	if full == name {
		full = m.County + name
	}
	a := &Agency{Name: name, FullName: full, County: c}
	c.Agencies = append(c.Agencies, a)
	return a
}

// provinceOrder sorts provinces by division code when known, then by name.
func provinceKey(p *Province) string {
	if len(p.Counties) > 0 && p.Counties[0].Code != "" {
		return p.Counties[0].Code[:2] + p.Name
	}
	return "99" + p.Name
}

func (s *Site) sort() {
	byCounty := func(a, b *County) int {
		return cmp.Or(cmp.Compare(a.City.Name, b.City.Name), cmp.Compare(a.Code, b.Code), cmp.Compare(a.Name, b.Name))
	}
	for _, p := range s.Provinces {
		slices.SortFunc(p.Counties, byCounty)
		slices.SortFunc(p.Cities, func(a, b *City) int { return cmp.Compare(a.Name, b.Name) })
		for _, c := range p.Cities {
			slices.SortFunc(c.Counties, byCounty)
		}
	}
	slices.SortFunc(s.Provinces, func(a, b *Province) int { return cmp.Compare(provinceKey(a), provinceKey(b)) })
	s.Counties = s.Counties[:0]
	s.Reports = s.Reports[:0]
	for _, p := range s.Provinces {
		s.Counties = append(s.Counties, p.Counties...)
	}
	for _, c := range s.Counties {
		slices.SortFunc(c.Agencies, func(a, b *Agency) int { return cmp.Compare(a.Name, b.Name) })
		c.Reports = c.Reports[:0]
		for _, a := range c.Agencies {
			slices.SortFunc(a.Reports, func(x, y *Report) int { return cmp.Compare(x.Meta.Year, y.Meta.Year) })
			c.Reports = append(c.Reports, a.Reports...)
		}
		s.Reports = append(s.Reports, c.Reports...)
	}
	slices.SortFunc(s.Years, func(a, b *Year) int { return cmp.Compare(b.Year, a.Year) })
	order := map[*Report]int{}
	for i, r := range s.Reports {
		order[r] = i
	}
	for _, y := range s.Years {
		slices.SortFunc(y.Reports, func(a, b *Report) int { return cmp.Compare(order[a], order[b]) })
	}
}

func (s *Site) assignURLs() {
	for _, p := range s.Provinces {
		p.Slug = provinceSlug(p.Name)
		p.URL = "regions/" + p.Slug + "/"
		for _, c := range p.Cities {
			if c.Name != "" {
				c.Slug = citySlug(p.Name, c.Name)
				c.URL = p.URL + c.Slug + "/"
			}
		}
		for _, c := range p.Counties {
			c.URL = "counties/" + countySegment(c) + "/"
			for _, a := range c.Agencies {
				a.Slug = agencySlug(a.Name)
				for _, r := range a.Reports {
					name := a.Slug + "-" + strconv.Itoa(r.Meta.Year)
					r.URL = c.URL + name + "/"
					r.DownloadURL = r.URL + name + r.Source.Format
					r.DownloadName = a.FullName + "-" + strconv.Itoa(r.Meta.Year) + r.Source.Format
				}
			}
		}
	}
	for _, y := range s.Years {
		y.URL = "years/" + strconv.Itoa(y.Year) + "/"
	}
}

// checkURLs makes sure no two pages share a URL. Slugs depend on their own
// names only (stable.go), so two names meet here only when their pinyin
// and the hash of their names agree: an error, never a silent renaming.
func (s *Site) checkURLs() diag.List {
	var problems diag.List
	seen := map[string]string{}
	claim := func(url, name string, pos diag.Pos) {
		if other, ok := seen[url]; ok && other != name {
			problems.Errorf(pos, "URL %s is also the URL of %s", url, other)
			return
		}
		seen[url] = name
	}
	for _, p := range s.Provinces {
		first := p.Counties[0].Reports[0].Source
		claim(p.URL, p.Name, diag.Pos{File: first.MetaFile})
		for _, c := range p.Cities {
			if c.URL != "" {
				claim(c.URL, p.Name+c.Name, diag.Pos{File: c.Counties[0].Reports[0].Source.MetaFile})
			}
		}
	}
	for _, c := range s.Counties {
		claim(c.URL, c.Province.Name+c.City.Name+c.Name, diag.Pos{File: c.Reports[0].Source.MetaFile})
	}
	for _, r := range s.Reports {
		claim(r.URL, r.Source.File, diag.Pos{File: r.Source.MetaFile})
	}
	return problems
}

// Title is the report's title as shown: the metadata title.
func (r *Report) Title() string { return r.Meta.Title }

// Latest returns up to n reports, newest first by their Date (ties by
// year, then by URL, so the order is stable): every report has one, so
// the feed of a site with reports is never empty.
func (s *Site) Latest(n int) []*Report { return Newest(s.Reports, n) }

// Newest returns up to n of reports rs, newest first in the order of
// Latest; rs is left as it was.
func Newest(rs []*Report, n int) []*Report {
	rs = slices.Clone(rs)
	slices.SortStableFunc(rs, func(a, b *Report) int {
		da, db := a.Date(), b.Date()
		if da != db {
			if da.Before(db) {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(b.Meta.Year, a.Meta.Year), cmp.Compare(a.URL, b.URL))
	})
	return rs[:min(n, len(rs))]
}

// Date is the report's date for the feed and the latest reports: its
// publication date (published), else the date it was written (written),
// else the date of its signature, else 31 December of the year it is
// about.
func (r *Report) Date() content.Date {
	switch {
	case !r.Meta.Published.IsZero():
		return r.Meta.Published
	case !r.Meta.Written.IsZero():
		return r.Meta.Written
	}
	var d content.Date
	if _, err := fmt.Sscanf(r.Signed, "%4d-%2d-%2d", &d.Year, &d.Month, &d.Day); err == nil && len(r.Signed) == 10 {
		return d
	}
	return content.Date{Year: r.Meta.Year, Month: 12, Day: 31}
}

// Others returns the agency's other reports (other years), newest first.
func (r *Report) Others() []*Report {
	var out []*Report
	for i := len(r.Agency.Reports) - 1; i >= 0; i-- {
		if o := r.Agency.Reports[i]; o != r {
			out = append(out, o)
		}
	}
	return out
}

// WrittenText is the 成文日期 as shown: the metadata's date, else the date of
// the document's signature block, marked as read from the text; "" when
// neither gives one.
func (r *Report) WrittenText() string {
	if !r.Meta.Written.IsZero() {
		return r.Meta.Written.Chinese()
	}
	var d content.Date
	if _, err := fmt.Sscanf(r.Signed, "%d-%d-%d", &d.Year, &d.Month, &d.Day); err == nil {
		return d.Chinese() + "（据落款）"
	}
	return ""
}
