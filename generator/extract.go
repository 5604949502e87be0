package main

import (
	"portal/generator/internal/format"

	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"portal/generator/internal/config"
	"portal/generator/internal/diag"
	"portal/generator/internal/metrics"
)

// extractedFile is one file of `extract --json` output.
type extractedFile struct {
	File    string            `json:"file"`
	Figures []extractedFigure `json:"figures"`
}

// extractedFigure is the published shape of a figure in `extract --json`.
type extractedFigure struct {
	Key       string  `json:"key"`
	Value     float64 `json:"value"`
	Unit      string  `json:"unit"`
	Approx    bool    `json:"approx"`
	Ambiguous bool    `json:"ambiguous"`
	Quote     string  `json:"quote"`
	Anchor    string  `json:"anchor"`
}

func runExtract(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("extract", "Prints the figures found in report files ("+format.Default.List()+"); no site or metadata needed.\n\nUsage: go run ./generator extract [--json] [--source DIR] FILE...", stderr)
	asJSON := fs.Bool("json", false, "print JSON: [{\"file\", \"figures\": [{key, value, unit, approx, ambiguous, quote, anchor}]}]")
	source := fs.String("source", ".", "site root whose config.toml holds the metric catalog")
	files, code, ok := parseFiles(fs, args)
	if !ok {
		return code
	}
	lang := langOf(fs)
	if len(files) == 0 {
		say(stderr, lang, diag.Msgf("extract: name one or more report files"))
		return 2
	}
	catalog, err := loadCatalog(filepath.Join(*source, "config.toml"))
	if err != nil {
		say(stderr, lang, diag.Msgf("extract: %s", diag.ErrorTextIn(err, lang)))
		return 1
	}
	var out []extractedFile
	code = 0
	for _, name := range files {
		figs, err := extractFile(name, catalog)
		if err != nil {
			say(stderr, lang, diag.Msgf("%s: %s", diag.Escape(name), diag.ErrorTextIn(err, lang)))
			code = 1
			continue
		}
		out = append(out, extractedFile{File: name, Figures: figs})
	}
	if *asJSON {
		if out == nil {
			out = []extractedFile{}
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(out)
		stdout.Write(diag.EscapeJSON(b.Bytes())) // the same JSON, safe on a terminal
		return code
	}
	printFigures(stdout, out, catalog)
	return code
}

// parseFiles parses flags that may come before, between or after the
// file arguments (extract FILE... --json), and returns the files; when
// ok is false the command stops with code (0 after --help).
func parseFiles(fs *flag.FlagSet, args []string) (files []string, code int, ok bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, 0, false
			}
			return nil, 2, false
		}
		if fs.NArg() == 0 {
			return files, 0, true
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// loadCatalog reads the metric catalog of a config.toml.
func loadCatalog(path string) (config.Catalog, error) {
	src, err := config.ReadFile(path)
	if err != nil {
		return nil, err
	}
	cfg, problems := config.Parse(path, src)
	if cfg == nil {
		return nil, problems.Err() // its problems, in the editor's language
	}
	return cfg.Metrics, nil
}

// extractFile decodes, parses and extracts one report file.
func extractFile(name string, catalog config.Catalog) ([]extractedFigure, error) {
	doc, err := format.Default.ParseFile(name)
	if err != nil {
		return nil, err
	}
	figs := []extractedFigure{}
	for _, f := range metrics.Extract(catalog, metrics.FromDocument(doc)) {
		figs = append(figs, extractedFigure{Key: f.Key, Value: f.Value, Unit: f.Unit, Approx: f.Approx, Ambiguous: f.Ambiguous, Quote: f.Quote, Anchor: f.Anchor})
	}
	return figs, nil
}

// printFigures prints figures as an aligned, readable list.
func printFigures(w io.Writer, files []extractedFile, catalog config.Catalog) {
	for _, f := range files {
		fmt.Fprintf(w, "%s: %d figures\n", diag.Escape(f.File), len(f.Figures))
		for _, g := range f.Figures {
			label := "(no metric)"
			if m, ok := catalog.Lookup(g.Key); ok {
				label = m.Label + " " + g.Key
			}
			flags := ""
			if g.Approx {
				flags += " approx"
			}
			if g.Ambiguous {
				flags += " ambiguous"
			}
			fmt.Fprintf(w, "  %-6s %-32s %v %s%s\n         「%s」\n", diag.Escape(g.Anchor), diag.Escape(label), g.Value, diag.Escape(g.Unit), flags, diag.Escape(g.Quote))
		}
	}
}
