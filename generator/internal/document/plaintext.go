package document

import (
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// plainText returns the text of a Markdown node as a reader sees it:
// without markup, entities resolved, raw HTML left out. A soft line break
// disappears between two East Asian wide characters (as the CJK extension
// renders it) and is a space elsewhere.
func plainText(n ast.Node, src []byte) string {
	var p plainWriter
	p.node(n, src)
	return p.String()
}

// plainWriter collects plain text and remembers where soft breaks fall.
type plainWriter struct {
	strings.Builder
	breaks []int // byte offsets of soft line breaks
}

// node writes the text of the children of n.
func (p *plainWriter) node(n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch v := c.(type) {
		case *ast.Text:
			p.text(v, src)
		case *ast.String:
			p.Write(v.Value)
		case *ast.AutoLink:
			p.Write(v.Label(src))
		case *numberNode, *ast.RawHTML:
			// the number is kept apart; raw HTML is not published
		default:
			p.node(c, src)
		}
	}
}

// text writes one text segment and its line break.
func (p *plainWriter) text(t *ast.Text, src []byte) {
	v := t.Segment.Value(src)
	if !t.IsRaw() {
		v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
	}
	p.Write(v)
	switch {
	case t.HardLineBreak():
		p.WriteByte('\n')
	case t.SoftLineBreak():
		p.breaks = append(p.breaks, p.Len())
	}
}

// String returns the text with each soft break resolved.
func (p *plainWriter) String() string {
	s := p.Builder.String()
	if len(p.breaks) == 0 {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	last := 0
	for _, at := range p.breaks {
		b.WriteString(s[last:at])
		before, _ := utf8.DecodeLastRuneInString(s[:at])
		after, _ := utf8.DecodeRuneInString(s[at:])
		if !util.IsEastAsianWideRune(before) || !util.IsEastAsianWideRune(after) {
			b.WriteByte(' ')
		}
		last = at
	}
	b.WriteString(s[last:])
	return strings.TrimSpace(b.String())
}

// rowText returns the cells of a table row separated by tabs.
func rowText(row ast.Node, src []byte) string {
	var cells []string
	for c := row.FirstChild(); c != nil; c = c.NextSibling() {
		cells = append(cells, plainText(c, src))
	}
	return strings.Join(cells, "\t")
}

// linesText returns the lines of a code block.
func linesText(n ast.Node, src []byte) string {
	var b strings.Builder
	for i := range n.Lines().Len() {
		line := n.Lines().At(i)
		b.Write(line.Value(src))
	}
	return strings.TrimRight(b.String(), "\n")
}
