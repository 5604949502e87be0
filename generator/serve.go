package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"slices"
	"strconv"
	"sync"

	"portal/generator/internal/build"
	"portal/generator/internal/diag"
	"portal/generator/internal/preview"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	var f siteFlags
	var c cacheFlags
	fs := newFlagSet("serve", "Builds the site, serves public/ on http://localhost:<port>/, watches content/,\nlayouts/ and config.toml, rebuilds on change and reloads open pages. A broken\nedit shows its errors in the terminal and over the page, while the last good\nsite stays served.", stderr)
	f.register(fs)
	c.register(fs)
	port := fs.Int("port", 1313, "port to listen on (localhost only)")
	noWatch := fs.Bool("no-watch", false, "build once and serve, without watching for changes")
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	lang := langOf(fs)
	o, err := c.apply(f.options())
	if err != nil {
		fmt.Fprintln(stderr, diag.ErrorTextIn(err, lang))
		return 2
	}
	o.LimitMemory = true
	o.Serve.State = &build.State{}
	h := preview.NewHub()
	rebuild := rebuilder(o, h, lang, stdout, stderr)
	rebuild()
	if !exists(o.Destination) {
		return 1 // the first build failed and there is no earlier site to serve
	}
	ln, err := net.Listen("tcp", net.JoinHostPort("localhost", strconv.Itoa(*port)))
	if err != nil {
		say(stderr, lang, diag.Msgf("serve: %s", diag.ErrorTextIn(err, lang)))
		return 1
	}
	if !*noWatch {
		go func() {
			if err := preview.Watch([]string{o.Content, o.Layouts, o.Static}, []string{o.Config}, rebuild, nil); err != nil {
				say(stderr, lang, diag.Msgf("serve: not watching for changes: %s", diag.ErrorTextIn(err, lang)))
			}
		}()
	}
	say(stdout, lang, diag.Msgf("serving %s on http://localhost:%d/ (Ctrl+C to stop)", diag.Escape(o.Destination), *port))
	if err := preview.NewServer(o.Destination, h, stderr).Serve(ln); err != nil {
		say(stderr, lang, diag.Msgf("serve: %s", diag.ErrorTextIn(err, lang)))
		return 1
	}
	return 0
}

// rebuilder returns the function the watcher calls on each change: it
// builds, prints the outcome, and tells open pages to reload or to show the
// errors, in lang.
func rebuilder(o build.Options, h *preview.Hub, lang diag.Lang, stdout, stderr io.Writer) func() {
	var mu sync.Mutex
	// When a report, county or province changed, its pages are published
	// first, with the previous site-wide pages and search index, then the
	// site-wide pages, then the index: open pages reload at once, site-wide
	// pages again when they are in, and the search page when the index is.
	o.Serve.PagesFirst = func(part string) {
		switch part {
		case build.PartLocal:
			say(stdout, lang, diag.Msgf("pages published; building the site-wide pages and the search index…"))
			h.Publish(preview.Reload)
		case build.PartSiteWide:
			say(stdout, lang, diag.Msgf("site-wide pages published; building the search index…"))
			h.Publish(preview.SiteWide)
		}
	}
	return func() {
		mu.Lock()
		defer mu.Unlock()
		defer survive(o, h, lang, stderr)
		res, err := build.Run(context.Background(), o)
		o.Clean = false // --clean applies to the first build only
		var errs bytes.Buffer
		if report(res, err, lang, stdout, io.MultiWriter(stderr, &errs)) != 0 {
			h.Fail(errs.String())
			return
		}
		h.Publish(finalEvent(res.Early))
	}
}

// survive, deferred by each of serve's builds, turns a panic that
// escaped the build (a bug, on some input) into a failed build: the
// terminal and the open pages show it, and serve goes on serving the
// last good site, without the state kept in memory, which the build may
// have left half made.
func survive(o build.Options, h *preview.Hub, lang diag.Lang, stderr io.Writer) {
	v := recover()
	if v == nil {
		return
	}
	msg := diag.Msgf("build failed: %s", diag.ErrorTextIn(build.InternalError(v), lang)).Text(lang)
	fmt.Fprintln(stderr, msg)
	h.Fail(msg + "\n")
	if o.Serve.State != nil {
		*o.Serve.State = build.State{}
	}
}

// finalEvent is the event that tells open pages about a build that
// published the parts early first: the pages those did not cover reload.
func finalEvent(early []string) string {
	switch {
	case slices.Contains(early, build.PartSiteWide):
		return preview.Search // the search page, for the new index
	case slices.Contains(early, build.PartLocal):
		return preview.SiteWide
	}
	return preview.Reload
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
