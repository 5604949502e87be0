package main

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"portal/generator/internal/diag"
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
		go func() {
			if err := watch([]string{p.content, p.layouts}, []string{p.config}, rebuild, nil); err != nil {
				fmt.Fprintf(stderr, "serve: not watching for changes: %s\n", diag.ErrorText(err))
			}
		}()
	}
	fmt.Fprintf(stdout, "serving %s on http://localhost:%d/ (Ctrl+C to stop)\n", diag.Escape(p.destination), *port)
	if err := newServer(p.destination, h, stderr).Serve(ln); err != nil {
		fmt.Fprintf(stderr, "serve: %s\n", diag.ErrorText(err))
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
			h.publish(evReload)
		case PartSiteWide:
			fmt.Fprintln(stdout, "site-wide pages published; building the search index…")
			h.publish(evSiteWide)
		}
	}
	return func() {
		mu.Lock()
		defer mu.Unlock()
		defer survive(p, h, stderr)
		res, err := build(p)
		p.clean = false // --clean applies to the first build only
		var errs bytes.Buffer
		if report(res, err, stdout, io.MultiWriter(stderr, &errs)) != 0 {
			h.fail(errs.String())
			return
		}
		h.publish(finalEvent(res.early))
	}
}

// survive, deferred by each of serve's builds, turns a panic that
// escaped the build (a bug, on some input) into a failed build: the
// terminal and the open pages show it, and serve goes on serving the
// last good site, without the state kept in memory, which the build may
// have left half made.
func survive(p paths, h *hub, stderr io.Writer) {
	v := recover()
	if v == nil {
		return
	}
	msg := "build failed: " + diag.ErrorText(internalError(v))
	fmt.Fprintln(stderr, msg)
	h.fail(msg + "\n")
	if p.keep != nil {
		*p.keep = keptBuild{}
	}
}

// finalEvent is the event that tells open pages about a build that
// published the parts early first: the pages those did not cover reload.
func finalEvent(early []string) string {
	switch {
	case slices.Contains(early, PartSiteWide):
		return evSearch // the search page, for the new index
	case slices.Contains(early, PartLocal):
		return evSiteWide
	}
	return evReload
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// newServer makes serve's HTTP server for the site in dir: requests for
// another host than this machine are refused, header reads are bounded
// in size and time, and what net/http logs reaches errlog escaped.
func newServer(dir string, h *hub, errlog io.Writer) *http.Server {
	return &http.Server{
		Handler:           localOnly(withReload(siteHandler(dir), h)),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          log.New(escapedLines{errlog}, "serve: ", 0),
	}
}

// escapedLines writes each log entry as one line, escaped.
type escapedLines struct{ w io.Writer }

func (e escapedLines) Write(p []byte) (int, error) {
	if _, err := io.WriteString(e.w, diag.Escape(strings.TrimSuffix(string(p), "\n"))+"\n"); err != nil {
		return 0, err
	}
	return len(p), nil
}

// localOnly answers only requests addressed to this machine by a
// loopback name or address (any port): a page of another site whose
// name its DNS points at 127.0.0.1 (DNS rebinding) is refused, and so
// cannot read what serve serves. Only GET and HEAD are answered.
func localOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !loopbackHost(r.Host) {
			http.Error(w, "403 forbidden: serve answers requests for localhost only", http.StatusForbidden)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// loopbackHost reports whether the Host header hostport names this
// machine: localhost, or a loopback address (127.0.0.0/8, [::1]).
func loopbackHost(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil { // no port
		host, port = hostport, ""
		if len(host) > 2 && host[0] == '[' && host[len(host)-1] == ']' {
			host = host[1 : len(host)-1]
		}
	}
	if _, err := strconv.ParseUint(port, 10, 16); port != "" && err != nil {
		return false
	}
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") {
		return true
	}
	addr, err := netip.ParseAddr(host)
	return err == nil && addr.Zone() == "" && addr.Unmap().IsLoopback()
}

// siteHandler serves the built site from dir as a static host would: a
// folder is served by its index.html, and any path that names no file
// of the site, a folder without index.html included (never listed),
// gets the site's 404 page.
func siteHandler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff") // a report file is never taken for HTML
		if !servable(dir, r.URL.Path) {
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

// servable reports whether the URL path names a regular file of the site
// in dir, or a folder of it with an index.html. Paths are cleaned
// first, so none leads out of dir; no file or folder whose name starts
// with a dot is served (the generator publishes none).
func servable(dir, urlPath string) bool {
	clean := path.Clean("/" + urlPath)
	if strings.Contains(clean, "/.") || strings.ContainsRune(clean, 0) {
		return false
	}
	name := filepath.Join(dir, filepath.FromSlash(clean))
	fi, err := os.Stat(name)
	if err == nil && fi.IsDir() {
		fi, err = os.Stat(filepath.Join(name, "index.html"))
	}
	return err == nil && fi.Mode().IsRegular()
}
