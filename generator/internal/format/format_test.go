package format

import (
	"strings"
	"testing"

	"portal/generator/internal/content"
	"portal/generator/internal/diag"
	"portal/generator/internal/document"
)

// TestRegistry checks the formats registered, in extension order, how
// they are found, and how the loader reads them.
func TestRegistry(t *testing.T) {
	var exts []string
	for _, k := range Default.Kinds() {
		exts = append(exts, k.Ext)
	}
	if got := strings.Join(exts, " "); got != ".docx .md .ofd .pdf .txt" {
		t.Errorf("formats %q", got)
	}
	if got := Default.List(); got != ".docx (Word), .md (Markdown), .ofd (OFD), .pdf (PDF) or .txt (plain text)" {
		t.Errorf("List() = %q", got)
	}
	for _, tc := range []struct {
		ext               string
		text, frontMatter bool
		check             bool
	}{{".TXT", true, false, false}, {".md", true, true, false}, {".Docx", false, false, true}, {".pdf", false, false, true}, {".ofd", false, false, true}} {
		f, ok := Default.Lookup(tc.ext)
		if !ok || f.Text != tc.text || f.FrontMatter != tc.frontMatter || (f.Check != nil) != tc.check {
			t.Errorf("%s: %+v %v", tc.ext, f.FileKind, ok)
		}
	}
	if _, ok := Default.Lookup(".doc"); ok {
		t.Error(".doc is a format")
	}
}

// TestChecks checks the load's quick look at binary formats.
func TestChecks(t *testing.T) {
	for _, tc := range []struct {
		ext, data string
		ok        bool
	}{
		{".pdf", "%PDF-1.7\n…", true}, {".pdf", "\xEF\xBB\xBF%PDF-1.4", true}, {".pdf", "PK\x03\x04", false}, {".pdf", "", false},
		{".ofd", "PK\x03\x04…", true}, {".ofd", "%PDF-1.7", false},
	} {
		f, _ := Default.Lookup(tc.ext)
		if err := f.Check([]byte(tc.data)); (err == nil) != tc.ok {
			t.Errorf("%s %q: %v", tc.ext, tc.data, err)
		}
	}
}

// TestParsePanic checks that a parser's panic is an error of the file,
// and that With replaces a format of the same extension.
func TestParsePanic(t *testing.T) {
	r := Default.With(Format{FileKind: content.FileKind{Ext: ".txt", Text: true}, Name: "buggy", Parse: func(string, Source) (*document.Document, diag.List) {
		var m map[string]int
		m["x"]++
		return nil, nil
	}})
	doc, problems := r.Parse("a.txt", ".txt", Source{Body: "x"})
	if doc != nil || !strings.HasPrefix(problems.String(), "a.txt: internal error while parsing: assignment to entry in nil map") {
		t.Errorf("doc %v, problems %s", doc, problems)
	}
	if len(r.Kinds()) != len(Default.Kinds()) {
		t.Error("With added a second .txt")
	}
	if _, problems := Default.Parse("a.odt", ".odt", Source{}); !strings.Contains(problems.String(), "not a report file: want .docx (Word)") {
		t.Errorf("unknown format: %s", problems)
	}
}
