package build

import (
	"strconv"

	"portal/generator/internal/cache"
	"portal/generator/internal/search"
	"portal/generator/internal/site"
)

// passageCache holds the searchable passages of a shard's reports in
// formats slow to parse (PDF, OFD, .docx), by passageKey: a shard is
// built anew whenever one of its reports changes, and without it the
// build would parse every other PDF of the year again.
type passageCache map[cache.Key][]search.Passage

// passageFile is the cache file of a shard's passages.
func passageFile(shard string) string { return "passages-" + shard + ".gob" }

// passageKey names what a report's passages are read from: its file's
// bytes and format, and where its body starts. The cache's version
// stamp covers the parsers.
func passageKey(r *site.Report) cache.Key {
	return cache.NewHasher().Add(r.Source.Hash[:]).AddString(r.Source.Format, strconv.Itoa(r.Source.BodyLine)).Key()
}

// passages returns the passages the cache holds for shard; none without
// a cache, or when its file is missing or damaged.
func (st *state) passages(shard string) passageCache {
	var pc passageCache
	if st == nil || st.dir.Load(passageFile(shard), &pc) != nil {
		return nil
	}
	return pc
}

// savePassages keeps pc as the passages of shard for the next build,
// while the build goes on; a shard with none leaves no file behind.
func (st *state) savePassages(shard string, pc passageCache) {
	if st == nil {
		return
	}
	if len(pc) == 0 {
		st.dir.Remove(passageFile(shard))
		return
	}
	st.saveLater(passageFile(shard), pc)
}
