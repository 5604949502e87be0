package search

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The oracle answers a query by reading every report's text: no index,
// no grams, no positions. The searcher must agree with it exactly:
// reports, scores and order.

// occurrences counts the matches of term in text, token by token.
func occurrences(text string, term Term) int {
	toks := Tokens(text)
	n, count := len(term.Units), 0
next:
	for i := 0; i+n <= len(toks); i++ {
		for j := range n {
			if toks[i+j].Text != term.Units[j].Text || (j > 0 && toks[i+j].Gap) {
				continue next
			}
		}
		count++
	}
	return count
}

// passageLength is what the index counts for a body passage: its units
// and the gaps between them.
func passageLength(text string) int {
	n := 0
	for i, t := range Tokens(text) {
		n++
		if t.Gap && i > 0 {
			n++
		}
	}
	return n
}

// oracleSearch ranks the reports for req by brute force.
func oracleSearch(docs []Doc, req Request) []Hit {
	order := orderDocs(docs)
	lengths := make([]int, len(docs))
	for id, i := range order {
		for _, p := range docs[i].Passages {
			lengths[id] += passageLength(cleanLine(p.Text))
		}
	}
	kq := lengthFactors(lengths)
	terms := ParseQuery(req.Query)
	if len(terms) == 0 {
		return nil
	}
	type stat struct {
		match bool
		pay   payload
	}
	stats := make([][]stat, len(terms))
	df := make([]int, len(terms))
	for ti, term := range terms {
		stats[ti] = make([]stat, len(docs))
		// A long phrase's snippet block is that of its first 4-gram.
		blockTerm := term
		if len(term.Units) > 4 {
			blockTerm = Term{Units: term.Units[:4]}
		}
		for id, i := range order {
			d := &docs[i]
			title := false
			for _, f := range metaFields(d) {
				title = title || occurrences(cleanLine(f), term) > 0
			}
			tf, heading, block, off := 0, false, 0, 0
			for _, p := range d.Passages {
				text := cleanLine(p.Text)
				n := occurrences(text, term)
				tf += n
				heading = heading || (n > 0 && p.Heading)
				if block == 0 && occurrences(text, blockTerm) > 0 {
					block = blockOf(off)
				}
				off += len(cleanLine(p.Anchor)) + len(text) + 2
			}
			if tf == 0 {
				block = 0
			}
			if tf > 0 || title {
				stats[ti][id] = stat{true, makePayload(bodyWeight(tf, int(kq[id])), heading, title, block)}
				df[ti]++
			}
		}
	}
	var hits []Hit
	for id, i := range order {
		d := &docs[i]
		if f := req.Filters; f[FilterYear] != "" && f[FilterYear] != strconv.Itoa(d.Year) ||
			f[FilterProvince] != "" && f[FilterProvince] != d.ProvinceKey ||
			f[FilterCounty] != "" && f[FilterCounty] != d.CountyKey ||
			f[FilterAgency] != "" && f[FilterAgency] != d.Agency {
			continue
		}
		h := Hit{Doc: id}
		all := true
		for ti := range terms {
			s := stats[ti][id]
			if !s.match {
				all = false
				break
			}
			h.Score += idfWeight(df[ti], len(docs)) * termScore(s.pay)
			if b := s.pay.block(); b > 0 && (h.Block == 0 || b < h.Block) {
				h.Block = b
			}
		}
		if all {
			hits = append(hits, h)
		}
	}
	slices.SortFunc(hits, compareHits)
	return hits
}

// stringMatch is an independent check for terms of CJK characters only:
// the term is a substring of some passage once white space is removed.
func stringMatch(d *Doc, term string) bool {
	strip := func(s string) string {
		return strings.Map(func(r rune) rune {
			if classOf(fold(r)) == classSpace {
				return -1
			}
			return r
		}, s)
	}
	for _, f := range metaFields(d) {
		if strings.Contains(strip(f), term) {
			return true
		}
	}
	for _, p := range d.Passages {
		if strings.Contains(strip(p.Text), term) {
			return true
		}
	}
	return false
}

func isAllCJK(s string) bool {
	for _, r := range s {
		if !isCJK(r) {
			return false
		}
	}
	return s != ""
}

// buildIndex builds docs in memory and opens the result.
func buildIndex(t testing.TB, docs []Doc, opt Options) (*Searcher, *memFiles) {
	t.Helper()
	m := newMemFiles()
	if _, err := Build(docs, opt, m.add); err != nil {
		t.Fatal(err)
	}
	s, err := Open(m.read)
	if err != nil {
		t.Fatal(err)
	}
	return s, m
}

// checkAgainstOracle runs req on s and on the oracle and compares.
func checkAgainstOracle(t *testing.T, s *Searcher, docs []Doc, req Request) Result {
	t.Helper()
	res, err := s.Search(req)
	if err != nil {
		t.Fatalf("%q: %v", req.Query, err)
	}
	want := oracleSearch(docs, req)
	if !slices.Equal(res.Hits, want) {
		t.Errorf("%q %v:\n index  %v\n oracle %v", req.Query, req.Filters, head(res.Hits), head(want))
	}
	order := orderDocs(docs)
	for _, term := range res.Terms {
		if !isAllCJK(term.Key) {
			continue
		}
		for _, h := range res.Hits {
			if !stringMatch(&docs[order[h.Doc]], term.Key) {
				t.Errorf("%q: report %d matched but its text lacks %q", req.Query, h.Doc, term.Key)
			}
		}
		if len(res.Terms) == 1 && len(req.Filters) == 0 {
			n := 0
			for i := range docs {
				if stringMatch(&docs[i], term.Key) {
					n++
				}
			}
			if n != res.Total {
				t.Errorf("%q: %d reports, but %d contain it", req.Query, res.Total, n)
			}
		}
	}
	return res
}

func head(hs []Hit) string {
	if len(hs) > 6 {
		return fmt.Sprint(hs[:6]) + fmt.Sprintf("… (%d)", len(hs))
	}
	return fmt.Sprint(hs)
}

// phrasePool is the vocabulary of the generated corpus: report phrases,
// numbers, Latin words and full-width forms.
var phrasePool = []string{
	"坚持依法行政", "严格规范公正文明执法", "按期办结率达到", "群众满意率为", "矛盾纠纷化解率", "行政复议案件",
	"全年共受理１２３４５热线诉求", "开展普法宣传活动", "法治政府建设", "落实行政执法三项制度", "信访工作",
	"ＧＢ／Ｔ　１９００１", "ISO 9001", "工作机制", "建设情况", "及时就地解决群众合理诉求", "依法分类处理信访诉求",
	"按期答复", "答复率", "定期答复率", "信访", "局面", "访局", "2024年", "二〇二四年", "99.96%", "96.5％",
}

// generateDocs makes n reports from phrasePool, deterministically.
func generateDocs(n int, seed uint64) []Doc {
	rnd := rand.New(rand.NewPCG(seed, seed+1))
	provinces := []string{"河南省", "湖南省", "四川省", "重庆市"}
	counties := []string{"平安县", "清水县", "宁远县", "长乐县", "永兴县", "临武县", "鲁山县"}
	agencies := []string{"信访局", "司法局", "公安局", "市场监督管理局", "信访办公室"}
	var docs []Doc
	for i := range n {
		prov := provinces[i%len(provinces)]
		county := counties[rnd.IntN(len(counties))]
		agency := agencies[rnd.IntN(len(agencies))]
		year := 2020 + rnd.IntN(6)
		d := Doc{
			Title: fmt.Sprintf("%s%s%d年度法治政府建设情况报告", county, agency, year), URL: fmt.Sprintf("r%d/", i),
			Province: prov, ProvinceKey: "p" + strconv.Itoa(i%len(provinces)), County: county,
			CountyKey: prov + "/" + county, Agency: agency, AgencyFull: county + agency, Year: year,
		}
		np := 1 + rnd.IntN(12)
		for p := range np {
			var b strings.Builder
			for range 1 + rnd.IntN(8) {
				b.WriteString(phrasePool[rnd.IntN(len(phrasePool))])
				b.WriteString([]string{"，", "。", "；", "", "", "、"}[rnd.IntN(6)])
			}
			heading := rnd.IntN(5) == 0
			anchor := "p" + strconv.Itoa(p+1)
			if heading {
				anchor = "s" + strconv.Itoa(p+1)
			}
			d.Passages = append(d.Passages, Passage{Anchor: anchor, Heading: heading, Text: b.String()})
		}
		docs = append(docs, d)
	}
	return docs
}

// trapDocs are reports built to catch inexact matching: phrases split by a
// passage or field boundary, by punctuation, or present only as
// overlapping pieces.
func trapDocs() []Doc {
	mk := func(url, county string, year int, passages ...string) Doc {
		d := Doc{Title: county + "某局报告", URL: url, Province: "测试省", ProvinceKey: "test", City: "测试市",
			County: county, CountyKey: "t-" + county, Agency: "某局", AgencyFull: county + "某局", Year: year}
		for i, p := range passages {
			d.Passages = append(d.Passages, Passage{Anchor: "p" + strconv.Itoa(i+1), Text: p})
		}
		return d
	}
	return []Doc{
		mk("trap/split/", "甲县", 2024, "工作由信访", "局负责"),         // 信访局 across passages
		mk("trap/punct/", "乙县", 2024, "信访，局面稳定"),              // 信访局 across punctuation
		mk("trap/pieces/", "丙县", 2023, "按期答复情况良好", "定期答复率较高"), // 按期答复率 from pieces
		mk("trap/whole/", "丁县", 2022, "按期答复率达到百分之百"),
		mk("trap/fields/", "戊县", 2024, "正文没有省名"), // 测试省测试市 across metadata fields
		mk("trap/long/", "己县", 2021, "白大姐访调", "工作室"),
	}
}

func TestQuerySet(t *testing.T) {
	docs := append(generateDocs(300, 7), trapDocs()...)
	s, _ := buildIndex(t, docs, Options{BlockBytes: 512, PartBytes: 4096})
	order := orderDocs(docs)
	urls := func(res Result) []string {
		var us []string
		for _, h := range res.Hits {
			us = append(us, docs[order[h.Doc]].URL)
		}
		return us
	}
	contains := func(list []string, u string) bool { return slices.Contains(list, u) }
	for _, tc := range []struct {
		q       string
		filters map[string]string
		has     []string // URLs that must be among the results
		hasNot  []string // URLs that must not
		total   int      // -1: don't care
	}{
		{q: "信访局", hasNot: []string{"trap/split/", "trap/punct/"}, total: -1},
		{q: "按期答复率", has: []string{"trap/whole/"}, hasNot: []string{"trap/pieces/"}, total: -1},
		{q: "按期答复", has: []string{"trap/pieces/", "trap/whole/"}, total: -1},
		{q: "测试省测试市", total: 0},
		{q: "省测", total: 0},
		{q: "白大姐访调工作室", total: 0},
		{q: "白大姐访调", has: []string{"trap/long/"}, total: 1},
		{q: "工作室", has: []string{"trap/long/"}, total: 1},
		{q: "信访，局", has: []string{"trap/punct/"}, total: -1},
		{q: "局负责", has: []string{"trap/split/"}, total: 1},
		{q: "不存在的词", total: 0},
		{q: "甲县 乙县", total: 0},
		{q: "测试省", total: 6},
		{q: "测试省", filters: map[string]string{FilterYear: "2024"}, total: 3},
		{q: "某局", filters: map[string]string{FilterCounty: "t-丁县"}, has: []string{"trap/whole/"}, total: 1},
	} {
		res := checkAgainstOracle(t, s, docs, Request{Query: tc.q, Filters: tc.filters})
		got := urls(res)
		for _, u := range tc.has {
			if !contains(got, u) {
				t.Errorf("%q: %s missing", tc.q, u)
			}
		}
		for _, u := range tc.hasNot {
			if contains(got, u) {
				t.Errorf("%q: %s must not match", tc.q, u)
			}
		}
		if tc.total >= 0 && res.Total != tc.total {
			t.Errorf("%q %v: %d reports, want %d: %v", tc.q, tc.filters, res.Total, tc.total, got)
		}
	}
	// Queries over the generated vocabulary: numbers, full-width forms,
	// Latin words, long phrases, several terms, filters.
	for _, q := range []string{
		"信访", "信", "2024年", "２０２４年", "二〇二四年", "99.96%", "９９．９６", "96.5", "96", "12345", "１２３４５热线",
		"gb 19001", "GB/T 19001", `"GB T"`, "ISO 9001", `"ISO 9001"`, "iso9001", "法治政府建设情况", "严格规范公正文明执法",
		"群众满意率为", "依法分类处理信访诉求", "矛盾纠纷 化解率", "行政 执法 复议", "定期答复率", "建设情况报告",
		"及时就地解决群众合理诉求", "局面", "访局", "鲁山 信访", "鲁山县信访局", "信访办公室", "法治政府建设 工作机制 按期办结率达到",
	} {
		checkAgainstOracle(t, s, docs, Request{Query: q})
	}
	for _, f := range []map[string]string{
		{FilterYear: "2024"}, {FilterProvince: "p1"}, {FilterAgency: "司法局"}, {FilterCounty: "河南省/鲁山县"},
		{FilterYear: "2022", FilterAgency: "信访局"}, {FilterYear: "1999"},
	} {
		checkAgainstOracle(t, s, docs, Request{Query: "工作", Filters: f})
	}
}

// TestRandomQueries compares the index with the oracle on pieces of the
// corpus text: every substring length from 1 to 9 units, pairs of terms,
// and pieces that straddle punctuation.
func TestRandomQueries(t *testing.T) {
	docs := generateDocs(200, 11)
	s, _ := buildIndex(t, docs, Options{BlockBytes: 256, PartBytes: 2048})
	rnd := rand.New(rand.NewPCG(3, 4))
	piece := func() string {
		d := &docs[rnd.IntN(len(docs))]
		text := []rune(d.Passages[rnd.IntN(len(d.Passages))].Text)
		n := 1 + rnd.IntN(9)
		start := rnd.IntN(max(len(text)-n, 0) + 1)
		return string(text[start:min(start+n, len(text))])
	}
	for range 250 {
		q := piece()
		if rnd.IntN(4) == 0 {
			q += " " + piece()
		}
		if rnd.IntN(10) == 0 {
			q = strings.Map(func(r rune) rune {
				if r < 0x7F && r > ' ' {
					return r + 0xFEE0
				}
				return r
			}, q)
		}
		checkAgainstOracle(t, s, docs, Request{Query: q})
	}
	// Characters that never occur.
	for _, q := range []string{"龘", "龘龘龘龘龘龘", "xyz", "信访龘"} {
		if res := checkAgainstOracle(t, s, docs, Request{Query: q}); res.Total != 0 {
			t.Errorf("%q found in %d reports", q, res.Total)
		}
	}
}

// TestSeeds runs the test set on the five real reports in content/.
func TestSeeds(t *testing.T) {
	docs := loadPlainCorpus(t, "../../../content")
	if len(docs) != 5 {
		t.Fatalf("%d seed reports, want 5", len(docs))
	}
	s, _ := buildIndex(t, docs, Options{})
	order := orderDocs(docs)
	counties := func(res Result) []string {
		var cs []string
		for _, h := range res.Hits {
			cs = append(cs, docs[order[h.Doc]].County)
		}
		return cs
	}
	for _, tc := range []struct {
		q     string
		first string // the best result's county, "" for no results
		n     int
	}{
		{"按期答复率", "鲁山县", 1},
		{"白大姐访调工作室", "丰都县", 1},
		{"鲁山 信访", "鲁山县", 1},
		{"信访局", "", 5},
		{"群众满意率", "", 2},
		{"99.96%", "鲁山县", 1},
		{"初信初访", "", 3},
		{"《信访工作条例》", "", 5},
		{"不存在的词", "", 0},
		{"芷江", "芷江侗族自治县", 1},
		{"嘉黎", "嘉黎县", 1},
		{"2025年", "嘉黎县", 4}, // 嘉黎县 reports on 2025; others plan for it
	} {
		res := checkAgainstOracle(t, s, docs, Request{Query: tc.q})
		if res.Total != tc.n {
			t.Errorf("%q: %d reports %v, want %d", tc.q, res.Total, counties(res), tc.n)
		}
		if tc.first != "" && (len(res.Hits) == 0 || docs[order[res.Hits[0].Doc]].County != tc.first) {
			t.Errorf("%q: results %v, want %s first", tc.q, counties(res), tc.first)
		}
	}
	// Snippets: the line shown holds the phrase, highlighted whole.
	res, _ := s.Search(Request{Query: "按期答复率"})
	f, err := s.Fragment(res.Hits[0].Doc)
	if err != nil {
		t.Fatal(err)
	}
	line := SnippetLine(f, res.Hits[0], res.Terms)
	if line < 0 {
		t.Fatal("no snippet line for 按期答复率")
	}
	text := f.Lines[line].Text
	for _, r := range Highlights(text, res.Terms) {
		if got := text[r[0]:r[1]]; got != "按期答复率" {
			t.Errorf("highlight %q in %q", got, text)
		}
	}
}
