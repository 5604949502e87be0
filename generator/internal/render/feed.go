package render

import (
	"bytes"
	"encoding/xml"
	"fmt"

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
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
	}
	type entry struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Link    link   `xml:"link"`
		Updated string `xml:"updated"`
		Author  string `xml:"author>name"`
		Summary string `xml:"summary,omitempty"`
	}
	f := struct {
		XMLName xml.Name `xml:"feed"`
		NS      string   `xml:"xmlns,attr"`
		Lang    string   `xml:"xml:lang,attr"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Links   []link   `xml:"link"`
		Updated string   `xml:"updated"`
		Entries []entry  `xml:"entry"`
	}{NS: "http://www.w3.org/2005/Atom", Lang: s.Config.Language, Title: s.Config.Title, ID: absolute(s, ""),
		Links: []link{{Href: absolute(s, "")}, {Href: absolute(s, "atom.xml"), Rel: "self"}}}
	latest := s.Latest(s.Config.FeedSize)
	f.Updated = "2000-01-01T00:00:00+08:00"
	for i, r := range latest {
		t := atomTime(r)
		if i == 0 {
			f.Updated = t
		}
		f.Entries = append(f.Entries, entry{Title: r.Meta.Title, ID: absolute(s, r.URL), Link: link{Href: absolute(s, r.URL)},
			Updated: t, Author: r.Agency.FullName, Summary: r.Meta.Summary})
	}
	return marshalXML(f)
}

func atomTime(r *site.Report) string {
	d := r.Date()
	return fmt.Sprintf("%04d-%02d-%02dT00:00:00+08:00", d.Year, d.Month, d.Day)
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
