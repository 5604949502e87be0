package document

import "testing"

// headerCases are documents with their title block and first body line.
var headerCases = []struct {
	name      string
	src       string
	want      Header
	firstBody string
}{
	{
		"organ and title",
		"鲁山县信访局\n2024年度法治政府建设情况报告\n2024年，在县委、县政府坚强领导下。",
		Header{Organ: "鲁山县信访局", Title: "2024年度法治政府建设情况报告"},
		"2024年，在县委、县政府坚强领导下。",
	},
	{
		"title repeated split over two lines",
		"芷江侗族自治县信访局2024年度法治政府建设工作报告\n芷江侗族自治县信访局2024年度\n法治政府建设工作报告\n2024年,我局在县委、县政府的正确领导下。",
		Header{Title: "芷江侗族自治县信访局2024年度法治政府建设工作报告"},
		"2024年,我局在县委、县政府的正确领导下。",
	},
	{
		"title repeated whole",
		"2024年度法治政府建设情况报告\n2024年度法治政府建设情况报告\n一、主要举措",
		Header{Title: "2024年度法治政府建设情况报告"},
		"一、主要举措",
	},
	{
		// Found by FuzzParseText: the repeat used to be dropped and the
		// next line then appended to the title, losing one copy's text.
		"unfinished title repeated, then more title-like text",
		"县局工作\n县局工作\n数据00项\n一、主要举措",
		Header{Title: "县局工作"},
		"数据00项",
	},
	{
		"red header, document number, title",
		"\n\n阳城县信访局文件\n\n阳信发〔2024〕1号\n\n\n2023年法治政府建设工作情况报告\n\n2023年以来，在县委、县政府的正确领导下。",
		Header{DocHeader: "阳城县信访局文件", DocNumber: "阳信发〔2024〕1号", Title: "2023年法治政府建设工作情况报告"},
		"2023年以来，在县委、县政府的正确领导下。",
	},
	{
		"document number with other brackets",
		"鲁信发[2024]3号\n报告\n正文。",
		Header{DocNumber: "鲁信发[2024]3号", Title: "报告"},
		"正文。",
	},
	{
		"document number with 【】",
		"鲁信发【2024】12号\n2024年度法治政府建设情况报告\n正文。",
		Header{DocNumber: "鲁信发【2024】12号", Title: "2024年度法治政府建设情况报告"},
		"正文。",
	},
	{
		"title split over two lines",
		"鲁山县司法局\n关于2024年度法治政府建设\n情况的报告\n正文，开始。",
		Header{Organ: "鲁山县司法局", Title: "关于2024年度法治政府建设情况的报告"},
		"正文，开始。",
	},
	{
		"organ under the title",
		"2024年度法治政府建设情况报告\n鲁山县住房和城乡建设局\n正文。",
		Header{Organ: "鲁山县住房和城乡建设局", Title: "2024年度法治政府建设情况报告"},
		"正文。",
	},
	{
		"addressee stays in the body",
		"2024年度法治政府建设情况报告\n县委、县政府：\n现将有关情况报告如下。",
		Header{Title: "2024年度法治政府建设情况报告"},
		"县委、县政府：",
	},
	{
		"a subtitle after a complete title stays in the body",
		"2024年度法治政府建设情况报告\n（2025年1月6日）\n正文。",
		Header{Title: "2024年度法治政府建设情况报告"},
		"（2025年1月6日）",
	},
	{
		"no title block",
		"一、主要举措和成效\n正文。",
		Header{},
		"一、主要举措和成效",
	},
	{
		"body from the first line",
		"2024年，我局严格按照要求开展学习。\n一、主要举措",
		Header{},
		"2024年，我局严格按照要求开展学习。",
	},
}

// TestParseHeader checks the title block and where the body starts.
func TestParseHeader(t *testing.T) {
	for _, tt := range headerCases {
		t.Run(tt.name, func(t *testing.T) {
			h, rest := parseHeader(cleanLines(tt.src))
			if h != tt.want {
				t.Errorf("header = %+v, want %+v", h, tt.want)
			}
			if len(rest) == 0 || rest[0].text != tt.firstBody {
				t.Errorf("body starts with %v, want %q", rest, tt.firstBody)
			}
		})
	}
}
