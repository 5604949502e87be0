package content

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"portal/generator/internal/diag"
	"portal/generator/internal/tomlpos"
)

// Meta is a report's metadata, from its sidecar TOML file or the front
// matter of its Markdown file, completed by what the file's path says
// (fromPath): where both give a fact, they must agree.
type Meta struct {
	Title        string             `toml:"title"`
	Agency       string             `toml:"agency"`        // 信访局, or the full 鲁山县信访局
	County       string             `toml:"county"`        // 鲁山县
	City         string             `toml:"city"`          // optional: 平顶山市
	Province     string             `toml:"province"`      // 河南省; optional when the county is in the division table
	Year         int                `toml:"year"`          // the year reported on
	Published    Date               `toml:"published"`     // 发布日期, optional (zero when unknown)
	Written      Date               `toml:"written"`       // 成文日期, optional
	DocNumber    string             `toml:"doc_number"`    // 文号, optional
	IndexNumber  string             `toml:"index_number"`  // 索引号, optional, unique
	DivisionCode string             `toml:"division_code"` // 6-digit GB/T 2260 code, optional
	SourceURL    string             `toml:"source_url"`    // optional
	Summary      string             `toml:"summary"`       // optional
	Metrics      map[string]float64 `toml:"metrics"`       // optional, authoritative figures

	// Keys records where each key was written, for later checks that need a
	// position (metrics disagreements, duplicate 索引号). Not from TOML.
	Keys map[string]diag.Pos `toml:"-"`
}

// Date is a calendar date (TOML local date). Only year, month and day are
// kept, so a build does not depend on the machine's time zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d.Year == 0 }

// String formats the date as 2024-03-31, or "" when it is zero.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Chinese formats the date as 2024年3月31日.
func (d Date) Chinese() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year, d.Month, d.Day)
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// UnmarshalTOML accepts a TOML local date (published = 2024-03-31) or a
// date-time, keeping its calendar date.
func (d *Date) UnmarshalTOML(v any) error {
	t, ok := v.(time.Time)
	if !ok || t.Location().String() == "time-local" {
		return tomlpos.WantDate(v)
	}
	*d = Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
	return nil
}

var (
	divisionCode = regexp.MustCompile(`^[1-8][0-9]{5}$`)
	frontMatter  = "+++"
)

// MaxMetaSize is the largest metadata text (sidecar or front matter) read.
const MaxMetaSize = 64 << 10

// metaLimits bound metadata before it is decoded: a report's has some
// twenty keys, and a few kilobytes cost the TOML decoder gigabytes when
// nested thousands deep.
var metaLimits = tomlpos.Limits{What: "metadata", Size: MaxMetaSize, Depth: 16, KeyDepth: 32, Keys: 1000, Values: 1000}

// metaKeys are the keys of metadata, for "did you mean" (UnknownKeys).
var metaKeys = tomlpos.FieldKeys(Meta{})

// parseMeta decodes TOML metadata. src is the TOML text, lineOffset the
// number of lines of file above it (front matter starts below a +++ line).
func parseMeta(file string, src []byte, lineOffset int, latestYear int) (Meta, diag.List) {
	var m Meta
	ix, problems := tomlpos.Scan(file, src, lineOffset, metaLimits)
	if problems.HasErrors() {
		return m, problems
	}
	md, err := toml.Decode(string(src), &m)
	if err != nil {
		problems.Add(ix.Problem(err))
		return m, problems
	}
	pos := func(key ...string) diag.Pos { return ix.KeyPos(toml.Key(key)) }
	problems.Add(ix.UnknownKeys(md.Undecoded(), metaKeys...)...)
	m.Keys = map[string]diag.Pos{}
	for _, k := range md.Keys() {
		m.Keys[k.String()] = ix.KeyPos(k)
	}
	problems.Add(m.clean(pos)...)
	for _, d := range []struct {
		key  string
		date Date
	}{{"written", m.Written}, {"published", m.Published}} {
		if md.IsDefined(d.key) && (d.date.Year < 2000 || d.date.Year > latestYear) {
			problems.Errorf(pos(d.key), "%s: %04d-%02d-%02d is outside 2000..%d", d.key, d.date.Year, d.date.Month, d.date.Day, latestYear)
		}
	}
	if m.DivisionCode != "" && !divisionCode.MatchString(m.DivisionCode) {
		problems.Errorf(pos("division_code"), "division_code: want 6 digits, got %q", m.DivisionCode)
	}
	if m.SourceURL != "" && !strings.HasPrefix(m.SourceURL, "https://") && !strings.HasPrefix(m.SourceURL, "http://") {
		problems.Errorf(pos("source_url"), "source_url: want an http(s) URL, got %q", m.SourceURL)
	}
	if !m.Published.IsZero() && !m.Written.IsZero() && m.Published.Before(m.Written) {
		problems.Errorf(pos("published"), "published: %s is before the written date %s", m.Published, m.Written)
	}
	for _, field := range []struct{ key, v string }{{"title", m.Title}, {"agency", m.Agency}, {"county", m.County}, {"city", m.City}, {"province", m.Province}} {
		if len([]rune(field.v)) > 200 {
			problems.Errorf(pos(field.key), "%s: %d characters is too long (at most 200)", field.key, len([]rune(field.v)))
		}
	}
	return m, problems
}

// clean trims and normalises (NFC) the text fields, so that the rest of
// the build compares names as readers see them, and reports characters a
// reader cannot see or could take for others: a zero-width space makes
// 信访局 a second agency with the same name on the page.
//
// The names that make paths must hold no path character either: /, \, ..
// or NUL.
func (m *Meta) clean(pos func(key ...string) diag.Pos) diag.List {
	var problems diag.List
	for _, f := range []struct {
		key  string
		v    *string
		rule textRule
	}{
		{"title", &m.Title, pathRule},
		{"agency", &m.Agency, pathRule},
		{"county", &m.County, pathRule},
		{"city", &m.City, pathRule},
		{"province", &m.Province, pathRule},
		{"doc_number", &m.DocNumber, nameRule},
		{"index_number", &m.IndexNumber, nameRule},
		{"division_code", &m.DivisionCode, nameRule},
		{"source_url", &m.SourceURL, urlRule},
		{"summary", &m.Summary, proseRule},
	} {
		var why diag.Msg
		*f.v, why = cleanText(f.key, *f.v, f.rule)
		switch {
		case f.rule == pathRule && (strings.ContainsAny(*f.v, "/\\\x00") || strings.Contains(*f.v, "..")):
			problems.Errorf(pos(f.key), "%s: %q contains a path character (/, \\, .. or NUL)", f.key, *f.v)
		case why.Format != "":
			problems.Add(diag.NewProblem(pos(f.key), diag.Error, why))
		}
	}
	return problems
}

// splitFrontMatter splits a Markdown file into its TOML front matter between
// +++ lines and its body. bodyLine is the number of lines before the body.
func splitFrontMatter(text string) (meta, body string, bodyLine int, ok bool) {
	if !strings.HasPrefix(text, frontMatter+"\n") && text != frontMatter {
		return "", text, 0, false
	}
	rest := text[len(frontMatter)+1:]
	lines := 1
	for off := 0; off <= len(rest); {
		end := strings.IndexByte(rest[off:], '\n')
		var line string
		if end < 0 {
			line = rest[off:]
		} else {
			line = rest[off : off+end]
		}
		lines++
		if strings.TrimRight(line, " \t") == frontMatter {
			body := ""
			if end >= 0 {
				body = rest[off+end+1:]
			}
			return rest[:off], body, lines, true
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return "", text, 0, false
}

// checkRequired reports the required keys that neither the metadata nor
// the path gave (the title may come from the text: the build checks it),
// and a year out of range. at is where a missing key is reported.
func (m *Meta) checkRequired(at diag.Pos, latestYear int) diag.List {
	var problems diag.List
	for _, req := range []struct {
		key string
		ok  bool
	}{
		{"agency", m.Agency != ""},
		{"county", m.County != ""},
		{"year", m.Year != 0 || m.Keys["year"].File != ""},
	} {
		if !req.ok {
			problems.Errorf(at, "missing required key %q", req.key)
		}
	}
	switch {
	case m.Year == 0 && m.Keys["year"].File == "":
	case m.Year < 2000:
		problems.Errorf(m.pos("year", at), "year: %d is outside 2000..%d", m.Year, latestYear)
	case m.Year > latestYear:
		problems.Errorf(m.pos("year", at), "year: %d is after the current year %d: a report is about a year that has ended", m.Year, latestYear)
	}
	return problems
}

// earlyDates warns of a published or written date before the end of the
// year reported on: some agencies do publish in late December, but a
// date in the year itself is more often a mistyped year; and of a
// report without its publication date.
func (m *Meta) earlyDates(at diag.Pos) diag.List {
	var problems diag.List
	if m.Published.IsZero() && m.Year != 0 {
		problems.Warnf(at, "published: no publication date (发布日期): add published = %d-03-31 or the real date; meanwhile the feed dates the report by its written or signature date, or the end of %d", m.Year+1, m.Year)
	}
	for _, d := range []struct {
		key  string
		date Date
	}{{"written", m.Written}, {"published", m.Published}} {
		if !d.date.IsZero() && m.Year != 0 && d.date.Year <= m.Year {
			problems.Warnf(m.pos(d.key, at), "%s: %s is before the end of %d, the year reported on", d.key, d.date, m.Year)
		}
	}
	return problems
}

// StripFrontMatter returns a Markdown text without its +++ front matter,
// and the number of lines removed.
func StripFrontMatter(text string) (body string, bodyLine int) {
	if _, body, line, ok := splitFrontMatter(text); ok {
		return body, line
	}
	return text, 0
}
