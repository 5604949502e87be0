package render

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"time"

	"portal/generator/internal/site"
)

// absolute joins the base URL and a URL relative to the site root.
func absolute(s *site.Site, u string) string { return s.Config.BaseURL + u }

// sitemap lists every page, with the publication date of reports.
func sitemap(s *site.Site, pages []*Page) []byte {
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	set := struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []url    `xml:"url"`
	}{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, p := range pages {
		if p.Kind == "notfound" {
			continue
		}
		u := url{Loc: absolute(s, p.URL)}
		if p.Report != nil {
			u.LastMod = p.Report.Meta.Published.String()
		}
		set.URLs = append(set.URLs, u)
	}
	return marshalXML(set)
}

// feed is an Atom feed of the newest reports. Its updated time is the
// newest publication date, never the build time, so builds stay
// reproducible.
func feed(s *site.Site) []byte {
	return atom(s, Feed{Title: s.Config.Title, Page: "", URL: "atom.xml"}, reportEntries(s, s.Latest(s.Config.FeedSize)))
}

// feedEntry is one entry of an Atom feed.
type feedEntry struct {
	Title, URL, Updated, Author, Summary string
	ID                                   string // the entry's id when not its absolute URL
}

// reportEntries are the entries of reports rs, in their order.
func reportEntries(s *site.Site, rs []*site.Report) []feedEntry {
	es := make([]feedEntry, 0, len(rs))
	for _, r := range rs {
		es = append(es, feedEntry{Title: r.Meta.Title, URL: r.URL, Updated: reportTime(r), Author: r.Agency.FullName, Summary: r.Meta.Summary})
	}
	return es
}

// atom is the Atom document of feed f with entries es, the newest first:
// its updated time is that of its newest entry, never the build time.
func atom(s *site.Site, f Feed, es []feedEntry) []byte {
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
	}
	type author struct {
		Name string `xml:"name"`
	}
	type entry struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Link    link   `xml:"link"`
		Updated string `xml:"updated"`
		Author  string `xml:"author>name"`
		Summary string `xml:"summary,omitempty"`
	}
	doc := struct {
		XMLName xml.Name `xml:"feed"`
		NS      string   `xml:"xmlns,attr"`
		Lang    string   `xml:"xml:lang,attr"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Links   []link   `xml:"link"`
		Updated string   `xml:"updated"`
		Author  *author  `xml:"author"`
		Entries []entry  `xml:"entry"`
	}{NS: "http://www.w3.org/2005/Atom", Lang: s.Config.Language, Title: f.Title, ID: feedID(s, f),
		Links: []link{{Href: absolute(s, f.Page)}, {Href: absolute(s, f.URL), Rel: "self"}}}
	doc.Updated = cmp.Or(f.since, "2000-01-01T00:00:00+08:00")
	if len(es) == 0 {
		doc.Author = &author{s.Config.Organiser} // an entry-less feed names its author itself
	}
	for i, e := range es {
		if i == 0 || e.Updated > doc.Updated {
			doc.Updated = e.Updated
		}
		id := cmp.Or(e.ID, absolute(s, e.URL))
		doc.Entries = append(doc.Entries, entry{Title: e.Title, ID: id, Link: link{Href: absolute(s, e.URL)},
			Updated: e.Updated, Author: e.Author, Summary: e.Summary})
	}
	return marshalXML(doc)
}

// atomTime is a day at midnight in China, as Atom writes times.
func atomTime(year int, month time.Month, day int) string {
	return fmt.Sprintf("%04d-%02d-%02dT00:00:00+08:00", year, month, day)
}

func marshalXML(v any) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		panic(err) // the types above always encode
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// robots allows everything and names the sitemap.
func robots(s *site.Site) []byte {
	return []byte("User-agent: *\nAllow: /\nSitemap: " + absolute(s, "sitemap.xml") + "\n")
}

// reportTime is the Atom time of report r's Date.
func reportTime(r *site.Report) string {
	d := r.Date()
	return atomTime(d.Year, d.Month, d.Day)
}
