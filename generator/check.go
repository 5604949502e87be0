package main

import (
	"fmt"
	"io"

	"portal/generator/internal/build"
	"portal/generator/internal/check"
	"portal/generator/internal/diag"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	var f siteFlags
	fs := newFlagSet("check", "Validates the site without writing public/: lists every error and warning as\npath:line:col: message (metadata, figures that disagree with the text, late\npublication, missing required items, heading numbering, 文号 brackets,\nsuspicious year-over-year jumps). Exits 1 when there are errors.", stderr)
	f.register(fs)
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	lang := langOf(fs)
	s, docs, problems, err := build.LoadSite(f.options())
	if err != nil {
		say(stderr, lang, diag.Msgf("check: %s", diag.ErrorTextIn(err, lang)))
		return 1
	}
	if s != nil {
		problems.Add(check.Site(s, docs)...)
	}
	problems.Sort()
	fmt.Fprint(stdout, problems.Text(lang))
	errors, warnings := problems.Errors(), len(problems)-problems.Errors()
	say(stdout, lang, diag.Msgf("%d errors, %d warnings", errors, warnings))
	if errors > 0 {
		return 1
	}
	return 0
}
