package search

import (
	"strings"
	"testing"
)

func TestBodyWeight(t *testing.T) {
	if bodyWeight(0, 32) != 0 {
		t.Error("no occurrence must weigh 0")
	}
	for tf := 1; tf < 50; tf++ {
		if bodyWeight(tf+1, 32) < bodyWeight(tf, 32) {
			t.Errorf("weight falls from tf %d to %d", tf, tf+1)
		}
		if bodyWeight(tf, 16) < bodyWeight(tf, 64) {
			t.Errorf("tf %d: a short report weighs less than a long one", tf)
		}
		if w := bodyWeight(tf, 1); w > weightMax {
			t.Errorf("weight %d over the maximum", w)
		}
	}
	if !(bodyWeight(3, 32) > bodyWeight(1, 32)) || !(bodyWeight(1, 20) > bodyWeight(1, 60)) {
		t.Error("more occurrences and shorter reports must weigh more")
	}
	for df := 1; df < 1000; df++ {
		if idfWeight(df+1, 1000) > idfWeight(df, 1000) {
			t.Errorf("idf rises from df %d", df)
		}
	}
	if termScore(makePayload(0, true, false, 0)) <= termScore(makePayload(weightMax, false, false, 1)) ||
		termScore(makePayload(0, false, true, 0)) <= termScore(makePayload(weightMax, true, false, 1)) {
		t.Error("title must beat heading must beat any body weight")
	}
	if lengthFactor(refLength) != kqScale || lengthFactor(0) >= lengthFactor(3*refLength) {
		t.Error("length factor")
	}
}

// TestRanking checks the order rules on small reports that differ in one
// thing each.
func TestRanking(t *testing.T) {
	filler := strings.Repeat("其他内容。", 20)
	doc := func(url string, year int, title string, passages ...Passage) Doc {
		return Doc{Title: title, URL: url, Province: "某省", ProvinceKey: "p", County: "某县", CountyKey: "c",
			Agency: "某局", AgencyFull: "某县某局", Year: year, Passages: passages}
	}
	body := func(s string) Passage { return Passage{Anchor: "p1", Text: s} }
	head := func(s string) Passage { return Passage{Anchor: "s1", Heading: true, Text: s} }
	docs := []Doc{
		doc("body-many/", 2024, "报告", body("调解调解调解调解调解"+filler)),
		doc("heading/", 2024, "报告", head("一、调解"), body(filler)),
		doc("title/", 2024, "调解报告", body(filler)),
		doc("body-once-long/", 2024, "报告", body("调解"+filler+filler+filler)),
		doc("body-once-short/", 2024, "报告", body("调解"+filler)),
		doc("tie-old/", 2022, "报告", body("调解"+filler)),
		doc("tie-new/", 2025, "报告", body("调解"+filler)),
		doc("tie-second/", 2025, "报告", body("调解"+filler)),
	}
	s, _ := buildIndex(t, docs, Options{})
	res, err := s.Search(Request{Query: "调解"})
	if err != nil {
		t.Fatal(err)
	}
	order := orderDocs(docs)
	var got []string
	for _, h := range res.Hits {
		got = append(got, docs[order[h.Doc]].URL)
	}
	want := []string{"title/", "heading/", "body-many/", "tie-new/", "tie-second/", "body-once-short/", "tie-old/", "body-once-long/"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("order\n got  %v\n want %v", got, want)
	}
	// The same query twice gives the same bytes of index and the same order.
	s2, _ := buildIndex(t, docs, Options{})
	res2, _ := s2.Search(Request{Query: "调解"})
	for i := range res.Hits {
		if res.Hits[i] != res2.Hits[i] {
			t.Fatal("ranking is not deterministic")
		}
	}
}
