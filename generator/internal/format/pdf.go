package format

import (
	"bytes"
	"os"
	"path/filepath"

	"portal/generator/internal/content"
	"portal/generator/internal/diag"
	"portal/generator/internal/document"
	"portal/generator/internal/pdf"
)

// PDF: its text layer read by PDFium (internal/pdf), laid out into
// paragraphs (internal/layout). A file that does not start as a PDF is
// an error of the load; what is wrong inside it, of the parse.
func init() {
	Register(Format{
		FileKind: content.FileKind{Ext: ".pdf", Check: checkPDF},
		Name:     "PDF",
		Parse: func(file string, src Source) (*document.Document, diag.List) {
			return document.ParsePDF(file, src.Raw)
		},
	})
	// The engine's compiled code is kept outside the build cache, whose
	// folder holds only files the cache wrote.
	if dir, err := os.UserCacheDir(); err == nil {
		pdf.SetCacheDir(filepath.Join(dir, "portal", "pdfium"))
	}
}

func checkPDF(raw []byte) error {
	if !bytes.Contains(raw[:min(len(raw), 1024)], []byte("%PDF-")) {
		return diag.Errorf("not a PDF file: it does not start with %%PDF-; save the report again as PDF, or send it as Word or text")
	}
	return nil
}
