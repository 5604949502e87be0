package deploy

import (
	"path"
	"regexp"
	"strings"

	"portal/generator/internal/diag"
)

// Class is what a file is to the site, which decides when a deploy sends
// it: a file goes up only after everything it links to, so that a reader
// never follows a link to a file not there yet.
type Class int

// The classes, in the order a deploy sends them.
const (
	Asset      Class = iota // css, js, fonts, images, ECharts, licences: what pages load
	Download                // report files and open data (data/)
	Search                  // the search index's shards (search/…, not its manifest)
	SearchMeta              // search/index.json, the manifest naming the shards
	Report                  // a report's page: counties/<county>/<report>/index.html
	Listing                 // the pages listing reports: county, city, province, years, metrics, home, 404
	Feed                    // atom.xml, sitemap.xml, robots.txt
	numClasses
)

// classNames name the classes in messages.
var classNames = [numClasses]diag.Msg{
	diag.Msgf("assets"), diag.Msgf("downloads"), diag.Msgf("search files"), diag.Msgf("search manifest"),
	diag.Msgf("report pages"), diag.Msgf("listing pages"), diag.Msgf("feeds and sitemap"),
}

func (c Class) String() string { return classNames[c].String() }

// Msg names the class in messages.
func (c Class) Msg() diag.Msg { return classNames[c] }

// ClassOf returns the class of the site's file p (slash-separated,
// relative to the site root).
func ClassOf(p string) Class {
	dir, name := path.Split(p)
	ext := path.Ext(name)
	switch {
	case dir == "" && (name == "atom.xml" || name == "sitemap.xml" || name == "robots.txt"):
		return Feed
	case p == "search/index.json":
		return SearchMeta
	case ext == ".html":
		if isReportPage(p) {
			return Report
		}
		return Listing
	case strings.HasPrefix(p, "search/"):
		return Search
	case strings.HasPrefix(p, "data/"), strings.HasPrefix(p, "counties/"), strings.HasPrefix(p, "regions/"):
		return Download
	}
	return Asset
}

// isReportPage reports whether p is a report's page:
// counties/<county>/<report>/index.html.
func isReportPage(p string) bool {
	parts := strings.Split(p, "/")
	return len(parts) == 4 && parts[0] == "counties" && parts[3] == "index.html"
}

// listingRank orders the listing pages among themselves: a page goes up
// after the pages it links to that may be new (a province's page links to
// a new county's), the home page and the 404 page last.
func listingRank(p string) int {
	parts := strings.Split(p, "/")
	switch {
	case p == "404.html":
		return 6
	case p == "index.html":
		return 5
	case len(parts) == 3 && parts[0] == "counties":
		return 0 // counties/<county>/index.html
	case len(parts) == 4 && parts[0] == "regions":
		return 1 // regions/<province>/<city>/index.html
	case len(parts) == 3 && parts[0] == "regions":
		return 2 // regions/<province>/index.html
	case len(parts) == 3 && (parts[0] == "years" || parts[0] == "metrics"):
		return 3 // years/<year>/, metrics/<key>/
	}
	return 4 // regions/, years/, metrics/, search/ and any other page
}

// step is the place of p's upload in a deploy: uploads of one step go
// concurrently, and a step starts when the one before it is done.
func step(p string) int {
	c := ClassOf(p)
	s := int(c) * 10
	if c == Listing {
		s += listingRank(p)
	}
	return s
}

// Cache-Control values.
const (
	// CacheShort is for what changes in place: pages, feeds, the sitemap
	// and the search index, so that a new report shows within minutes.
	CacheShort = "public, max-age=300"
	// CacheImmutable is for a file whose name carries a hash of its
	// content: another content gets another name.
	CacheImmutable = "public, max-age=31536000, immutable"
	// CacheDefault is for the rest: static files that change only with
	// the generator or the layouts, and report downloads.
	CacheDefault = "public, max-age=3600"
)

// hashedName matches a file name carrying a content hash of 8 or more hex
// digits before its extension: site.0123abcd.css, echarts.0123456789abcdef.min.js.
var hashedName = regexp.MustCompile(`\.[0-9a-f]{8,64}\.([a-z0-9]+\.)?[a-z0-9]+$`)

// CacheControl returns the Cache-Control header of the site's file p.
func CacheControl(p string) string {
	name := path.Base(p)
	switch c := ClassOf(p); {
	case hashedName.MatchString(name):
		return CacheImmutable
	case c == Report, c == Listing, c == Feed, c == Search, c == SearchMeta, c == Download && strings.HasPrefix(p, "data/"):
		return CacheShort
	case path.Ext(name) == ".html", path.Ext(name) == ".webmanifest":
		return CacheShort
	}
	return CacheDefault
}

// types are the Content-Types by extension, without parameters: a fixed
// table, not the system's, so that every machine deploys the same headers.
var types = map[string]string{
	".html":        "text/html",
	".css":         "text/css",
	".js":          "text/javascript",
	".mjs":         "text/javascript",
	".json":        "application/json",
	".map":         "application/json",
	".xml":         "application/xml",
	".txt":         "text/plain",
	".md":          "text/markdown",
	".csv":         "text/csv",
	".svg":         "image/svg+xml",
	".webmanifest": "application/manifest+json",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/vnd.microsoft.icon",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
	".ttf":         "font/ttf",
	".otf":         "font/otf",
	".pdf":         "application/pdf",
	".docx":        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".doc":         "application/msword",
	".wasm":        "application/wasm",
	".bin":         "application/octet-stream",
}

// textTypes are the types that carry a charset.
var textTypes = map[string]bool{
	".html": true, ".css": true, ".js": true, ".mjs": true, ".json": true, ".map": true, ".xml": true,
	".txt": true, ".md": true, ".csv": true, ".svg": true, ".webmanifest": true, "": true,
}

// ContentType returns the Content-Type header of the site's file p, whose
// bytes are valid UTF-8 or not: a text type says charset=utf-8, or, for a
// report file as received that is not UTF-8, charset=gb18030, the only
// other encoding the generator reads. A name without an extension
// (LICENSE, NOTICE) is plain text.
func ContentType(p string, utf8 bool) string {
	name := path.Base(p)
	ext := strings.ToLower(path.Ext(name))
	t, ok := types[ext]
	switch {
	case name == "atom.xml" || ext == ".atom":
		t, ok = "application/atom+xml", true
		ext = ".xml"
	case ext == "" && !strings.HasPrefix(name, "."):
		t, ok = "text/plain", true
	}
	if !ok {
		return "application/octet-stream"
	}
	if !textTypes[ext] {
		return t
	}
	if !utf8 && (ext == ".txt" || ext == ".md" || ext == ".csv") {
		return t + "; charset=gb18030"
	}
	return t + "; charset=utf-8"
}
