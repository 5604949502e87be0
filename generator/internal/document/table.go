package document

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

var (
	kindTable     = ast.NewNodeKind("DocxTable")
	kindRowAnchor = ast.NewNodeKind("RowAnchor")
)

// tableNode is a .docx table, rendered by docx.Table.HTML, which escapes
// all text, inside <div class="table-wrap"> so wide tables scroll.
type tableNode struct {
	ast.BaseBlock
	html string
}

// Kind implements ast.Node.
func (n *tableNode) Kind() ast.NodeKind { return kindTable }

// Dump implements ast.Node.
func (n *tableNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// rowAnchorNode is the empty element that carries a table row paragraph's
// anchor, so links to the row land on its table.
type rowAnchorNode struct {
	ast.BaseBlock
	id string
}

// Kind implements ast.Node.
func (n *rowAnchorNode) Kind() ast.NodeKind { return kindRowAnchor }

// Dump implements ast.Node.
func (n *rowAnchorNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

func renderTable(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(`<div class="table-wrap">` + "\n")
		w.WriteString(n.(*tableNode).html)
		w.WriteString("</div>\n")
	}
	return ast.WalkSkipChildren, nil
}

func renderRowAnchor(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(`<span class="row-anchor" id="`)
		w.Write(util.EscapeHTML([]byte(n.(*rowAnchorNode).id)))
		w.WriteString(`"></span>` + "\n")
	}
	return ast.WalkSkipChildren, nil
}
