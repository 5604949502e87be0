package render

import (
	"fmt"
	"strconv"
	"strings"

	"portal/generator/internal/site"
)

// Missing is the 未收录 view of a year: what the portal lacks or received
// late. It follows from the content alone, never from the day of the
// build: an agency is absent from year Y when it has a report on Y-1 and
// none on Y, whether or not Y's deadline has passed, and the page says
// so and gives the deadline.
type Missing struct {
	Year     int
	PrevYear int    // Year-1
	URL      string // years/2024/missing/
	YearURL  string // years/2024/
	Deadline string // 1 April of the year after, in Chinese: 2025年4月1日
	Before   bool   // whether the site has reports on the year before
	Absent   []Absence
	Late     []*site.Report // published after Deadline, in site order
	asOf     string         // the Atom time of an absence: Deadline, or the newest report's date when earlier
}

// Absence is an agency without a report on the year, with its report on
// the year before.
type Absence struct {
	Agency   *site.Agency
	Previous *site.Report
}

// yearListed is how many names of each list a year page shows; the
// missing page lists them all.
const yearListed = 30

// AbsentShort are the first absences, for the year page.
func (m *Missing) AbsentShort() []Absence { return m.Absent[:min(len(m.Absent), yearListed)] }

// LateShort are the first late reports, for the year page.
func (m *Missing) LateShort() []*site.Report { return m.Late[:min(len(m.Late), yearListed)] }

// Feed is the feed of the view: years/2024/missing/atom.xml.
func (m *Missing) Feed() Feed {
	return Feed{Title: strconv.Itoa(m.Year) + "年度未收录和逾期公开的报告", Page: m.URL, URL: m.URL + "atom.xml", since: m.asOf}
}

// Rule states the rule of the view, as its pages show it.
func (m *Missing) Rule() string {
	return fmt.Sprintf("规则：某部门有%d年度报告而本平台没有其%d年度报告的，列为未收录；%d年度报告应于%s前公开"+
		"（《法治政府建设与责任落实督察工作规定》第二十五条），公开日期在%s之后的，列为逾期公开，未注明公开日期的不列入。"+
		"名单只依据本平台收录的报告，不随生成网站的日期变化：未收录不等于未公开，%s之前列入名单的部门仍可能按期公开。",
		m.PrevYear, m.Year, m.Year, m.Deadline, m.Deadline, m.Deadline)
}

// missingViews makes the 未收录 view of every year of the site, newest
// year first.
func missingViews(s *site.Site) []*Missing {
	newest := "2000-01-01T00:00:00+08:00"
	if rs := s.Latest(1); len(rs) > 0 {
		newest = reportTime(rs[0])
	}
	has := map[*site.Agency]map[int]*site.Report{}
	years := map[int]bool{}
	for _, r := range s.Reports {
		if has[r.Agency] == nil {
			has[r.Agency] = map[int]*site.Report{}
		}
		has[r.Agency][r.Meta.Year] = r
		years[r.Meta.Year] = true
	}
	var ms []*Missing
	for _, y := range s.Years {
		d := site.Deadline(y.Year)
		m := &Missing{Year: y.Year, PrevYear: y.Year - 1, URL: y.URL + "missing/", YearURL: y.URL, Deadline: d.Chinese(), Before: years[y.Year-1],
			asOf: min(atomTime(d.Year, d.Month, d.Day), newest)}
		for _, c := range s.Counties {
			for _, a := range c.Agencies {
				prev, ok := has[a][y.Year-1]
				if _, now := has[a][y.Year]; ok && !now {
					m.Absent = append(m.Absent, Absence{Agency: a, Previous: prev})
				}
			}
		}
		for _, r := range y.Reports {
			if days, ok := r.DaysLate(); ok && days > 0 {
				m.Late = append(m.Late, r)
			}
		}
		ms = append(ms, m)
	}
	return ms
}

// missingOf is the view of year y among views.
func missingOf(views []*Missing, y *site.Year) *Missing {
	for _, m := range views {
		if m.Year == y.Year {
			return m
		}
	}
	return nil
}

// entries are the view's feed entries, newest first: each absence dated
// by asOf, each late report by its publication.
func (m *Missing) entries(s *site.Site) []feedEntry {
	var es []feedEntry
	for _, a := range m.Absent {
		ag := a.Agency
		es = append(es, feedEntry{
			Title:   fmt.Sprintf("%s：未收录%d年度报告", ag.FullName, m.Year),
			URL:     ag.County.URL + "#agency-" + ag.Slug,
			ID:      absolute(s, m.URL) + "#absent-" + strings.ReplaceAll(strings.TrimSuffix(ag.County.URL, "/"), "/", "-") + "-" + ag.Slug,
			Updated: m.asOf,
			Author:  ag.FullName,
			Summary: fmt.Sprintf("%s有%d年度报告，本平台尚未收录其%d年度报告（应于%s前公开）。", ag.FullName, m.Year-1, m.Year, m.Deadline),
		})
	}
	for _, r := range m.Late {
		days, _ := r.DaysLate()
		es = append(es, feedEntry{
			Title:   fmt.Sprintf("%s（逾期%d天公开）", r.Meta.Title, days),
			URL:     r.URL,
			ID:      absolute(s, m.URL) + "#late-" + strings.ReplaceAll(strings.TrimSuffix(r.URL, "/"), "/", "-"),
			Updated: reportTime(r),
			Author:  r.Agency.FullName,
			Summary: fmt.Sprintf("%s公开，晚于公开期限%s %d天。", r.Meta.Published.Chinese(), m.Deadline, days),
		})
	}
	byUpdated(es)
	return es
}
