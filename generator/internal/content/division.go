package content

import (
	"fmt"
	"strings"

	"portal/generator/internal/diag"
	"portal/generator/internal/divisions"
)

// fillDivisions completes each report's province, city and division code
// from the division table. A county name that several divisions share is an
// error unless the province or city decides it; a county missing from the
// table is fine when the metadata names its province. The metadata and
// the table never disagree silently: a province, city or division code
// that the table contradicts, or a code it does not hold, is an error
// naming both values.
func fillDivisions(reports []*Report) diag.List {
	var problems diag.List
	for _, r := range reports {
		problems.Add(fillDivision(&r.Meta, diag.Pos{File: r.MetaFile})...)
	}
	return problems
}

// fillDivision completes m from the division table; at is where a
// problem without a key's position is reported.
func fillDivision(m *Meta, at diag.Pos) diag.List {
	var problems diag.List
	if m.DivisionCode != "" {
		d, ok := divisions.ByCode(m.DivisionCode)
		switch {
		case !ok:
			problems.Errorf(m.pos("division_code", at), "division_code: %s is not in the division table (GB/T 2260 county-level codes); check it, or leave it out", m.DivisionCode)
		case d.Name != m.County:
			problems.Errorf(m.pos("division_code", at), "division_code: %s is %s, not %s", m.DivisionCode, d.Name, m.County)
		default:
			return fill(m, d, at)
		}
		return problems
	}
	cands := divisions.Find(m.County, m.City, m.Province)
	switch {
	case len(cands) == 1:
		return fill(m, cands[0], at)
	case len(cands) > 1:
		problems.Errorf(m.pos("county", at), "county: %q names %d divisions; add province or city to choose one of: %s", m.County, len(cands), candidates(cands))
	case len(divisions.Lookup(m.County)) > 0:
		problems.Errorf(m.pos("county", at), "county: the division table has no %q in %s; it has: %s", m.County, strings.Join(nonEmpty(m.Province, m.City), "›"), candidates(divisions.Lookup(m.County)))
	case cityLevel(m):
		return problems
	case m.Province == "":
		problems.Errorf(m.pos("county", at), "county: %q is not in the division table; add province (and city) to the metadata", m.County)
	default:
		if full := divisions.ProvinceName(m.Province); full != "" {
			m.Province = full
		}
	}
	return problems
}

// cityLevel fills m as the report of a prefecture-level organ (信阳市信访局)
// when its county names a prefecture-level city of the table: the city is
// then its place, with its own page like a county's. It reports whether
// it did.
func cityLevel(m *Meta) bool {
	cs := divisions.Cities(m.County, m.Province)
	if len(cs) != 1 || m.City != "" && divisions.Short(m.City) != divisions.Short(cs[0].City) {
		return false
	}
	c := cs[0]
	m.County, m.City, m.Province, m.DivisionCode = c.Name, c.City, c.Province, c.Code
	return true
}

// fill takes what the metadata left out from the division d, and
// reports a province or city of the metadata that d contradicts.
func fill(m *Meta, d divisions.Division, at diag.Pos) diag.List {
	var problems diag.List
	if m.Province != "" && divisions.Short(m.Province) != divisions.Short(d.Province) {
		problems.Errorf(m.pos("province", at), "province: the metadata says %q, the division table has %s %s in %s", m.Province, d.Code, d.Name, d.Province)
	}
	if m.City != "" && !divisions.InCity(d, m.City) {
		problems.Errorf(m.pos("city", at), "city: the metadata says %q, the division table has %s %s in %s", m.City, d.Code, d.Name, strings.Join(nonEmpty(d.Province, d.City), "›"))
	}
	if problems.HasErrors() {
		return problems
	}
	m.DivisionCode = d.Code
	m.Province = d.Province
	if m.City == "" || d.City != "" {
		m.City = d.City
	}
	return problems
}

func candidates(ds []divisions.Division) string {
	var s []string
	for _, d := range ds {
		s = append(s, fmt.Sprintf("%s %s", d.Code, strings.Join(nonEmpty(d.Province, d.City, d.Name), "›")))
	}
	return strings.Join(s, "; ")
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// ShortAgency is the agency's name without its county prefix: 鲁山县信访局 in
// 鲁山县 is 信访局. Reports of one agency are grouped by it.
func (m Meta) ShortAgency() string {
	if s := strings.TrimPrefix(m.Agency, m.County); s != "" {
		return s
	}
	return m.Agency
}

// checkDuplicates reports two reports for the same agency and year, and two
// reports with the same 索引号.
func checkDuplicates(reports []*Report) diag.List {
	var problems diag.List
	byAgencyYear := map[string]*Report{}
	byIndex := map[string]*Report{}
	for _, r := range reports {
		m := r.Meta
		k := fmt.Sprintf("%s|%s|%s|%d", m.Province, m.County, m.ShortAgency(), m.Year)
		if first, ok := byAgencyYear[k]; ok {
			problems.Errorf(diag.Pos{File: r.MetaFile}, "two reports for %s%s %d: %s and %s", m.County, m.ShortAgency(), m.Year, first.File, r.File)
		} else {
			byAgencyYear[k] = r
		}
		if m.IndexNumber == "" {
			continue
		}
		if first, ok := byIndex[m.IndexNumber]; ok {
			problems.Errorf(m.Keys["index_number"], "index_number: %q is already used by %s", m.IndexNumber, first.MetaFile)
		} else {
			byIndex[m.IndexNumber] = r
		}
	}
	return problems
}
