package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"portal/generator/internal/build"
	"portal/generator/internal/diag"
)

// options are the build options of the site the flags name.
func (f siteFlags) options() build.Options {
	o := build.Options{
		Config:      filepath.Join(f.source, "config.toml"),
		Content:     filepath.Join(f.source, "content"),
		Layouts:     filepath.Join(f.source, "layouts"),
		Destination: filepath.Join(f.source, "public"),
		Static:      filepath.Join(f.source, "static"),
	}
	if f.content != "" {
		o.Content = f.content
	}
	if f.destination != "" {
		o.Destination = f.destination
	}
	return o
}

// cacheFlags are the flags of the commands that build: build and serve.
type cacheFlags struct {
	dir   string
	clean bool
}

func (c *cacheFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.dir, "cache-dir", "", "build cache directory, outside the site (default: <user cache dir>/portal/<hash of the destination>)")
	fs.BoolVar(&c.clean, "clean", false, "remove the build cache's files first (nothing else): a full build")
}

// apply sets the cache of o from the flags, and checks where the build
// would publish and keep its cache (build.CheckDirs).
func (c cacheFlags) apply(o build.Options) (build.Options, error) {
	o.CacheDir, o.Clean = c.dir, c.clean
	return build.CheckDirs(o)
}

// maxWarnings is how many warnings a build prints; errors are all printed.
const maxWarnings = 20

// report prints the problems and the outcome in lang; it returns the
// exit code.
func report(res build.Result, err error, lang diag.Lang, stdout, stderr io.Writer) int {
	res.Problems.Sort()
	warnings := 0
	for _, p := range res.Problems {
		if p.Severity == diag.Warning {
			warnings++
			if warnings > maxWarnings {
				continue
			}
		}
		fmt.Fprintln(stderr, p.Text(lang))
	}
	if warnings > maxWarnings {
		say(stderr, lang, diag.Msgf("… and %d more warnings", warnings-maxWarnings))
	}
	switch {
	case err != nil:
		say(stderr, lang, diag.Msgf("build failed: %s", diag.ErrorTextIn(err, lang)))
		return 1
	case res.Problems.HasErrors():
		// The content is checked before anything is written: true even
		// under serve, whose early parts come after.
		say(stderr, lang, diag.Msgf("build failed (errors: %d); nothing was published", res.Problems.Errors()))
		return 1
	}
	say(stdout, lang, res.SummaryMsg())
	return 0
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	var f siteFlags
	var c cacheFlags
	var cpuProfile, memProfile string
	fs := newFlagSet("build", "Builds the site from content/ into public/. All errors are reported at once;\na failed build leaves the previous public/ untouched. Builds are incremental:\nwhat the previous build computed from the same inputs is reused.", stderr)
	f.register(fs)
	c.register(fs)
	baseURL := fs.String("base-url", "", "the `URL` the site is published at, in place of config.toml's base_url (a staging copy): canonical links, feed and sitemap use it")
	fs.StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile (pprof) of the build to `file`")
	fs.StringVar(&memProfile, "memprofile", "", "write a heap profile (pprof) at the end of the build to `file`")
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	lang := langOf(fs)
	opts := f.options()
	opts.BaseURL = *baseURL
	o, err := c.apply(opts)
	if err != nil {
		fmt.Fprintln(stderr, diag.ErrorTextIn(err, lang))
		return 2
	}
	o.LimitMemory, o.Progress = true, build.NewProgress(stderr)
	o.Progress.Lang = lang
	stop, err := startProfiles(cpuProfile, memProfile)
	if err != nil {
		fmt.Fprintln(stderr, diag.ErrorTextIn(err, lang))
		return 1
	}
	res, err := build.Run(context.Background(), o)
	if perr := stop(); perr != nil && err == nil {
		err = perr
	}
	return report(res, err, lang, stdout, stderr)
}
