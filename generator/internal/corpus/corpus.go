// Package corpus generates a synthetic corpus of county-agency annual
// rule-of-law reports (XX县信访局2024年度法治政府建设情况报告) for the
// project's benchmarks and examples: the same seed always gives the same
// bytes. The counties are invented, placed in real provinces and cities;
// the wordings are short pieces written for the generator and recombined
// at random, with the figures the metric catalog of config.toml looks for.
//
// It is the Go port of gencorpus.py, the Python script (outside the
// repository) behind the project's earlier figures: same layout, genre,
// report sizes (3,000 to 8,000 characters), years (2019–2025), five
// reports per county on average; not the same reports (the random streams
// differ).
package corpus

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"

	"portal/generator/internal/divisions"
)

// Format is the layout of a generated corpus.
type Format string

// The formats.
const (
	// Plain: <province>/<county>/<agency>-<year>.txt, the report as
	// agencies send it, with its metadata in <agency>-<year>.toml beside
	// it.
	Plain Format = "plain"
	// Markdown: <province>/<county>/<agency>-<year>.md, the report in
	// Markdown with its metadata as TOML front matter.
	Markdown Format = "markdown"
	// Hugo: content/reports/<slug>.md with Hugo front matter, for
	// comparisons with Hugo; not a content directory of this generator.
	Hugo Format = "hugo"
)

// MaxReports bounds Options.Reports: the invented county names (two
// syllables and a suffix) run short well above it.
const MaxReports = 100_000

// DefaultMetricsShare is the commands' Options.MetricsShare: about one
// report in ten then has [metrics].
const DefaultMetricsShare = 0.5

// Options say what corpus to generate.
type Options struct {
	Reports int   // number of reports, 1..MaxReports
	Seed    int64 // the same seed gives the same corpus
	Format  Format
	// MetricsShare is the share of reports, 0 to 1, whose metadata
	// states some of their figures in [metrics] (plain and markdown
	// formats), as an editor copies them from the report: the values
	// agree with the text.
	MetricsShare float64
}

// Stats describe a generated corpus.
type Stats struct {
	Reports, Counties int
	Chars             int64 // characters of the reports' text
	Bytes             int64 // bytes of all files
}

// AddFunc receives a file of the corpus: its slash-separated path below
// the corpus directory and its bytes.
type AddFunc func(path string, data []byte) error

func (o Options) check() error {
	var errs []error
	if o.Reports < 1 || o.Reports > MaxReports {
		errs = append(errs, fmt.Errorf("reports: %d is not in 1..%d", o.Reports, MaxReports))
	}
	if !(o.MetricsShare >= 0 && o.MetricsShare <= 1) {
		errs = append(errs, fmt.Errorf("metrics share: %v is not in 0..1", o.MetricsShare))
	}
	switch o.Format {
	case Plain, Markdown, Hugo:
	default:
		errs = append(errs, fmt.Errorf("format: %q is not plain, markdown or hugo", o.Format))
	}
	return errors.Join(errs...)
}

// county is an invented county.
type county struct {
	name     string
	province *province
	city     string
	id       int // 1, 2, … in order of invention
}

// inventCounties invents n counties with distinct names, none a real
// division's, each in a random province and one of its cities.
func inventCounties(r *rng, n int) []*county {
	seen := map[string]bool{}
	var cs []*county
	for len(cs) < n {
		s := r.sample(len(syllables), 2)
		name := string(syllables[s[0]]) + string(syllables[s[1]]) + countySuffix(r)
		if seen[name] || len(divisions.Lookup(name)) > 0 || len(divisions.Cities(name, "")) > 0 {
			continue // a real division's name would be placed in its real province
		}
		seen[name] = true
		p := &provinces[r.intn(len(provinces))]
		cs = append(cs, &county{name: name, province: p, city: pick(r, p.cities), id: len(cs) + 1})
	}
	return cs
}

// Generate makes the corpus opt describes and hands its files to add, in
// a fixed order, one report at a time.
func Generate(opt Options, add AddFunc) (Stats, error) {
	if opt.Format == "" {
		opt.Format = Plain
	}
	if err := opt.check(); err != nil {
		return Stats{}, err
	}
	r := newRNG(opt.Seed)
	counties := inventCounties(r, max(1, int(math.RoundToEven(float64(opt.Reports)/5))))
	st := Stats{Counties: len(counties)}
	used := map[[3]int]bool{}
	if opt.Format == Hugo {
		if err := st.add(add, "content/reports/_index.md", "+++\ntitle = \"年度报告\"\n+++\n"); err != nil {
			return st, err
		}
	}
	for i := range opt.Reports {
		c := counties[i%len(counties)]
		ai, year := pickFree(r, used, c.id)
		rep := newReport(r, c, &agencies[ai], year)
		withMetrics := r.float() < opt.MetricsShare
		if err := rep.write(&st, add, opt.Format, withMetrics); err != nil {
			return st, err
		}
		st.Reports++
	}
	return st, nil
}

// pickFree picks an agency and a year that county id has no report of
// yet (a county has five reports on average, of 105 possible).
func pickFree(r *rng, used map[[3]int]bool, id int) (agency, year int) {
	for range 1000 {
		agency, year = r.intn(len(agencies)), r.between(FirstYear, LastYear)
		if !used[[3]int{id, agency, year}] {
			used[[3]int{id, agency, year}] = true
			return agency, year
		}
	}
	for agency = range agencies {
		for year = FirstYear; year <= LastYear; year++ {
			if !used[[3]int{id, agency, year}] {
				used[[3]int{id, agency, year}] = true
				return agency, year
			}
		}
	}
	panic("corpus: a county has a report of every agency and year") // Reports ≤ MaxReports: at most 8 per county
}

// report is one generated report.
type report struct {
	county    *county
	agency    *agency
	year      int
	published string // ISO date
	title     string
	blocks    []block
}

func newReport(r *rng, c *county, a *agency, year int) *report {
	month, day := r.between(1, 3), r.between(1, 28)
	rep := &report{county: c, agency: a, year: year,
		published: fmt.Sprintf("%04d-%02d-%02d", year+1, month, day)}
	rep.title = fill(r, pick(r, titleVariants), words{"county": c.name, "agency": a.name, "year": strconv.Itoa(year)})
	signature := []string{c.name + a.name, fmt.Sprintf("%d年%d月%d日", year+1, month, day)}
	rep.blocks = body(r, reportWords(r, c, a, year), signature, r.between(3000, 8000))
	return rep
}

// write hands the report's files to add.
func (rep *report) write(st *Stats, add AddFunc, f Format, withMetrics bool) error {
	base := rep.county.province.name + "/" + rep.county.name + "/" + rep.agency.name + "-" + strconv.Itoa(rep.year)
	meta := rep.meta(withMetrics)
	switch f {
	case Hugo:
		text := markdown(rep.blocks)
		st.Chars += int64(utf8.RuneCountInString(text))
		return st.add(add, "content/reports/"+rep.slug()+".md", rep.hugoFrontMatter()+text)
	case Markdown:
		text := markdown(rep.blocks)
		st.Chars += int64(utf8.RuneCountInString(text))
		return st.add(add, base+".md", "+++\n"+meta+"+++\n\n"+text)
	}
	text := plainText(rep.title, rep.blocks)
	st.Chars += int64(utf8.RuneCountInString(text))
	if err := st.add(add, base+".txt", text); err != nil {
		return err
	}
	return st.add(add, base+".toml", meta)
}

func (st *Stats) add(add AddFunc, path, data string) error {
	st.Bytes += int64(len(data))
	if err := add(path, []byte(data)); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// meta is the report's metadata in this generator's TOML.
func (rep *report) meta(withMetrics bool) string {
	c := rep.county
	s := fmt.Sprintf("title = %s\ncounty = %s\nprovince = %s\ncity = %s\nagency = %s\nyear = %d\npublished = %s\n",
		quote(rep.title), quote(c.name), quote(c.province.name), quote(c.city), quote(rep.agency.name), rep.year, rep.published)
	if !withMetrics {
		return s
	}
	var m strings.Builder
	for _, s := range statedMetrics {
		if v, ok := rep.figure(s.re); ok {
			fmt.Fprintf(&m, "%s = %s\n", s.key, v)
		}
	}
	if m.Len() == 0 {
		return s
	}
	return s + "\n[metrics]\n" + m.String()
}

// statedMetrics are the catalog metrics (config.toml) an editor copies
// into a report's [metrics], each with the phrases that state it in the
// generated text followed by its value.
var statedMetrics = []struct {
	key string
	re  *regexp.Regexp
}{
	{"petitions_total", regexp.MustCompile(`(?:信访总量|受理信访事项)([0-9]+)件`)},
	{"timely_acceptance_rate", regexp.MustCompile(`及时受理率(?:达到)?([0-9.]+)%`)},
	{"on_time_completion_rate", regexp.MustCompile(`(?:按期|按时)办结率(?:达到)?([0-9.]+)%`)},
	{"on_time_reply_rate", regexp.MustCompile(`按期答复率(?:达到)?([0-9.]+)%`)},
	{"satisfaction_rate", regexp.MustCompile(`群众满意率(?:达到)?([0-9.]+)%`)},
}

// figure returns the value re finds in the report when the report states
// it, always the same.
func (rep *report) figure(re *regexp.Regexp) (string, bool) {
	value := ""
	for _, b := range rep.blocks {
		for _, m := range re.FindAllStringSubmatch(b.text, -1) {
			if value != "" && m[1] != value {
				return "", false
			}
			value = m[1]
		}
	}
	return value, value != ""
}

// slug is the report's file name in the Hugo format.
func (rep *report) slug() string {
	return fmt.Sprintf("%s-c%05d-%s-%d", rep.county.province.code, rep.county.id, rep.agency.code, rep.year)
}

func (rep *report) hugoFrontMatter() string {
	c := rep.county
	return strings.Join([]string{
		"+++",
		"title = " + quote(rep.title),
		"date = " + rep.published,
		"slug = " + quote(rep.slug()),
		"county = " + quote(c.name),
		"city = " + quote(c.city),
		"province = " + quote(c.province.name),
		"agency = " + quote(rep.agency.name),
		"year = " + strconv.Itoa(rep.year),
		"counties = [" + quote(c.name) + "]",
		"provinces = [" + quote(c.province.name) + "]",
		"years = [" + quote(strconv.Itoa(rep.year)) + "]",
		"+++",
		"",
	}, "\n")
}

// quote is s as a TOML basic string.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// Write generates the corpus into dir, which must not exist or be an
// empty directory. The corpus is written beside dir and renamed into
// place when complete, so a failed or interrupted run leaves no partial
// corpus at dir.
func Write(dir string, opt Options) (Stats, error) { return write(dir, opt, writeFile) }

// writeFile writes a file of the corpus, making its directory.
func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, data, 0o644)
}

// write is Write with the function that writes each file.
func write(dir string, opt Options, writeFile func(name string, data []byte) error) (Stats, error) {
	if opt.Format == "" {
		opt.Format = Plain
	}
	if err := opt.check(); err != nil {
		return Stats{}, err
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return Stats{}, err
	}
	existed, err := checkEmpty(dir)
	if err != nil {
		return Stats{}, err
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return Stats{}, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".gencorpus-")
	if err != nil {
		return Stats{}, err
	}
	st, err := Generate(opt, func(p string, data []byte) error {
		return writeFile(filepath.Join(tmp, filepath.FromSlash(p)), data)
	})
	if err == nil {
		err = os.Chmod(tmp, 0o755)
	}
	if err == nil {
		err = replaceEmpty(tmp, dir, existed)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return st, fmt.Errorf("%s: %w", dir, err)
	}
	return st, nil
}

// replaceEmpty renames tmp to dir, removing dir first if it existed as
// an empty directory (os.Rename does not replace a directory).
func replaceEmpty(tmp, dir string, existed bool) error {
	if existed {
		if err := syscall.Rmdir(dir); err != nil {
			return err
		}
	}
	return os.Rename(tmp, dir)
}

// checkEmpty returns an error unless dir does not exist or is an empty
// directory (not a symbolic link to one); existed tells which.
func checkEmpty(dir string) (existed bool, err error) {
	fi, err := os.Lstat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if !fi.IsDir() {
		return false, fmt.Errorf("%s: exists and is not a directory", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, err
	}
	if len(entries) > 0 {
		return false, fmt.Errorf("%s: not empty (the corpus is written into a new or empty directory)", dir)
	}
	return true, nil
}
