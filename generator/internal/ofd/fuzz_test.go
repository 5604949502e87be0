package ofd

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead checks that Read, on any bytes, gives pages or one of its
// errors, and never ends the process.
func FuzzRead(f *testing.F) {
	f.Add(ofdFile(text(70, 20, 3.7, "页眉", ""), text(28, 40, 5.6, "正文。", "#e6 #0 #0")))
	for _, name := range []string{"n.ofd", "SESV4SignDoc.ofd"} {
		data, err := os.ReadFile(filepath.Join(samples, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pages, err := Read(data)
		if err != nil {
			for _, want := range []error{ErrNotOFD, ErrEncrypted, ErrCorrupt, ErrLimit} {
				if errors.Is(err, want) {
					return
				}
			}
			t.Fatalf("an error of no kind: %v", err)
		}
		if len(pages) == 0 || len(pages) > MaxPages {
			t.Fatalf("%d pages without an error", len(pages))
		}
	})
}
