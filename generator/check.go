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
	s, docs, problems, err := build.LoadSite(f.options())
	if err != nil {
		fmt.Fprintf(stderr, "check: %s\n", diag.ErrorText(err))
		return 1
	}
	if s != nil {
		problems.Add(check.Site(s, docs)...)
	}
	problems.Sort()
	fmt.Fprint(stdout, problems.String())
	errors, warnings := problems.Errors(), len(problems)-problems.Errors()
	fmt.Fprintf(stdout, "%d errors, %d warnings\n", errors, warnings)
	if errors > 0 {
		return 1
	}
	return 0
}
