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
	for i, p := range paras {
		if s := cleanLine(joinLineBreaks(p.Text)); s != "" {
			lines = append(lines, srcLine{no: i + 1, text: s})
		}
	}
	body := func(lines []srcLine) []Block {
		return paragraphBlocks(lines, byLine(paras))
	}
	return parseLines(file, lines, body, &probs), probs
}

// byLine gives the paragraph of a line number: paras[no-1].
type byLine []Para

// of returns the paragraph of line l.
func (ps byLine) of(l srcLine) Para { return ps[l.no-1] }

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
func paragraphBlocks(lines []srcLine, paras byLine) []Block {
	top := 0 // the smallest heading level Word gives
	for _, l := range lines {
		if p := paras.of(l); p.Level > 0 && !p.asIs && (top == 0 || p.Level < top) {
			top = p.Level
		}
	}
	lines = joinCutParagraphs(lines, paras)
	var blocks []Block
	for i, l := range lines {
		p := paras.of(l)
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
			if i+1 < len(lines) && startsBodyText(lines[i+1].text) && paras.of(lines[i+1]).Level == 0 {
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
// paragraphs that continue it, by the rule ParseText joins lines with, in
// time linear in their length.
func joinCutParagraphs(lines []srcLine, paras byLine) []srcLine {
	plain := func(l srcLine) bool { p := paras.of(l); return p.Level == 0 && !p.asIs && !p.box }
	var out []srcLine
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if !plain(l) || i+1 == len(lines) || !plain(lines[i+1]) || !continues(l.text, lines[i+1].text) {
			out = append(out, l)
			continue
		}
		var b strings.Builder
		b.WriteString(l.text)
		for i+1 < len(lines) && plain(lines[i+1]) && continues(b.String(), lines[i+1].text) {
			i++
			if needsSpace(b.String(), lines[i].text) {
				b.WriteByte(' ')
			}
			b.WriteString(lines[i].text)
		}
		l.text = b.String()
		out = append(out, l)
	}
	return out
}

// ParseDocx parses a Word .docx file held in data, with ParseParagraphs.
// A file that cannot be read (an old .doc, an encrypted or corrupt file, a
// zip bomb, a file beyond the limits of docx.Read) gives an empty document
// and an error naming file. Tables become
// one paragraph per row in which each figure follows its row and column
// headers, e.g. "行政复议案件收案数：12件；结案数：10件。". A footnote or an
// endnote becomes a paragraph of its mark and text right after the block
// that refers to it, rendered <p class="note">; the paragraphs of a text
// box follow the paragraph it is anchored in, never joined with another.
func ParseDocx(file string, data []byte) (*Document, diag.List) {
	d, err := docx.Read(data)
	var paras []Para
	if err == nil {
		paras, err = docxParas(d, 2*docx.TextLimit(len(data)))
	}
	if err != nil {
		var probs diag.List
		probs.Errorf(diag.Pos{File: file}, "cannot read .docx: %v", err)
		return &Document{}, probs
	}
	return ParseParagraphs(file, paras)
}

// tableTextError reports a .docx whose paragraphs, its tables written
// out with their headers on each row, come to more than limit bytes.
type tableTextError int

func (e tableTextError) Error() string { return e.Msg().String() }

// Msg is the message of e, in the editor's language (diag.Messager).
func (e tableTextError) Msg() diag.Msg {
	size := diag.Msgf("%d KB", int(e>>10))
	if e%(1<<20) == 0 {
		size = diag.Msgf("%d MB", int(e>>20))
	}
	return diag.Msgf("%v: its tables, with their headers on each row, come to more than %s of text (twice what the file may hold)", docx.ErrLimit, size)
}

func (e tableTextError) Unwrap() error { return docx.ErrLimit }

// docxParas turns the blocks of a .docx into paragraphs: each block, then
// its notes, each a paragraph of its mark and text; at most limit bytes
// of text.
func docxParas(d *docx.Document, limit int) ([]Para, error) {
	var paras []Para
	left := limit
	add := func(p Para) error {
		if len(p.Text) > left {
			return tableTextError(limit)
		}
		left -= len(p.Text)
		paras = append(paras, p)
		return nil
	}
	for _, b := range d.Blocks {
		switch {
		case b.Para != nil:
			lead := b.Para.Bold
			if lead != "" {
				lead = b.Para.Number + lead
			}
			if err := add(Para{Text: b.Para.Text, Level: b.Para.Level, Lead: lead, box: b.TextBox}); err != nil {
				return nil, err
			}
		case b.Table != nil:
			rows, err := tableRows(b.Table, left, limit)
			if err != nil {
				return nil, err
			}
			for _, s := range rows {
				if err := add(Para{Text: s, asIs: true, table: b.Table}); err != nil {
					return nil, err
				}
			}
		}
		for _, n := range b.Notes {
			if err := add(Para{Text: n.Mark + n.Text, asIs: true, note: true}); err != nil {
				return nil, err
			}
		}
	}
	return paras, nil
}

// maxHeadRows is the most header rows whose cells label the values of a
// table.
const maxHeadRows = 8

// tableRows writes each row of a table as a sentence, at most left bytes
// of them (of limit for the document). With a header row (or several: the table's header rows, or
// the first row with the rows its cells are merged down into; at most
// maxHeadRows) and a header column, a row reads "<row header><column
// header>：<value>；…" so that each figure keeps its context; a table of
// one row lists its cells.
func tableRows(t *docx.Table, left, limit int) ([]string, error) {
	w := rowWriter{left: left, limit: limit}
	if len(t.Rows) < 2 {
		var cells []string
		for _, r := range t.Rows {
			for _, c := range r {
				if s := cleanCell(c.Text); s != "" {
					cells = append(cells, s)
				}
			}
		}
		if len(cells) > 0 {
			w.row(cells)
		}
		return w.out, w.err
	}
	head := min(max(t.HeaderRows, 1), len(t.Rows)-1, maxHeadRows) // header rows
	for _, c := range t.Rows[0] {
		head = max(head, min(c.RowSpan, len(t.Rows)-1, maxHeadRows))
	}
	heads := newColumnHeads(t.Rows[:head])
	rowHead, carry := "", 0 // a row header merged down over carry more rows
	for _, r := range t.Rows[head:] {
		var parts []string
		start := 0
		switch {
		case len(r) > 0 && r[0].Col == 0:
			rowHead, carry = cleanCell(r[0].Text), r[0].RowSpan-1
			start = 1
		case carry > 0:
			carry--
		default:
			rowHead = ""
		}
		for _, c := range r[start:] {
			v := cleanCell(c.Text)
			if v == "" {
				continue
			}
			label := heads.of(c)
			if !w.fits(len(rowHead) + len(label) + len("：") + len(v)) {
				return nil, w.err
			}
			if label = rowHead + label; label == "" || label == v {
				parts = append(parts, v)
			} else {
				parts = append(parts, label+"："+v)
			}
		}
		if len(parts) == 0 {
			if rowHead != "" && start == 1 {
				w.add(rowHead)
			}
			continue
		}
		w.row(parts)
	}
	return w.out, w.err
}

// cleanCell is the text of a cell on one line, its white space runs one
// space.
func cleanCell(s string) string {
	return strings.Join(strings.Fields(joinLineBreaks(s)), " ")
}

// rowWriter collects the sentences of a table's rows within a budget.
type rowWriter struct {
	out     []string
	left    int // bytes the sentences may still take
	limit   int // bytes the document's paragraphs may take
	pending int // bytes of the row being written
	err     error
}

// fits reports whether n more bytes of the row being written fit.
func (w *rowWriter) fits(n int) bool {
	if w.pending += n; w.pending > w.left {
		w.err = tableTextError(w.limit)
	}
	return w.err == nil
}

// row adds the sentence of a row's parts.
func (w *rowWriter) row(parts []string) {
	w.add(strings.Join(parts, "；") + "。")
}

// add adds a sentence.
func (w *rowWriter) add(s string) {
	w.pending = 0
	if w.err == nil && len(s) > w.left {
		w.err = tableTextError(w.limit)
	}
	if w.err == nil {
		w.left -= len(s)
		w.out = append(w.out, s)
	}
}

// columnHeads are the headers over each column of a table, outermost
// first, as indexes in texts, so that comparing them costs little however
// long they are.
type columnHeads struct {
	texts []string
	cols  map[int][]int
}

// maxHeadSpan is the most columns a header cell labels.
const maxHeadSpan = 64

// newColumnHeads reads the headers of the header rows.
func newColumnHeads(rows [][]docx.Cell) columnHeads {
	h := columnHeads{cols: map[int][]int{}}
	index := map[string]int{}
	for _, r := range rows {
		for _, c := range r {
			s := cleanCell(c.Text)
			if s == "" {
				continue
			}
			id, ok := index[s]
			if !ok {
				id = len(h.texts)
				index[s] = id
				h.texts = append(h.texts, s)
			}
			for k := c.Col; k < c.Col+min(c.ColSpan, maxHeadSpan); k++ {
				h.cols[k] = append(h.cols[k], id)
			}
		}
	}
	return h
}

// of returns the innermost header over all the columns cell c spans, ""
// for none.
func (h columnHeads) of(c docx.Cell) string {
	first := h.cols[c.Col]
	for i := len(first) - 1; i >= 0; i-- {
		all := true
		for k := c.Col + 1; k < c.Col+min(c.ColSpan, maxHeadSpan) && all; k++ {
			hs := h.cols[k]
			all = i < len(hs) && hs[i] == first[i]
		}
		if all {
			return h.texts[first[i]]
		}
	}
	return ""
}
