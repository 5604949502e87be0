package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// Assets are the published names of the static CSS and JavaScript files
// of layouts/static/: each carries a hash of its content (site.css →
// site.3f2a1b9c0d.css), so that a host can cache it for good and a page
// never meets an older copy. Pages link to them through Page.Asset.
type Assets map[string]string

// hashedAsset reports whether the static file p is published under a
// hashed name.
func hashedAsset(p string) bool {
	ext := path.Ext(p)
	return ext == ".css" || ext == ".js"
}

// HashedName is p with the first ten hex digits of the SHA-256 of b
// before its extension.
func HashedName(p string, b []byte) string {
	sum := sha256.Sum256(b)
	ext := path.Ext(p)
	return strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:5]) + ext
}

// StaticAssets reads the CSS and JavaScript files of layouts/static/ and
// returns their published names.
func StaticAssets(layouts fs.FS) (Assets, error) {
	names, err := staticFiles(layouts)
	if err != nil {
		return nil, err
	}
	a := Assets{}
	for _, p := range names {
		if !hashedAsset(p) {
			continue
		}
		b, err := fs.ReadFile(layouts, p)
		if err != nil {
			return nil, err
		}
		a[p] = HashedName(p, b)
	}
	return a, nil
}

// publish is the name the static file p with contents b is published
// under; an error when its contents are not those its hashed name was
// made from (the file changed during the build).
func (a Assets) publish(p string, b []byte) (string, error) {
	if !hashedAsset(p) {
		return p, nil
	}
	name := HashedName(p, b)
	if a[p] != name {
		return "", fmt.Errorf("%s changed while the site was built; build again", p)
	}
	return name, nil
}

// Asset is the URL of the static file name (e.g. "static/css/site.css")
// relative to the page: its hashed name when it has one.
func (p *Page) Asset(name string) string {
	if h, ok := p.assets[name]; ok {
		return p.Rel(h)
	}
	return p.Rel(name)
}

// Canonical is the page's absolute URL, for <link rel="canonical"> and
// og:url: "" when the site has no base_url, and for the 404 page, which
// is served at every missing address.
func (p *Page) Canonical() string {
	if p.Config == nil || p.Config.BaseURL == "" || p.Kind == "notfound" {
		return ""
	}
	return p.Config.BaseURL + p.URL
}

// Description is the page's summary for search engines and link
// previews: a report's summary, or what and whose it is; on other pages,
// what the page holds.
func (p *Page) Description() string {
	r := p.Report
	if r == nil {
		return p.describe()
	}
	if r.Meta.Summary != "" {
		return r.Meta.Summary
	}
	place := r.County.Province.Name + r.County.City.Name
	if !r.County.CityLevel() {
		place += r.County.Name
	}
	return fmt.Sprintf("%s发布的%d年度法治政府建设情况报告（%s）。", r.Agency.FullName, r.Meta.Year, place)
}
