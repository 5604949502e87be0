// Package content loads a site's reports: it walks the content directory,
// decodes each report file (UTF-8 or GB18030), pairs it with its metadata
// (a sidecar .toml with the same base name, or TOML front matter between
// +++ lines at the top of a .md file), checks the metadata and fills the
// province, city and division code from the embedded division table.
//
// Layout: content/<province>/<county>/<agency>-<year>.<ext>, or any deeper
// or flatter layout: the metadata, not the path, is authoritative. Nothing
// is skipped without a word: a hidden file or folder is a warning naming
// it; a file of no report format (Options.Kinds), a report file without a
// name before its extension (....txt), or Markdown not named .md, is an
// error.
//
// Metadata is bounded before it is decoded (size, nesting, keys: see
// tomlpos.Limits), and its names and titles are normalised (NFC) and
// refused when they hold a character a reader cannot see or could take
// for another.
package content

import (
	"crypto/sha256"
	"errors"
	"io"
	"io/fs"
	"math"
	"path"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"portal/generator/internal/config"
	"portal/generator/internal/diag"
	"portal/generator/internal/parallel"
	"portal/generator/internal/tomlpos"
)

// MaxFileSize is the largest report file the loader reads.
const MaxFileSize = 20 << 20

// FileKind says how the loader reads one kind of report file: the
// report formats (Options.Kinds) come from the format registry.
type FileKind struct {
	Ext string // the file extension, lower case: ".txt"
	// Text says the file is text, decoded (UTF-8 or GB18030) into Body.
	// Otherwise Raw holds it and Body is empty.
	Text bool
	// FrontMatter says the file may hold its metadata as TOML front
	// matter between +++ lines at its top (Markdown).
	FrontMatter bool
	// Check, if set, checks the file cheaply when it is loaded (a zip's
	// directory, say), so that a file that cannot be a report is an error
	// of the load; what is wrong inside it is found when it is parsed.
	Check func(raw []byte) error
}

// Report is one report file with its metadata.
type Report struct {
	Path     string            // slash path below the content directory, e.g. 河南省/鲁山县/信访局-2024.txt
	File     string            // the path problems name, e.g. content/河南省/鲁山县/信访局-2024.txt
	MetaFile string            // the file holding the metadata (sidecar .toml, or File itself)
	Format   string            // the file's extension, lower case: its FileKind's Ext
	Raw      []byte            // the file as received, offered for download; nil after Release or from a Memo
	Size     int               // the file's size in bytes
	Hash     [sha256.Size]byte // SHA-256 of the file as received
	MetaHash [sha256.Size]byte // SHA-256 of the metadata's text (sidecar or front matter)
	Encoding string            // UTF8 or GB18030; "" for a file not Text
	Body     string            // decoded UTF-8 text with LF line endings; without front matter; "" for a file not Text, after Release or from a Memo
	BodyLine int               // lines of File above Body (front matter)
	Meta     Meta

	fsys fs.FS    // where the report was read from, to read it again
	kind FileKind // how it is read
}

// Text reports whether the file is text (.txt, .md), whose parse is
// cheap; PDF, OFD and .docx files are not.
func (r *Report) Text() bool { return r.kind.Text }

// Release drops the file's bytes and decoded text once the report is
// parsed, so that a build does not hold every report file in memory.
// ReadRaw reads them again.
func (r *Report) Release() {
	r.Raw, r.Body = nil, ""
}

// Reread restores Raw and Body after Release from the file read again,
// which must still have the bytes the build loaded: for a report parsed
// only when a page or the search index needs it. Release drops them
// again.
func (r *Report) Reread() error {
	if r.Raw != nil {
		return nil
	}
	raw, err := r.ReadRaw()
	if err != nil {
		return err
	}
	r.Raw = raw
	if !r.kind.Text {
		return nil
	}
	text, _, err := Decode(raw)
	if err != nil {
		return &FileError{r.File, err}
	}
	r.Body = text
	if r.kind.FrontMatter && strings.HasPrefix(text, frontMatter) {
		_, r.Body, _, _ = splitFrontMatter(text)
	}
	return nil
}

// ReadRaw returns the file as received: Raw, or after Release the file
// read again, which must still have the bytes the build parsed.
func (r *Report) ReadRaw() ([]byte, error) {
	if r.Raw != nil || r.fsys == nil {
		return r.Raw, nil
	}
	b, err := readFile(r.fsys, r.Path, MaxFileSize)
	if err != nil {
		return nil, &FileError{r.File, err}
	}
	if sha256.Sum256(b) != r.Hash {
		return nil, &FileError{r.File, diag.Errorf("changed during the build; build again")}
	}
	return b, nil
}

// FileError is an error of Reread or ReadRaw: the file, and what is
// wrong with it. Its message, "file: what", is a diag.Messager, shown in
// the editor's language.
type FileError struct {
	File string
	Err  error
}

func (e *FileError) Error() string { return e.File + ": " + e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// Msg is the message of e.
func (e *FileError) Msg() diag.Msg { return diag.Msgf("%s: %v", e.File, e.Err) }

// Options configure Load.
type Options struct {
	// Prefix is put before paths in problems, e.g. "content".
	Prefix string
	// Catalog is the metric catalog [metrics] keys are checked against.
	Catalog config.Catalog
	// LatestYear is the latest year a report may be about (the current
	// year), and of its dates.
	LatestYear int
	// Memo, if set, gives the reports an earlier Load made of files that
	// have not changed since, and remembers this Load's for the next.
	Memo *Memo
	// Kinds are the report files read, in the order messages list them;
	// any other file is an error.
	Kinds []FileKind
}

// kind returns the FileKind of the extension ext (lower case).
func (opt Options) kind(ext string) (FileKind, bool) {
	for _, k := range opt.Kinds {
		if k.Ext == ext {
			return k, true
		}
	}
	return FileKind{}, false
}

// kindList lists the extensions of the report files read, for messages:
// ".docx, .md or .txt".
func (opt Options) kindList() diag.Msg {
	exts := make([]any, len(opt.Kinds))
	for i, k := range opt.Kinds {
		exts[i] = k.Ext
	}
	return diag.Or(exts...)
}

// Load reads every report below the root of fsys, or takes it from
// opt.Memo when its files did not change (then Raw and Body are nil, as
// after Release). It returns the reports that loaded, sorted by path, and
// every problem found.
func Load(fsys fs.FS, opt Options) ([]*Report, diag.List) {
	var problems diag.List
	start := time.Now()
	opt.Memo.begin(opt)
	defer opt.Memo.end()
	files, walkProblems := walk(fsys, opt)
	problems.Add(walkProblems...)
	loaded := make([]*Report, len(files))
	lists := make([]diag.List, len(files))
	// Four at a time per CPU: loading is reading files as much as
	// computing, and a file not in the page cache keeps its goroutine
	// waiting on the disk.
	parallel.For(len(files), 4*runtime.GOMAXPROCS(0), func(i int) {
		if opt.Memo == nil {
			loaded[i], lists[i] = loadOne(fsys, files[i], opt)
			return
		}
		st, ok := stamps(fsys, files[i])
		if !ok {
			loaded[i], lists[i] = loadOne(fsys, files[i], opt)
			return
		}
		if r, ps, hit := opt.Memo.lookup(fsys, files[i], st); hit {
			r.kind, _ = opt.kind(r.Format)
			loaded[i], lists[i] = r, ps
			return
		}
		loaded[i], lists[i] = loadOne(fsys, files[i], opt)
		if r := loaded[i]; r != nil {
			opt.Memo.store(r, lists[i], st, start)
		}
	})
	var reports []*Report
	for i, r := range loaded {
		problems.Add(lists[i]...)
		if r != nil {
			reports = append(reports, r)
		}
	}
	problems.Add(fillDivisions(reports)...)
	problems.Add(checkDuplicates(reports)...)
	return reports, problems
}

// pair is a report file and its sidecar metadata file, if any.
type pair struct {
	source, sidecar string
}

// walk lists report files and sidecars, and reports orphan metadata,
// symlinks and every file or folder it skips.
func walk(fsys fs.FS, opt Options) ([]pair, diag.List) {
	var problems diag.List
	prefix := opt.Prefix
	sources := map[string]string{} // base path without extension → source path
	sidecars := map[string]string{}
	reported := map[string]bool{} // base paths of files reported already (.doc, .markdown)
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		at := diag.Pos{File: path.Join(prefix, p)}
		if err != nil {
			problems.Errorf(at, "%v", err)
			return nil
		}
		name := d.Name()
		ext := strings.ToLower(path.Ext(name))
		base := strings.TrimSuffix(p, path.Ext(name))
		switch {
		case p == ".":
			return nil
		case !d.IsDir() && d.Type()&fs.ModeSymlink == 0 && opt.isReportExt(ext) && strings.Trim(strings.TrimSuffix(name, path.Ext(name)), ". ") == "":
			problems.Errorf(at, "no name before %s: name the file like 信访局-2024%s", path.Ext(name), ext)
			return nil
		case strings.HasPrefix(name, "."):
			kind := diag.Msgf("file")
			if d.IsDir() {
				kind = diag.Msgf("folder")
			}
			problems.Warnf(at, "hidden %s skipped: names starting with . are not read", kind)
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case strings.HasPrefix(name, "~$") && !d.IsDir():
			// Word's owner file, beside a document open in Word or WPS.
			problems.Warnf(at, "Word's lock file skipped: close the document in Word or WPS, or remove it")
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			problems.Errorf(at, "symbolic link not followed: content must be real files inside the content directory")
			return nil
		case d.IsDir():
			return nil
		case !d.Type().IsRegular():
			problems.Errorf(at, "not a regular file")
			return nil
		}
		_, isReport := opt.kind(ext)
		switch {
		case isReport:
			if other, ok := sources[base]; ok {
				problems.Errorf(at, "two report files with the same name: %s and %s", path.Join(prefix, other), path.Join(prefix, p))
				return nil
			}
			sources[base] = p
		case ext == ".toml":
			if other, ok := sidecars[base]; ok {
				problems.Errorf(at, "two metadata files with the same name: %s and %s", path.Join(prefix, other), path.Join(prefix, p))
				return nil
			}
			sidecars[base] = p
		case ext == ".doc":
			problems.Errorf(at, "an old binary Word file (.doc, Word 97-2003) cannot be read: open it in Word or WPS and save it as .docx")
			reported[base] = true
		case markdownExts[ext]:
			problems.Errorf(at, "a Markdown report must be named .md: rename it to %s.md", strings.TrimSuffix(name, path.Ext(name)))
			reported[base] = true
		default:
			problems.Errorf(at, "not a report file: a report is a %s file with its .toml metadata; move any other file out of the content directory", opt.kindList())
		}
		return nil
	})
	if err != nil {
		problems.Errorf(diag.Pos{File: prefix}, "%v", err)
	}
	var pairs []pair
	for base, src := range sources {
		pairs = append(pairs, pair{source: src, sidecar: sidecars[base]})
		delete(sidecars, base)
	}
	for base := range reported {
		delete(sidecars, base)
	}
	for _, side := range sidecars {
		problems.Errorf(diag.Pos{File: path.Join(prefix, side)}, "metadata without a report: no %s file named %s", opt.kindList(), path.Base(strings.TrimSuffix(side, ".toml")))
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].source < pairs[j].source })
	return pairs, problems
}

// markdownExts are the other extensions of Markdown files.
var markdownExts = map[string]bool{".markdown": true, ".mdown": true, ".mkd": true, ".mkdn": true, ".mdwn": true, ".mdtext": true, ".mdtxt": true}

// isReportExt reports whether ext (lower case) is that of a report or
// metadata file, or of a file that is reported as a misnamed one.
func (opt Options) isReportExt(ext string) bool {
	_, ok := opt.kind(ext)
	return ok || ext == ".toml" || ext == ".doc" || markdownExts[ext]
}

// loadOne reads and decodes one report and its metadata.
func loadOne(fsys fs.FS, f pair, opt Options) (*Report, diag.List) {
	var problems diag.List
	r := &Report{Path: f.source, File: path.Join(opt.Prefix, f.source), Format: strings.ToLower(path.Ext(f.source))}
	r.kind, _ = opt.kind(r.Format)
	raw, err := readFile(fsys, f.source, MaxFileSize)
	var big *tooLarge
	if errors.As(err, &big) {
		err = diag.Errorf("file is %s, larger than the %s a report may be", tomlpos.Size(big.size), tomlpos.Size(MaxFileSize))
	}
	if err != nil {
		problems.Errorf(diag.Pos{File: r.File}, "%v", err)
		return nil, problems
	}
	r.Raw, r.Size, r.Hash, r.fsys = raw, len(raw), sha256.Sum256(raw), fsys
	if r.kind.Check != nil {
		if err := r.kind.Check(raw); err != nil {
			problems.Errorf(diag.Pos{File: r.File}, "%v", err)
			return nil, problems
		}
	}
	text := ""
	if r.kind.Text {
		var enc string
		text, enc, err = Decode(raw)
		if err != nil {
			problems.Errorf(diag.Pos{File: r.File}, "%v", err)
			return nil, problems
		}
		r.Encoding, r.Body = enc, text
	}
	var metaSrc string
	metaLine, hasMeta := 0, true
	switch {
	case r.kind.FrontMatter && strings.HasPrefix(text, frontMatter):
		fm, body, bodyLine, ok := splitFrontMatter(text)
		if !ok {
			problems.Errorf(diag.Pos{File: r.File, Line: 1, Col: 1}, "front matter: no closing +++ line")
			return nil, problems
		}
		if f.sidecar != "" {
			problems.Errorf(diag.Pos{File: path.Join(opt.Prefix, f.sidecar)}, "metadata twice: %s has front matter too; keep one", r.File)
			return nil, problems
		}
		r.MetaFile, metaSrc, metaLine = r.File, fm, 1
		r.Body, r.BodyLine = body, bodyLine
	case f.sidecar != "":
		r.MetaFile = path.Join(opt.Prefix, f.sidecar)
		b, err := readFile(fsys, f.sidecar, MaxMetaSize)
		if errors.As(err, &big) {
			err = diag.Errorf("metadata: %s is too large (at most %s)", tomlpos.Size(big.size), tomlpos.Size(MaxMetaSize))
		}
		if err == nil {
			metaSrc, _, err = Decode(b)
		}
		if err != nil {
			problems.Errorf(diag.Pos{File: r.MetaFile}, "%v", err)
			return nil, problems
		}
	default:
		// No metadata: the path gives what it can (fromPath).
		r.MetaFile, hasMeta = r.File, false
	}
	r.MetaHash = sha256.Sum256([]byte(metaSrc))
	meta, ps := parseMeta(r.MetaFile, []byte(metaSrc), metaLine, opt.LatestYear)
	problems.Add(ps...)
	if ps.HasErrors() {
		problems.Add(checkMetrics(meta, opt.Catalog, r.MetaFile)...)
		return nil, problems
	}
	at := diag.Pos{File: r.File}
	ps = fromPath(&meta, FactsOf(f.source), at)
	if !hasMeta {
		ps.Add(missingMeta(&meta, f.source, at, opt.LatestYear)...)
	} else {
		ps.Add(meta.checkRequired(diag.Pos{File: r.MetaFile, Line: metaLine + 1, Col: 1}, opt.LatestYear)...)
	}
	ps.Add(checkMetrics(meta, opt.Catalog, r.MetaFile)...)
	ps.Add(meta.earlyDates(diag.Pos{File: r.MetaFile})...)
	problems.Add(ps...)
	if ps.HasErrors() {
		return nil, problems
	}
	r.Meta = meta
	return r, problems
}

// missingMeta checks the facts of a report that has no metadata file,
// all from its path: what is missing is one error, saying where metadata
// goes.
func missingMeta(m *Meta, source string, at diag.Pos, latestYear int) diag.List {
	var missing []string
	for _, p := range m.checkRequired(at, latestYear) {
		if key, ok := strings.CutPrefix(p.Message, "missing required key "); ok {
			missing = append(missing, strings.Trim(key, `"`))
		}
	}
	var problems diag.List
	if len(missing) > 0 {
		problems.Errorf(at, "no metadata: add %s.toml beside it (or +++ front matter to a .md file), or name it <province>/<county>/<agency>-<year>%s; missing: %s",
			strings.TrimSuffix(path.Base(source), path.Ext(source)), path.Ext(source), strings.Join(missing, ", "))
		return problems
	}
	return m.checkRequired(at, latestYear)
}

// tooLarge is the error of readFile for a file larger than it may be.
type tooLarge struct{ size int }

func (e *tooLarge) Error() string { return e.Msg().String() }

// Msg is the message of e, in the editor's language (diag.Messager).
func (e *tooLarge) Msg() diag.Msg { return diag.Msgf("file is %s: too large", tomlpos.Size(e.size)) }

// readFile reads a file of at most limit bytes, or returns a *tooLarge
// error without reading more than that.
func readFile(fsys fs.FS, name string, limit int) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.Size() > int64(limit) {
		return nil, &tooLarge{size: int(min(info.Size(), math.MaxInt))}
	}
	b := make([]byte, info.Size()+1) // one byte more, to see a file that grew
	n, err := io.ReadFull(f, b)
	switch {
	case err == nil:
		return nil, diag.Errorf("changed while it was read; build again")
	case err != io.EOF && err != io.ErrUnexpectedEOF:
		return nil, err
	}
	return b[:n], nil
}

// nearestMetric is the key of the catalog nearest to k by edit distance,
// when k is likely a typing mistake for it; "" when none is.
func nearestMetric(k string, catalog config.Catalog) string {
	return tomlpos.Nearest(k, func(yield func(string) bool) {
		for _, m := range catalog {
			if !yield(m.Key) {
				return
			}
		}
	})
}

// checkMetrics checks [metrics] values against the catalog: known keys,
// rates within 0..100, counts not negative, changes not below -100%.
func checkMetrics(m Meta, catalog config.Catalog, file string) diag.List {
	var problems diag.List
	keys := make([]string, 0, len(m.Metrics))
	for k := range m.Metrics {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := m.Metrics[k]
		pos := m.Keys[toml.Key{"metrics", k}.String()]
		if pos.File == "" {
			pos = diag.Pos{File: file}
		}
		metric, ok := catalog.Lookup(k)
		switch {
		case !ok:
			if near := nearestMetric(k, catalog); near != "" {
				problems.Errorf(pos, "metrics.%s: no metric %q in the catalog (config.toml [[metric]]): did you mean %q?", k, k, near)
			} else {
				problems.Errorf(pos, "metrics.%s: no metric %q in the catalog (config.toml [[metric]])", k, k)
			}
		case math.IsNaN(v) || math.IsInf(v, 0):
			problems.Errorf(pos, "metrics.%s: %v is not a finite number", k, v)
		case metric.Kind == config.KindRate && (v < 0 || v > 100):
			problems.Errorf(pos, "metrics.%s: a rate must be within 0..100, got %v", k, v)
		case metric.Kind == config.KindCount && v < 0:
			problems.Errorf(pos, "metrics.%s: a count cannot be negative, got %v", k, v)
		case metric.Kind == config.KindChange && v < -100:
			problems.Errorf(pos, "metrics.%s: a change cannot be below -100%% (a fall of more than all), got %v", k, v)
		}
	}
	return problems
}
