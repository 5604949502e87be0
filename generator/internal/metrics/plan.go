package metrics

import "strings"

// Plans and targets are not results: a section headed 工作计划 / 工作打算 /
// 下一步 …, and the rest of a sentence after 力争, 确保, 将继续 …, yield no
// figures.

// planHeadingWords mark a heading of plans, suggestions or outlooks.
var planHeadingWords = []string{
	"计划", "打算", "安排", "下一步", "下步", "下一年", "下年度", "明年",
	"思路", "展望", "建议", "工作目标", "工作要点", "努力方向",
}

// resultHeadingWords mark a heading that reports what was done, even if it
// names a plan (年度计划完成情况).
var resultHeadingWords = []string{"情况", "成效", "完成", "部署"}

// planHeading reports whether a heading introduces plans.
func planHeading(h string) bool {
	h = stripBookTitles(h)
	if !hasAny(h, planHeadingWords) {
		return false
	}
	return !hasAny(h, resultHeadingWords)
}

// planPassage reports whether a passage is, or sits under, a plan heading.
func planPassage(p Passage) bool {
	if p.Heading && planHeading(p.Text) {
		return true
	}
	for _, h := range p.Headings {
		if planHeading(h) {
			return true
		}
	}
	return false
}

// planWords start the plan part of a sentence.
var planWords = newWordSet(
	"下一步", "下步", "明年", "下一年", "下年度", "今后", "即将", "将来",
	"力争", "争取", "预计", "目标", "确保", "底前", "计划", "实现全年",
	"不少于", "不低于", "不超过", "至少",
)

// planAfterWill are the words after 将 that make it "will": 将继续, 将进一步.
var planAfterWill = newWordSet(
	"继续", "进一步", "持续", "不断", "全力", "着力", "加快", "加大", "深入",
	"坚持", "全面", "积极", "努力", "切实", "重点", "围绕", "聚焦", "大力",
	"推动", "推进", "组织", "开展", "以", "在", "于", "把",
)

// planSubjects before 将 make it "will" (我局将实现…), not "把" (将法治建设纳入…).
var planSubjects = []string{"我局", "我们", "我县", "我区", "我市", "我办", "我委", "本局", "本单位", "全县", "全区", "年"}

// afterSubject reports whether the 将 at i follows a subject or a year.
func afterSubject(rs []rune, s, i int) bool {
	for _, w := range planSubjects {
		n := runeLen(w)
		if i-n >= s && string(rs[i-n:i]) == w {
			return true
		}
	}
	return false
}

// planExecuted are words before 计划 that make it a plan being carried out
// (按照年度学法计划).
var planExecuted = newWordSet("按照", "根据", "依照", "依据", "按")

// planStart returns where the plan part of sentence rs[s:e] begins, or e.
func planStart(rs []rune, s, e int, mask []uint8) int {
	for i := s; i < e; i++ {
		if mask[i-s]&maskName != 0 {
			continue
		}
		if w := planWords.prefix(rs[i:e]); w != "" {
			if w == "计划" && (executedPlan(rs, s, i) || planNoun(rs, i+2, e)) {
				continue
			}
			return i
		}
		if rs[i] == '将' && (planAfterWill.prefix(rs[i+1:e]) != "" || afterSubject(rs, s, i)) {
			return i
		}
	}
	return e
}

// executedPlan reports whether the 计划 at i follows 按照/根据… in the same
// clause: a plan being carried out, not one being made.
func executedPlan(rs []rune, s, i int) bool {
	for j := i - 1; j >= s && j >= i-12; j-- {
		if rs[j] == '，' || rs[j] == ',' {
			return false
		}
		if planExecuted.prefix(rs[j:i]) != "" {
			return true
		}
	}
	return false
}

// planNounAfter are the runes after which 计划 ends a noun, a plan
// document (纳入年度工作计划，制定学习计划和实施方案), not the verb "plan to".
const planNounAfter = "，,、。；;和与及中并》）)的等"

// planNoun reports whether the 计划 that ends before rune i is a noun: it
// ends its clause or a list item. The verb is followed by what is planned
// (计划开展…, 计划于…).
func planNoun(rs []rune, i, e int) bool {
	return i >= e || strings.ContainsRune(planNounAfter, rs[i])
}

// stripBookTitles removes 《…》 from s.
func stripBookTitles(s string) string {
	for {
		i := strings.Index(s, "《")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], "》")
		if j < 0 {
			return s[:i]
		}
		s = s[:i] + s[i+j+len("》"):]
	}
}

// hasAny reports whether s contains any of ws.
func hasAny(s string, ws []string) bool {
	for _, w := range ws {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
