package tomlpos

import (
	"strings"
	"testing"

	"portal/generator/internal/diag"
)

// TestSizeLanguages checks sizes in both languages, alone and in the
// problem of a text over the size limit: the units of bytes are words.
func TestSizeLanguages(t *testing.T) {
	for _, tc := range []struct {
		n      int
		en, zh string
	}{
		{0, "0 bytes", "0 字节"},
		{1023, "1023 bytes", "1023 字节"},
		{1024, "1 KB", "1 KB"},
		{1025, "2 KB", "2 KB"},
		{20 << 20, "20 MB", "20 MB"},
		{20<<20 + 1, "21 MB", "21 MB"},
	} {
		if got := Size(tc.n); got.String() != tc.en || got.Text(diag.Zh) != tc.zh {
			t.Errorf("Size(%d) = %q, %q; want %q, %q", tc.n, got.String(), got.Text(diag.Zh), tc.en, tc.zh)
		}
	}
	_, problems := Scan("f.toml", []byte(strings.Repeat("#", 200)), 0, Limits{What: "metadata", Size: 100})
	if got, want := problems.Text(diag.En), "f.toml:1:1: metadata: 200 bytes is too large (at most 100 bytes)\n"; got != want {
		t.Errorf("English: %q, want %q", got, want)
	}
	if got, want := problems.Text(diag.Zh), "f.toml:1:1: 元数据：200 字节，太大（最多 100 字节）\n"; got != want {
		t.Errorf("Chinese: %q, want %q", got, want)
	}
}
