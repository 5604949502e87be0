package search

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

var tomlField = regexp.MustCompile(`(?m)^(\w+)\s*=\s*"?([^"\n]*)"?\s*$`)

// loadPlainCorpus reads a corpus in the plain format of gencorpus (go
// run ./generator/cmd/gencorpus --reports N --out DIR; formerly the
// Python gencorpus.py --format plain): <province>/<county>/<agency>-<year>.txt
// with a .toml beside it, one passage per line, for tests that need
// volume.
func loadPlainCorpus(t testing.TB, dir string) []Doc {
	t.Helper()
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".txt") {
			files = append(files, p)
		}
		return err
	})
	sort.Strings(files)
	var docs []Doc
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		meta, err := os.ReadFile(strings.TrimSuffix(f, ".txt") + ".toml")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, kv := range tomlField.FindAllStringSubmatch(string(meta), -1) {
			m[kv[1]] = kv[2]
		}
		year, _ := strconv.Atoi(m["year"])
		agency, full := m["agency"], m["county"]+m["agency"]
		if short, ok := strings.CutPrefix(agency, m["county"]); ok {
			agency, full = short, m["agency"]
		}
		d := Doc{
			Title: m["title"], URL: f, Province: m["province"], ProvinceKey: m["province"], City: m["city"],
			County: m["county"], CountyKey: m["province"] + "/" + m["county"], Agency: agency,
			AgencyFull: full, Year: year,
		}
		lines := strings.Split(strings.TrimSpace(string(body)), "\n")
		for i, l := range lines[1:] {
			d.Passages = append(d.Passages, Passage{Anchor: "p" + strconv.Itoa(i+1), Text: l})
		}
		docs = append(docs, d)
	}
	return docs
}

// TestBuildCorpus builds the index of the corpus in $SEARCH_CORPUS, if
// set, and reports its cost.
func TestBuildCorpus(t *testing.T) {
	dir := os.Getenv("SEARCH_CORPUS")
	if dir == "" {
		t.Skip("SEARCH_CORPUS not set")
	}
	docs := loadPlainCorpus(t, dir)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	before := ms.HeapAlloc
	rss0 := procStatus("VmRSS")
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	start := time.Now()
	m := newMemFiles()
	st, err := Build(docs, Options{}, m.add)
	if err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&ms)
	t.Logf("RSS before %d MB, peak during build %d MB", rss0>>10, procStatus("VmHWM")>>10)
	t.Logf("%d docs in %v, heap now %d MB (before %d MB), sys %d MB\n%+v", len(docs), time.Since(start), ms.HeapAlloc>>20, before>>20, ms.Sys>>20, st)
}

// procStatus returns a kB field of /proc/self/status, or 0.
func procStatus(field string) int {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, field+":"); ok {
			n, _ := strconv.Atoi(strings.Fields(v)[0])
			return n
		}
	}
	return 0
}
