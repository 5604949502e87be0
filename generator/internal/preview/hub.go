package preview

import (
	"bytes"
	_ "embed"
	"encoding/json"
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

// The kinds of event the hub sends.
const (
	Reload   = "reload"   // every page
	SiteWide = "sitewide" // the site-wide pages only, see render.SiteWide
	Search   = "search"   // the search page only
	Error    = "error"    // a failed build: its errors, over every page
)

// Event is what the hub tells pages about a build. It goes to them as
// JSON on one "data:" line, so that nothing in the errors (which name
// files) can end the line, add a field or start another event.
type Event struct {
	Kind   string `json:"kind"`
	Errors string `json:"errors,omitempty"` // for Error: as the terminal shows them
}

// Hub tells open pages about builds through server-sent events.
type Hub struct {
	mu      sync.Mutex
	clients map[chan Event]bool
	last    Event // the last event; an error is sent to pages that connect later
	// version counts the sites published: one more at each Reload,
	// SiteWide or Search. A page is served with the version it was
	// read at, so that one that connects after an event it missed (while
	// it was loading) gets the event then.
	version                      int
	reloaded, sitewide, searched int // the versions of the last Reload, SiteWide and Search
	done                         chan struct{}
}

// Last is the last event sent.
func (h *Hub) Last() Event {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.last
}

// Current is the version of the site served.
func (h *Hub) Current() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.version
}

// missed returns the event a page served at version since has missed,
// or the zero event if none.
func (h *Hub) missed(since int) Event {
	switch {
	case h.last.Kind == Error:
		return h.last
	case since < 0: // unknown
		return Event{}
	case since < h.reloaded:
		return Event{Kind: Reload}
	case since < h.sitewide:
		return Event{Kind: SiteWide}
	case since < h.searched:
		return Event{Kind: Search}
	}
	return Event{}
}

// NewHub makes a hub with no page listening.
func NewHub() *Hub { return &Hub{clients: map[chan Event]bool{}, done: make(chan struct{})} }

// Close ends every event stream, so a server can shut down.
func (h *Hub) Close() { close(h.done) }

// Connected is the number of pages listening.
func (h *Hub) Connected() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// Publish tells every page that a site was published: kind is Reload,
// SiteWide or Search.
func (h *Hub) Publish(kind string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.version++
	switch kind {
	case Reload:
		h.reloaded = h.version
	case SiteWide:
		h.sitewide = h.version
	case Search:
		h.searched = h.version
	}
	h.send(Event{Kind: kind})
}

// Fail tells every page, and those that connect later, that a build
// failed with errors.
func (h *Hub) Fail(errors string) { h.mu.Lock(); defer h.mu.Unlock(); h.send(Event{Error, errors}) }

// send sends ev to every page; the caller holds h.mu.
func (h *Hub) send(ev Event) {
	h.last = ev
	for c := range h.clients {
		select {
		case c <- ev:
		default:
		}
	}
}

// ServeHTTP streams events to one page.
func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
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
	c := make(chan Event, 4)
	h.mu.Lock()
	h.clients[c] = true
	if ev := h.missed(since); ev.Kind != "" {
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
			w.Write(sse(ev))
			flusher.Flush()
		}
	}
}

// sse formats ev as one server-sent event: "data: {json}\n\n". JSON
// escapes every control character, CR and LF included, so the data is
// one line whatever the errors hold.
func sse(ev Event) []byte {
	b, err := json.Marshal(ev)
	if err != nil { // strings only: cannot happen
		b = []byte(`{"kind":"reload"}`)
	}
	return append(append([]byte("data: "), b...), "\n\n"...)
}

// withReload serves the live-reload script and events, and adds the script
// to every HTML page the site handler serves.
func withReload(site http.Handler, h *Hub) http.Handler {
	mux := http.NewServeMux()
	mux.Handle(reloadPath+"events", h)
	mux.HandleFunc(reloadPath+"reload.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Write(reloadScript)
	})
	mux.Handle("/", injectScript(site, h))
	return mux
}

// injectScript adds <script src="/_portal/reload.js"> before </body> of
// the HTML pages served whole (200, or the site's 404 page), with the
// version of the site the page is read from. Every other response,
// a part of a page asked with Range included, goes out untouched.
func injectScript(next http.Handler, h *Hub) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		version := h.Current() // before the file is read: a page is never older than its version
		in := &injector{w: w, tag: []byte(`<script src="` + reloadPath + `reload.js" data-since="` + strconv.Itoa(version) + `"></script>`)}
		next.ServeHTTP(in, r)
		in.finish()
	})
}

// injector passes a response through, but for an HTML page served whole,
// which it keeps until the end to add the script tag to.
type injector struct {
	w      http.ResponseWriter
	tag    []byte
	status int  // 0 until WriteHeader
	page   bool // keeping an HTML page in body
	body   bytes.Buffer
}

func (in *injector) Header() http.Header { return in.w.Header() }

func (in *injector) WriteHeader(status int) {
	if in.status != 0 {
		return
	}
	in.status = status
	hd := in.w.Header()
	hd.Set("Cache-Control", "no-store")
	in.page = (status == http.StatusOK || status == http.StatusNotFound) &&
		strings.HasPrefix(hd.Get("Content-Type"), "text/html") && hd.Get("Content-Range") == ""
	if in.page {
		if n, err := strconv.Atoi(hd.Get("Content-Length")); err == nil && n > 0 {
			in.body.Grow(n) // one allocation for the page
		}
		hd.Del("Content-Length") // set again in finish, with the tag
		return
	}
	in.w.WriteHeader(status)
}

func (in *injector) Write(p []byte) (int, error) {
	if in.status == 0 {
		in.WriteHeader(http.StatusOK)
	}
	if in.page {
		return in.body.Write(p)
	}
	return in.w.Write(p)
}

// finish sends a page kept, with the tag before its last </body>.
func (in *injector) finish() {
	if !in.page {
		return
	}
	body := in.body.Bytes()
	i := bytes.LastIndex(body, []byte("</body>"))
	if i < 0 {
		in.w.WriteHeader(in.status)
		in.w.Write(body)
		return
	}
	in.w.Header().Set("Content-Length", strconv.Itoa(len(body)+len(in.tag)))
	in.w.WriteHeader(in.status)
	in.w.Write(body[:i])
	in.w.Write(in.tag)
	in.w.Write(body[i:])
}
