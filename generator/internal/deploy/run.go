package deploy

import (
	"context"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"portal/generator/internal/diag"
)

// DefaultConcurrency is how many uploads a deploy has in flight.
const DefaultConcurrency = 8

// Options are the choices of a Run.
type Options struct {
	Concurrency int       // uploads in flight; DefaultConcurrency when 0
	Progress    io.Writer // where a terminal's progress line goes; nil for none
	Lang        diag.Lang // the language of the progress line; English when ""
}

// Summary is what a deploy did.
type Summary struct {
	Uploaded  int
	Unchanged int
	Deleted   int
	Kept      int
	Bytes     int64 // uploaded
	Duration  time.Duration
}

// String is the summary's line in English (Msg).
func (s Summary) String() string { return s.Msg().String() }

// Msg is the summary's line.
func (s Summary) Msg() diag.Msg {
	line := diag.Msgf("%d uploaded (%s), %d unchanged, %d deleted", s.Uploaded, formatBytes(s.Bytes), s.Unchanged, s.Deleted)
	if s.Kept > 0 {
		line = diag.Msgf("%v, %d kept (not the deploy's)", line, s.Kept)
	}
	return diag.Msgf("%v in %.1fs", line, s.Duration.Seconds())
}

// Run carries out the plan: the uploads step by step (assets, downloads
// and search files; report pages; the pages listing them, home last;
// feeds and sitemap), each step's concurrently and the next step only
// when all of them are done; then the manifest; then the deletions. A
// failure, or ctx's end, stops it before the next step: the live site
// then has new files beside the old pages, all of whose links work, and
// nothing is deleted. Deploying again finishes the job.
func (b *Bucket) Run(ctx context.Context, p *Plan, o Options) (Summary, error) {
	start := time.Now()
	sum := Summary{Unchanged: len(p.Unchanged), Kept: len(p.Kept)}
	entries := make([]Entry, 0, len(p.Unchanged)+len(p.Uploads))
	entries = append(entries, p.Unchanged...)
	prog := newProgress(o.Progress, o.Lang, len(p.Uploads), p.Bytes())
	defer prog.stop()
	for from := 0; from < len(p.Uploads); {
		to := from + 1
		for to < len(p.Uploads) && p.Uploads[to].step == p.Uploads[from].step {
			to++
		}
		done, err := b.upload(ctx, p.Site, p.Uploads[from:to], o, prog)
		entries = append(entries, done...)
		for _, e := range done {
			sum.Uploaded++
			sum.Bytes += e.Size
		}
		if err != nil {
			sum.Duration = time.Since(start)
			return sum, err
		}
		from = to
	}
	if len(p.Uploads) > 0 || len(p.Deletes) > 0 || len(p.Warnings) > 0 || !p.manifestCurrent {
		if _, err := b.put(ctx, ManifestName, encodeManifest(entries), "application/json; charset=utf-8", "no-store", ""); err != nil {
			sum.Duration = time.Since(start)
			return sum, err
		}
	}
	if len(p.Deletes) > 0 {
		if err := b.remove(ctx, p.Deletes); err != nil {
			sum.Duration = time.Since(start)
			return sum, err
		}
		sum.Deleted = len(p.Deletes)
	}
	sum.Duration = time.Since(start)
	return sum, nil
}

// upload sends the files of one step, o.Concurrency at a time, and
// returns the manifest entries of those it sent. The first failure
// cancels the others.
func (b *Bucket) upload(ctx context.Context, s *Site, files []Upload, o Options, prog *progress) ([]Entry, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := o.Concurrency
	if workers <= 0 {
		workers = DefaultConcurrency
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		done  []Entry
		first error
		next  = make(chan Upload)
	)
	for range min(workers, len(files)) {
		wg.Go(func() {
			for u := range next {
				e, err := b.send(ctx, s, u.File)
				mu.Lock()
				if err != nil {
					if first == nil {
						first = err
						cancel()
					}
				} else {
					done = append(done, e)
					prog.add(u.Size)
				}
				mu.Unlock()
			}
		})
	}
loop:
	for _, u := range files {
		select {
		case next <- u:
		case <-ctx.Done():
			break loop
		}
	}
	close(next)
	wg.Wait()
	if first == nil && ctx.Err() != nil {
		first = b.interrupted(context.Cause(ctx))
	}
	return done, first
}

// send uploads one file, its bytes checked against the plan's SHA-256.
func (b *Bucket) send(ctx context.Context, s *Site, f File) (Entry, error) {
	data, err := s.read(f)
	if err != nil {
		return Entry{}, err
	}
	etag, err := b.put(ctx, f.Path, data, f.Type, f.Cache, f.SHA256)
	if err != nil {
		return Entry{}, err
	}
	return Entry{Path: f.Path, Size: f.Size, SHA256: f.SHA256, ETag: etag, Type: f.Type, Cache: f.Cache}, nil
}

// progress keeps a terminal's line up to date: files and bytes sent.
type progress struct {
	w           io.Writer
	lang        diag.Lang
	files       atomic.Int64
	bytes       atomic.Int64
	total       int
	totalBytes  int64
	quit        chan struct{}
	wg          sync.WaitGroup
	lastPrinted string
}

func newProgress(w io.Writer, lang diag.Lang, total int, totalBytes int64) *progress {
	pr := &progress{w: w, lang: lang, total: total, totalBytes: totalBytes, quit: make(chan struct{})}
	if w == nil || total == 0 {
		return pr
	}
	pr.wg.Go(func() {
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				pr.print()
			case <-pr.quit:
				pr.print()
				fmt.Fprintln(pr.w)
				return
			}
		}
	})
	return pr
}

func (pr *progress) add(n int64) {
	pr.files.Add(1)
	pr.bytes.Add(n)
}

func (pr *progress) print() {
	line := "\r" + diag.Msgf("uploading: %d/%d files, %s/%s", pr.files.Load(), pr.total, formatBytes(pr.bytes.Load()), formatBytes(pr.totalBytes)).Text(pr.lang)
	if line != pr.lastPrinted {
		fmt.Fprintf(pr.w, "%s\x1b[K", line)
		pr.lastPrinted = line
	}
}

func (pr *progress) stop() {
	select {
	case <-pr.quit:
	default:
		close(pr.quit)
	}
	pr.wg.Wait()
}
