package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"

	"portal/generator/internal/diag"
	"portal/generator/internal/draft"
	"portal/generator/internal/format"
)

func runNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("new", "Writes the sidecar TOML of a newly received report file (FILE.toml beside\nFILE; "+format.Default.List()+") with what its path (<province>/<county or city>/<agency>-<year>) and its text\ntell: title, organ, year, 文号, date, county and province, and the figures found as a commented [metrics] block, for the\neditor to confirm.\n\nUsage: go run ./generator new [--source DIR] [--stdout] FILE", stderr)
	source := fs.String("source", ".", "site root whose config.toml holds the metric catalog")
	toStdout := fs.Bool("stdout", false, "print the TOML instead of writing it")
	files, code, ok := parseFiles(fs, args)
	if !ok {
		return code
	}
	lang := langOf(fs)
	if len(files) != 1 {
		say(stderr, lang, diag.Msgf("new: name exactly one report file"))
		return 2
	}
	catalog, err := loadCatalog(filepath.Join(*source, "config.toml"))
	if err != nil {
		say(stderr, lang, diag.Msgf("new: %s", diag.ErrorTextIn(err, lang)))
		return 1
	}
	name := files[0]
	out, err := draft.Metadata(name, catalog)
	if err != nil {
		say(stderr, lang, diag.Msgf("%s: %s", diag.Escape(name), diag.ErrorTextIn(err, lang)))
		return 1
	}
	if *toStdout {
		stdout.Write(out)
		return 0
	}
	target := strings.TrimSuffix(name, filepath.Ext(name)) + ".toml"
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		say(stderr, lang, diag.Msgf("new: %s (an existing metadata file is never overwritten)", diag.ErrorTextIn(err, lang)))
		return 1
	}
	defer f.Close()
	if _, err := f.Write(out); err != nil {
		say(stderr, lang, diag.Msgf("new: %s", diag.ErrorTextIn(err, lang)))
		return 1
	}
	say(stdout, lang, diag.Msgf("wrote %s: check every value before publishing", diag.Escape(target)))
	return 0
}
