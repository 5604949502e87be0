package document_test

import (
	"fmt"
	"strings"

	"portal/generator/internal/document"
)

func ExampleParseText() {
	src := `鲁山县信访局
2024年度法治政府建设情况报告
2024年，在县委、县政府坚强领导下，现将工作情况报告如下：
一、主要举措和成效
（一）加强组织领导，抓实法治建设
1.深入学习习近平法治思想情况。2024年，我局严格按照要求开展学习。
[bookmark: _GoBack]二、存在的不足
一是学习形式略显单一。

鲁山县信访局
二〇二四年十二月三十一日
`
	d, problems := document.ParseText("report.txt", src)
	fmt.Println(d.Header.Organ, "|", d.Header.Title)
	for _, h := range d.Headings() {
		fmt.Printf("%s%s %s%s\n", strings.Repeat("  ", h.Level-1), h.Anchor, h.Number, h.Text)
	}
	fmt.Printf("lead of %s: %s\n", d.Blocks[3].Anchor, d.Blocks[3].Lead)
	fmt.Println(d.Signature.Organ, d.Signature.Date, len(problems))
	html, _ := d.HTML()
	fmt.Print(strings.SplitAfter(string(html), "\n")[1])
	// Output:
	// 鲁山县信访局 | 2024年度法治政府建设情况报告
	// s1 一、主要举措和成效
	//   s1-1 （一）加强组织领导，抓实法治建设
	// s2 二、存在的不足
	// lead of p2: 1.深入学习习近平法治思想情况。
	// 鲁山县信访局 2024-12-31 0
	// <h2 id="s1"><span class="num">一、</span>主要举措和成效</h2>
}
