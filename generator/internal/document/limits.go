package document

import (
	"bytes"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"portal/generator/internal/diag"
)

// Limits on the size of a report. A long annual report has a thousand
// lines, a few hundred paragraphs and a few thousand Markdown elements;
// the limits are a hundred times that. Past them a report is an error
// naming the file, and its document is empty: each block, and in
// Markdown each element, costs a hundred bytes or more, so that a
// generated 20 MB file (the largest content.Load reads) could otherwise
// take gigabytes. Within them a report costs at most some 100 MiB, in
// time linear in its size.
const (
	// maxLines is how many lines a text or Markdown body may have.
	maxLines = 50_000
	// maxBlocks is how many paragraphs (and headings, table rows, notes)
	// a document read as paragraphs (ParseParagraphs) may have.
	maxBlocks = 100_000
	// maxElements is how many elements a Markdown body may make: blocks
	// (paragraphs, headings, lists and their items, quotes, code),
	// table rows and cells, link reference definitions, and inline
	// elements (links, images, emphasis, code spans, autolinks).
	maxElements = 50_000
	// maxEscapedPipes is how many "\|" may stand in the code of the table
	// rows of one Markdown body: goldmark checks each such cell against
	// every other. A table with more is text, with a warning.
	maxEscapedPipes = 256
)

// tooManyLines returns the error of a body of more than maxLines lines;
// lineOffset is the number of file lines before the body.
func tooManyLines(file string, lineOffset int) diag.Problem {
	return diag.NewProblem(diag.Pos{File: file, Line: lineOffset + maxLines + 1}, diag.Error,
		diag.Msgf("more than %d lines: too long for a report; split it", maxLines))
}

// overLines reports whether src has more than maxLines lines.
func overLines[T string | []byte](src T) bool {
	var n int
	switch s := any(src).(type) {
	case string:
		n = strings.Count(s, "\n")
	case []byte:
		n = bytes.Count(s, []byte("\n"))
	}
	if len(src) > 0 && src[len(src)-1] != '\n' {
		n++
	}
	return n > maxLines
}

// tooManyBlocks returns the error of a document of more than maxBlocks
// paragraphs; line is where the one past the limit starts.
func tooManyBlocks(file string, line int) diag.Problem {
	return diag.NewProblem(diag.Pos{File: file, Line: line}, diag.Error,
		diag.Msgf("more than %d paragraphs: too long for a report; split it", maxBlocks))
}

// budget counts, during one Markdown parse, the elements made so far.
// Once they pass maxElements, no parser makes another one: the parse
// stops at the next block, and the document is an error.
type budget struct {
	elements int
	over     bool
	overAt   int // byte offset where the budget ran out
}

// spend counts n more elements made at byte offset off, and reports
// whether they fit.
func (b *budget) spend(n, off int) bool {
	if b.over {
		return false
	}
	if b.elements+n > maxElements {
		b.over, b.overAt = true, max(off, 0)
		return false
	}
	b.elements += n
	return true
}

// budgetOf returns the element budget of the parse of pc.
func budgetOf(pc parser.Context) *budget { return &limitsOf(pc).budget }

// warnBudget reports a body past maxElements as an error.
func (st *mdState) warnBudget(pc parser.Context) bool {
	b := budgetOf(pc)
	if !b.over {
		return false
	}
	st.probs.Errorf(diag.Pos{File: st.file, Line: st.lineAt(b.overAt)},
		"more than %d Markdown elements (paragraphs, list items, table cells, links, emphasis): too large for a report; split it", maxElements)
	return true
}

// countedBlock is a block parser that spends an element for each block
// it opens, and opens or continues none once the budget is spent.
type countedBlock struct{ parser.BlockParser }

// Open implements parser.BlockParser.
func (p countedBlock) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	b := budgetOf(pc)
	if b.over {
		return nil, parser.NoChildren
	}
	_, seg := reader.Position()
	n, state := p.BlockParser.Open(parent, reader, pc)
	if n != nil {
		b.spend(1, seg.Start)
	}
	return n, state
}

// Continue implements parser.BlockParser.
func (p countedBlock) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	if budgetOf(pc).over {
		return parser.Close
	}
	return p.BlockParser.Continue(node, reader, pc)
}

// countedInline is an inline parser that spends an element for each node
// it makes, and makes none once the budget is spent: the rest is text.
type countedInline struct{ parser.InlineParser }

// Parse implements parser.InlineParser.
func (p countedInline) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	b := budgetOf(pc)
	if b.over {
		return nil
	}
	_, seg := block.Position()
	n := p.InlineParser.Parse(parent, block, pc)
	if n != nil {
		// Kept even past the budget: the parser may have noted it (the
		// link parser's open brackets), and the parse is an error anyway.
		b.spend(1, seg.Start)
	}
	return n
}

// CloseBlock implements parser.CloseBlocker.
func (p countedInline) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	if cb, ok := p.InlineParser.(parser.CloseBlocker); ok {
		cb.CloseBlock(parent, block, pc)
	}
}

// fastValue is the reader of a block's inline text with a Value that
// finds the line a segment starts on by binary search, for the link
// parser (linkLimited). goldmark's own scans back from the block's last
// line, for every closing bracket: a paragraph of n lines of "[a]" cost
// n² (1 MB of them took 2 s, 2 MB 7 s).
type fastValue struct {
	text.Reader
	lines *text.Segments
}

// reader returns block as a fastValue over the lines of parent, reusing
// the one of the parse.
func (l *limits) reader(parent ast.Node, block text.Reader) text.Reader {
	l.fast = fastValue{block, parent.Lines()}
	return &l.fast
}

// Value implements text.Reader as goldmark's block reader does.
func (r fastValue) Value(seg text.Segment) []byte {
	n := r.lines.Len()
	if n == 0 {
		return r.Reader.Value(seg)
	}
	src := r.Source()
	line := max(sort.Search(n, func(i int) bool { return r.lines.At(i).Start > seg.Start })-1, 0)
	ret := make([]byte, 0, seg.Stop-seg.Start+1)
	i := seg.Start
	for ; line < n; line++ {
		s := r.lines.At(line)
		if i < 0 {
			i = s.Start
		}
		ret = s.ConcatPadding(ret)
		for ; i < seg.Stop && i < s.Stop; i++ {
			ret = append(ret, src[i])
		}
		i = -1
		if s.Stop > seg.Stop {
			break
		}
	}
	return ret
}

// countedDefinitions spends an element for each link reference
// definition taken from a paragraph.
type countedDefinitions struct{ parser.ParagraphTransformer }

// Transform implements parser.ParagraphTransformer.
func (t countedDefinitions) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	before := node.Lines().Len()
	if before == 0 {
		return
	}
	start := node.Lines().At(0).Start
	t.ParagraphTransformer.Transform(node, reader, pc)
	after := 0
	if node.Parent() != nil {
		after = node.Lines().Len()
	}
	budgetOf(pc).spend(before-after, start) // at most one definition a line
}

// table is extension.Table with its paragraph transformer counted and
// guarded (countedTable).
type table struct{}

// Extend implements goldmark.Extender.
func (table) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(countedTable{extension.NewTableParagraphTransformer()}, 200)),
		parser.WithASTTransformers(util.Prioritized(extension.NewTableASTTransformer(), 0)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewTableHTMLRenderer(), 500)))
}

// countedTable makes a table of a paragraph only when its rows and cells
// fit the budget, and when the code in it holds, with the tables before,
// at most maxEscapedPipes "\|".
type countedTable struct{ parser.ParagraphTransformer }

// Transform implements parser.ParagraphTransformer.
func (t countedTable) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	if lines.Len() < 2 {
		return
	}
	src := reader.Source()
	// A table has a row per line and, in each, as many cells as its
	// delimiter row: at most one more than the "|" of some line made of
	// "|", "-", ":" and spaces alone.
	columns, escapes := 0, 0
	for i := range lines.Len() {
		seg := lines.At(i)
		line := seg.Value(src)
		if isDelimiterRow(line) {
			cells := bytes.Trim(line, " \t\r\n\v\f")
			cells = bytes.TrimSuffix(bytes.TrimPrefix(cells, []byte("|")), []byte("|"))
			columns = max(columns, bytes.Count(cells, []byte("|"))+1)
		}
		if bytes.IndexByte(line, '`') >= 0 {
			escapes += bytes.Count(line, []byte(`\|`))
		}
	}
	if columns == 0 {
		return // no table
	}
	l := limitsOf(pc)
	start := lines.At(0).Start
	if escapes > 0 && l.escapes+escapes > maxEscapedPipes {
		l.hit(limitPipes, start)
		return
	}
	if !l.budget.spend(lines.Len()*(columns+1), start) {
		return
	}
	l.escapes += escapes
	t.ParagraphTransformer.Transform(node, reader, pc)
}

// isDelimiterRow reports whether line may be the delimiter row of a
// table: "|", "-", ":" and white space, with a "-".
func isDelimiterRow(line []byte) bool {
	return bytes.IndexByte(line, '-') >= 0 && len(bytes.Trim(line, "|-: \t\r\n\v\f")) == 0
}

// linkify is extension.Linkify for http and https, its parser counted.
type linkify struct{}

// Extend implements goldmark.Extender.
func (linkify) Extend(m goldmark.Markdown) {
	p := extension.NewLinkifyParser(extension.WithLinkifyAllowedProtocols([]string{"http:", "https:"}))
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(countedInline{p}, 999)))
}
