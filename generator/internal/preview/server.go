// Package preview is serve's HTTP side: it serves a built site from its
// directory as a static host would, to this machine only, and tells the
// open pages about each build through server-sent events (Hub): reload
// after a good one, the errors over the page after a failed one.
package preview

import (
	"io"
	"log"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"portal/generator/internal/diag"
)

// NewServer makes serve's HTTP server for the site in dir: requests for
// another host than this machine are refused, header reads are bounded
// in size and time, and what net/http logs reaches errlog escaped.
func NewServer(dir string, h *Hub, errlog io.Writer) *http.Server {
	return &http.Server{
		Handler:           Handler(dir, h),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          log.New(escapedLines{errlog}, "serve: ", 0),
	}
}

// Handler serves the site in dir with live reload, to this machine only.
func Handler(dir string, h *Hub) http.Handler {
	return localOnly(withReload(SiteHandler(dir), h))
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

// SiteHandler serves the built site from dir as a static host would: a
// folder is served by its index.html, and any path that names no file
// of the site, a folder without index.html included (never listed),
// gets the site's 404 page.
func SiteHandler(dir string) http.Handler {
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
