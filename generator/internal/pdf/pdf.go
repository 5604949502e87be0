// Package pdf reads the text of a PDF with its positions, for the layout
// stage: each page's text runs, its size and how many images it draws.
//
// The engine is PDFium, the PDF engine of Chromium, compiled to
// WebAssembly and run by wazero (github.com/klippa-app/go-pdfium, no cgo):
// it reads the CID fonts, ToUnicode maps, object streams and encryption
// of the PDFs Chinese offices make (README.md compares it with a pure-Go
// reader). The engine starts on the first Read of a process (in about
// 5 s: see SetCacheDir), so that a build without a PDF pays nothing for
// it, and serves the Reads of all goroutines, one document a core at a
// time (at most MaxInstances), each in a new WebAssembly instance of
// bounded memory. A document over its time gets an error at once; the
// engine call in progress, bounded by the limits on the document, ends in
// the background, and its instance is dropped. (wazero can interrupt a
// call in progress, but at the cost of a goroutine for every call: eight
// times slower here, where a page takes thousands of calls.)
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"portal/generator/internal/layout"
)

// Limits on what Read accepts, against hostile files; each far beyond a
// real report (a 100-page report is 1 to 5 MB, 100,000 characters, a few
// hundred objects a page).
const (
	// MaxSize is the largest file read.
	MaxSize = 64 << 20
	// MaxPages is the most pages.
	MaxPages = 2000
	// MaxObjects is the most objects (text, paths, images, forms) a page
	// may draw.
	MaxObjects = 100_000
	// MaxChars is the most characters of all the pages.
	MaxChars = 2_000_000
	// MaxMemory is the most memory the engine may take for one document:
	// the file, its decompressed streams, fonts and pages (a real report
	// takes 20 to 40 MB). A stream that decompresses beyond it stops the
	// document with ErrLimit.
	MaxMemory = 256 << 20
	// MaxInstances is the most documents read at once, whatever the
	// cores: with MaxMemory, the engine's memory stays under 1 GB.
	MaxInstances = 4
	// MaxTime is the longest one document may take.
	MaxTime = 60 * time.Second
)

// Errors of Read; each is wrapped with what went wrong.
var (
	// ErrNotPDF is a file that is not a PDF.
	ErrNotPDF = errors.New("not a PDF file")
	// ErrEncrypted is a PDF that opens only with a password.
	ErrEncrypted = errors.New("the PDF is protected by a password: submit it without one")
	// ErrCorrupt is a damaged or truncated PDF.
	ErrCorrupt = errors.New("corrupt PDF")
	// ErrLimit is a PDF beyond one of the limits.
	ErrLimit = errors.New("the PDF goes beyond what the reader accepts (a damaged or hostile file?)")
	// ErrEngine is a failure of the engine itself.
	ErrEngine = errors.New("the PDF engine failed")
)

// timeLimit is MaxTime, but for the test of it.
var timeLimit = MaxTime

// magic starts every PDF, within its first kilobyte.
var magic = []byte("%PDF-")

// eof ends every complete PDF, within its last kilobyte.
var eof = []byte("%%EOF")

// Read reads the pages of the PDF held in data. Its errors wrap ErrNotPDF,
// ErrEncrypted, ErrCorrupt, ErrLimit or ErrEngine.
func Read(data []byte) ([]layout.Page, error) {
	if err := precheck(data); err != nil {
		return nil, err
	}
	pool, err := engine()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeLimit)
	defer cancel()
	inst, err := pool.GetInstanceWithContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrEngine, err)
	}
	type result struct {
		pages []layout.Page
		err   error
	}
	ch := make(chan result, 1)
	go func() {
		pages, err := readDoc(inst, data)
		ch <- result{pages, err}
	}()
	select {
	case <-ctx.Done():
		// The call in progress ends by itself (each is bounded by the
		// limits), and the instance is never used again.
		inst.Kill()
		return nil, fmt.Errorf("%w: it takes longer than %v to read", ErrLimit, timeLimit)
	case r := <-ch:
		if r.err != nil && !errors.Is(r.err, ErrNotPDF) && !errors.Is(r.err, ErrEncrypted) && !errors.Is(r.err, ErrCorrupt) && !errors.Is(r.err, ErrLimit) {
			inst.Kill() // a trap (out of memory) leaves the instance unusable
			return nil, fmt.Errorf("%w (%v)", ErrLimit, r.err)
		}
		inst.Close()
		return r.pages, r.err
	}
}

// precheck refuses, before the engine starts, a file that is no PDF, is
// too large, or is cut short.
func precheck(data []byte) error {
	switch {
	case len(data) > MaxSize:
		return fmt.Errorf("%w: the file is larger than %d MB", ErrLimit, MaxSize>>20)
	case !bytes.Contains(data[:min(len(data), 1024)], magic):
		return fmt.Errorf("%w: it does not start with %s", ErrNotPDF, magic)
	case !bytes.Contains(data[max(0, len(data)-1024):], eof):
		return fmt.Errorf("%w: truncated (it does not end with %s)", ErrCorrupt, eof)
	}
	return nil
}

// engine starts PDFium once per process, on first use.
var engine = sync.OnceValues(newEngine)

// cacheDir is where the engine keeps its compiled code; "" for nowhere.
var cacheDir struct {
	sync.Mutex
	dir string
}

// SetCacheDir makes the engine keep the machine code it compiles PDFium
// to in dir (wazero's compilation cache), so that the first PDF of the
// next process starts the engine in about 0.2 s instead of 5. It takes
// effect only before the first Read of the process. A directory that
// cannot be used costs only the time.
func SetCacheDir(dir string) {
	cacheDir.Lock()
	defer cacheDir.Unlock()
	cacheDir.dir = dir
}

// newEngine compiles PDFium and makes a pool of its instances, one a core.
func newEngine() (pdfium.Pool, error) {
	cfg := wazero.NewRuntimeConfig().
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithMemoryLimitPages(MaxMemory / 65536)
	cacheDir.Lock()
	dir := cacheDir.dir
	cacheDir.Unlock()
	if dir != "" {
		if cache, err := wazero.NewCompilationCacheWithDir(dir); err == nil {
			cfg = cfg.WithCompilationCache(cache)
		}
	}
	n := min(runtime.GOMAXPROCS(0), MaxInstances)
	pool, err := webassembly.Init(webassembly.Config{
		MinIdle:       0,
		MaxIdle:       n,
		MaxTotal:      n,
		FSConfig:      wazero.NewFSConfig(), // no file system: documents come as bytes
		RuntimeConfig: cfg,
		Stdout:        io.Discard,
		Stderr:        io.Discard,
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrEngine, err)
	}
	return pool, nil
}
