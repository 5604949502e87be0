package deploy

import (
	"context"
	"fmt"
	"io"
	"sort"
	"sync"

	"portal/generator/internal/diag"
	"portal/generator/internal/output"
)

// Plan is what a deploy will do: which files it sends, in which order,
// which the bucket holds already, and which objects it deletes.
type Plan struct {
	Site      *Site
	Uploads   []Upload // in the order they are sent
	Unchanged []Entry  // the site's files the bucket holds as they are
	Deletes   []string // the objects of files the site no longer has, deleted last
	// Kept are objects under the prefix that no deploy uploaded (no
	// manifest entry, no SHA-256 metadata): a deploy leaves them alone.
	Kept []string
	// Warnings say what the deploy could not trust, such as a damaged
	// manifest, and did without.
	Warnings []diag.Msg
	target   diag.Msg // the bucket, as messages name it
	// manifestCurrent is true when the bucket's manifest names exactly
	// the site's files as they are: a deploy with nothing to send then
	// sends nothing.
	manifestCurrent bool
}

// Upload is one file to send.
type Upload struct {
	File
	New  bool // the bucket has no object for it
	step int
}

// checkWorkers is how many objects a plan asks for their metadata at once.
const checkWorkers = 8

// Plan compares the site with what the bucket holds. It only reads the
// bucket: its listing, the manifest, and the metadata of objects the
// manifest does not vouch for.
func (b *Bucket) Plan(ctx context.Context, s *Site) (*Plan, error) {
	listed, err := b.list(ctx)
	if err != nil {
		return nil, err
	}
	p := &Plan{Site: s, target: b.Name()}
	known := b.readManifest(ctx, p)
	var doubt []File // listed with the size of the local file, not vouched for
	vouched := 0     // files the manifest and the listing agree on
	local := make(map[string]bool, len(s.Files))
	for _, f := range s.Files {
		local[f.Path] = true
		o, ok := listed[f.Path]
		switch e, inManifest := known[f.Path]; {
		case !ok:
			p.Uploads = append(p.Uploads, Upload{File: f, New: true})
		case inManifest && e.ETag == o.ETag && e.Size == o.Size && e.SHA256 == f.SHA256 && e.Type == f.Type && e.Cache == f.Cache && o.Size == f.Size:
			p.Unchanged = append(p.Unchanged, e)
			vouched++
		case o.Size == f.Size:
			doubt = append(doubt, f)
		default:
			p.Uploads = append(p.Uploads, Upload{File: f})
		}
	}
	var foreign []string // listed, not the site's: deleted if a deploy put them there
	for path, o := range listed {
		if local[path] || path == ManifestName {
			continue
		}
		if e, ok := known[path]; ok && e.ETag == o.ETag {
			p.Deletes = append(p.Deletes, path)
		} else {
			foreign = append(foreign, path)
		}
	}
	if err := b.check(ctx, p, doubt, foreign, listed); err != nil {
		return nil, err
	}
	p.manifestCurrent = known != nil && len(known) == len(s.Files) && vouched == len(s.Files)
	p.sort()
	return p, nil
}

// readManifest returns the manifest's entries, or none when it is missing
// or damaged (with a warning): the listing and the objects' metadata then
// tell what the bucket holds, at the cost of a request per object.
func (b *Bucket) readManifest(ctx context.Context, p *Plan) map[string]Entry {
	data, err := b.getManifest(ctx)
	if err != nil || data == nil {
		if err != nil {
			p.Warnings = append(p.Warnings, diag.Msgf("%v: each object's metadata is read instead", err))
		}
		return nil
	}
	known, err := ParseManifest(data)
	if err != nil {
		p.Warnings = append(p.Warnings, diag.Msgf("%s: %s is damaged (%v): each object's metadata is read instead", b.Name(), ManifestName, err))
		return nil
	}
	return known
}

// check asks the bucket for the metadata of the files in doubt (unchanged
// when an upload left their SHA-256 and headers on them) and of the
// foreign objects (deleted when a deploy uploaded them).
func (b *Bucket) check(ctx context.Context, p *Plan, doubt []File, foreign []string, listed map[string]Object) error {
	type result struct {
		sha, typ, cache string
		err             error
	}
	paths := make([]string, 0, len(doubt)+len(foreign))
	for _, f := range doubt {
		paths = append(paths, f.Path)
	}
	paths = append(paths, foreign...)
	results := make([]result, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(checkWorkers, len(paths)) {
		wg.Go(func() {
			for i := range next {
				r := &results[i]
				r.sha, r.typ, r.cache, r.err = b.head(ctx, paths[i])
			}
		})
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, r := range results {
		if r.err != nil {
			return r.err
		}
		if i < len(doubt) {
			f := doubt[i]
			if r.sha == f.SHA256 && r.typ == f.Type && r.cache == f.Cache {
				p.Unchanged = append(p.Unchanged, Entry{Path: f.Path, Size: f.Size, SHA256: f.SHA256, ETag: listed[f.Path].ETag, Type: f.Type, Cache: f.Cache})
			} else {
				p.Uploads = append(p.Uploads, Upload{File: f})
			}
			continue
		}
		path := paths[i]
		if sha256Hex.MatchString(r.sha) && output.CheckPath(path) == nil {
			p.Deletes = append(p.Deletes, path)
		} else {
			p.Kept = append(p.Kept, path)
		}
	}
	return nil
}

// sort puts the uploads in their steps, each in path order; the deletions
// in the reverse order, pages before what they linked to.
func (p *Plan) sort() {
	for i := range p.Uploads {
		p.Uploads[i].step = step(p.Uploads[i].Path)
	}
	sort.Slice(p.Uploads, func(i, j int) bool {
		a, b := p.Uploads[i], p.Uploads[j]
		if a.step != b.step {
			return a.step < b.step
		}
		return a.Path < b.Path
	})
	sort.Slice(p.Deletes, func(i, j int) bool {
		a, b := step(p.Deletes[i]), step(p.Deletes[j])
		if a != b {
			return a > b
		}
		return p.Deletes[i] < p.Deletes[j]
	})
	sort.Slice(p.Unchanged, func(i, j int) bool { return p.Unchanged[i].Path < p.Unchanged[j].Path })
	sort.Strings(p.Kept)
}

// Bytes is the size of the uploads.
func (p *Plan) Bytes() int64 {
	var n int64
	for _, u := range p.Uploads {
		n += u.Size
	}
	return n
}

// Print writes the plan in lang: counts by class, and with verbose every
// file ("+" new, "~" changed, "-" deleted, "=" kept, not the deploy's).
func (p *Plan) Print(w io.Writer, verbose bool, lang diag.Lang) {
	say := func(m diag.Msg) { fmt.Fprintln(w, diag.Escape(m.Text(lang))) }
	say(diag.Msgf("deploy plan for %s:", p.target))
	var count [numClasses]int
	var newFiles int
	for _, u := range p.Uploads {
		count[ClassOf(u.Path)]++
		if u.New {
			newFiles++
		}
	}
	say(diag.Msgf("  upload    %d files (%s; %d new, %d changed)", len(p.Uploads), formatBytes(p.Bytes()), newFiles, len(p.Uploads)-newFiles))
	for c := range numClasses {
		if count[c] > 0 {
			fmt.Fprintf(w, "            %d %s\n", count[c], c.Msg().Text(lang))
		}
	}
	say(diag.Msgf("  unchanged %d files", len(p.Unchanged)))
	say(diag.Msgf("  delete    %d files", len(p.Deletes)))
	if len(p.Kept) > 0 {
		say(diag.Msgf("  keep      %d objects no deploy uploaded", len(p.Kept)))
	}
	for _, warn := range p.Warnings {
		say(diag.Msgf("warning: %v", warn))
	}
	if !verbose {
		return
	}
	for _, u := range p.Uploads {
		mark := "~"
		if u.New {
			mark = "+"
		}
		fmt.Fprintf(w, "%s %s\n", mark, diag.Escape(u.Path))
	}
	for _, d := range p.Deletes {
		fmt.Fprintf(w, "- %s\n", diag.Escape(d))
	}
	for _, k := range p.Kept {
		fmt.Fprintf(w, "= %s\n", diag.Escape(k))
	}
}

// formatBytes writes n as people read it: 512 B, 12.3 KB, 4.5 MB.
func formatBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
