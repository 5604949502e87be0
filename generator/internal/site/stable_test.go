package site

import (
	"strings"
	"testing"

	"portal/generator/internal/config"
	"portal/generator/internal/content"
	"portal/generator/internal/divisions"
)

// report is an input of one report; code "" for a county outside the
// division table.
func report(file, agency, county, city, code string, year int) Input {
	meta := content.Meta{Title: "t", Agency: agency, County: county, City: city, Province: "河南省", DivisionCode: code, Year: year}
	return Input{Report: &content.Report{File: file + ".txt", MetaFile: file + ".toml", Format: ".txt", Meta: meta}}
}

// urls maps each report's file to its URL.
func urls(t *testing.T, inputs ...Input) map[string]string {
	t.Helper()
	s, problems := New(&config.Config{}, inputs)
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	m := map[string]string{}
	for _, r := range s.Reports {
		m[r.Source.File] = r.URL
	}
	return m
}

// A published URL never changes because another report is added: a
// look-alike or homophone of an agency, a county or a city gets a URL of
// its own.
func TestURLsStableWhenReportsAreAdded(t *testing.T) {
	base := []Input{
		report("a", "信访局", "鲁山县", "平顶山市", "410423", 2024),
		report("b", "县委政法委", "鲁山县", "平顶山市", "410423", 2024),
		report("c", "信访局", "新设县", "平顶山市", "", 2024),
	}
	before := urls(t, base...)
	for _, added := range []Input{
		report("x", "信坊局", "鲁山县", "平顶山市", "410423", 2024),   // a look-alike of a standard agency
		report("x", "县委正法委", "鲁山县", "平顶山市", "410423", 2024), // a homophone of another agency
		report("x", "信访局", "新社县", "平顶山市", "", 2024),         // a homophone of a county outside the table
		report("x", "信访局", "新设县", "新城市", "", 2024),          // the same name in another city
		report("x", "信访局", "鲁山县", "平顶山市", "410423", 2023),   // another year
		report("x", "信访局", "新设县", "", "", 2023),             // the county without its city
	} {
		after := urls(t, append(base[:len(base):len(base)], added)...)
		for file, url := range before {
			if after[file] != url {
				t.Errorf("adding %s %s moved %s from %s to %s", added.Report.Meta.County, added.Report.Meta.Agency, file, url, after[file])
			}
		}
		for file, url := range after {
			if file != "x.txt" && before[file] != url {
				t.Errorf("%s: %s", file, url)
			}
		}
	}
	if got := before["a.txt"]; got != "counties/410423/xinfangju-2024/" {
		t.Errorf("a standard agency's URL: %s", got)
	}
}

// A county outside the division table written with and without its city
// is one county; under two cities it is two, and a report naming neither
// is an error.
func TestCountyWithAndWithoutCity(t *testing.T) {
	s, problems := New(&config.Config{}, []Input{
		report("a", "信访局", "新设县", "平顶山市", "", 2024),
		report("b", "司法局", "新设县", "", "", 2024),
	})
	if problems.HasErrors() || len(s.Counties) != 1 || s.Counties[0].City.Name != "平顶山市" {
		t.Fatalf("counties %d, problems %s", len(s.Counties), problems)
	}
	_, problems = New(&config.Config{}, []Input{
		report("a", "信访局", "新设县", "平顶山市", "", 2024),
		report("b", "司法局", "新设县", "许昌市", "", 2024),
		report("c", "教育局", "新设县", "", "", 2024),
	})
	if !problems.HasErrors() || !strings.Contains(problems.String(), "c.toml") || !strings.Contains(problems.String(), "平顶山市 and 许昌市") {
		t.Errorf("problems: %s", problems)
	}
}

// The names that get their plain pinyin (standard agencies, the cities of
// each province in the division table, the provinces) have slugs of their
// own.
func TestStandardSlugsUnique(t *testing.T) {
	seen := map[string]string{}
	for name := range standardAgencies {
		s := agencySlug(name)
		if other, ok := seen[s]; ok {
			t.Errorf("agencies %s and %s share the slug %s", name, other, s)
		}
		seen[s] = name
	}
	for province, cities := range tableCities() {
		seen := map[string]string{}
		for city := range cities {
			s := citySlug(province, city)
			if other, ok := seen[s]; ok {
				t.Errorf("%s: cities %s and %s share the slug %s", province, city, other, s)
			}
			seen[s] = city
		}
	}
	seen = map[string]string{}
	for _, p := range divisions.Provinces() {
		s := provinceSlug(p)
		if other, ok := seen[s]; ok || strings.Contains(s, "-") {
			t.Errorf("provinces %s and %s: slug %s", p, other, s)
		}
		seen[s] = p
	}
}
