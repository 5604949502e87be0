package render

import (
	"cmp"
	"maps"
	"slices"

	"portal/generator/internal/site"
)

// Feed is an Atom feed of the site besides atom.xml: its title, the page
// it belongs to (its alternate link) and its own URL, both relative to
// the site root. Every feed holds the newest feed_size reports of its
// kind, newest first, except a year's 未收录 feed, which holds its whole
// list.
type Feed struct {
	Title string
	Page  string
	URL   string
	// pageless is set for a feed without a page of its own (an agency
	// type's): its alternate link is the home page and its id its URL.
	pageless bool
	// since is the updated time of the feed while it has no entries; the
	// zero value stands for 2000-01-01.
	since string
}

// CountyFeed is the feed of county c's reports: counties/410423/atom.xml.
func CountyFeed(c *site.County) Feed {
	return Feed{Title: c.Province.Name + c.City.Name + c.Label() + "的报告", Page: c.URL, URL: c.URL + "atom.xml"}
}

// ProvinceFeed is the feed of province p's reports: regions/henan/atom.xml.
func ProvinceFeed(p *site.Province) Feed {
	return Feed{Title: p.Name + "的报告", Page: p.URL, URL: p.URL + "atom.xml"}
}

// AgencyFeed is the feed of the reports of every agency with agency a's
// short name (all 信访局 reports): agencies/xinfangju/atom.xml. Its URL
// follows from the short name alone, as agency slugs do.
func AgencyFeed(a *site.Agency) Feed {
	return Feed{Title: "各地" + a.Name + "的报告", URL: "agencies/" + a.Slug + "/atom.xml", pageless: true}
}

// Feeds are the feeds a page announces in its head, besides the site's.
func (p *Page) Feeds() []Feed {
	switch {
	case p.Kind == "county":
		return []Feed{CountyFeed(p.County)}
	case p.Kind == "province":
		return []Feed{ProvinceFeed(p.Province)}
	case p.Missing != nil:
		return []Feed{p.Missing.Feed()}
	}
	return nil
}

// AgencyFeed is the feed of agency a's kind, for a page's links.
func (p *Page) AgencyFeed(a *site.Agency) Feed { return AgencyFeed(a) }

// feedFile is a feed to write: its path and bytes.
type feedFile struct {
	path string
	b    []byte
}

// feeds makes every feed of the site but atom.xml: one per county, per
// province, per agency type and per year's 未收录 view.
func feeds(s *site.Site) []feedFile {
	n := s.Config.FeedSize
	var out []feedFile
	add := func(f Feed, es []feedEntry) { out = append(out, feedFile{f.URL, atom(s, f, es)}) }
	for _, p := range s.Provinces {
		var rs []*site.Report
		for _, c := range p.Counties {
			rs = append(rs, c.Reports...)
		}
		add(ProvinceFeed(p), reportEntries(s, site.Newest(rs, n)))
	}
	kinds := map[string][]*site.Report{}
	for _, c := range s.Counties {
		add(CountyFeed(c), reportEntries(s, site.Newest(c.Reports, n)))
		for _, a := range c.Agencies {
			kinds[a.Slug] = append(kinds[a.Slug], a.Reports...)
		}
	}
	for _, slug := range slices.Sorted(maps.Keys(kinds)) {
		rs := kinds[slug]
		add(AgencyFeed(rs[0].Agency), reportEntries(s, site.Newest(rs, n)))
	}
	for _, m := range missingViews(s) {
		add(m.Feed(), m.entries(s))
	}
	return out
}

// feedID is the id of feed f: its page's absolute URL, or its own when it
// has no page.
func feedID(s *site.Site, f Feed) string {
	if f.pageless {
		return absolute(s, f.URL)
	}
	return absolute(s, f.Page)
}

// byUpdated sorts entries newest first, keeping the order of equals.
func byUpdated(es []feedEntry) {
	slices.SortStableFunc(es, func(a, b feedEntry) int { return cmp.Compare(b.Updated, a.Updated) })
}
