package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
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
	p, err := c.apply(f.paths())
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	p.limitMemory = true
	p.keep = &keptBuild{}
	h := newHub()
	rebuild := rebuilder(p, h, stdout, stderr)
	rebuild()
	if !exists(p.destination) {
		return 1 // the first build failed and there is no earlier site to serve
	}
	ln, err := net.Listen("tcp", net.JoinHostPort("localhost", strconv.Itoa(*port)))
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}
	if !*noWatch {
		go watch([]string{p.content, p.layouts}, []string{p.config}, rebuild, nil)
	}
	fmt.Fprintf(stdout, "serving %s on http://localhost:%d/ (Ctrl+C to stop)\n", p.destination, *port)
	if err := http.Serve(ln, withReload(siteHandler(p.destination), h)); err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}
	return 0
}

// rebuilder returns the function the watcher calls on each change: it
// builds, prints the outcome, and tells open pages to reload or to show the
// errors.
func rebuilder(p paths, h *hub, stdout, stderr io.Writer) func() {
	var mu sync.Mutex
	// When a report, county or province changed, its pages are published
	// first, with the previous site-wide pages and search index, then the
	// site-wide pages, then the index: open pages reload at once, site-wide
	// pages again when they are in, and the search page when the index is.
	p.pagesFirst = func(part string) {
		switch part {
		case PartLocal:
			fmt.Fprintln(stdout, "pages published; building the site-wide pages and the search index…")
			h.publish("reload")
		case PartSiteWide:
			fmt.Fprintln(stdout, "site-wide pages published; building the search index…")
			h.publish("sitewide")
		}
	}
	return func() {
		mu.Lock()
		defer mu.Unlock()
		res, err := build(p)
		p.clean = false // --clean applies to the first build only
		var errs bytes.Buffer
		if report(res, err, stdout, io.MultiWriter(stderr, &errs)) != 0 {
			h.publish("error\n" + errs.String())
			return
		}
		h.publish(finalEvent(res.early))
	}
}

// finalEvent is the event that tells open pages about a build that
// published the parts early first: the pages those did not cover reload.
func finalEvent(early []string) string {
	switch {
	case slices.Contains(early, PartSiteWide):
		return "search" // the search page, for the new index
	case slices.Contains(early, PartLocal):
		return "sitewide"
	}
	return "reload"
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// siteHandler serves the built site from dir, answering unknown paths with
// the site's 404 page.
func siteHandler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff") // a report file is never taken for HTML
		name := filepath.Join(dir, filepath.FromSlash(filepath.Clean("/"+r.URL.Path)))
		if _, err := os.Stat(name); err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			if b, err := os.ReadFile(filepath.Join(dir, "404.html")); err == nil {
				w.Write(b)
			}
			return
		}
		files.ServeHTTP(w, r)
	})
}
