package layout

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// The test pages are A4 in points with the text column of an official
// document: 28 characters of 16 pt from x=80, a line every 28 pt.
const (
	pageW, pageH = 595.0, 842.0
	left         = 80.0
	em           = 16.0
	cols         = 28
	right        = left + cols*em
	pitch        = 28.0
	top          = 120.0
)

// glyphs sets text from x on baseline y, one run a character: a full em
// for a full-width one, half of one for the others, plus spacing after
// each.
func glyphs(x, y, size, spacing float64, text string) []Run {
	var runs []Run
	for _, c := range text {
		w := size / 2
		if wide(c) || c >= 0xFF00 {
			w = size
		}
		runs = append(runs, Run{X: x, Y: y, W: w, Size: size, Text: string(c)})
		x += w + spacing
	}
	return runs
}

// typeset is a page being set, line by line.
type typeset struct {
	pages  []Page
	y      float64
	inPara bool // a paragraph is being set
}

// newTypeset starts a document of one page.
func newTypeset() *typeset {
	return &typeset{pages: []Page{{W: pageW, H: pageH}}, y: top}
}

// add adds runs to the current page.
func (t *typeset) add(runs ...Run) {
	p := &t.pages[len(t.pages)-1]
	p.Runs = append(p.Runs, runs...)
}

// line sets one line at x and moves down a line.
func (t *typeset) line(x float64, text string) {
	t.add(glyphs(x, t.y, em, 0, text)...)
	t.y += pitch
}

// para sets a paragraph: its first line indented two characters, the
// others from the left margin, as many characters a line as fit in cols
// ems.
func (t *typeset) para(text string) {
	x := left + 2*em
	var line strings.Builder
	for _, c := range text {
		w := em / 2
		if wide(c) {
			w = em
		}
		if x+w > right+0.01 {
			t.setLine(line.String())
			line.Reset()
			x = left
		}
		line.WriteRune(c)
		x += w
	}
	t.setLine(line.String())
	t.inPara = false
}

// setLine sets a line of a paragraph: indented if it is the paragraph's
// first (the first setLine since the last blank line).
func (t *typeset) setLine(s string) {
	if t.y > pageH-100 {
		t.newPage()
	}
	x := left
	if !t.inPara {
		x = left + 2*em
	}
	t.line(x, s)
	t.inPara = true
}

// centre sets a centred line in size.
func (t *typeset) centre(text string, size float64, color uint32) {
	runs := glyphs(0, t.y, size, 0, text)
	w := runs[len(runs)-1].X + runs[len(runs)-1].W
	runs = glyphs((left+right-w)/2, t.y, size, 0, text)
	for i := range runs {
		runs[i].Color = color
	}
	t.add(runs...)
	t.y += math.Max(pitch, size*1.5)
}

// newPage starts a new page.
func (t *typeset) newPage() {
	t.pages = append(t.pages, Page{W: pageW, H: pageH})
	t.y = top
}

// footer puts text centred at the foot of every page, "#" the page number.
func (t *typeset) footer(text string) {
	for i := range t.pages {
		s := strings.ReplaceAll(text, "#", fmt.Sprint(i+1))
		w := float64(utf8.RuneCountInString(s)) * em / 2
		t.pages[i].Runs = append(t.pages[i].Runs, glyphs((pageW-w)/2, pageH-50, 14, 0, s)...)
	}
}

// header puts text at the head of every page.
func (t *typeset) header(text string) {
	for i := range t.pages {
		t.pages[i].Runs = append(t.pages[i].Runs, glyphs(200, 60, 10.5, 0, text)...)
	}
}

// summary writes paragraphs one a line as "kind: text", kind B (body), L
// (line; Lc centred, Lr red) or T (table, its rows "cell@col|…" joined
// by " / ").
func summary(ps []Paragraph) string {
	var out []string
	for _, p := range ps {
		switch p.Kind {
		case Body:
			out = append(out, "B: "+p.Text)
		case Line:
			k := "L"
			if p.Centered {
				k += "c"
			}
			if p.Red {
				k += "r"
			}
			out = append(out, k+": "+p.Text)
		case Table:
			var rows []string
			for _, r := range p.Rows {
				var cells []string
				for _, c := range r {
					cells = append(cells, fmt.Sprintf("%s@%d", c.Text, c.Col))
				}
				rows = append(rows, strings.Join(cells, "|"))
			}
			out = append(out, "T: "+strings.Join(rows, " / "))
		}
	}
	return strings.Join(out, "\n")
}

// long is a paragraph of 60 characters: three lines, the last short.
const long = "一是加强组织领导，成立法治建设领导小组，明确目标，压实责任。二是结合信访工作实际，制定工作目标和年度工作计划，确定年度法治"

// pageBreakWant is what the page-break case of TestLay should give, set
// as its pages are made.
var pageBreakWant string

func TestLay(t *testing.T) {
	tests := []struct {
		name  string
		pages func() []Page
		want  string
	}{
		{
			name: "glyphs on one baseline make a line, no space between Chinese characters",
			pages: func() []Page {
				ts := newTypeset()
				runs := glyphs(left+2*em, top, em, 0, "全县信访总量1927件")
				for i := range runs {
					runs[i].Y += float64(i%3) * 0.3 // a baseline not quite even
				}
				ts.add(runs...)
				return ts.pages
			},
			want: "B: 全县信访总量1927件",
		},
		{
			name: "a space between Latin words where the gap is one, none inside a word or a spread number",
			pages: func() []Page {
				ts := newTypeset()
				ts.add(glyphs(left, top, em, 0, "Rule")...)
				ts.add(glyphs(left+2*em+4, top, em, 0, "of")...)
				ts.add(glyphs(left+3*em+8, top, em, 0, "Law")...)
				ts.add(glyphs(left, top+pitch, em, 4, "增长12.96%达到2024年")...) // justified: every gap 4 pt
				return ts.pages
			},
			want: "B: Rule of Law\nB: 增长12.96%达到2024年",
		},
		{
			name: "lines broken inside a number joined without a space, between Latin words with one",
			pages: func() []Page {
				ts := newTypeset()
				ts.line(left+2*em, strings.Repeat("的", 16)+"同比下降9.150%、12.9")
				ts.line(left, "6%。"+strings.Repeat("的", 21)+"被评为Rule")
				ts.line(left, "of Law示范单位。")
				return ts.pages
			},
			want: "B: " + strings.Repeat("的", 16) + "同比下降9.150%、12.96%。" + strings.Repeat("的", 21) + "被评为Rule of Law示范单位。",
		},
		{
			name: "full-width letters and digits as they are",
			pages: func() []Page {
				ts := newTypeset()
				ts.line(left+2*em, "２０２４年ＡＢ角接访")
				return ts.pages
			},
			want: "B: ２０２４年ＡＢ角接访",
		},
		{
			name: "text printed twice to look bold is read once",
			pages: func() []Page {
				ts := newTypeset()
				ts.add(glyphs(left+2*em, top, em, 0, "一、主要举措")...)
				ts.add(glyphs(left+2*em+0.4, top+0.2, em, 0, "一、主要举措")...)
				return ts.pages
			},
			want: "B: 一、主要举措",
		},
		{
			name: "paragraphs from the first-line indent, their lines joined",
			pages: func() []Page {
				ts := newTypeset()
				ts.para(long)
				ts.para("一、主要举措和成效")
				ts.para(long)
				return ts.pages
			},
			want: "B: " + long + "\nB: 一、主要举措和成效\nB: " + long,
		},
		{
			name: "without indents a line that stops short ends the paragraph",
			pages: func() []Page {
				ts := newTypeset()
				r := []rune(long)
				ts.line(left, string(r[:cols]))
				ts.line(left, string(r[cols:40]))
				ts.line(left, string(r[40:]))
				return ts.pages
			},
			want: "B: " + string([]rune(long)[:40]) + "\nB: " + string([]rune(long)[40:]),
		},
		{
			name: "without indents a full line goes on, unless the next line starts a numbered item after a sentence",
			pages: func() []Page {
				ts := newTypeset()
				ts.line(left, "22、日斜江上孤帆影，草绿湖南万里情。——刘长卿《别严诗》")
				ts.line(left, "23、知我意，感君怜，此情须问天。")
				ts.line(left, "十年生死两茫茫，不思量，自难忘。千里孤坟，无处话凄凉，纵")
				ts.line(left, "使相逢应不识。")
				return ts.pages
			},
			want: "B: 22、日斜江上孤帆影，草绿湖南万里情。——刘长卿《别严诗》\nB: 23、知我意，感君怜，此情须问天。\nB: 十年生死两茫茫，不思量，自难忘。千里孤坟，无处话凄凉，纵使相逢应不识。",
		},
		{
			name: "a ragged line short of the margin by less than the next line's first word goes on",
			pages: func() []Page {
				ts := newTypeset()
				ts.para(long)
				ts.line(left, strings.Repeat("的", 24)+"满意")      // 2 ems short: 98.44%， would not fit
				ts.line(left, "98.44%，"+strings.Repeat("的", 22)) // 2 ems short: 是， would not fit
				ts.line(left, "是，完。")
				ts.line(left, "新段。")
				return ts.pages
			},
			want: "B: " + long + "\nB: " + strings.Repeat("的", 24) + "满意98.44%，" + strings.Repeat("的", 22) + "是，完。\nB: 新段。",
		},
		{
			name: "a wider gap ends a paragraph",
			pages: func() []Page {
				ts := newTypeset()
				r := []rune(long)
				ts.line(left, string(r[:cols]))
				ts.line(left, string(r[cols:2*cols]))
				ts.y += 2 * pitch
				ts.line(left, string(r[:cols]))
				ts.line(left, "完。")
				return ts.pages
			},
			want: "B: " + string([]rune(long)[:2*cols]) + "\nB: " + string([]rune(long)[:cols]) + "完。",
		},
		{
			name: "page numbers and a running header removed, a paragraph cut by the page break joined",
			pages: func() []Page {
				ts := newTypeset()
				ts.para("鲁山县信访局2024年度法治政府建设情况报告，现将有关情况报告如下。")
				want := "B: 鲁山县信访局2024年度法治政府建设情况报告，现将有关情况报告如下。"
				for ts.y+3*pitch <= pageH-100 {
					ts.para(long)
					want += "\nB: " + long
				}
				r := []rune(long)
				ts.line(left+2*em, string(r[:cols-2]))
				ts.newPage()
				ts.line(left, string(r[cols-2:2*cols-2]))
				ts.line(left, string(r[2*cols-2:]))
				ts.para("二、存在的问题")
				ts.footer("— # —")
				ts.header("鲁山县信访局2024年度法治政府建设情况报告")
				pageBreakWant = want + "\nB: " + long + "\nB: 二、存在的问题"
				return ts.pages
			},
			want: "see pageBreakWant",
		},
		{
			name: "every style of page number",
			pages: func() []Page {
				var pages []Page
				for i, f := range []string{"- 1 -", "第2页 共5页", "3/5", "— 4 —", "5"} {
					ts := newTypeset()
					ts.para(fmt.Sprintf("%c页的正文。", []rune("一二三四五")[i]))
					ts.footer(f)
					pages = append(pages, ts.pages...)
				}
				return pages
			},
			want: "B: 一页的正文。\nB: 二页的正文。\nB: 三页的正文。\nB: 四页的正文。\nB: 五页的正文。",
		},
		{
			name: "an indented first line after a page break starts a paragraph",
			pages: func() []Page {
				ts := newTypeset()
				ts.para(long)
				r := []rune(long)
				ts.line(left+2*em, string(r[:cols-2]))
				ts.newPage()
				ts.para("二、存在的问题")
				return ts.pages
			},
			want: "B: " + long + "\nB: " + string([]rune(long)[:cols-2]) + "\nB: 二、存在的问题",
		},
		{
			name: "the red 版头, the 文号 and the title centred, each a line; the signature set off to the right",
			pages: func() []Page {
				ts := newTypeset()
				ts.centre("阳城县信访局文件", 36, 0xE60000)
				ts.centre("阳信发〔2024〕1号", em, 0)
				ts.centre("2023年法治政府建设", 22, 0)
				ts.centre("工作情况报告", 22, 0)
				ts.para(long)
				ts.line(right-4*em-6*em, "阳城县信访局")
				ts.line(right-4*em-11*em/2-2*em, "2024年1月5日")
				return ts.pages
			},
			want: "Lcr: 阳城县信访局文件\nLc: 阳信发〔2024〕1号\nLc: 2023年法治政府建设\nLc: 工作情况报告\nB: " + long + "\nL: 阳城县信访局\nL: 2024年1月5日",
		},
		{
			name: "a table row by row, its cells in their columns",
			pages: func() []Page {
				ts := newTypeset()
				ts.para("全年信访事项办理情况见下表。")
				for _, row := range [][]string{{"项目", "2023年", "2024年"}, {"信访总量", "1927件", "1500件"}, {"及时受理率", "", "100%"}} {
					for i, c := range row {
						ts.add(glyphs(left+4+float64(i)*150, ts.y, 14, 0, c)...)
					}
					ts.y += pitch
				}
				ts.para("二、存在的问题")
				return ts.pages
			},
			want: "B: 全年信访事项办理情况见下表。\nT: 项目@0|2023年@1|2024年@2 / 信访总量@0|1927件@1|1500件@2 / 及时受理率@0|100%@2\nB: 二、存在的问题",
		},
		{
			name: "a table whose cells are centred in their columns",
			pages: func() []Page {
				ts := newTypeset()
				ts.para(long)
				for _, row := range [][]string{{"项目", "2023年", "2024年"}, {"及时受理率", "99.5%", "100%"}, {"满意率", "", "98.44%"}} {
					for i, c := range row {
						runs := glyphs(0, ts.y, 14, 0, c)
						if len(runs) == 0 {
							continue
						}
						w := runs[len(runs)-1].X + runs[len(runs)-1].W
						ts.add(glyphs(left+75+float64(i)*150-w/2, ts.y, 14, 0, c)...)
					}
					ts.y += pitch
				}
				return ts.pages
			},
			want: "B: " + long + "\nT: 项目@0|2023年@1|2024年@2 / 及时受理率@0|99.5%@1|100%@2 / 满意率@0|98.44%@2",
		},
		{
			name: "two lines of spaced-out characters are lines, not a table",
			pages: func() []Page {
				ts := newTypeset()
				ts.add(glyphs(130, top, 22, 22, "关于印发法治政府")...)
				ts.add(glyphs(130, top+40, 22, 22, "建设实施方案的通知")...)
				ts.y += 3 * pitch
				ts.para(long)
				return ts.pages
			},
			want: "Lc: 关于印发法治政府\nL: 建设实施方案的通知\nB: " + long,
		},
		{
			name: "one line of spaced-out characters is a line, not a table",
			pages: func() []Page {
				ts := newTypeset()
				ts.add(glyphs(200, top, 22, 3*22, "通知")...)
				ts.y += 2 * pitch
				ts.para("正文。")
				return ts.pages
			},
			want: "L: 通知\nB: 正文。",
		},
		{
			name: "hidden text and runs with no place are not read",
			pages: func() []Page {
				ts := newTypeset()
				ts.line(left+2*em, "看得见的字。")
				hidden := glyphs(left, top+pitch, em, 0, "看不见的字")
				for i := range hidden {
					hidden[i].Hidden = true
				}
				ts.add(hidden...)
				ts.add(Run{X: math.NaN(), Y: 10, W: 1, Size: 1, Text: "坏"}, Run{X: 1, Y: math.Inf(1), W: 1, Size: 1, Text: "坏"}, Run{X: 1, Y: 1, W: 1, Size: 0, Text: "坏"})
				return ts.pages
			},
			want: "B: 看得见的字。",
		},
		{
			name: "a scanned page among text pages is skipped",
			pages: func() []Page {
				ts := newTypeset()
				ts.para("第一页。")
				ts.newPage()
				ts.pages[1].Images = 1
				ts.newPage()
				ts.para("第三页。")
				return ts.pages
			},
			want: "B: 第一页。\nB: 第三页。",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Lay(tt.pages())
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want
			if want == "see pageBreakWant" {
				want = pageBreakWant
			}
			if got := summary(res.Paragraphs); got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestLayImagePages(t *testing.T) {
	ts := newTypeset()
	ts.para("第一页。")
	ts.newPage()
	ts.pages[1].Images = 2
	ts.newPage()
	ts.para("第三页。")
	res, err := Lay(ts.pages)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(res.ImagePages) != "[2]" {
		t.Errorf("ImagePages = %v, want [2]", res.ImagePages)
	}
}

func TestLayErrors(t *testing.T) {
	withText := func(text string) []Page {
		ts := newTypeset()
		ts.para(text)
		return ts.pages
	}
	ocr := func() []Page {
		p := withText("扫描后识别出的文字")
		for i := range p[0].Runs {
			p[0].Runs[i].Hidden = true
		}
		p[0].Images = 1
		return p
	}
	tests := []struct {
		name  string
		pages []Page
		want  error
	}{
		{"a scan: images and no text", []Page{{W: pageW, H: pageH, Images: 1}, {W: pageW, H: pageH, Images: 1}}, ErrScanned},
		{"a scan with an OCR layer of hidden text", ocr(), ErrScanned},
		{"mostly scanned", append(withText("封面。"), Page{Images: 1}, Page{Images: 1}), ErrScanned},
		{"no text, no images", []Page{{W: pageW, H: pageH}}, ErrNoText},
		{"no pages", nil, ErrNoText},
		{"only a page number", func() []Page { ts := newTypeset(); ts.footer("— # —"); return ts.pages }(), ErrNoText},
		{"private-use characters", withText("\ue11e\ue236\ue28a\ue0c0浏览\ueb06\ue2f6\ue0da\ue0ba\ue03e\ue4d4\ue3ea（\ue434\ue0da\ue2be册）"), ErrGarbled},
		{"replacement characters", withText(strings.Repeat("\ufffd", 20) + "报告"), ErrGarbled},
		{"glyph codes read as Latin-1", withText(strings.Repeat("ÃÄÅÆÇÈÉ", 4) + "报告"), ErrGarbled},
		{"glyph codes read as ASCII", withText(strings.Repeat("!\"#$%&'()*+", 3) + "AB"), ErrGarbled},
		{"too much text", []Page{{Runs: []Run{{Text: strings.Repeat("字", MaxText/3+1)}}}}, ErrLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Lay(tt.pages)
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

// TestLayReadable checks that a real report's share of symbols and stray
// characters is not taken for gibberish.
func TestLayReadable(t *testing.T) {
	ts := newTypeset()
	ts.para("2024年，全县信访总量1927件，同比下降61.71%；及时受理率100%、按期答复率99.96%（含网信），α系数0.5，×2。")
	ts.para("Rule of Law: A+B=C, (1) [2] {3} <4> 5/6 7-8 #9 @10 ~11 §12 ÷13")
	if _, err := Lay(ts.pages); err != nil {
		t.Fatal(err)
	}
}
