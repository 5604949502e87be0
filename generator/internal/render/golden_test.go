package render

import (
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

// golden compares b with the golden file name, or with -update writes it.
func golden(t *testing.T, name string, b []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(name, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != string(want) {
		t.Errorf("%s differs:\n%s\nwant\n%s", name, b, want)
	}
}
