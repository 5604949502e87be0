package content

import (
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"portal/generator/internal/diag"
	"portal/generator/internal/divisions"
)

// PathFacts is what a report file's path below the content directory
// says of it, laid out as <province>/<county or city>/<agency>-<year>.<ext>
// (or <province>/<city>/<county>/…): each fact "" or 0 when the path does
// not give it.
type PathFacts struct {
	Province, City, Place string // Place: the county, or a prefecture-level city
	Agency                string
	Year                  int
}

// FactsOf reads the facts of the slash path p, relative to the content
// directory. The folders give a province (the first folder that names
// one of the division table's provinces), then, below it, a city (a
// folder naming a prefecture-level city of that province, when a county
// follows) and a county or city (a folder whose name ends as a division's
// does: 县, 区, 市, 旗, 盟, 州); other folders (a year, an agency, a batch)
// say nothing. The file name gives agency and year when it reads
// <agency>-<year>, the year of four digits. Only names written in Chinese
// count: a file report-2024.txt names no agency; its metadata does.
func FactsOf(p string) PathFacts {
	var f PathFacts
	dirs := strings.Split(path.Dir(p), "/")
	for i, d := range dirs {
		if divisions.ProvinceName(d) == "" {
			continue
		}
		f.Province = d
		rest := dirs[i+1:]
		if len(rest) >= 2 && placeName(rest[1]) && len(divisions.Cities(rest[0], d)) > 0 {
			f.City, rest = rest[0], rest[1:]
		}
		if len(rest) > 0 && placeName(rest[0]) {
			f.Place = rest[0]
		}
		break
	}
	base := strings.TrimSuffix(path.Base(p), path.Ext(p))
	if i := strings.LastIndexAny(base, "-_－"); i > 0 {
		_, size := lastRune(base[i:])
		year, err := strconv.Atoi(base[i+size:])
		if err == nil && len(base[i+size:]) == 4 && year >= 2000 {
			f.Agency, f.Year = chinese(strings.TrimSpace(base[:i])), year
		}
	}
	return f
}

// placeName reports whether a folder's name can be a county's or a
// city's: Chinese, ending as a division's name does.
func placeName(name string) bool {
	for _, suffix := range []string{"县", "区", "市", "旗", "盟", "州"} {
		if strings.HasSuffix(name, suffix) && chinese(name) != "" && len([]rune(name)) >= 2 {
			return true
		}
	}
	return false
}

// agencyCore is an agency's name without the places it may start with:
// 怀化市鹤城区信访局 and 信访局 are one agency of 鹤城区 in 怀化市.
func (m *Meta) agencyCore(a string) string {
	for _, p := range []string{m.Province, divisions.Short(m.Province), m.City, divisions.Short(m.City), m.County} {
		if p != "" && strings.HasPrefix(a, p) && len(a) > len(p) {
			a = a[len(p):]
		}
	}
	return a
}

// chinese is name when it holds a Chinese character, else "".
func chinese(name string) string {
	for _, r := range name {
		if unicode.Is(unicode.Han, r) {
			return name
		}
	}
	return ""
}

// joined is an agency's name without the separators a file name may
// put in it: 叶县-司法局 is 叶县司法局.
func joined(s string) string {
	return strings.NewReplacer("-", "", "_", "", "－", "", " ", "").Replace(s)
}

func lastRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// fromPath completes m with what the path says and the metadata left out,
// and reports each fact the two give differently: an error naming both
// places. at is where the path's facts are reported (the report file).
func fromPath(m *Meta, f PathFacts, at diag.Pos) diag.List {
	var problems diag.List
	conflict := func(key, meta, fromPath string) {
		problems.Errorf(m.pos(key, at), "%s: the metadata says %q, the path %s says %q: make them agree", key, meta, at.File, fromPath)
	}
	fill := func(key string, v *string, p string, same func(a, b string) bool) {
		switch {
		case p == "":
		case *v == "":
			*v = p
			m.setPos(key, at)
		case !same(*v, p):
			conflict(key, *v, p)
		}
	}
	fill("province", &m.Province, f.Province, func(a, b string) bool { return divisions.Short(a) == divisions.Short(b) })
	fill("city", &m.City, f.City, func(a, b string) bool { return divisions.Short(a) == divisions.Short(b) })
	fill("county", &m.County, f.Place, func(a, b string) bool { return a == b })
	fill("agency", &m.Agency, f.Agency, func(a, b string) bool {
		return m.agencyCore(joined(a)) == m.agencyCore(joined(b))
	})
	switch {
	case f.Year == 0:
	case m.Year == 0:
		m.Year = f.Year
		m.setPos("year", at)
	case m.Year != f.Year:
		conflict("year", strconv.Itoa(m.Year), strconv.Itoa(f.Year))
	}
	return problems
}

// pos is where key was written in the metadata, or else at.
func (m *Meta) pos(key string, at diag.Pos) diag.Pos {
	if p, ok := m.Keys[key]; ok && p.File != "" {
		return p
	}
	return at
}

// setPos records that key's value comes from at.
func (m *Meta) setPos(key string, at diag.Pos) {
	if m.Keys == nil {
		m.Keys = map[string]diag.Pos{}
	}
	m.Keys[key] = at
}

// FactsOfFile reads the facts of a report file outside a site (new),
// from the folders above it that FactsOf reads.
func FactsOfFile(name string) PathFacts {
	return FactsOf(filepath.ToSlash(filepath.Clean(name)))
}
