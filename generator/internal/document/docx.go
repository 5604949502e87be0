package document

import (
	"strings"

	"portal/generator/internal/diag"
	"portal/generator/internal/docx"
)

// Para is one paragraph of a word-processor document, for ParseParagraphs.
type Para struct {
	// Text is the visible text, its automatic number included; a line break
	// inside the paragraph is "\n".
	Text string
	// Level is the heading level Word gives the paragraph through its
	// outline level or a heading style, 1 for the top; 0 when unknown, and
	// the official numbering rules of ParseText decide.
	Level int
	// Lead is the bold text the paragraph starts with, when more follows:
	// its run-in lead. "" if none.
	Lead string

	// asIs marks text made from a table row or a note: a paragraph, never
	// a heading, never joined with another.
	asIs bool
	// note marks a footnote or an endnote, after the paragraph that
	// refers to it.
	note bool
	// box marks a paragraph of a text box, never joined with another.
	box bool
	// table is the table the row comes from, shown as a table on the page.
	table *docx.Table
}

// ParseParagraphs parses a document that comes as real paragraphs, such as
// a .docx, with the rules of ParseText: title block, signature, official
// numbering and run-in leads, except that a paragraph Word marks as a
// heading is one (its level counted from the smallest level used, its
// official number, if any, kept apart), and a bold lead is the lead.
// Paragraphs are joined only where plain text lines would be: a body
// paragraph that stops mid-sentence (a sentence cut by a page break when
// the text went through PDF or plain text on its way into Word) is joined
// with the body paragraph after it; headings, table rows and notes never
// are. Block.Line is the 1-based index of the (first) paragraph.
func ParseParagraphs(file string, paras []Para) (*Document, diag.List) {
	var probs diag.List
	var lines []srcLine
	byLine := map[int]Para{}
	for i, p := range paras {
		s := cleanLine(joinLineBreaks(p.Text))
		if s == "" {
			continue
		}
		lines = append(lines, srcLine{no: i + 1, text: s})
		byLine[i+1] = p
	}
	body := func(lines []srcLine) []Block {
		return paragraphBlocks(lines, byLine)
	}
	return parseLines(file, lines, body, &probs), probs
}

// joinLineBreaks joins the lines of one paragraph as the text parser joins
// continued lines.
func joinLineBreaks(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	var b strings.Builder
	for i, l := range strings.Split(s, "\n") {
		l = strings.TrimFunc(l, isBlank)
		if i > 0 && needsSpace(b.String(), l) {
			b.WriteByte(' ')
		}
		b.WriteString(l)
	}
	return b.String()
}

// paragraphBlocks classifies the body paragraphs.
func paragraphBlocks(lines []srcLine, byLine map[int]Para) []Block {
	top := 0 // the smallest heading level Word gives
	for _, l := range lines {
		if lv := byLine[l.no].Level; lv > 0 && !byLine[l.no].asIs && (top == 0 || lv < top) {
			top = lv
		}
	}
	lines = joinCutParagraphs(lines, byLine)
	var blocks []Block
	for i, l := range lines {
		p := byLine[l.no]
		var b Block
		switch {
		case p.asIs:
			b = Block{Kind: Paragraph, Text: l.text, Line: l.no, table: p.table, note: p.note}
		case p.Level > 0:
			b = Block{Kind: Heading, Level: p.Level - top + 1, Text: l.text, Line: l.no}
			if m, ok := parseMarker(l.text); ok && m.rest != "" {
				b.Number, b.Text = m.number, m.rest
			}
		default:
			b = classify(l.text, l.no)
			if i+1 < len(lines) && startsBodyText(lines[i+1].text) && byLine[lines[i+1].no].Level == 0 {
				b = headingIfStandingLead(b)
			}
			if lead := cleanLine(p.Lead); b.Kind == Paragraph && lead != "" && lead != b.Text && strings.HasPrefix(b.Text, lead) {
				b.Lead = lead
			}
		}
		blocks = append(blocks, b)
	}
	return blocks
}

// joinCutParagraphs joins each plain body paragraph with the plain body
// paragraphs that continue it, by the rule ParseText joins lines with.
func joinCutParagraphs(lines []srcLine, byLine map[int]Para) []srcLine {
	plain := func(l srcLine) bool { p := byLine[l.no]; return p.Level == 0 && !p.asIs && !p.box }
	var out []srcLine
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		for plain(l) && i+1 < len(lines) && plain(lines[i+1]) && continues(l.text, lines[i+1].text) {
			i++
			if needsSpace(l.text, lines[i].text) {
				l.text += " "
			}
			l.text += lines[i].text
		}
		out = append(out, l)
	}
	return out
}

// ParseDocx parses a Word .docx file held in data, with ParseParagraphs.
// A file that cannot be read (an old .doc, an encrypted or corrupt file, a
// zip bomb) gives an empty document and an error naming file. Tables become
// one paragraph per row in which each figure follows its row and column
// headers, e.g. "行政复议案件收案数：12件；结案数：10件。". A footnote or an
// endnote becomes a paragraph of its mark and text right after the block
// that refers to it, rendered <p class="note">; the paragraphs of a text
// box follow the paragraph it is anchored in, never joined with another.
func ParseDocx(file string, data []byte) (*Document, diag.List) {
	d, err := docx.Read(data)
	if err != nil {
		var probs diag.List
		probs.Errorf(diag.Pos{File: file}, "cannot read .docx: %v", err)
		return &Document{}, probs
	}
	return ParseParagraphs(file, docxParas(d))
}

// docxParas turns the blocks of a .docx into paragraphs: each block, then
// its notes, each a paragraph of its mark and text.
func docxParas(d *docx.Document) []Para {
	var paras []Para
	for _, b := range d.Blocks {
		switch {
		case b.Para != nil:
			lead := b.Para.Bold
			if lead != "" {
				lead = b.Para.Number + lead
			}
			paras = append(paras, Para{Text: b.Para.Text, Level: b.Para.Level, Lead: lead, box: b.TextBox})
		case b.Table != nil:
			for _, s := range tableRows(b.Table) {
				paras = append(paras, Para{Text: s, asIs: true, table: b.Table})
			}
		}
		for _, n := range b.Notes {
			paras = append(paras, Para{Text: n.Mark + n.Text, asIs: true, note: true})
		}
	}
	return paras
}

// tableRows writes each row of a table as a sentence. With a header row
// (or several: the table's header rows, or the first row with the rows its
// cells are merged down into) and a header column, a row reads "<row header><column header>：<value>；…" so that each
// figure keeps its context; a table of one row lists its cells.
func tableRows(t *docx.Table) []string {
	clean := func(s string) string { return strings.Join(strings.Fields(joinLineBreaks(s)), " ") }
	if len(t.Rows) < 2 {
		var cells []string
		for _, r := range t.Rows {
			for _, c := range r {
				if s := clean(c.Text); s != "" {
					cells = append(cells, s)
				}
			}
		}
		if len(cells) == 0 {
			return nil
		}
		return []string{strings.Join(cells, "；") + "。"}
	}
	head := min(max(t.HeaderRows, 1), len(t.Rows)-1) // header rows
	for _, c := range t.Rows[0] {
		head = max(head, min(c.RowSpan, len(t.Rows)-1))
	}
	colHeads := map[int][]string{} // the headers over each column, outermost first
	for _, r := range t.Rows[:head] {
		for _, c := range r {
			if s := clean(c.Text); s != "" {
				for k := c.Col; k < c.Col+min(c.ColSpan, 64); k++ {
					colHeads[k] = append(colHeads[k], s)
				}
			}
		}
	}
	// colHead is the innermost header over all the columns a cell spans.
	colHead := func(c docx.Cell) string {
		first := colHeads[c.Col]
		for i := len(first) - 1; i >= 0; i-- {
			all := true
			for k := c.Col + 1; k < c.Col+min(c.ColSpan, 64); k++ {
				if hs := colHeads[k]; i >= len(hs) || hs[i] != first[i] {
					all = false
				}
			}
			if all {
				return first[i]
			}
		}
		return ""
	}
	var out []string
	rowHead, carry := "", 0 // a row header merged down over carry more rows
	for _, r := range t.Rows[head:] {
		var parts []string
		start := 0
		switch {
		case len(r) > 0 && r[0].Col == 0:
			rowHead, carry = clean(r[0].Text), r[0].RowSpan-1
			start = 1
		case carry > 0:
			carry--
		default:
			rowHead = ""
		}
		for _, c := range r[start:] {
			v := clean(c.Text)
			if v == "" {
				continue
			}
			label := rowHead + colHead(c)
			if label == "" || label == v {
				parts = append(parts, v)
			} else {
				parts = append(parts, label+"："+v)
			}
		}
		if len(parts) == 0 {
			if rowHead != "" && start == 1 {
				out = append(out, rowHead)
			}
			continue
		}
		out = append(out, strings.Join(parts, "；")+"。")
	}
	return out
}
