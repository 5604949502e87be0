package format

import (
	"portal/generator/internal/content"
	"portal/generator/internal/diag"
	"portal/generator/internal/document"
	"portal/generator/internal/docx"
)

// Word's .docx: its signature and zip directory are checked when it is
// loaded (an old .doc renamed, a zip of something else), its parts read
// when it is parsed.
func init() {
	Register(Format{
		FileKind: content.FileKind{Ext: ".docx", Check: checkDocx},
		Name:     "Word",
		Parse: func(file string, src Source) (*document.Document, diag.List) {
			return document.ParseDocx(file, src.Raw)
		},
	})
}

func checkDocx(raw []byte) error {
	if err := docx.Check(raw); err != nil {
		return diag.Errorf("cannot read .docx: %w", err)
	}
	return nil
}
