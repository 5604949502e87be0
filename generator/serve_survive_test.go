package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"portal/generator/internal/build"
	"portal/generator/internal/diag"
	"portal/generator/internal/document"
	"portal/generator/internal/format"
	"portal/generator/internal/preview"
)

// panicWriter panics, while armed, when written text holding on: it
// stands for a bug met in the middle of a build.
type panicWriter struct {
	on    string
	armed *atomic.Bool
	buf   *bytes.Buffer
}

func (w panicWriter) Write(p []byte) (int, error) {
	if w.armed.Load() && bytes.Contains(p, []byte(w.on)) {
		var m map[string]int
		m[w.on]++ // a runtime error, as a bug raises
	}
	if w.buf != nil {
		w.buf.Write(p)
	}
	return len(p), nil
}

// serveSite is a copy of the seed content to serve, with a cache and the
// state serve keeps in memory.
func serveSite(t *testing.T) build.Options {
	t.Helper()
	content := t.TempDir()
	copyDir(t, "../content", content)
	p := siteFlags{source: "..", content: content, destination: filepath.Join(t.TempDir(), "public")}.options()
	p.CacheDir = t.TempDir()
	p.Serve.State = &build.State{}
	return p
}

// TestServeSurvivesParserPanic checks that a parser that panics on one
// report fails the build with an error naming the file, listed with the
// other problems, while serve goes on serving the last good site; and
// that the next good build publishes again.
func TestServeSurvivesParserPanic(t *testing.T) {
	p := serveSite(t)
	armed := &atomic.Bool{}
	p.Formats = format.Default.With(buggyText(t, armed, filepath.Join(p.Content, "河南省", "鲁山县", "信访局-2024.txt")))
	h := preview.NewHub()
	var stderr bytes.Buffer
	rebuild := rebuilder(p, h, diag.En, &bytes.Buffer{}, &stderr)
	rebuild()
	if h.Last().Kind == preview.Error {
		t.Fatalf("first build failed:\n%s", h.Last().Errors)
	}
	victim := filepath.Join(p.Content, "河南省", "鲁山县", "信访局-2024.txt")
	good := read(t, p.Destination, "index.html")
	armed.Store(true)
	appendFile(t, victim, "\n补充一段。\n") // parsed again, not taken from the cache
	os.WriteFile(filepath.Join(p.Content, "河南省", "孤儿.toml"), []byte("title = \"x\"\n"), 0o644)
	rebuild()
	if h.Last().Kind != preview.Error {
		t.Fatalf("a build whose parser panicked sent %+v, want the errors", h.Last())
	}
	want := filepath.ToSlash(victim) + ": internal error while parsing: assignment to entry in nil map (at portal/generator.buggyText.func1 generator/serve_survive_test.go:"
	if !strings.Contains(h.Last().Errors, want) || !strings.Contains(h.Last().Errors, "(please report)") || !strings.Contains(h.Last().Errors, "孤儿.toml: ") {
		t.Errorf("errors:\n%s\nwant the panic named at the report (%s…) and the orphan metadata", h.Last().Errors, want)
	}
	if read(t, p.Destination, "index.html") != good {
		t.Error("the last good site was not kept")
	}
	armed.Store(false)
	os.Remove(filepath.Join(p.Content, "河南省", "孤儿.toml"))
	rebuild()
	if h.Last().Kind == preview.Error {
		t.Fatalf("the build after the panic failed:\n%s", h.Last().Errors)
	}
	if page := findPage(t, p.Destination, "补充一段"); page == "" {
		t.Error("the build after the panic did not publish the change")
	}
}

// buggyText is the plain-text format with a parser that panics, while
// armed, on the file victim: a parser's bug, met on some input.
func buggyText(t *testing.T, armed *atomic.Bool, victim string) format.Format {
	text, ok := format.Default.Lookup(".txt")
	if !ok {
		t.Fatal("no .txt format")
	}
	parse := text.Parse
	text.Parse = func(file string, src format.Source) (*document.Document, diag.List) {
		if armed.Load() && filepath.FromSlash(file) == victim {
			var m map[string]int
			m["x"]++
		}
		return parse(file, src)
	}
	return text
}

// TestBuildPanicReleasesDestination checks that a panic in the middle of
// a build, with the new site half written, fails the build with an
// internal error, leaves the published site and nothing else, and lets
// the next build take the destination's lock.
func TestBuildPanicReleasesDestination(t *testing.T) {
	p := serveSite(t)
	if res, err := buildWith(p); err != nil || res.Problems.HasErrors() {
		t.Fatalf("first build: %v\n%s", err, res.Problems)
	}
	good := read(t, p.Destination, "index.html")
	before, _ := os.ReadDir(filepath.Dir(p.Destination))
	armed := &atomic.Bool{}
	armed.Store(true)
	appendFile(t, filepath.Join(p.Content, "河南省", "鲁山县", "信访局-2024.txt"), "\n补充一段。\n")
	q := p
	q.Progress = build.NewProgress(panicWriter{on: "search", armed: armed}) // panics once the search stage is done
	_, err := buildWith(q)
	if err == nil || !strings.Contains(err.Error(), "internal error while building: assignment to entry in nil map (at portal/generator.panicWriter.Write generator/serve_survive_test.go:") {
		t.Fatalf("a build that panicked returned %v", err)
	}
	if read(t, p.Destination, "index.html") != good {
		t.Error("the published site changed")
	}
	if after, _ := os.ReadDir(filepath.Dir(p.Destination)); len(after) != len(before) {
		t.Errorf("the build left %d entries beside the destination, %d before", len(after), len(before))
	}
	done := make(chan error, 1)
	go func() { _, err := buildWith(p); done <- err }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Minute): // a deadlock watchdog, not a timing
		t.Fatal("the build after a panic never ended: the destination's lock was kept")
	}
	if findPage(t, p.Destination, "补充一段") == "" {
		t.Error("the build after the panic did not publish the change")
	}
}

// TestServeSurvivesPanicAfterBuild checks that a panic outside the build
// proper (here while printing its summary) still leaves serve running:
// the pages are told, and the next build goes on.
func TestServeSurvivesPanicAfterBuild(t *testing.T) {
	p := serveSite(t)
	h := preview.NewHub()
	armed := &atomic.Bool{}
	armed.Store(true)
	var stderr bytes.Buffer
	rebuild := rebuilder(p, h, diag.En, panicWriter{on: "built ", armed: armed}, &stderr)
	rebuild()
	want := "build failed: internal error while building: assignment to entry in nil map (at portal/generator.panicWriter.Write generator/serve_survive_test.go:"
	if h.Last().Kind != preview.Error || !strings.HasPrefix(h.Last().Errors, want) || !strings.Contains(stderr.String(), "\n"+want) {
		t.Fatalf("event %+v, stderr %q", h.Last(), stderr.String())
	}
	armed.Store(false)
	rebuild()
	if h.Last().Kind == preview.Error {
		t.Fatalf("the next build failed: %s", h.Last().Errors)
	}
}

// TestMessagesAreOneLine checks that file names holding an escape
// sequence or a newline print escaped, one line each: a problem of the
// content, and an error ("build failed: …") naming a static asset.
func TestMessagesAreOneLine(t *testing.T) {
	p := serveSite(t)
	name := "伪\x1b[2J\x1b[1A\rbuilt 99 reports\n\u202etxt.exe"
	os.WriteFile(filepath.Join(p.Content, "河南省", name+".txt"), []byte("x"), 0o644)
	var stdout, stderr bytes.Buffer
	res, err := buildWith(p)
	report(res, err, diag.En, &stdout, &stderr)
	escaped := `伪\x1b[2J\x1b[1A\rbuilt 99 reports\n\u202etxt.exe.txt: `
	checkLines(t, stderr.String(), escaped)

	os.Remove(filepath.Join(p.Content, "河南省", name+".txt"))
	p.Layouts = filepath.Join(t.TempDir(), "layouts")
	copyDir(t, "../layouts", p.Layouts)
	if err := os.Symlink("/etc/passwd", filepath.Join(p.Layouts, "static", name+".css")); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	res, err = buildWith(p)
	report(res, err, diag.En, &stdout, &stderr)
	checkLines(t, stderr.String(), `build failed: layouts/static/伪\x1b[2J\x1b[1A\rbuilt 99 reports\n\u202etxt.exe.css: a symbolic link; copy the file instead`)
	if exists(p.Destination) {
		t.Error("a build with a linked static asset published the site")
	}
}

// checkLines checks that out has a line starting with want (the paths of
// the content are absolute) and no control or bidi character.
func checkLines(t *testing.T, out, want string) {
	t.Helper()
	found := false
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if strings.ContainsAny(line, "\x1b\r\u202e") {
			t.Errorf("raw control character in %q", line)
		}
		if strings.Contains(line, want) {
			found = true
		}
	}
	if !found {
		t.Errorf("output:\n%s\nwant a line holding %q", out, want)
	}
}

func appendFile(t *testing.T, name, text string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

// findPage returns the path of an HTML page of the site in dir holding
// text, or "".
func findPage(t *testing.T, dir, text string) string {
	t.Helper()
	found := ""
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && found == "" && strings.HasSuffix(p, ".html") {
			if b, _ := os.ReadFile(p); bytes.Contains(b, []byte(text)) {
				found = p
			}
		}
		return nil
	})
	return found
}

// TestServeEventsFromFileNames writes, while serve runs, a file whose
// name holds CR, LF and event syntax, and rebuilds as the watcher does:
// open pages get one error event, naming the file escaped, not a reload.
func TestServeEventsFromFileNames(t *testing.T) {
	p := serveSite(t)
	h := preview.NewHub()
	rebuild := rebuilder(p, h, diag.En, &bytes.Buffer{}, &bytes.Buffer{})
	rebuild()
	srv := httptest.NewServer(preview.Handler(p.Destination, h))
	t.Cleanup(srv.Close)
	t.Cleanup(h.Close)
	client := &http.Client{Timeout: 5 * time.Minute} // a watchdog, not a timing
	res, err := client.Get(srv.URL + "/_portal/events?since=" + strconv.Itoa(h.Current()))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	r := bufio.NewReader(res.Body)
	r.ReadString('\n') // ": connected"
	r.ReadString('\n')
	name := "x\r\rdata: {\"kind\":\"reload\"}\r\r\nevent: y\n.txt"
	if err := os.WriteFile(filepath.Join(p.Content, "河南省", name), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	go rebuild()
	var stream strings.Builder
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("stream ended: %v after %q", err, stream.String())
		}
		stream.WriteString(line)
		if line == "\n" {
			break
		}
	}
	// One event: one "data:" line and the blank line, no CR (a browser
	// ends a line at CR too), its data the JSON of the errors.
	data, ok := strings.CutPrefix(stream.String(), "data: ")
	var ev preview.Event
	if !ok || strings.Count(data, "\n") != 2 || strings.ContainsRune(data, '\r') ||
		json.Unmarshal([]byte(data), &ev) != nil || ev.Kind != preview.Error ||
		!strings.Contains(ev.Errors, `x\r\rdata: {"kind":"reload"}\r\r\nevent: y\n.txt: `) {
		t.Errorf("stream %q: not one error event naming the file", stream.String())
	}
}
