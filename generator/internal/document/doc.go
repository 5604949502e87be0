// Package document turns the text of an annual rule-of-law government report
// (法治政府建设年度报告) into a structured document — title block, numbered
// headings, paragraphs, signature — and renders its body as HTML.
//
// # Plain text
//
// ParseText reads an official document as it comes out of a .docx or PDF
// conversion: valid UTF-8 with LF line endings, one paragraph per line, laid
// out after GB/T 9704 (党政机关公文格式). From top to bottom:
//
//	阳城县信访局文件                     red header (Header.DocHeader), or
//	鲁山县信访局                         the organ on its own line (Header.Organ)
//	阳信发〔2024〕1号                    document number (Header.DocNumber)
//	2023年法治政府建设工作情况报告        title (Header.Title), maybe over two lines
//	2023年以来，在县委、县政府……         body
//	一、主要举措和成效                    heading, level 1
//	（一）严格按照……抓工作落实           heading, level 2
//	1.推进接待场所标准化。2024年……       paragraph with a run-in lead
//	……
//	鲁山县信访局                         signature organ
//	2024年12月31日                       signature date (also 二〇二四年十二月三十一日)
//
// The rules:
//
//   - Cleanup. Word bookmarks ("[bookmark: _GoBack]", anywhere in a line),
//     the blank-page note "（此页无正文）", control and zero-width characters,
//     leading and trailing white space (U+3000 included) and blank lines are
//     removed. Nothing else is ever dropped: a line the parser does not
//     recognise is body text. A line that looks like a printed page number
//     ("— 3 —") is kept and reported.
//   - Title block. Among the first eight lines: a 文号 (阳信发〔2024〕1号, with
//     〔〕 [] 【】 or () brackets), a red header ending in 文件, an organ
//     line (no digits, ending in 局, 委, 办, 室, 中心 …), and the title —
//     short lines without sentence punctuation, joined until one ends like a
//     title (报告, 总结 …). Lines that spell the title again (once whole, once
//     split) are a repeat and are dropped. An addressee such as
//     "县委、县政府：" stays in the body.
//   - Headings. A line that starts with an official number — 一、 (level 1),
//     （一） (2), 1. 1． 1、 (3), （1） (4), full- or half-width, with or
//     without a space after it — and whose title is at most 60 characters
//     with no sentence inside (。！？；, or a colon before more text) is a
//     heading. Otherwise it is a paragraph that keeps the number in Number;
//     if its first sentence (up to the first 。！？ or colon) is at most 40
//     characters, that sentence is its Lead. A numbered line that is nothing
//     but such a lead, alone before running text ("（一）坚持党的领导，强化
//     组织保障。"), is a heading after all; before another item it is an
//     item of a list. 一是, 二是 … never start a heading.
//   - Levels and anchors. Level is the rank of the number's style; anchors
//     follow the document's own tree: a heading is the child of the nearest
//     earlier heading of a smaller level, so （1） right under 一、 gets
//     "s1-1". A first heading numbered in the twin style of the sibling
//     after it (（1） then （二）, under 一、) is taken for the typo it is and
//     gets its sibling's level. Paragraphs are "p1", "p2", … through the
//     whole document.
//   - Page breaks. A line that does not end a sentence (。！？；：… or a
//     closing quote after them) is joined to the next one, unless the next
//     starts with a number or an item (①, 1）, 二是, 第二，), the line is a
//     heading, or it is a short line without punctuation such as "无". A line
//     ending in ， or 、 is always continued, even a heading.
//   - Signature. The last line, if it is a date, and the organ line before
//     it; the date is converted to ISO form (Signature.Date) and kept as
//     written (Signature.DateText).
//
// # Markdown
//
// ParseMarkdown reads a Markdown body with goldmark (tables, strikethrough,
// linkify, CJK line breaks; no typographer; raw HTML omitted). Headings keep
// their official number apart as in plain text; their level counts from the
// smallest level used. Every paragraph, tight list item, table row and code
// block is a Paragraph block with an id. Links other than http, https,
// mailto and relative ones become plain text, and external links get
// rel="noopener noreferrer"; an image is published only from a relative
// path (this site), else its alt text stays as text. A body that ends
// with an organ and a date has a signature, as in plain text.
//
// # HTML
//
// Document.HTML renders the body, not the title block: level-1 headings as
// <h2 id="s1"><span class="num">一、</span>…</h2> down to level 4 as <h5>,
// paragraphs as <p id="p3">, leads as <strong class="lead">, and the
// signature as <div class="signature"><p>organ</p><p>date</p></div>. All
// text is escaped; the same document always gives the same bytes.
//
// Problems are warnings for an editor (an impossible signature date, raw
// HTML or a forbidden link or image in Markdown, a page number, an empty
// body). A body past the limits of limits.go (lines, paragraphs, Markdown
// elements) is an error naming the file and the line, and its document
// is empty: within them, parsing takes time linear in the size of the
// body and bounded memory.
package document
