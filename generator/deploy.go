package main

import (
	"context"
	"fmt"
	"html"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"syscall"

	"portal/generator/internal/config"
	"portal/generator/internal/deploy"
	"portal/generator/internal/diag"
)

func runDeploy(args []string, stdout, stderr io.Writer) int {
	var (
		f       siteFlags
		target  string
		dryRun  bool
		verbose bool
	)
	fs := newFlagSet("deploy", "Uploads the built site (public/) to an S3-compatible bucket named in config.toml\n"+
		"([[deploy.targets]]): only new and changed files, assets and downloads before the\n"+
		"pages linking to them, the pages listing reports last, then deletes the files the\n"+
		"site no longer has. Credentials come from AWS_ACCESS_KEY_ID and\n"+
		"AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or ~/.aws/credentials with\n"+
		"AWS_PROFILE; never from config.toml.", stderr)
	fs.StringVar(&f.source, "source", ".", "site root holding config.toml")
	fs.StringVar(&f.destination, "destination", "", "the built site to deploy (default: <source>/public); it must hold .portal-site")
	fs.StringVar(&target, "target", "", "name of the deploy target in config.toml (default: the only one)")
	fs.BoolVar(&dryRun, "dry-run", false, "print what would be uploaded and deleted, and send nothing")
	fs.BoolVar(&verbose, "verbose", false, "list every file uploaded or deleted")
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	lang := langOf(fs)
	t, code := deployTarget(f.source, target, lang, stderr)
	if code != 0 {
		return code
	}
	dir := f.destination
	if dir == "" {
		dir = filepath.Join(f.source, "public")
	}
	if built := builtFor(dir); t.BaseURL != "" && built != t.BaseURL {
		fmt.Fprintln(stderr, diag.Escape(diag.Msgf("deploy: the site in %s was built for %q, the target %s serves it at %q: build it for the target first (go run ./generator build --base-url %s)", dir, built, t.Name, t.BaseURL, t.BaseURL).Text(lang)))
		return 1
	}
	site, err := deploy.ReadSite(dir)
	if err != nil {
		say(stderr, lang, diag.Msgf("deploy: %s", diag.ErrorTextIn(err, lang)))
		return 1
	}
	defer site.Close()
	b, err := deploy.Open(t)
	if err != nil {
		fmt.Fprintln(stderr, diag.ErrorTextIn(err, lang))
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	plan, err := b.Plan(ctx, site)
	if err != nil {
		fmt.Fprintln(stderr, diag.ErrorTextIn(err, lang))
		return 1
	}
	if dryRun || verbose {
		plan.Print(stdout, verbose, lang)
	}
	if dryRun {
		return 0
	}
	for _, w := range plan.Warnings {
		fmt.Fprintln(stderr, diag.Escape(diag.Msgf("warning: %v", w).Text(lang)))
	}
	opts := deploy.Options{Lang: lang}
	if isTerminal(stderr) {
		opts.Progress = stderr
	}
	sum, err := b.Run(ctx, plan, opts)
	if err != nil {
		fmt.Fprintln(stderr, diag.ErrorTextIn(err, lang))
		say(stderr, lang, diag.Msgf("deploy stopped after %s; nothing was deleted: deploy again to finish", sum.Msg()))
		return 1
	}
	say(stdout, lang, diag.Msgf("deployed to %s: %s", b.Name(), sum.Msg()))
	return 0
}

// deployTarget reads config.toml and returns the target called name.
func deployTarget(source, name string, lang diag.Lang, stderr io.Writer) (config.Target, int) {
	path := filepath.Join(source, "config.toml")
	src, err := config.ReadFile(path)
	if err != nil {
		say(stderr, lang, diag.Msgf("deploy: %s", diag.ErrorTextIn(err, lang)))
		return config.Target{}, 1
	}
	c, problems := config.Parse(path, src)
	problems.Sort()
	if c == nil {
		fmt.Fprint(stderr, problems.Text(lang))
		return config.Target{}, 1
	}
	t, err := c.Deploy.Target(name)
	if err != nil {
		say(stderr, lang, diag.Msgf("deploy: %s", diag.ErrorTextIn(err, lang)))
		return config.Target{}, 2
	}
	return t, 0
}

// isTerminal reports whether w is a terminal, where a progress line can
// rewrite itself.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// canonicalLink finds the canonical link of a page.
var canonicalLink = regexp.MustCompile(`<link rel="canonical" href="([^"]*)">`)

// builtFor is the base URL the site in dir was built for: its home
// page's canonical link; "" for a site built without one.
func builtFor(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		return ""
	}
	if m := canonicalLink.FindSubmatch(b); m != nil {
		return html.UnescapeString(string(m[1]))
	}
	return ""
}
