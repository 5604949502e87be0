package format

import (
	"portal/generator/internal/content"
	"portal/generator/internal/diag"
	"portal/generator/internal/document"
)

// Markdown, its metadata in the sidecar or as +++ front matter.
func init() {
	Register(Format{
		FileKind: content.FileKind{Ext: ".md", Text: true, FrontMatter: true},
		Name:     "Markdown",
		Parse: func(file string, src Source) (*document.Document, diag.List) {
			return document.ParseMarkdown(file, []byte(src.Body), src.BodyLine)
		},
	})
}
