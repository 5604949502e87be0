package document

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"portal/generator/internal/diag"
)

// Limits on Markdown nesting. goldmark's time grows with the square of
// the nesting and of some retries: 100,000 nested ">" took 44 s, and a
// line of "[a](" repeated 8,000 times (32 KB) more than a second. The
// parsers below wrap goldmark's own and stop at these limits, so that any
// body parses in time linear in its size. A marker past a limit stays in
// the text as it was written (no character is lost) and the parse warns
// once per kind, at the first place.
//
// The caps act while goldmark parses, not on the source beforehand: only
// the parser knows which markers open a container and which stand in a
// code span or a fenced block, where rewriting the source would show.
const (
	// maxNesting is how deep block quotes and lists may nest, and how
	// many link brackets may be open at once in a paragraph.
	maxNesting = 32
	// maxDelimiters is how many runs of emphasis or strikethrough markers
	// one paragraph (or heading, or table cell) may open or close.
	maxDelimiters = 64
	// maxEmphasisRun is the longest run of * or _ that is emphasis
	// (***, bold and italic); a longer run is text, as a ~~~ run is.
	maxEmphasisRun = 3
	// maxRetries is how many unclosed links and code spans one paragraph
	// may have before its links and code spans are text: each costs
	// goldmark a scan to the end of the line or of the paragraph.
	maxRetries = 32
	// maxDefinitionLines is the longest paragraph in which link reference
	// definitions ("[a]: url" lines) are looked for: goldmark copies the
	// rest of the paragraph for each one it takes, so a paragraph of n
	// definitions costs n² (1 MB of them took 20 s).
	maxDefinitionLines = 256
)

// Kinds of limits, for the warnings.
const (
	limitBlocks = iota
	limitBrackets
	limitEmphasis
	limitRetries
	limitDefinitions
	limitPipes
	limitTags
	numLimits
)

// limitMessages are the warnings, one per kind: catalog messages, in the
// editor's language.
var limitMessages = [numLimits]diag.Msg{
	limitBlocks:      diag.Msgf("Markdown nesting deeper than %d levels flattened: the deeper block quote and list markers show as text", maxNesting),
	limitBrackets:    diag.Msgf("Markdown nesting deeper than %d levels flattened: the link brackets past %d open ones show as text", maxNesting, maxNesting),
	limitEmphasis:    diag.Msgf("Markdown nesting deeper than %d levels flattened: emphasis markers past %d in one paragraph, or in a run of more than %d, show as text", maxNesting, maxDelimiters, maxNesting),
	limitRetries:     diag.Msgf("%d unclosed links or code spans in one paragraph: the links and code spans after them show as text", maxRetries),
	limitDefinitions: diag.Msgf("a paragraph of more than %d lines: link reference definitions in it show as text", maxDefinitionLines),
	limitPipes:       diag.Msgf(`more than %d escaped pipes "\|" in the code of tables: the tables after them show as text`, maxEscapedPipes),
	limitTags:        diag.Msgf(`%d "<" that start no HTML tag in one paragraph: those after them are text`, maxRetries),
}

// limitsKey finds the limits of one parse in the parser context.
var limitsKey = parser.NewContextKey()

// limits counts, during one parse, what the current inline block holds
// and where the limits took effect.
type limits struct {
	brackets, delimiters, retries, tags int // in the current inline block

	budget  budget    // elements made (limits.go)
	escapes int       // escaped pipes in the code of tables so far
	fast    fastValue // the reader the link parser is given

	count [numLimits]int // times each limit took effect
	first [numLimits]int // byte offset of the first time
	last  [numLimits]int // byte offset of the last time, plus one
}

// limitsOf returns the limits of the parse of pc.
func limitsOf(pc parser.Context) *limits {
	return pc.ComputeIfAbsent(limitsKey, func() any { return &limits{} }).(*limits)
}

// hit records that limit kind took effect at byte offset off.
func (l *limits) hit(kind, off int) {
	if l.last[kind] == off+1 {
		return // goldmark tried the same place again
	}
	if l.count[kind] == 0 {
		l.first[kind] = off
	}
	l.count[kind]++
	l.last[kind] = off + 1
}

// closeBlock starts the counts of a new inline block.
func (l *limits) closeBlock() { l.brackets, l.delimiters, l.retries, l.tags = 0, 0, 0, 0 }

// warnLimits reports, once per kind, where a limit took effect.
func (st *mdState) warnLimits(pc parser.Context) {
	l, ok := pc.Get(limitsKey).(*limits)
	if !ok {
		return
	}
	for kind, n := range l.count {
		if n == 0 {
			continue
		}
		pos := diag.Pos{File: st.file, Line: st.lineAt(l.first[kind])}
		if n > 1 {
			st.probs.Warnf(pos, "%v (%d places, the first here)", limitMessages[kind], n)
		} else {
			st.probs.Warnf(pos, "%v", limitMessages[kind])
		}
	}
}

// markdownParser is goldmark's default parser with the limits applied:
// nesting and retries limited, every element counted (limits.go).
func markdownParser() parser.Parser {
	var blocks []util.PrioritizedValue
	for _, v := range parser.DefaultBlockParsers() {
		switch v.Value {
		case parser.NewBlockquoteParser(), parser.NewListParser():
			v.Value = depthLimited{v.Value.(parser.BlockParser)}
		}
		v.Value = countedBlock{v.Value.(parser.BlockParser)}
		blocks = append(blocks, v)
	}
	var inlines []util.PrioritizedValue
	for _, v := range parser.DefaultInlineParsers() {
		switch v.Value {
		case parser.NewCodeSpanParser():
			v.Value = codeSpanLimited{parser.NewCodeSpanParser()}
		case parser.NewLinkParser():
			v.Value = linkLimited{parser.NewLinkParser()}
		case parser.NewEmphasisParser():
			v.Value = delimiterLimited{parser.NewEmphasisParser(), maxEmphasisRun}
		case parser.NewRawHTMLParser():
			v.Value = tagLimited{parser.NewRawHTMLParser()}
		}
		v.Value = countedInline{v.Value.(parser.InlineParser)}
		inlines = append(inlines, v)
	}
	return parser.NewParser(
		parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(inlines...),
		parser.WithParagraphTransformers(paragraphTransformers()...),
	)
}

// paragraphTransformers are goldmark's default ones, the link reference
// definitions limited to paragraphs of maxDefinitionLines.
func paragraphTransformers() []util.PrioritizedValue {
	var ts []util.PrioritizedValue
	for _, v := range parser.DefaultParagraphTransformers() {
		if v.Value == parser.LinkReferenceParagraphTransformer {
			v.Value = definitionsLimited{countedDefinitions{parser.LinkReferenceParagraphTransformer}}
		}
		ts = append(ts, v)
	}
	return ts
}

// definitionsLimited looks for link reference definitions only in
// paragraphs of at most maxDefinitionLines lines, and warns of a longer
// one only when it starts like a definition (goldmark takes them from the
// start of a paragraph): a long table is no matter.
type definitionsLimited struct{ parser.ParagraphTransformer }

// Transform implements parser.ParagraphTransformer.
func (t definitionsLimited) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	if lines := node.Lines(); lines.Len() > maxDefinitionLines {
		first := lines.At(0)
		if bytes.HasPrefix(bytes.TrimLeft(first.Value(reader.Source()), " "), []byte("[")) {
			limitsOf(pc).hit(limitDefinitions, first.Start)
		}
		return
	}
	t.ParagraphTransformer.Transform(node, reader, pc)
}

// strikethrough is extension.Strikethrough with its parser limited.
type strikethrough struct{}

// Extend implements goldmark.Extender.
func (strikethrough) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(countedInline{delimiterLimited{extension.NewStrikethroughParser(), 2}}, 500)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500)))
}

// depthLimited opens a block quote or a list only where fewer than
// maxNesting of them enclose it; deeper, the line is left to the
// paragraph parser, and its markers are text.
type depthLimited struct{ parser.BlockParser }

// Open implements parser.BlockParser.
func (p depthLimited) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	depth := 0
	for n := parent; n != nil; n = n.Parent() {
		switch n.Kind() {
		case ast.KindBlockquote, ast.KindList:
			depth++
		}
	}
	if depth >= maxNesting {
		if parent.Kind() == ast.KindList {
			return nil, parser.NoChildren // an item of it: not this parser's
		}
		if line, seg := reader.PeekLine(); opensContainer(line) {
			limitsOf(pc).hit(limitBlocks, seg.Start)
		}
		return nil, parser.NoChildren
	}
	return p.BlockParser.Open(parent, reader, pc)
}

// opensContainer reports whether line starts, after up to three spaces,
// with a block quote or list marker (the warning needs no more precision).
func opensContainer(line []byte) bool {
	line = bytes.TrimLeft(line, " ")
	if len(line) == 0 {
		return false
	}
	spaceAt := func(i int) bool {
		return i >= len(line) || line[i] == ' ' || line[i] == '\t' || line[i] == '\n' || line[i] == '\r'
	}
	switch c := line[0]; {
	case c == '>':
		return true
	case c == '-' || c == '+' || c == '*':
		return spaceAt(1)
	}
	i := 0
	for i < len(line) && i < 9 && '0' <= line[i] && line[i] <= '9' {
		i++
	}
	return i > 0 && i < len(line) && (line[i] == '.' || line[i] == ')') && spaceAt(i+1)
}

// closeBlock is the CloseBlock method the wrapped inline parsers pass on.
func closeBlock(p parser.InlineParser, parent ast.Node, block text.Reader, pc parser.Context) {
	limitsOf(pc).closeBlock()
	if cb, ok := p.(parser.CloseBlocker); ok {
		cb.CloseBlock(parent, block, pc)
	}
}

// linkLimited is goldmark's link parser with at most maxNesting brackets
// open at once, and at most maxRetries links whose destination does not
// close per paragraph (each costs a scan to the end of the line).
type linkLimited struct{ parser.InlineParser }

// Parse implements parser.InlineParser.
func (p linkLimited) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	l := limitsOf(pc)
	block = l.reader(parent, block)
	line, seg := block.PeekLine()
	switch {
	case line[0] == '[' || line[0] == '!' && len(line) > 1 && line[1] == '[':
		if l.brackets >= maxNesting {
			l.hit(limitBrackets, seg.Start)
			return nil // text
		}
		n := p.InlineParser.Parse(parent, block, pc)
		if n != nil {
			l.brackets++
		}
		return n
	case line[0] == ']' && l.brackets > 0:
		destination := len(line) > 1 && line[1] == '('
		if destination && l.retries >= maxRetries {
			// The bracket stays open; this ] is text.
			l.hit(limitRetries, seg.Start)
			return nil
		}
		n := p.InlineParser.Parse(parent, block, pc) // closes the last bracket
		l.brackets--
		if n == nil && destination {
			l.retries++
		}
		return n
	}
	return p.InlineParser.Parse(parent, block, pc)
}

// CloseBlock implements parser.CloseBlocker.
func (p linkLimited) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	closeBlock(p.InlineParser, parent, block, pc)
}

// codeSpanLimited is goldmark's code span parser with at most maxRetries
// unclosed code spans per paragraph (each costs a scan to its end).
type codeSpanLimited struct{ parser.InlineParser }

// Parse implements parser.InlineParser.
func (p codeSpanLimited) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	l := limitsOf(pc)
	line, seg := block.PeekLine()
	if l.retries >= maxRetries {
		l.hit(limitRetries, seg.Start)
		return textOf(block, seg, runLength(line))
	}
	n := p.InlineParser.Parse(parent, block, pc)
	if _, ok := n.(*ast.CodeSpan); !ok {
		l.retries++
	}
	return n
}

// CloseBlock implements parser.CloseBlocker.
func (p codeSpanLimited) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	closeBlock(p.InlineParser, parent, block, pc)
}

// tagLimited is goldmark's raw HTML parser with at most maxRetries "<"
// per paragraph that start no tag: each costs goldmark a run of its
// regular expressions, which may read on over lines (a 20 MB line of
// "<a b" took 16 s).
type tagLimited struct{ parser.InlineParser }

// Parse implements parser.InlineParser.
func (p tagLimited) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	l := limitsOf(pc)
	if l.tags >= maxRetries {
		_, seg := block.Position()
		l.hit(limitTags, seg.Start)
		return nil // text
	}
	n := p.InlineParser.Parse(parent, block, pc)
	if n == nil {
		l.tags++
	}
	return n
}

// CloseBlock implements parser.CloseBlocker.
func (p tagLimited) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	closeBlock(p.InlineParser, parent, block, pc)
}

// delimiterLimited is goldmark's emphasis or strikethrough parser with at
// most maxDelimiters runs per paragraph and runs of at most maxRun
// markers: goldmark matches every closer against every opener before it,
// and a long run nests as deep as it is long.
type delimiterLimited struct {
	parser.InlineParser
	maxRun int
}

// Parse implements parser.InlineParser.
func (p delimiterLimited) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	l := limitsOf(pc)
	line, seg := block.PeekLine()
	run := runLength(line)
	if run > p.maxRun {
		if run > maxNesting {
			l.hit(limitEmphasis, seg.Start)
		}
		return textOf(block, seg, run) // whole, or each marker would scan the rest
	}
	if l.delimiters >= maxDelimiters {
		l.hit(limitEmphasis, seg.Start)
		return nil // text
	}
	n := p.InlineParser.Parse(parent, block, pc)
	if n != nil {
		l.delimiters++
	}
	return n
}

// CloseBlock implements parser.CloseBlocker.
func (p delimiterLimited) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	closeBlock(p.InlineParser, parent, block, pc)
}

// runLength returns how many times line repeats its first byte at its start.
func runLength(line []byte) int {
	n := 1
	for n < len(line) && line[n] == line[0] {
		n++
	}
	return n
}

// textOf consumes the next n bytes of block as plain text.
func textOf(block text.Reader, seg text.Segment, n int) ast.Node {
	block.Advance(n)
	return ast.NewTextSegment(seg.WithStop(seg.Start + n))
}
