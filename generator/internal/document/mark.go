package document

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Mark is a passage of a paragraph to wrap in <span class="quote" id=ID>,
// so that a link can point at the very sentence a figure came from.
type Mark struct {
	Anchor     string // the paragraph's anchor
	Start, End int    // rune offsets in the paragraph's Text
	ID         string // the span's id
}

// HTMLMarked is HTML with marks wrapped in spans. It returns the marks it
// placed: a Markdown document, a mark outside its paragraph or one that
// overlaps an earlier mark is left out.
func (d *Document) HTMLMarked(marks []Mark) ([]byte, []Mark, error) {
	if d.markdown || len(marks) == 0 {
		html, err := d.HTML()
		return html, nil, err
	}
	byAnchor := map[string][]Mark{}
	for _, m := range marks {
		byAnchor[m.Anchor] = append(byAnchor[m.Anchor], m)
	}
	var placed []Mark
	var buf bytes.Buffer
	err := d.renderBody(&buf, func(b Block) ast.Node {
		ms := usableMarks(byAnchor[b.Anchor], len([]rune(b.Text)))
		placed = append(placed, ms...)
		return markedParagraph(b, ms)
	})
	return buf.Bytes(), placed, err
}

// usableMarks sorts marks and drops those out of range or overlapping.
func usableMarks(ms []Mark, n int) []Mark {
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	var out []Mark
	end := 0
	for _, m := range ms {
		if m.Start < end || m.Start >= m.End || m.End > n || m.ID == "" {
			continue
		}
		out = append(out, m)
		end = m.End
	}
	return out
}

// markedParagraph is paragraphNode with the marks' text in quote spans.
func markedParagraph(b Block, ms []Mark) ast.Node {
	if len(ms) == 0 {
		return paragraphNode(b)
	}
	p := ast.NewParagraph()
	setID(p, b.Anchor)
	text := []rune(b.Text)
	leadEnd := 0
	var lead ast.Node
	if b.Lead != "" && len(b.Lead) <= len(b.Text) && b.Text[:len(b.Lead)] == b.Lead {
		leadEnd = len([]rune(b.Lead))
		e := ast.NewEmphasis(2)
		e.SetAttributeString("class", []byte("lead"))
		lead = e
		p.AppendChild(p, e)
	}
	// Cut the text at every mark and lead boundary and put each piece in
	// its place: lead or paragraph, inside a quote span or not.
	cuts := []int{0, leadEnd, len(text)}
	for _, m := range ms {
		cuts = append(cuts, m.Start, m.End)
	}
	sort.Ints(cuts)
	spans := map[string]ast.Node{}
	for i := 0; i+1 < len(cuts); i++ {
		from, to := cuts[i], cuts[i+1]
		if from == to {
			continue
		}
		parent := ast.Node(p)
		if from < leadEnd {
			parent = lead
		}
		if m, ok := markAt(ms, from); ok {
			key := m.ID
			if from < leadEnd {
				key += "/lead"
			}
			span := spans[key]
			if span == nil {
				span = &quoteNode{}
				if _, done := spans[m.ID+"/id"]; !done {
					setID(span, m.ID)
					spans[m.ID+"/id"] = span
				}
				spans[key] = span
				parent.AppendChild(parent, span)
			}
			parent = span
		}
		parent.AppendChild(parent, textNode(string(text[from:to])))
	}
	return p
}

// markAt returns the mark covering rune offset i.
func markAt(ms []Mark, i int) (Mark, bool) {
	for _, m := range ms {
		if i >= m.Start && i < m.End {
			return m, true
		}
	}
	return Mark{}, false
}

var kindQuote = ast.NewNodeKind("Quote")

// quoteNode is a marked passage, rendered as <span class="quote">.
type quoteNode struct{ ast.BaseInline }

// Kind implements ast.Node.
func (n *quoteNode) Kind() ast.NodeKind { return kindQuote }

// Dump implements ast.Node.
func (n *quoteNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// renderQuote writes a quote span with its id, if it has one.
func renderQuote(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		w.WriteString("</span>")
		return ast.WalkContinue, nil
	}
	w.WriteString(`<span class="quote"`)
	if id, ok := n.AttributeString("id"); ok {
		w.WriteString(` id="`)
		w.Write(util.EscapeHTML(id.([]byte)))
		w.WriteString(`"`)
	}
	w.WriteString(">")
	return ast.WalkContinue, nil
}
