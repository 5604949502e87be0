// Command gencorpus writes a synthetic corpus of annual rule-of-law
// reports (package corpus) into a new directory, for benchmarks and
// examples:
//
//	go run ./generator/cmd/gencorpus --reports 50 --seed 1 --out /tmp/c
//	go run ./generator build --content /tmp/c --destination /tmp/site
//
// The same flags always give the same bytes.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"portal/generator/internal/corpus"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: go run ./generator/cmd/gencorpus --reports N --out DIR [flags]\n\n"+
			"Writes a synthetic corpus of annual rule-of-law reports into DIR, a new or empty\n"+
			"directory: <province>/<county>/<agency>-<year>.txt with a .toml beside it (plain).\n"+
			"The same flags always give the same bytes.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	opt := corpus.Options{}
	fs.IntVar(&opt.Reports, "reports", 0, fmt.Sprintf("number of reports, 1..%d (required)", corpus.MaxReports))
	fs.Int64Var(&opt.Seed, "seed", 1, "random seed")
	format := fs.String("format", string(corpus.Plain), "layout: plain (.txt and .toml), markdown (.md with front matter),\nor hugo (content/reports/<slug>.md, for comparisons with Hugo)")
	fs.Float64Var(&opt.MetricsShare, "metrics-share", corpus.DefaultMetricsShare, "share of reports whose metadata states, in [metrics], the figures their text\nstates unambiguously, 0..1 (with 0.5, about one report in ten has [metrics])")
	out := fs.String("out", "", "directory to write, new or empty (required)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stdout)
			fs.Usage()
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 || *out == "" {
		if fs.NArg() > 0 {
			fmt.Fprintf(stderr, "gencorpus: unexpected argument %q\n", fs.Arg(0))
		} else {
			fmt.Fprintln(stderr, "gencorpus: --out is required")
		}
		return 2
	}
	opt.Format = corpus.Format(*format)
	st, err := corpus.Write(*out, opt)
	if err != nil {
		fmt.Fprintf(stderr, "gencorpus: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "gencorpus: %d reports, %d counties, %d chars total (avg %d), %.1f MB in %s\n",
		st.Reports, st.Counties, st.Chars, st.Chars/int64(st.Reports), float64(st.Bytes)/1e6, *out)
	return 0
}
