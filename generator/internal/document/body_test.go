package document

import (
	"fmt"
	"strings"
	"testing"
)

// blockSummary prints blocks compactly: "H1 一、|title @line" or "P text @line".
func blockSummary(blocks []Block) string {
	var parts []string
	for _, b := range blocks {
		if b.Kind == Heading {
			parts = append(parts, fmt.Sprintf("H%d %s|%s @%d", b.Level, b.Number, b.Text, b.Line))
		} else {
			parts = append(parts, fmt.Sprintf("P %s @%d", b.Text, b.Line))
		}
	}
	return strings.Join(parts, "\n")
}

// joinCases are bodies with the blocks they make.
var joinCases = []struct {
	name, src, want string
}{
	{
		"page break inside a word",
		"15 个乡镇矛盾纠纷多元化解中心已实现全覆\n\n\n\n盖，乡镇和村级排查的矛盾纠纷录入系统。",
		"P 15 个乡镇矛盾纠纷多元化解中心已实现全覆盖，乡镇和村级排查的矛盾纠纷录入系统。 @1",
	},
	{
		"page break after an enumeration comma",
		"宣传服务做到了“六进”：进校园、\n\n进机关、进商场、进企业。",
		"P 宣传服务做到了“六进”：进校园、进机关、进商场、进企业。 @1",
	},
	{
		"three pieces",
		"党政主要负责人把履行法治建设第一责任人职责\n\n与本职工作紧密结合，召开党组会议\n\n对本机关法治政府建设工作进行安排部署。",
		"P 党政主要负责人把履行法治建设第一责任人职责与本职工作紧密结合，召开党组会议对本机关法治政府建设工作进行安排部署。 @1",
	},
	{
		"a numbered paragraph continues",
		"1.群众信访不信法情况依然存在。一些经过法院判决、\n\n行政复议等解决的重新信访。",
		"P 1.群众信访不信法情况依然存在。一些经过法院判决、行政复议等解决的重新信访。 @1",
	},
	{
		"sentences stay apart",
		"第一段说完了。\n第二段也说完了！\n第三段？\n“引语。”\n第五段；\n如下：\n结束。",
		"P 第一段说完了。 @1\nP 第二段也说完了！ @2\nP 第三段？ @3\nP “引语。” @4\nP 第五段； @5\nP 如下： @6\nP 结束。 @7",
	},
	{
		"a heading is not joined to its body",
		"（一）加强组织领导\n\n认真履行第一责任人职责。",
		"H2 （一）|加强组织领导 @1\nP 认真履行第一责任人职责。 @3",
	},
	{
		"a heading split after a comma is joined",
		"一、党政主要负责人履行推进法治建设第一责任人职责，\n\n加强法治政府建设的有关情况\n\n正文。",
		"H1 一、|党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况 @1\nP 正文。 @5",
	},
	{
		"a number alone takes the next line as its title",
		"二、\n主要举措和成效\n正文。",
		"H1 二、|主要举措和成效 @1\nP 正文。 @3",
	},
	{
		"a short sentence alone before running text is a heading",
		"（一）坚持党的领导，强化组织保障。\n局党组高度重视法治政府建设工作。\n1.严格执行“三项制度”。\n全面落实行政执法公示制度。",
		"H2 （一）|坚持党的领导，强化组织保障。 @1\nP 局党组高度重视法治政府建设工作。 @2\nH3 1.|严格执行“三项制度”。 @3\nP 全面落实行政执法公示制度。 @4",
	},
	{
		"short sentences in a list stay paragraphs",
		"（一）持续深化学习。\n（二）强化执法监督。\n（三）完善工作机制。",
		"P （一）持续深化学习。 @1\nP （二）强化执法监督。 @2\nP （三）完善工作机制。 @3",
	},
	{
		"a long sentence alone stays a paragraph",
		"（1）推进“互联网+监管”，提升监管精准化、智能化水平，全县刑事案件立案数17705件，同比上升2.51%。\n正文。",
		"P （1）推进“互联网+监管”，提升监管精准化、智能化水平，全县刑事案件立案数17705件，同比上升2.51%。 @1\nP 正文。 @2",
	},
	{
		"nothing continues into a heading",
		"党政主要负责人把履行法治建设第一责任人职责与本职工作紧密结合始终坚持\n\n二、主要举措和成效",
		"P 党政主要负责人把履行法治建设第一责任人职责与本职工作紧密结合始终坚持 @1\nH1 二、|主要举措和成效 @3",
	},
	{
		"nothing continues into a circled item",
		"主要措施包括以下几个方面并且逐项落实到位具体内容如下所列各项\n①加强学习。",
		"P 主要措施包括以下几个方面并且逐项落实到位具体内容如下所列各项 @1\nP ①加强学习。 @2",
	},
	{
		"nothing continues into other items",
		"主要措施包括以下几个方面并且逐项落实到位具体内容如下所列各项\n1）加强学习。\n" +
			"年度工作取得了明显成效但仍然存在一些薄弱环节需要引起重视\n二是强化监督。\n" +
			"年度工作取得了明显成效但仍然存在一些薄弱环节需要引起重视\n第二，完善制度。",
		"P 主要措施包括以下几个方面并且逐项落实到位具体内容如下所列各项 @1\nP 1）加强学习。 @2\n" +
			"P 年度工作取得了明显成效但仍然存在一些薄弱环节需要引起重视 @3\nP 二是强化监督。 @4\n" +
			"P 年度工作取得了明显成效但仍然存在一些薄弱环节需要引起重视 @5\nP 第二，完善制度。 @6",
	},
	{
		"a short line without punctuation stands alone",
		"无\n\n下一段文字。",
		"P 无 @1\nP 下一段文字。 @3",
	},
	{
		"一是 inside a paragraph and at its start",
		"一是加强领导。二是完善制度。\n二是强化监督。",
		"P 一是加强领导。二是完善制度。 @1\nP 二是强化监督。 @2",
	},
	{
		"Latin words get a space",
		"we follow the rule of\nlaw in China.",
		"P we follow the rule of law in China. @1",
	},
}

// TestParseBodyJoins checks which lines are joined into one paragraph.
func TestParseBodyJoins(t *testing.T) {
	for _, tt := range joinCases {
		t.Run(tt.name, func(t *testing.T) {
			got := blockSummary(parseBody(cleanLines(tt.src)))
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestFirstNumberStyleTypo checks that （1） before （二） is read as （一）:
// a level-2 heading, the sibling of （二）, while a real （1） keeps level 4.
func TestFirstNumberStyleTypo(t *testing.T) {
	src := "一、工作开展情况\n（1） 强化政治引领\n正文。\n（二）聚焦核心任务\n正文。\n" +
		"二、存在的问题\n1、学习形式单一\n二、工作计划\n（一）加强学习\n（1）集中学习\n（2）个人自学\n"
	d, _ := ParseText("t.txt", src)
	var got []string
	for _, h := range d.Headings() {
		got = append(got, fmt.Sprintf("%s:%d%s", h.Anchor, h.Level, h.Number))
	}
	want := "s1:1一、 s1-1:2（1） s1-2:2（二） s2:1二、 s2-1:31、 s3:1二、 s3-1:2（一） s3-1-1:4（1） s3-1-2:4（2）"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
}

// TestParseTextLevelsFollowTheTree checks that levels are the marker ranks
// while anchors follow the document's own tree: （1） right under 一、 is
// its first child.
func TestParseTextLevelsFollowTheTree(t *testing.T) {
	src := "一、工作开展情况\n（1）强化政治引领\n正文。\n（2）聚焦核心任务\n二、存在的问题\n1.学习形式单一\n（一）队伍素养不足\n三、工作计划\n"
	d, _ := ParseText("t.txt", src)
	var got []string
	for _, h := range d.Headings() {
		got = append(got, fmt.Sprintf("%s:%d", h.Anchor, h.Level))
	}
	want := "s1:1 s1-1:4 s1-2:4 s2:1 s2-1:3 s2-2:2 s3:1"
	if strings.Join(got, " ") != want {
		t.Errorf("got %s, want %s", strings.Join(got, " "), want)
	}
}
