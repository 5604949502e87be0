package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// reloadScript is served at /_portal/reload.js by `serve` only: it listens
// for build events, reloads the page after a good build, and shows the
// errors of a broken one over the page. It is never written to public/.
//
//go:embed reload.js
var reloadScript []byte

const reloadPath = "/_portal/"

// hub tells open pages about builds through server-sent events.
type hub struct {
	mu      sync.Mutex
	clients map[chan string]bool
	last    string // the last event; an error is sent to pages that connect later
	// version counts the sites published: one more at each "reload",
	// "sitewide" or "search" event. A page is served with the version it
	// was read at, so that one that connects after an event it missed
	// (while it was loading) gets the event then.
	version                      int
	reloaded, sitewide, searched int // the versions of the last "reload", "sitewide" and "search"
	done                         chan struct{}
}

// current is the version of the site served.
func (h *hub) current() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.version
}

// missed returns the event a page served at version since has missed, or
// "" if none.
func (h *hub) missed(since int) string {
	switch {
	case strings.HasPrefix(h.last, "error"):
		return h.last
	case since < 0: // unknown
		return ""
	case since < h.reloaded:
		return "reload"
	case since < h.sitewide:
		return "sitewide"
	case since < h.searched:
		return "search"
	}
	return ""
}

func newHub() *hub { return &hub{clients: map[chan string]bool{}, done: make(chan struct{})} }

// close ends every event stream, so a server can shut down.
func (h *hub) close() { close(h.done) }

// connected is the number of pages listening.
func (h *hub) connected() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// publish sends an event ("reload"; "sitewide" for the site-wide pages
// only, see render.SiteWide; "search" for the search page only; or
// "error\n" + problems) to every page.
func (h *hub) publish(event string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.last = event
	switch event {
	case "reload":
		h.version++
		h.reloaded = h.version
	case "sitewide":
		h.version++
		h.sitewide = h.version
	case "search":
		h.version++
		h.searched = h.version
	}
	for c := range h.clients {
		select {
		case c <- event:
		default:
		}
	}
}

// ServeHTTP streams events to one page.
func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	since, err := strconv.Atoi(r.URL.Query().Get("since"))
	if err != nil {
		since = -1
	}
	c := make(chan string, 4)
	h.mu.Lock()
	h.clients[c] = true
	if ev := h.missed(since); ev != "" {
		c <- ev
	}
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.clients, c)
		h.mu.Unlock()
	}()
	fmt.Fprint(w, ": connected\n\n")
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		case ev := <-c:
			for _, line := range strings.Split(ev, "\n") {
				fmt.Fprintf(w, "data: %s\n", line)
			}
			fmt.Fprint(w, "\n")
			flusher.Flush()
		}
	}
}

// withReload serves the live-reload script and events, and adds the script
// to every HTML page the site handler serves.
func withReload(site http.Handler, h *hub) http.Handler {
	mux := http.NewServeMux()
	mux.Handle(reloadPath+"events", h)
	mux.HandleFunc(reloadPath+"reload.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(reloadScript)
	})
	mux.Handle("/", injectScript(site, h))
	return mux
}

// injectScript adds <script src="/_portal/reload.js"> before </body> of
// HTML responses, with the version of the site the page is read from.
func injectScript(next http.Handler, h *hub) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		version := h.current() // before the file is read: a page is never older than its version
		rec := &bufferedResponse{header: http.Header{}, status: 200}
		next.ServeHTTP(rec, r)
		body := rec.body.Bytes()
		if strings.HasPrefix(rec.header.Get("Content-Type"), "text/html") {
			tag := []byte(`<script src="` + reloadPath + `reload.js" data-since="` + strconv.Itoa(version) + `"></script></body>`)
			body = bytes.Replace(body, []byte("</body>"), tag, 1)
			rec.header.Del("Content-Length")
		}
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(rec.status)
		w.Write(body)
	})
}

// bufferedResponse keeps a response in memory so it can be rewritten.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header         { return b.header }
func (b *bufferedResponse) WriteHeader(status int)      { b.status = status }
func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }
