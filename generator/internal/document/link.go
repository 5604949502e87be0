package document

import (
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"portal/generator/internal/diag"
)

// linkKind says how a link destination may be published.
type linkKind int

const (
	linkInert    linkKind = iota // a scheme other than http, https, mailto
	linkRelative                 // a path on this site
	linkExternal                 // http, https or protocol-relative
	linkMail                     // mailto
)

// classifyLink decides what a destination is. It reads the scheme the way
// the strictest reader would: after resolving character references and
// percent-escapes, and without the ASCII white space and control characters
// browsers ignore inside a URL ("java&#9;script:").
func classifyLink(dest []byte) linkKind {
	s := string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest))))
	if u, err := url.PathUnescape(s); err == nil {
		s = u
	}
	s = strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, s))
	if strings.HasPrefix(s, "//") || strings.HasPrefix(s, `\\`) || strings.HasPrefix(s, `/\`) {
		return linkExternal
	}
	colon := strings.IndexByte(s, ':')
	if colon < 0 || strings.ContainsAny(s[:colon], `/?#\`) {
		return linkRelative
	}
	switch s[:colon] {
	case "http", "https":
		return linkExternal
	case "mailto":
		return linkMail
	}
	return linkInert
}

// linkRef is a link found in the walk, with the line it is on.
type linkRef struct {
	node ast.Node
	line int
}

// fixLinks makes links with a forbidden scheme inert, keeping their text,
// and marks external links rel="noopener noreferrer". An image is
// published only from this site (a relative path): any other is dropped,
// its alt text kept, since the site loads nothing from other origins.
func (st *mdState) fixLinks(src []byte) {
	for _, l := range st.links {
		n := l.node
		dest := linkDestination(n, src)
		kind := classifyLink(dest)
		switch {
		case n.Kind() == ast.KindImage && kind != linkRelative:
			st.probs.Warnf(diag.Pos{File: st.file, Line: l.line},
				"image %q is not published: only images of this site (relative paths) are allowed; its description stays as text", truncate(string(dest), 40))
			makeInert(n, src)
		case kind == linkInert:
			st.probs.Warnf(diag.Pos{File: st.file, Line: l.line},
				"link to %q is not published: only http, https, mailto and relative links are allowed", truncate(string(dest), 40))
			makeInert(n, src)
		case kind == linkExternal:
			n.SetAttributeString("rel", []byte("noopener noreferrer"))
		}
	}
}

// linkDestination returns the URL of a link, image or autolink.
func linkDestination(n ast.Node, src []byte) []byte {
	switch v := n.(type) {
	case *ast.Link:
		return v.Destination
	case *ast.Image:
		return v.Destination
	case *ast.AutoLink:
		if v.AutoLinkType == ast.AutoLinkEmail {
			return append([]byte("mailto:"), v.URL(src)...)
		}
		return v.URL(src)
	}
	return nil
}

// makeInert replaces a link by its text, an image by its alt text, and an
// autolink by its label.
func makeInert(n ast.Node, src []byte) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	if a, ok := n.(*ast.AutoLink); ok {
		parent.ReplaceChild(parent, n, textNode(string(a.Label(src))))
		return
	}
	if _, ok := n.(*ast.Image); ok {
		parent.ReplaceChild(parent, n, textNode(plainText(n, src)))
		return
	}
	for c := n.FirstChild(); c != nil; c = n.FirstChild() {
		parent.InsertBefore(parent, n, c)
	}
	parent.RemoveChild(parent, n)
}

// truncate shortens s to at most n runes for a message.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
