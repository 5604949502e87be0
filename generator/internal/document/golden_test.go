package document

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// seedDir holds the real reports, exactly as received.
const seedDir = "../../testdata/seeds"

// seed is one real report.
type seed struct {
	name string // file name without .txt
	src  string
}

// readSeeds returns the real reports in name order.
func readSeeds(tb testing.TB) []seed {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no seeds in %s: %v", seedDir, err)
	}
	var seeds []seed
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		seeds = append(seeds, seed{strings.TrimSuffix(filepath.Base(f), ".txt"), string(b)})
	}
	return seeds
}

// TestGolden checks the structure found in each seed against
// testdata/<seed>.golden: header, signature, the heading tree and a summary
// of every paragraph. Each golden file was checked by hand against the
// source; run with -update after a deliberate change and read the diff.
func TestGolden(t *testing.T) {
	for _, s := range readSeeds(t) {
		t.Run(s.name, func(t *testing.T) {
			d, probs := ParseText(s.name+".txt", s.src)
			got := outline(d) + "# warnings\n" + probs.String()
			checkGolden(t, filepath.Join("testdata", s.name+".golden"), got)
		})
	}
}

// TestGoldenHTML checks the HTML of two seeds: one with a signature and
// lead paragraphs, one with a document header and page breaks.
func TestGoldenHTML(t *testing.T) {
	for _, s := range readSeeds(t) {
		if !strings.HasPrefix(s.name, "001_") && !strings.HasPrefix(s.name, "004_") {
			continue
		}
		t.Run(s.name, func(t *testing.T) {
			d, _ := ParseText(s.name+".txt", s.src)
			html, err := d.HTML()
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata", s.name+".html"), string(html))
		})
	}
}

// checkGolden compares got with the golden file, or rewrites it with -update.
func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run go test -update and read the diff):\n%s", path, firstDiff(string(want), got))
	}
}

// firstDiff shows the first line where two texts differ.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\nwant %q\ngot  %q", i+1, wl, gl)
		}
	}
	return "(no line differs)"
}

// outline prints a document for a golden file: the header and signature
// fields, the heading tree indented by depth (anchor, level, @line, number,
// title), and one line per paragraph (anchor, @line, number, lead, length
// and start).
func outline(d *Document) string {
	var b strings.Builder
	h, s := d.Header, d.Signature
	fmt.Fprintf(&b, "# header\norgan: %s\ndocheader: %s\ndocnumber: %s\ntitle: %s\n", h.Organ, h.DocHeader, h.DocNumber, h.Title)
	fmt.Fprintf(&b, "# signature\norgan: %s\ndate: %s\ndatetext: %s\nline: %d\n", s.Organ, s.Date, s.DateText, s.Line)
	b.WriteString("# headings\n")
	for _, x := range d.Headings() {
		indent := strings.Repeat("  ", strings.Count(x.Anchor, "-"))
		fmt.Fprintf(&b, "%s%s L%d @%d %s %s\n", indent, x.Anchor, x.Level, x.Line, x.Number, x.Text)
	}
	b.WriteString("# paragraphs\n")
	for _, x := range d.Blocks {
		if x.Kind == Paragraph {
			fmt.Fprintf(&b, "%s @%d [%s] lead=%q (%d) %s\n", x.Anchor, x.Line, x.Number, x.Lead,
				utf8.RuneCountInString(x.Text), prefix(x.Text, 16))
		}
	}
	return b.String()
}

// prefix returns the first n runes of s, with "…" if it is longer.
func prefix(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
