package document

import (
	"bytes"
	"cmp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// HTML renders the body (not the header: the page shows the title itself)
// with goldmark: headings with their anchors as ids, paragraphs, and the
// signature block at the end. A plain-text document renders from Blocks; a
// Markdown document renders from its source. All text is escaped and the
// output is the same bytes for the same document.
func (d *Document) HTML() ([]byte, error) {
	var buf bytes.Buffer
	if d.markdown {
		err := convertMarkdown(&buf, d.source)
		return buf.Bytes(), err
	}
	err := d.renderBody(&buf, paragraphNode)
	return buf.Bytes(), err
}

// renderBatch is how many top-level nodes renderBody puts in a tree
// before it renders them: the tree of a whole long document would cost
// some 600 bytes a block.
const renderBatch = 256

// renderBody renders the body of a plain-text or .docx document, its
// paragraphs made by para, batch by batch: the blocks of a document are
// siblings, and render the same alone or together.
func (d *Document) renderBody(w *bytes.Buffer, para func(Block) ast.Node) error {
	doc := ast.NewDocument()
	flush := func() error {
		if doc.ChildCount() == 0 {
			return nil
		}
		err := gm.Renderer().Render(w, nil, doc)
		doc = ast.NewDocument()
		return err
	}
	rank := 1 // of the last heading element: h1 is the page's title
	for i := 0; i < len(d.Blocks); i++ {
		switch b := d.Blocks[i]; {
		case b.Kind == Heading:
			h := headingNode(b, rank)
			rank = h.Level
			doc.AppendChild(doc, h)
		case b.table != nil:
			i += appendTable(doc, d.Blocks[i:]) - 1
		default:
			doc.AppendChild(doc, para(b))
		}
		if doc.ChildCount() >= renderBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if sig := signatureAST(d.Signature); sig != nil {
		doc.AppendChild(doc, sig)
	}
	return flush()
}

// appendTable puts a .docx table on the page where its first row
// paragraph stands, after the anchors of all its row paragraphs (their text
// feeds search and figures; links to a row land on its table). It returns
// how many blocks the table took.
func appendTable(doc ast.Node, blocks []Block) int {
	n := 0
	for n < len(blocks) && blocks[n].table == blocks[0].table {
		doc.AppendChild(doc, &rowAnchorNode{id: blocks[n].Anchor})
		n++
	}
	doc.AppendChild(doc, &tableNode{html: blocks[0].table.HTML()})
	return n
}

// headingNode renders level 1 as h2, 2 as h3 and so on down to h6, with the
// number in <span class="num">. After a heading element of rank prev it is
// at most one rank lower: a 1. right under 二、 (no （一） between) is an
// h3, not an h4, so that assistive technology finds no level missing.
func headingNode(b Block, prev int) *ast.Heading {
	h := ast.NewHeading(headingRank(b.Level, prev))
	setID(h, b.Anchor)
	if b.Number != "" {
		num := &numberNode{}
		num.AppendChild(num, textNode(b.Number))
		h.AppendChild(h, num)
	}
	h.AppendChild(h, textNode(b.Text))
	return h
}

// headingRank is the element rank (2 for h2) of a heading of level after
// a heading element of rank prev (1 before the first heading).
func headingRank(level, prev int) int {
	return min(max(level, 1)+1, prev+1, 6)
}

// paragraphNode renders a paragraph, its lead in <strong class="lead">; a
// note as <p class="note">.
func paragraphNode(b Block) ast.Node {
	p := ast.NewParagraph()
	setID(p, b.Anchor)
	if b.note {
		p.SetAttributeString("class", []byte("note"))
	}
	rest := b.Text
	if b.Lead != "" && strings.HasPrefix(b.Text, b.Lead) {
		lead := ast.NewEmphasis(2)
		lead.SetAttributeString("class", []byte("lead"))
		lead.AppendChild(lead, textNode(b.Lead))
		p.AppendChild(p, lead)
		rest = b.Text[len(b.Lead):]
	}
	if rest != "" {
		p.AppendChild(p, textNode(rest))
	}
	return p
}

// signatureAST renders the signature as <div class="signature"> holding a
// paragraph for the organ and one for the date as written; nil if there is
// no signature.
func signatureAST(s Signature) ast.Node {
	date := cmp.Or(s.DateText, s.Date)
	if s.Organ == "" && date == "" {
		return nil
	}
	n := &signatureNode{}
	for _, line := range []string{s.Organ, date} {
		if line != "" {
			p := ast.NewParagraph()
			p.AppendChild(p, textNode(line))
			n.AppendChild(n, p)
		}
	}
	return n
}

// textNode is literal text; the renderer escapes it and resolves nothing
// (no entities, no backslash escapes).
func textNode(s string) ast.Node {
	n := ast.NewString([]byte(s))
	n.SetRaw(true)
	return n
}

// setID sets the id attribute unless id is empty.
func setID(n ast.Node, id string) {
	if id != "" {
		n.SetAttributeString("id", []byte(id))
	}
}

// kindNumber and kindSignature are the node kinds this package adds.
var (
	kindNumber    = ast.NewNodeKind("OfficialNumber")
	kindSignature = ast.NewNodeKind("Signature")
)

// numberNode holds the official number of a heading.
type numberNode struct{ ast.BaseInline }

// Kind implements ast.Node.
func (n *numberNode) Kind() ast.NodeKind { return kindNumber }

// Dump implements ast.Node.
func (n *numberNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// signatureNode holds the paragraphs of the signature.
type signatureNode struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *signatureNode) Kind() ast.NodeKind { return kindSignature }

// Dump implements ast.Node.
func (n *signatureNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// nodeRenderer renders this package's nodes, and list text and code blocks
// with the id the paragraph numbering gave them.
type nodeRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindNumber, wrapRenderer(`<span class="num">`, `</span>`))
	reg.Register(kindQuote, renderQuote)
	reg.Register(kindTable, renderTable)
	reg.Register(kindRowAnchor, renderRowAnchor)
	reg.Register(kindSignature, wrapRenderer(`<div class="signature">`, "</div>\n"))
	reg.Register(ast.KindTextBlock, renderTextBlock)
	reg.Register(ast.KindCodeBlock, renderCodeBlock)
	reg.Register(ast.KindFencedCodeBlock, renderCodeBlock)
}

// wrapRenderer writes open before a node's children and end after them.
func wrapRenderer(open, end string) renderer.NodeRendererFunc {
	return func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(open)
		} else {
			_, _ = w.WriteString(end)
		}
		return ast.WalkContinue, nil
	}
}

// renderTextBlock renders the text of a tight list item, inside
// <span id="pN"> when it has an id.
func renderTextBlock(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	id, hasID := n.AttributeString("id")
	if entering {
		if hasID {
			writeOpenTag(w, "span", id)
		}
		return ast.WalkContinue, nil
	}
	if hasID {
		_, _ = w.WriteString("</span>")
	}
	if n.NextSibling() != nil && n.FirstChild() != nil {
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// renderCodeBlock renders an indented or fenced code block as
// <pre id="pN"><code>, its lines escaped.
func renderCodeBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</code></pre>\n")
		return ast.WalkContinue, nil
	}
	id, _ := n.AttributeString("id")
	writeOpenTag(w, "pre", id)
	_, _ = w.WriteString("<code>")
	for i := range n.Lines().Len() {
		line := n.Lines().At(i)
		_, _ = w.Write(util.EscapeHTML(line.Value(src)))
	}
	return ast.WalkContinue, nil
}

// writeOpenTag writes <tag> or <tag id="..."> with the id escaped.
func writeOpenTag(w util.BufWriter, tag string, id any) {
	_, _ = w.WriteString("<" + tag)
	if b, ok := id.([]byte); ok {
		_, _ = w.WriteString(` id="`)
		_, _ = w.Write(util.EscapeHTML(b))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
}
