package document

import "testing"

// long is a title too long to be a heading.
const long = "深入学习习近平总书记重要讲话及重要指示批示精神贯彻落实党的二十大和二十届三中全会精神关于法治建设重大部署的具体措施和有关工作要求"

// classifyCases are lines with the block each one makes (Line and Anchor
// left out).
var classifyCases = []struct {
	line   string
	want   Block
	reason string
}{
	{"一、主要举措和成效", Block{Kind: Heading, Level: 1, Number: "一、", Text: "主要举措和成效"}, "chapter"},
	{"十一、其他需要报告的事项", Block{Kind: Heading, Level: 1, Number: "十一、", Text: "其他需要报告的事项"}, "two-character numeral"},
	{"一．主要举措", Block{Kind: Heading, Level: 1, Number: "一．", Text: "主要举措"}, "full-width period"},
	{"（一）加强组织领导，抓实法治建设", Block{Kind: Heading, Level: 2, Number: "（一）", Text: "加强组织领导，抓实法治建设"}, "full-width brackets"},
	{"(一)加强宣传教育,引导群众依法信访", Block{Kind: Heading, Level: 2, Number: "(一)", Text: "加强宣传教育,引导群众依法信访"}, "half-width brackets"},
	{"（一)混用括号", Block{Kind: Heading, Level: 2, Number: "（一)", Text: "混用括号"}, "mixed brackets"},
	{"（十二） 其他", Block{Kind: Heading, Level: 2, Number: "（十二）", Text: "其他"}, "space after number"},
	{"1.健全工作机制", Block{Kind: Heading, Level: 3, Number: "1.", Text: "健全工作机制"}, "item"},
	{"1．健全工作机制", Block{Kind: Heading, Level: 3, Number: "1．", Text: "健全工作机制"}, "item, full-width period"},
	{"1、健全工作机制", Block{Kind: Heading, Level: 3, Number: "1、", Text: "健全工作机制"}, "item with 、"},
	{"１．健全工作机制", Block{Kind: Heading, Level: 3, Number: "１．", Text: "健全工作机制"}, "full-width digit"},
	{"12. 坚持加强组织领导", Block{Kind: Heading, Level: 3, Number: "12.", Text: "坚持加强组织领导"}, "item, space"},
	{"（1）强化政治引领", Block{Kind: Heading, Level: 4, Number: "（1）", Text: "强化政治引领"}, "sub-item"},
	{"(1)\u3000强化政治引领", Block{Kind: Heading, Level: 4, Number: "(1)", Text: "强化政治引领"}, "sub-item, ideographic space"},
	{"一、总体要求：", Block{Kind: Heading, Level: 1, Number: "一、", Text: "总体要求："}, "a title may end with a colon"},
	{"一、" + long[:57], Block{Kind: Heading, Level: 1, Number: "一、", Text: long[:57]}, "19 runes"},
	{
		"1.深入学习习近平法治思想情况。2024年，我局严格按照要求开展学习。",
		Block{Kind: Paragraph, Number: "1.", Lead: "1.深入学习习近平法治思想情况。", Text: "1.深入学习习近平法治思想情况。2024年，我局严格按照要求开展学习。"},
		"run-in lead",
	},
	{
		"（1） 强化政治引领，夯实法治建设基础。一是筑牢思想根基。",
		Block{Kind: Paragraph, Number: "（1）", Lead: "（1） 强化政治引领，夯实法治建设基础。", Text: "（1） 强化政治引领，夯实法治建设基础。一是筑牢思想根基。"},
		"run-in lead after a space",
	},
	{
		"（一）加快“一站式”调处中心建设。将“一站式”矛盾纠纷调处中心规范化建设。",
		Block{Kind: Paragraph, Number: "（一）", Lead: "（一）加快“一站式”调处中心建设。", Text: "（一）加快“一站式”调处中心建设。将“一站式”矛盾纠纷调处中心规范化建设。"},
		"lead with quotes",
	},
	{
		"2.开展“法律六进。”活动覆盖全县。",
		Block{Kind: Paragraph, Number: "2.", Lead: "2.开展“法律六进。”", Text: "2.开展“法律六进。”活动覆盖全县。"},
		"lead takes the closing quote",
	},
	{
		"1.总体思路是：以习近平法治思想为引领。",
		Block{Kind: Paragraph, Number: "1.", Lead: "1.总体思路是：", Text: "1.总体思路是：以习近平法治思想为引领。"},
		"lead ends at a colon",
	},
	{
		"（二）责任落实有力有效。",
		Block{Kind: Paragraph, Number: "（二）", Lead: "（二）责任落实有力有效。", Text: "（二）责任落实有力有效。"},
		"a sentence is not a title",
	},
	{
		"3.健全完善社会矛盾纠纷多元预防化解机制，加强信访工作基层基础建设，扎实开展信访问题源头治理，推动工作。",
		Block{Kind: Paragraph, Number: "3.", Text: "3.健全完善社会矛盾纠纷多元预防化解机制，加强信访工作基层基础建设，扎实开展信访问题源头治理，推动工作。"},
		"first sentence too long for a lead",
	},
	{"一、" + long, Block{Kind: Paragraph, Number: "一、", Text: "一、" + long}, "too long for a title"},
	{
		"一是加强组织领导。二是结合信访工作实际。",
		Block{Kind: Paragraph, Text: "一是加强组织领导。二是结合信访工作实际。"},
		"一是 is not a number",
	},
	{"1.5万元用于法律援助。", Block{Kind: Paragraph, Text: "1.5万元用于法律援助。"}, "a decimal is not a number"},
	{"2024年，我局严格按照要求开展学习。", Block{Kind: Paragraph, Text: "2024年，我局严格按照要求开展学习。"}, "a year is not a number"},
	{"四、", Block{Kind: Paragraph, Number: "四、", Text: "四、"}, "a number alone"},
}

// TestClassify checks how one line becomes a heading or a paragraph.
func TestClassify(t *testing.T) {
	for _, tt := range classifyCases {
		got := classify(tt.line, 7)
		tt.want.Line = 7
		if got != tt.want {
			t.Errorf("%s: classify(%q)\n got %+v\nwant %+v", tt.reason, tt.line, got, tt.want)
		}
	}
}
