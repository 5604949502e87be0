package search

import (
	"bytes"
	"errors"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestDeterministic builds the same corpus with different parallelism and
// expects the same bytes in every file.
func TestDeterministic(t *testing.T) {
	docs := append(generateDocs(250, 5), trapDocs()...)
	_, a := buildIndex(t, docs, Options{Workers: 1, BlockBytes: 1024, PartBytes: 8192})
	_, b := buildIndex(t, docs, Options{Workers: 5, BlockBytes: 1024, PartBytes: 8192})
	if len(a.files) != len(b.files) {
		t.Fatalf("%d files against %d", len(a.files), len(b.files))
	}
	for p, data := range a.files {
		if !bytes.Equal(data, b.files[p]) {
			t.Errorf("%s differs between builds", p)
		}
	}
}

// TestEmpty builds an index of no reports; every query finds nothing.
func TestEmpty(t *testing.T) {
	s, _ := buildIndex(t, nil, Options{})
	res, err := s.Search(Request{Query: "信访局"})
	if err != nil || res.Total != 0 {
		t.Errorf("empty index: %v, %d results", err, res.Total)
	}
}

// TestFragment checks that a report's fragment reads back whole.
func TestFragment(t *testing.T) {
	docs := trapDocs()
	docs[0].Passages[0].Text = "含\t制表符\n和换行"
	s, _ := buildIndex(t, docs, Options{})
	order := orderDocs(docs)
	for id, i := range order {
		f, err := s.Fragment(id)
		if err != nil {
			t.Fatal(err)
		}
		d := docs[i]
		if f.Title != d.Title || f.URL != d.URL || f.Year != d.Year || len(f.Lines) != len(d.Passages) {
			t.Errorf("report %d: fragment %+v", id, f)
			continue
		}
		for j, l := range f.Lines {
			if l.Anchor != d.Passages[j].Anchor || l.Text != cleanLine(d.Passages[j].Text) {
				t.Errorf("report %d line %d: %+v", id, j, l)
			}
		}
	}
}

// TestShardsIndependent adds a report of one year and expects every file
// of the other years' shards to keep its bytes (only that year's shard, the
// manifest and the county lists change), and the search to count it.
func TestShardsIndependent(t *testing.T) {
	docs := append(generateDocs(200, 11), trapDocs()...)
	_, before := buildIndex(t, docs, Options{BlockBytes: 1024, PartBytes: 8192})
	added := trapDocs()[3] // 按期答复率, of 2022
	added.URL = "trap/added/"
	s, after := buildIndex(t, append(slices.Clone(docs), added), Options{BlockBytes: 1024, PartBytes: 8192})
	changed := map[string]bool{}
	for p, b := range after.files {
		if !bytes.Equal(before.files[p], b) {
			changed[path.Dir(p)] = true
		}
	}
	for p := range before.files {
		if _, ok := after.files[p]; !ok {
			t.Errorf("%s is gone", p)
		}
	}
	if want := map[string]bool{"search": true, "search/c": true, "search/2022": true}; !maps.Equal(changed, want) {
		t.Errorf("directories changed: %v, want %v", slices.Sorted(maps.Keys(changed)), slices.Sorted(maps.Keys(want)))
	}
	res, err := s.Search(Request{Query: "按期答复率"})
	if err != nil || res.Total != 2 {
		t.Errorf("按期答复率: %d reports, %v; want the two of 2022", res.Total, err)
	}
}

// TestShardYears refuses a shard of more than one year.
func TestShardYears(t *testing.T) {
	docs := trapDocs()[:3]
	if _, err := BuildShard(docs, Options{}, newMemFiles().add); err == nil || !strings.Contains(err.Error(), "trap/pieces/") {
		t.Errorf("a shard of 2024 and 2023: %v", err)
	}
}

// TestOpenRefusesBadShards opens manifests whose shard list is not one
// the build writes: a name that is not a year, a year twice, an empty
// shard.
func TestOpenRefusesBadShards(t *testing.T) {
	for _, tc := range []struct {
		docs   int
		shards string
	}{
		{1, `[{"name":"..","docs":1}]`}, {1, `[{"name":"%2e%2e","docs":1}]`}, {1, `[{"name":"02024","docs":1}]`},
		{2, `[{"name":"2024","docs":1},{"name":"2024","docs":1}]`}, {1, `[{"name":"2024","docs":0},{"name":"2023","docs":1}]`},
		{3, `[{"name":"2024","docs":1}]`},
	} {
		m := newMemFiles()
		m.add(ManifestPath, []byte(`{"version":2,"docs":`+strconv.Itoa(tc.docs)+`,"blockSize":512,"shards":`+tc.shards+`}`))
		if _, err := Open(m.read); !errors.Is(err, errCorrupt) {
			t.Errorf("shards %s: %v", tc.shards, err)
		}
	}
}

// TestYearFilterReadsOneShard checks that a year-filtered query reads
// postings from that year's shard only (the others' directory entries
// give the report counts), with the same hits as reading them all.
func TestYearFilterReadsOneShard(t *testing.T) {
	docs := append(generateDocs(300, 3), trapDocs()...)
	s, _ := buildIndex(t, docs, Options{BlockBytes: 512, PartBytes: 4096})
	for _, q := range []string{"信访局", "工作机制 信访", "全年共受理１２３４５热线诉求"} {
		res := checkAgainstOracle(t, s, docs, Request{Query: q, Filters: map[string]string{FilterYear: "2022"}})
		if res.Total == 0 {
			t.Errorf("%q in 2022: no result", q)
		}
		long := len(ParseQuery(q)[0].Units) > 4
		for _, f := range res.Fetches {
			if strings.Contains(f.Path, "/post-") && !strings.HasPrefix(f.Path, "search/2022/") {
				t.Errorf("%q in 2022 read postings of %s", q, f.Path)
			}
			if !long && strings.Contains(f.Path, "/pos-") {
				t.Errorf("%q in 2022 read positions of %s", q, f.Path)
			}
		}
	}
}
