// Package format is the registry of report formats: for each file
// extension, how a report file is read (content.FileKind) and parsed into
// a document. A format is a small value in a file of its own that
// registers itself (Register) in Default; content, the build, extract and
// new all take the formats from there, so a new format is a parser package
// plus one such file.
package format

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"portal/generator/internal/content"
	"portal/generator/internal/diag"
	"portal/generator/internal/document"
	"portal/generator/internal/parallel"
)

// Format is one kind of report file.
type Format struct {
	content.FileKind        // its extension, and how the loader reads it
	Name             string // for help texts: "plain text"
	// Parse parses a report file named file from src.
	Parse func(file string, src Source) (*document.Document, diag.List)
}

// Source is what a parser reads of a report file.
type Source struct {
	Raw      []byte // the file as received
	Body     string // of a Text format: the decoded text, without front matter
	BodyLine int    // lines of the file above Body (front matter)
}

// Registry is a set of formats, one per extension.
type Registry struct {
	formats []Format // sorted by Ext
}

// Default holds the report formats, each registered from its file's init
// function (Register).
var Default = &Registry{}

// Register adds a format to Default; its extension must be new and lower
// case.
func Register(f Format) { Default.add(f) }

func (r *Registry) add(f Format) {
	if f.Ext != strings.ToLower(f.Ext) || !strings.HasPrefix(f.Ext, ".") || f.Parse == nil {
		panic(fmt.Sprintf("format: bad format %q", f.Ext))
	}
	i, found := slices.BinarySearchFunc(r.formats, f.Ext, func(a Format, ext string) int { return strings.Compare(a.Ext, ext) })
	if found {
		panic("format: " + f.Ext + " registered twice")
	}
	r.formats = slices.Insert(r.formats, i, f)
}

// With returns a registry of r's formats and fs, each in place of r's
// format of the same extension, if any.
func (r *Registry) With(fs ...Format) *Registry {
	w := &Registry{}
	for _, f := range r.formats {
		if !slices.ContainsFunc(fs, func(g Format) bool { return g.Ext == f.Ext }) {
			w.formats = append(w.formats, f)
		}
	}
	for _, f := range fs {
		w.add(f)
	}
	return w
}

// Lookup returns the format of the extension ext, in any case.
func (r *Registry) Lookup(ext string) (Format, bool) {
	ext = strings.ToLower(ext)
	for _, f := range r.formats {
		if f.Ext == ext {
			return f, true
		}
	}
	return Format{}, false
}

// Kinds are the report files the loader reads, by extension.
func (r *Registry) Kinds() []content.FileKind {
	kinds := make([]content.FileKind, len(r.formats))
	for i, f := range r.formats {
		kinds[i] = f.FileKind
	}
	return kinds
}

// List names the formats for a help text: ".docx (Word), .md (Markdown) or
// .txt (plain text)".
func (r *Registry) List() string { return r.ListMsg().String() }

// ListMsg is List as a message, to show in the editor's language:
// ".docx（Word）、.md（Markdown）或 .txt（纯文本）".
func (r *Registry) ListMsg() diag.Msg {
	items := make([]any, len(r.formats))
	for i, f := range r.formats {
		items[i] = diag.Msgf("%s (%v)", f.Ext, nameMsg(f.Name))
	}
	return diag.Or(items...)
}

// nameMsg is the name of a format as a message: the names that are words
// have their Chinese in the catalog.
func nameMsg(name string) diag.Msg {
	switch name {
	case "plain text":
		return diag.Msgf("plain text")
	}
	return diag.Msgf("%s", name)
}

// Parse parses the report file named file of the extension ext. A panic
// of the parser (a bug, on some input) is an error of the file, so that
// a build reports it with the problems of the other reports and goes on.
func (r *Registry) Parse(file, ext string, src Source) (doc *document.Document, problems diag.List) {
	f, ok := r.Lookup(ext)
	if !ok {
		problems.Errorf(diag.Pos{File: file}, "not a report file: want %s", r.ListMsg())
		return nil, problems
	}
	defer func() {
		if v := recover(); v != nil {
			doc, problems = nil, nil
			problems.Errorf(diag.Pos{File: file}, "internal error while parsing: %v (please report)", parallel.Caught(v))
		}
	}()
	return f.Parse(file, src)
}

// ParseFile reads, decodes and parses one report file outside a site (for
// extract and new): no metadata needed.
func (r *Registry) ParseFile(name string) (*document.Document, error) {
	f, ok := r.Lookup(filepath.Ext(name))
	if !ok {
		return nil, diag.Errorf("not a report file: want %s", r.ListMsg())
	}
	raw, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	src := Source{Raw: raw}
	if f.Text {
		if src.Body, _, err = content.Decode(raw); err != nil {
			return nil, err
		}
	}
	if f.FrontMatter {
		src.Body, src.BodyLine = content.StripFrontMatter(src.Body)
	}
	doc, problems := r.Parse(name, f.Ext, src)
	if problems.HasErrors() {
		return nil, problems.Err()
	}
	return doc, nil
}
