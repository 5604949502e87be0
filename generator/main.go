// Command generator builds the rule-of-law report portal: it reads report
// files and their TOML metadata from content/, the site settings from
// config.toml and the templates from layouts/, and writes a static site to
// public/.
//
// Usage:
//
//	go run ./generator build [--source DIR] [--content DIR] [--destination DIR]
//	go run ./generator serve [--source DIR] [--content DIR] [--destination DIR] [--port N]
//
// Run a command with --help for its flags. Messages and help are in
// Chinese, or in English with --lang en (or PORTAL_LANG=en).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"portal/generator/internal/diag"
)

// command is a subcommand of the generator.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var commands = []command{
	{"build", "build the site into public/", runBuild},
	{"serve", "build the site and serve it on http://localhost:1313", runServe},
	{"check", "validate the site without writing it; list every error and warning", runCheck},
	{"extract", "print the figures found in report files", runExtract},
	{"new", "draft the metadata TOML of a newly received report file", runNew},
	{"deploy", "upload the built site to an S3-compatible bucket (config.toml [[deploy.targets]])", runDeploy},
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	lang := defaultLang()
	var langArg []string
	if len(args) > 0 {
		if name, value, ok := strings.Cut(strings.TrimLeft(args[0], "-"), "="); strings.HasPrefix(args[0], "-") && name == "lang" {
			// generator --lang en <command>: the language of the command too.
			if !ok && len(args) > 1 {
				value, args = args[1], args[1:]
			}
			l, err := diag.ParseLang(value)
			if err != nil {
				fmt.Fprintf(stderr, "generator: %v\n", err)
				return 2
			}
			lang, args = l, args[1:]
			langArg = []string{"--lang=" + string(lang)}
		}
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout, lang)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			if v, ok := langInArgs(args[1:]); ok {
				langArg = []string{"--lang=" + v} // a bad value is reported as the flags are parsed
			}
			return c.run(append(langArg, args[1:]...), stdout, stderr)
		}
	}
	say(stderr, lang, diag.Msgf("generator: unknown command %q", args[0]))
	fmt.Fprintln(stderr)
	usage(stderr, lang)
	return 2
}

// usage prints the commands in lang.
func usage(w io.Writer, lang diag.Lang) {
	if lang == diag.Zh {
		usageZh(w)
		return
	}
	fmt.Fprintln(w, "generator builds the rule-of-law government report portal.")
	fmt.Fprintln(w, "\nUsage: go run ./generator <command> [flags]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'go run ./generator <command> --help' for a command's flags.")
	fmt.Fprintln(w, "Messages and help are in Chinese unless --lang en or PORTAL_LANG=en is given.")
}

// siteFlags are the flags every command that reads a site shares.
type siteFlags struct {
	source      string
	content     string
	destination string
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.source, "source", ".", "site root holding config.toml, content/ and layouts/")
	fs.StringVar(&f.content, "content", "", "content directory (default: <source>/content)")
	fs.StringVar(&f.destination, "destination", "", "output directory (default: <source>/public); new, empty or one the generator wrote (it holds .portal-site), never the site root, content, layouts, home or /")
}

// newFlagSet makes a flag set that prints its usage to stdout for --help
// and reports parse errors to stderr.
func newFlagSet(name, summary string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	registerLang(fs)
	fs.Usage = func() { printUsage(fs, name, summary) }
	return fs
}

// parseFlags parses args, returning the exit code to stop with, if any.
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	if fs.NArg() > 0 {
		say(fs.Output(), langOf(fs), diag.Msgf("%s: unexpected argument %q", fs.Name(), fs.Arg(0)))
		return 2, false
	}
	return 0, true
}
