package format

import (
	"portal/generator/internal/content"
	"portal/generator/internal/diag"
	"portal/generator/internal/document"
)

// Plain text: the official document's structure read from its lines.
func init() {
	Register(Format{
		FileKind: content.FileKind{Ext: ".txt", Text: true},
		Name:     "plain text",
		Parse: func(file string, src Source) (*document.Document, diag.List) {
			return document.ParseText(file, src.Body)
		},
	})
}
