package search

import (
	"testing"
)

// FuzzOpen reads an index whose manifest, or one shard's block index, or
// one directory part, is replaced by arbitrary bytes: Open, a query and
// the fragments of its hits must fail cleanly or succeed, never panic or
// read out of range.
func FuzzOpen(f *testing.F) {
	docs := trapDocs()
	base := newMemFiles()
	if _, err := Build(docs, Options{BlockBytes: 256, PartBytes: 1024}, base.add); err != nil {
		f.Fatal(err)
	}
	for _, name := range []string{ManifestPath, "search/2024/blocks.bin", "search/2024/dir-0.bin"} {
		f.Add(uint8(len(name)%3), base.files[name])
	}
	f.Add(uint8(0), []byte(`{"version":2,"docs":1,"blockSize":512,"shards":[{"name":"2024","docs":1}]}`))
	f.Add(uint8(1), []byte{8, 1, 1, 0, 0})
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		m := newMemFiles()
		for p, b := range base.files {
			m.files[p] = b
		}
		m.files[[]string{ManifestPath, "search/2024/blocks.bin", "search/2024/dir-0.bin"}[which%3]] = data
		s, err := Open(m.read)
		if err != nil {
			return
		}
		for _, q := range []string{"信访局", "按期答复率达到百分之百", "测试省"} {
			res, err := s.Search(Request{Query: q, Filters: map[string]string{FilterYear: "2024"}})
			if err != nil {
				continue
			}
			for _, h := range res.Hits {
				s.Fragment(h.Doc)
			}
		}
	})
}
