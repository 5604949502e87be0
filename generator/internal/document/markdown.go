package document

import (
	"bytes"
	"io"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"portal/generator/internal/diag"
)

// gm parses Markdown bodies and renders every document. Raw HTML stays
// omitted (goldmark's safe default) and Typographer stays off: it mangles
// Chinese punctuation. Its parser limits nesting (nesting.go).
var gm = goldmark.New(
	goldmark.WithParser(markdownParser()),
	goldmark.WithExtensions(
		table{},
		strikethrough{},
		linkify{},
		extension.CJK,
	),
	goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(bodyTransformer{}, 100))),
	goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 100))),
)

// stateKey finds the mdState of one parse in the parser context.
var stateKey = parser.NewContextKey()

// mdState is what the transformer learns about one Markdown body.
type mdState struct {
	file       string
	lineOffset int
	starts     []int // byte offsets where the lines of the body start
	lastLine   int   // line of the last block seen, for nodes without a position
	rank       int   // of the last heading element (h1, the title, before any)

	blocks []Block
	nodes  []ast.Node // the node each block came from, to receive its id
	links  []linkRef  // links, images and autolinks, checked after the walk
	sig    Signature
	probs  diag.List
}

// ParseMarkdown parses a Markdown body (front matter already removed);
// lineOffset is the number of file lines before the body, so Block.Line is
// true to the file. Headings become Heading blocks; every paragraph, tight
// list item, table row and code block becomes a Paragraph block. Nesting
// past the limits of nesting.go is flattened, with a warning, so that any
// body parses in time linear in its size; the problems are warnings. A
// body past the limits of limits.go (lines, elements) is an error, and
// its document is empty.
func ParseMarkdown(file string, src []byte, lineOffset int) (*Document, diag.List) {
	if overLines(src) {
		return &Document{}, diag.List{tooManyLines(file, lineOffset)}
	}
	// A copy, and valid UTF-8: goldmark's CJK line breaks panic on bad bytes.
	src = bytes.ToValidUTF8(src, []byte("\uFFFD"))
	st := newMDState(file, src, lineOffset)
	ctx := parser.NewContext()
	ctx.Set(stateKey, st)
	gm.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	st.warnLimits(ctx)
	if st.warnBudget(ctx) {
		return &Document{}, st.probs
	}
	d := &Document{Blocks: st.blocks, Signature: st.sig, markdown: true, source: src}
	if len(d.Blocks) == 0 {
		st.probs.Warnf(diag.Pos{File: file, Line: lineOffset + 1}, "no body text found")
	}
	return d, st.probs
}

// convertMarkdown renders a Markdown body as ParseMarkdown saw it.
func convertMarkdown(w io.Writer, src []byte) error {
	ctx := parser.NewContext()
	ctx.Set(stateKey, newMDState("", src, 0))
	return gm.Convert(src, w, parser.WithContext(ctx))
}

// newMDState prepares the state of one parse.
func newMDState(file string, src []byte, lineOffset int) *mdState {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' && i+1 < len(src) {
			starts = append(starts, i+1)
		}
	}
	return &mdState{file: file, lineOffset: lineOffset, starts: starts, lastLine: lineOffset + 1, rank: 1}
}

// lineAt returns the file line of byte offset off of the body.
func (st *mdState) lineAt(off int) int {
	return st.lineOffset + sort.SearchInts(st.starts, off+1)
}

// startLine returns the line where n starts: from its own lines, its first
// text, or its first child with a position; else the last line seen.
func (st *mdState) startLine(n ast.Node) int {
	if off, ok := nodeOffset(n); ok {
		return st.lineAt(off)
	}
	return st.lastLine
}

// nodeLine is startLine, remembered as the last line seen.
func (st *mdState) nodeLine(n ast.Node) int {
	st.lastLine = st.startLine(n)
	return st.lastLine
}

// nodeOffset finds the byte offset where n starts, if it has one.
func nodeOffset(n ast.Node) (int, bool) {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start, true
	}
	switch v := n.(type) {
	case *ast.Text:
		return v.Segment.Start, true
	case *ast.RawHTML:
		if v.Segments.Len() > 0 {
			return v.Segments.At(0).Start, true
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off, ok := nodeOffset(c); ok {
			return off, true
		}
	}
	return 0, false
}

// warn adds a warning at the line of n.
func (st *mdState) warn(n ast.Node, format string, args ...any) {
	st.probs.Warnf(diag.Pos{File: st.file, Line: st.nodeLine(n)}, format, args...)
}

// add records a block made from node n.
func (st *mdState) add(n ast.Node, b Block) {
	b.Line = st.nodeLine(n)
	st.blocks = append(st.blocks, b)
	st.nodes = append(st.nodes, n)
}

// bodyTransformer turns the parsed Markdown into the document: blocks and
// ids, official numbers, safe links, and the signature.
type bodyTransformer struct{}

// Transform implements parser.ASTTransformer.
func (bodyTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, ok := pc.Get(stateKey).(*mdState)
	if !ok {
		st = newMDState("", reader.Source(), 0)
	}
	src := reader.Source()
	st.sig = takeSignature(doc, src, st)
	minLevel := minHeadingLevel(doc)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		return st.visit(n, src, minLevel), nil
	})
	st.fixLinks(src)
	assignAnchors(st.blocks)
	for i, n := range st.nodes {
		n.SetAttributeString("id", []byte(st.blocks[i].Anchor))
	}
}

// visit records what n adds to the document.
func (st *mdState) visit(n ast.Node, src []byte, minLevel int) ast.WalkStatus {
	switch v := n.(type) {
	case *ast.Heading:
		st.addHeading(v, src, minLevel)
	case *ast.Paragraph, *ast.TextBlock:
		text := plainText(n, src)
		st.add(n, Block{Kind: Paragraph, Number: leadingNumber(text), Text: text})
	case *east.TableHeader, *east.TableRow:
		st.add(n, Block{Kind: Paragraph, Text: rowText(n, src)})
	case *ast.CodeBlock:
		st.warn(n, "indented text renders as a code block; if it is a paragraph, remove the leading spaces")
		st.add(n, Block{Kind: Paragraph, Text: linesText(n, src)})
	case *ast.FencedCodeBlock:
		st.add(n, Block{Kind: Paragraph, Text: linesText(n, src)})
	case *ast.HTMLBlock, *ast.RawHTML:
		st.warn(n, "raw HTML %q is not published", truncate(rawHTML(n, src), 40))
		return ast.WalkSkipChildren
	case *ast.Link, *ast.Image, *ast.AutoLink:
		st.links = append(st.links, linkRef{node: n, line: st.startLine(n)})
	case *signatureNode:
		return ast.WalkSkipChildren // its paragraphs are the Signature, not blocks
	}
	return ast.WalkContinue
}

// addHeading records a heading. Its level counts from the smallest level
// the body uses; an official number at its start moves into a numberNode.
func (st *mdState) addHeading(h *ast.Heading, src []byte, minLevel int) {
	level := h.Level - minLevel + 1
	number := splitNumber(h, src)
	h.Level = headingRank(level, st.rank)
	st.rank = h.Level
	st.add(h, Block{Kind: Heading, Level: level, Number: number, Text: plainText(h, src)})
}

// minHeadingLevel returns the smallest heading level in doc (1 if none).
func minHeadingLevel(doc ast.Node) int {
	lowest := 7
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			lowest = min(lowest, h.Level)
		}
		return ast.WalkContinue, nil
	})
	if lowest == 7 {
		return 1
	}
	return lowest
}

// splitNumber moves an official number at the start of heading h into a
// numberNode and returns it; "" if the heading has none.
func splitNumber(h *ast.Heading, src []byte) string {
	t, ok := h.FirstChild().(*ast.Text)
	if !ok || t.Segment.Padding != 0 {
		return ""
	}
	value := t.Segment.Value(src)
	m, numbered := parseMarker(string(value))
	if !numbered || (m.rest == "" && t.NextSibling() == nil) {
		return ""
	}
	t.Segment = t.Segment.WithStart(t.Segment.Start + len(value) - len(m.rest))
	num := &numberNode{}
	num.AppendChild(num, textNode(m.number))
	h.InsertBefore(h, t, num)
	return m.number
}

// rawHTML returns the first line of a raw HTML block or inline tag.
func rawHTML(n ast.Node, src []byte) string {
	var seg text.Segment
	switch v := n.(type) {
	case *ast.HTMLBlock:
		if v.Lines().Len() == 0 {
			return ""
		}
		seg = v.Lines().At(0)
	case *ast.RawHTML:
		if v.Segments.Len() == 0 {
			return ""
		}
		seg = v.Segments.At(0)
	}
	return strings.TrimSpace(string(seg.Value(src)))
}

// leadingNumber returns the official number a paragraph starts with, or "".
func leadingNumber(s string) string {
	m, _ := parseMarker(s)
	return m.number
}
