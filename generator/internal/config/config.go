// Package config reads config.toml, the site's settings and its metric
// catalog. Unknown keys are errors, reported with their position like every
// other problem of a build.
//
// A config.toml looks like this:
//
//	title = "法治政府建设年度报告公开平台"
//	base_url = "https://www.example.gov.cn/fzbg/"
//	language = "zh-CN"
//	organiser = "某某县人民政府办公室"      # 主办单位
//	icp = "豫ICP备00000000号"              # ICP 备案号
//	site_id_code = "4104230001"           # 政府网站标识码
//	feedback = "mailto:fzbg@example.gov.cn" # 找错/意见反馈
//
//	[[menu]]
//	name = "首页"
//	url = ""
//
//	[[metric]]
//	key = "petitions_total"
//	label = "信访总量"
//	unit = "件"
//	kind = "count"
//	phrases = ["信访总量", "信访登记总量"]
//
//	[[deploy.targets]]                    # see Deploy
//	name = "production"
//	endpoint = "https://oss-cn-hangzhou.aliyuncs.com"
//	bucket = "fzbg-site"
package config

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"

	"portal/generator/internal/diag"
	"portal/generator/internal/tomlpos"
)

// Config is the decoded config.toml.
type Config struct {
	Title      string  `toml:"title"`
	BaseURL    string  `toml:"base_url"`
	Language   string  `toml:"language"`
	Organiser  string  `toml:"organiser"`
	ICP        string  `toml:"icp"`
	SiteIDCode string  `toml:"site_id_code"`
	Feedback   string  `toml:"feedback"`
	FeedSize   int     `toml:"feed_size"`
	Menu       []Menu  `toml:"menu"`
	Metrics    Catalog `toml:"metric"`
	Deploy     Deploy  `toml:"deploy"`
}

// Catalog is the list of metrics, in the order the site shows them.
type Catalog []Metric

// Fingerprint is a hash of the whole catalog: what a figure extracted
// or a metadata value checked under it depends on.
func (c Catalog) Fingerprint() [sha256.Size]byte {
	b, _ := json.Marshal(c) // plain strings and numbers: cannot fail
	return sha256.Sum256(b)
}

// Lookup returns the catalog entry for key.
func (c Catalog) Lookup(key string) (Metric, bool) {
	for _, m := range c {
		if m.Key == key {
			return m, true
		}
	}
	return Metric{}, false
}

// Menu is one entry of the site's main menu. URL is relative to the site
// root ("" is the home page, "years/" the year index) or absolute (https://…).
type Menu struct {
	Name string `toml:"name"`
	URL  string `toml:"url"`
}

// Metric is one entry of the metric catalog: a quantity that reports state
// and the portal compares across counties and years.
type Metric struct {
	Key     string   `toml:"key"`     // stable ASCII key, used in URLs and data files
	Label   string   `toml:"label"`   // Chinese label shown to readers
	Unit    string   `toml:"unit"`    // 件, 人次, %, …
	Kind    string   `toml:"kind"`    // "count", "rate" or "change"
	Base    string   `toml:"base"`    // for a change: the key of the metric it changes
	Phrases []string `toml:"phrases"` // naming phrases as reports write them
}

// Metric kinds.
const (
	KindCount  = "count"
	KindRate   = "rate"
	KindChange = "change"
)

// Domain is the host of BaseURL, shown as the SiteDomain meta tag.
func (c *Config) Domain() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil {
		return ""
	}
	return u.Host
}

var metricKey = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// MaxSize is the largest config.toml read.
const MaxSize = 1 << 20

// limits bound config.toml before it is decoded: this repository's is 6
// KB with some 120 keys, and a few kilobytes nested thousands deep cost
// the TOML decoder gigabytes.
var limits = tomlpos.Limits{What: "config", Size: MaxSize, Depth: 16, KeyDepth: 32, Keys: 10_000, Values: 10_000}

// ReadFile reads a config.toml, refusing one larger than MaxSize without
// reading it all, and anything but a regular file (a symbolic link to one
// is followed).
func ReadFile(name string) ([]byte, error) {
	if fi, err := os.Stat(name); err == nil && !fi.Mode().IsRegular() {
		return nil, diag.Errorf("%s: not a regular file", name) // a named pipe would never end
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxSize {
		return nil, diag.Errorf("%s: config: too large (at most %s)", name, tomlpos.Size(MaxSize))
	}
	return b, nil
}

// Parse decodes config.toml from src; file names the file in problems.
func Parse(file string, src []byte) (*Config, diag.List) {
	var c Config
	ix, problems := tomlpos.Scan(file, src, 0, limits)
	if problems.HasErrors() {
		return nil, problems
	}
	md, err := toml.Decode(string(src), &c)
	if err != nil {
		problems.Add(ix.Problem(err))
		return nil, problems
	}
	unknown, secrets := secretKeys(md.Undecoded(), ix.KeyPos)
	problems.Add(secrets...)
	problems.Add(ix.UnknownKeys(unknown)...)
	keyPos := func(key ...string) diag.Pos { return ix.KeyPos(toml.Key(key)) }
	if strings.TrimSpace(c.Title) == "" {
		problems.Errorf(diag.Pos{File: file}, "missing required key \"title\"")
	}
	if c.Language == "" {
		c.Language = "zh-CN"
	}
	if c.FeedSize <= 0 {
		c.FeedSize = 20
	}
	if c.BaseURL != "" {
		if u, ok := BaseURL(c.BaseURL); ok {
			c.BaseURL = u
		} else {
			problems.Errorf(keyPos("base_url"), "base_url: want an absolute http(s) URL, got %q", c.BaseURL)
		}
	}
	for i, m := range c.Menu {
		if !safeLink(m.URL) {
			problems.Errorf(keyPos("menu"), "menu[%d].url: want a site-relative path or an http(s)/mailto URL, got %q", i, m.URL)
		}
	}
	if c.Feedback != "" && !safeLink(c.Feedback) {
		problems.Errorf(keyPos("feedback"), "feedback: want an http(s) or mailto URL, got %q", c.Feedback)
	}
	problems.Add(checkMetrics(c.Metrics, keyPos("metric"))...)
	problems.Add(checkDeploy(&c.Deploy, keyPos)...)
	if problems.HasErrors() {
		return nil, problems
	}
	return &c, problems
}

// safeLink reports whether s is a link the site may print: relative without
// a scheme, or http, https or mailto.
func safeLink(s string) bool {
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "":
		return !strings.HasPrefix(s, "//")
	case "http", "https", "mailto":
		return true
	}
	return false
}

func checkMetrics(ms Catalog, pos diag.Pos) diag.List {
	var problems diag.List
	seen := map[string]bool{}
	for i, m := range ms {
		where := fmt.Sprintf("metric[%d]", i)
		if !metricKey.MatchString(m.Key) {
			problems.Errorf(pos, "%s.key: want lower-case ASCII letters, digits and _, got %q", where, m.Key)
		}
		if seen[m.Key] {
			problems.Errorf(pos, "%s.key: %q is defined twice", where, m.Key)
		}
		seen[m.Key] = true
		if m.Label == "" {
			problems.Errorf(pos, "%s (%s): missing label", where, m.Key)
		}
		switch m.Kind {
		case KindCount, KindRate, KindChange:
		default:
			problems.Errorf(pos, "%s (%s).kind: want count, rate or change, got %q", where, m.Key, m.Kind)
		}
		if (m.Kind == KindRate || m.Kind == KindChange) && m.Unit != "%" {
			problems.Errorf(pos, "%s (%s).unit: a %s is in %%, got %q", where, m.Key, m.Kind, m.Unit)
		}
	}
	for i, m := range ms {
		if m.Kind == KindChange && m.Base != "" && !seen[m.Base] {
			problems.Errorf(pos, "metric[%d] (%s).base: no metric %q in the catalog", i, m.Key, m.Base)
		}
	}
	return problems
}

// BaseURL checks that s is an absolute http(s) URL, the address of the
// site's root, and returns it ending in /.
func BaseURL(s string) (string, bool) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", false
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s, true
}
