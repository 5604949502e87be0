package format

import (
	"bytes"

	"portal/generator/internal/content"
	"portal/generator/internal/diag"
	"portal/generator/internal/document"
)

// OFD (GB/T 33190, the national format of electronic official
// documents): a zip of XML read by internal/ofd, laid out into paragraphs
// (internal/layout).
func init() {
	Register(Format{
		FileKind: content.FileKind{Ext: ".ofd", Check: checkOFD},
		Name:     "OFD",
		Parse: func(file string, src Source) (*document.Document, diag.List) {
			return document.ParseOFD(file, src.Raw)
		},
	})
}

func checkOFD(raw []byte) error {
	if !bytes.HasPrefix(raw, []byte("PK\x03\x04")) {
		return diag.Errorf("not an OFD file: it is not a zip archive; save the report again as OFD, or send it as PDF, Word or text")
	}
	return nil
}
