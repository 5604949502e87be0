package render

import (
	"portal/generator/internal/cache"
	"portal/generator/internal/site"
)

// countyScope is a county as its own pages (the county page and its
// reports' pages) see it: copies of the county, its agencies and reports
// whose pointers lead only to one another and to the names and URLs of
// the province and city. Nothing of another county is reachable from
// these pages, so they can be kept while their county has not changed
// (skipReused).
type countyScope struct {
	county  *site.County
	reports map[*site.Report]*site.Report // the model's report → its copy
}

// scopeCounty makes the scope of county c.
func scopeCounty(c *site.County) *countyScope {
	province := &site.Province{Name: c.Province.Name, Slug: c.Province.Slug, URL: c.Province.URL}
	city := &site.City{Name: c.City.Name, Slug: c.City.Slug, URL: c.City.URL, Province: province}
	county := *c
	county.Province, county.City = province, city
	sc := &countyScope{county: &county, reports: map[*site.Report]*site.Report{}}
	agencies := map[*site.Agency]*site.Agency{}
	county.Agencies = make([]*site.Agency, len(c.Agencies))
	for i, a := range c.Agencies {
		copied := *a
		copied.County = &county
		county.Agencies[i], agencies[a] = &copied, &copied
	}
	report := func(r *site.Report) *site.Report {
		if v, ok := sc.reports[r]; ok {
			return v
		}
		copied := *r
		copied.County, copied.Agency = &county, agencies[r.Agency]
		sc.reports[r] = &copied
		return &copied
	}
	county.Reports = make([]*site.Report, len(c.Reports))
	for i, r := range c.Reports {
		county.Reports[i] = report(r)
	}
	for _, a := range county.Agencies {
		reports := make([]*site.Report, len(a.Reports))
		for i, r := range a.Reports {
			reports[i] = report(r)
		}
		a.Reports = reports
	}
	return sc
}

// countyDigest hashes everything a page of county c's scope can show: all
// of it follows from its reports' files and metadata, given the generator
// and Env, except the URLs and slugs, which are handed out site-wide and
// so are hashed too.
func countyDigest(c *site.County) cache.Key {
	h := cache.NewHasher().AddString(c.Province.Name, c.Province.Slug, c.Province.URL, c.City.Name, c.City.Slug, c.City.URL)
	countyFields(h, c)
	return h.Key()
}

// countyFields writes what county c's pages show of it to h.
func countyFields(h *cache.Hasher, c *site.County) {
	h.AddString("county", c.Name, c.Code, c.URL, c.City.Name)
	for _, a := range c.Agencies {
		h.AddString("agency", a.Name, a.FullName, a.Slug)
	}
	for _, r := range c.Reports {
		h.AddString("report", r.Source.File, r.Source.MetaFile, r.URL, r.DownloadURL, r.DownloadName)
		h.Add(r.Source.Hash[:], r.Source.MetaHash[:])
	}
}
