// Package metrics reads figures out of report text: numbers as these
// reports write them (ParseNumber), figures tied to the metrics of the
// site's catalog with the clause they came from (Extract), and the values a
// report publishes once its TOML [metrics] and the text are merged (Merge).
//
// Extraction is driven by the catalog (config.toml's [[metric]] entries):
// a metric's phrases name it, its unit says which measure words may count
// it (件 also takes 件次, 起; 人次 also takes 人 …) and its kind says what a
// value looks like (a rate is a percentage in [0, 100]; a change is a
// percentage after 同比/较上年 or a direction word). The Go code only knows
// the generic vocabulary: measure words, fillers (为, 达到, 共计), list marks,
// change markers and direction words, plan words.
//
// A report is read sentence by sentence (。；) and clause by clause (，),
// where a clause that only continues the one before it (，同比下降61.71%) is
// joined to it. Inside a clause, rules tie a figure to a name: see rules.go
// for the list; the rule's name is kept in Figure.Rule.
//
// Precision comes first: a wrong figure on a government site is worse than a
// missing one. So a figure is left unnamed when its name is not next to it,
// when it sits in parentheses, after 其中 (a part), after 当日/日均 (a day's
// or an average figure), in a plan (a heading with 计划/打算/安排…, or a
// sentence after 力争/确保/将继续…), in a book title, quotation or document
// number, and when two metrics could claim it. Years, dates, ordinals (第一),
// ranges, phone numbers and 1+10+N are not figures at all.
package metrics
