package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// Filters are terms of the term index whose keys start with a control
// character that no text gram can contain, followed by the kind:
//
//	"\x01p" + province key   "\x01c" + county key
//	"\x01a" + agency name    "\x01y" + year
//
// A filter ANDs its report set into the query, so a filtered search costs
// one more directory block and postings record.
const (
	FilterProvince = "province"
	FilterCounty   = "county"
	FilterAgency   = "agency"
	FilterYear     = "year"
)

// facetKey returns the term key of a filter value.
func facetKey(kind, value string) string {
	switch kind {
	case FilterProvince:
		return "\x01p" + value
	case FilterCounty:
		return "\x01c" + value
	case FilterAgency:
		return "\x01a" + value
	case FilterYear:
		return "\x01y" + value
	}
	return ""
}

// isFilterKey reports whether a term key is a filter's.
func isFilterKey(key string) bool { return strings.HasPrefix(key, "\x01") }

// facets adds the filter terms of a shard's docs to the term list.
func (e *encoder) facets(docs []Doc) {
	sets := map[string][]int32{}
	for id := range docs {
		d := &docs[id]
		for _, k := range []string{
			facetKey(FilterProvince, d.ProvinceKey), facetKey(FilterCounty, d.CountyKey),
			facetKey(FilterAgency, d.Agency), facetKey(FilterYear, strconv.Itoa(d.Year)),
		} {
			sets[k] = append(sets[k], int32(id))
		}
	}
	for k, ids := range sets {
		e.facet = append(e.facet, encodePostings(k, ids, nil))
	}
}

// Manifest is search/index.json: what the client needs before its first
// query. Counties are listed per province in search/c/<province key>.json
// (a []Option), fetched when a province is chosen.
type Manifest struct {
	Version   int      `json:"version"`
	Docs      int      `json:"docs"`
	BlockSize int      `json:"blockSize"` // payload block size in bytes
	Shards    []Shard  `json:"shards"`    // in report order: newest year first
	Provinces []Option `json:"provinces"`
	Agencies  []Option `json:"agencies"`
	Years     []Option `json:"years"`
}

// Option is a filter value with the number of reports it has.
type Option struct {
	Key   string `json:"key"`
	Name  string `json:"name"`
	City  string `json:"city,omitempty"` // counties only
	Count int    `json:"n"`
}

// Shard is a part of the index built and read on its own: the reports of
// one year, numbered from the sum of the Docs of the shards before it.
type Shard struct {
	Name string `json:"name"` // the directory below search/: ShardName(year)
	Docs int    `json:"docs"`
}

// manifestVersion changes when a file format changes.
const manifestVersion = 2

// ManifestPath is the manifest's path below the site root.
const ManifestPath = "search/index.json"

// countyListPath is the county list of a province.
func countyListPath(provinceKey string) string {
	return "search/c/" + provinceKey + ".json"
}

// WriteManifest writes the manifest and the county lists of the index of
// docs, whose Passages it does not read: the shards of BuildShard are
// listed from the years of docs.
func WriteManifest(docs []Doc, add AddFunc) (Stats, error) {
	var st Stats
	order := orderDocs(docs)
	m := Manifest{Version: manifestVersion, Docs: len(docs), BlockSize: blockSize, Shards: []Shard{}}
	for _, ids := range yearGroups(docs, order) {
		m.Shards = append(m.Shards, Shard{Name: ShardName(docs[ids[0]].Year), Docs: len(ids)})
	}
	var provinces, agencies, years []Option
	counties := map[string][]Option{}
	count := func(list *[]Option, key, name, city string) {
		for i := range *list {
			if (*list)[i].Key == key {
				(*list)[i].Count++
				return
			}
		}
		*list = append(*list, Option{Key: key, Name: name, City: city, Count: 1})
	}
	for _, i := range order {
		d := &docs[i]
		count(&provinces, d.ProvinceKey, d.Province, "")
		cs := counties[d.ProvinceKey]
		count(&cs, d.CountyKey, d.County, d.City)
		counties[d.ProvinceKey] = cs
		count(&agencies, d.Agency, d.Agency, "")
		count(&years, strconv.Itoa(d.Year), strconv.Itoa(d.Year)+"年度", "")
	}
	// Provinces and counties in site order (as given), agencies by name,
	// years newest first (already so).
	site := func(list []Option, key func(d *Doc) string) {
		first := map[string]int{}
		for i := range docs {
			if _, ok := first[key(&docs[i])]; !ok {
				first[key(&docs[i])] = i
			}
		}
		slices.SortStableFunc(list, func(a, b Option) int { return cmp.Compare(first[a.Key], first[b.Key]) })
	}
	site(provinces, func(d *Doc) string { return d.ProvinceKey })
	slices.SortFunc(agencies, func(a, b Option) int { return cmp.Compare(a.Key, b.Key) })
	m.Provinces, m.Agencies, m.Years = provinces, agencies, years
	files := map[string]any{ManifestPath: m}
	for p, cs := range counties {
		site(cs, func(d *Doc) string { return d.CountyKey })
		files[countyListPath(p)] = cs
	}
	for _, name := range sortedKeys(files) {
		data, err := marshalJSON(files[name])
		if err != nil {
			return st, err
		}
		st.OtherBytes += int64(len(data))
		st.Files++
		if err := add(name, data); err != nil {
			return st, err
		}
	}
	return st, nil
}

// marshalJSON encodes v without HTML escaping, ending in a newline.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return b.Bytes(), err
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
