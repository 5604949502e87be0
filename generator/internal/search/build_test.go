package search

import (
	"bytes"
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
