package render

import (
	"fmt"
	"runtime"
	"testing"

	"portal/generator/internal/config"
	"portal/generator/internal/content"
	"portal/generator/internal/site"
)

// bigSite is a site of n reports: counties of five agencies, one report
// each a year for 2020–2024 but for a few missing, some published late.
func bigSite(b *testing.B, n int) *site.Site {
	agencies := []string{"信访局", "司法局", "公安局", "民政局", "财政局"}
	var inputs []site.Input
	for i := 0; len(inputs) < n; i++ {
		county := fmt.Sprintf("测试%d县", i/25)
		agency := agencies[i/5%5]
		year := 2020 + i%5
		if i%17 == 0 {
			continue // a missing report
		}
		pub := content.Date{Year: year + 1, Month: 3, Day: 1 + i%40}
		if pub.Day > 28 {
			pub = content.Date{Year: year + 1, Month: 4, Day: pub.Day - 27}
		}
		m := content.Meta{Title: fmt.Sprintf("%s%s%d年度法治政府建设情况报告", county, agency, year), Agency: agency, County: county,
			City: "测试市", Province: []string{"河南省", "湖南省", "山西省"}[i/25%3], Year: year, Published: pub}
		inputs = append(inputs, site.Input{Report: &content.Report{Path: fmt.Sprint(i), File: fmt.Sprintf("%s/%s-%d.txt", county, agency, year), Format: ".txt", Meta: m}})
	}
	s, problems := site.New(&config.Config{Title: "测试", BaseURL: "https://example.gov.cn/", Language: "zh-CN", FeedSize: 20}, inputs)
	if problems.HasErrors() {
		b.Fatal(problems)
	}
	return s
}

// BenchmarkFeeds makes every feed of issue 19 and the catalog of a
// 10,000-report site; it reports the files and bytes written and the
// bytes allocated per run (alloc-MB/op: a ceiling on the peak heap the
// feeds add, since no allocation outlives the run but what is written).
func BenchmarkFeeds(b *testing.B) {
	s := bigSite(b, 10000)
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var bytes, files int
	for b.Loop() {
		fs := feeds(s)
		cat := catalog(s)
		bytes, files = len(cat), len(fs)+1
		for _, f := range fs {
			bytes += len(f.b)
		}
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(files), "files")
	b.ReportMetric(float64(bytes)/(1<<20), "MB-written")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/(1<<20), "alloc-MB/op")
}
