package corpus

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

var update = flag.Bool("update", false, "rewrite the golden corpora in testdata/")

// generate returns the files of a corpus by path, in the order made.
func generate(t testing.TB, opt Options) (map[string][]byte, []string, Stats) {
	t.Helper()
	files := map[string][]byte{}
	var order []string
	st, err := Generate(opt, func(p string, b []byte) error {
		if _, dup := files[p]; dup {
			t.Fatalf("%s generated twice", p)
		}
		files[p] = b
		order = append(order, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, order, st
}

// digest hashes the files of a corpus in the order made.
func digest(files map[string][]byte, order []string) string {
	h := sha256.New()
	for _, p := range order {
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(files[p]))
		h.Write(files[p])
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestSameSeedSameBytes(t *testing.T) {
	for _, f := range []Format{Plain, Markdown, Hugo} {
		opt := Options{Reports: 40, Seed: 7, Format: f, MetricsShare: 0.5}
		a, ao, _ := generate(t, opt)
		b, bo, _ := generate(t, opt)
		if digest(a, ao) != digest(b, bo) {
			t.Errorf("%s: two runs with seed 7 differ", f)
		}
		opt.Seed = 8
		c, co, _ := generate(t, opt)
		if digest(a, ao) == digest(c, co) {
			t.Errorf("%s: seeds 7 and 8 give the same corpus", f)
		}
	}
}

// TestMetricsShareKeepsText: the share of reports with [metrics] changes
// their metadata only, not the texts nor which reports there are.
func TestMetricsShareKeepsText(t *testing.T) {
	a, _, _ := generate(t, Options{Reports: 60, Seed: 3})
	b, _, _ := generate(t, Options{Reports: 60, Seed: 3, MetricsShare: 1})
	if !slices.Equal(slices.Sorted(maps.Keys(a)), slices.Sorted(maps.Keys(b))) {
		t.Fatal("the share changed the files of the corpus")
	}
	withMetrics := 0
	for p, data := range a {
		if strings.HasSuffix(p, ".txt") && !bytes.Equal(data, b[p]) {
			t.Errorf("%s: the share changed the text", p)
		}
		if bytes.Contains(a[p], []byte("[metrics]")) {
			t.Errorf("%s: [metrics] with a share of 0", p)
		}
		if bytes.Contains(b[p], []byte("[metrics]")) {
			withMetrics++
		}
	}
	if withMetrics == 0 {
		t.Error("no report has [metrics] with a share of 1")
	}
}

// TestGolden pins small corpora of each format byte for byte, so that a
// change of the generator (or of Go's PCG) that would make benchmarks
// incomparable is seen. go test ./generator/internal/corpus -update
// rewrites them.
func TestGolden(t *testing.T) {
	for _, f := range []Format{Plain, Markdown, Hugo} {
		files, _, _ := generate(t, Options{Reports: 3, Seed: 11, Format: f, MetricsShare: 1})
		dir := filepath.Join("testdata", "golden", string(f))
		if *update {
			os.RemoveAll(dir)
			for p, b := range files {
				full := filepath.Join(dir, filepath.FromSlash(p))
				if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(full, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		want := readTree(t, dir)
		if !slices.Equal(slices.Sorted(maps.Keys(files)), slices.Sorted(maps.Keys(want))) {
			t.Errorf("%s: files %v, golden %v", f, slices.Sorted(maps.Keys(files)), slices.Sorted(maps.Keys(want)))
			continue
		}
		for p, b := range files {
			if !bytes.Equal(b, want[p]) {
				t.Errorf("%s: %s differs from the golden file (run with -update if the change is meant)", f, p)
			}
		}
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// meta is the metadata the plain and markdown formats write.
type meta struct {
	Title, County, Province, City, Agency string
	Year                                  int
	Published                             time.Time
	Metrics                               map[string]float64
}

var plainPath = regexp.MustCompile(`^([^/]+)/([^/]+)/([^/]+)-(\d{4})\.(txt|toml|md)$`)

// TestShape checks a corpus against what the benchmarks expect of it:
// the layout, metadata that matches the path and the text, years and
// publication dates, sizes, and every placeholder filled.
func TestShape(t *testing.T) {
	for _, f := range []Format{Plain, Markdown} {
		files, _, st := generate(t, Options{Reports: 300, Seed: 5, Format: f, MetricsShare: 1})
		counties := map[string]bool{}
		var chars int64
		for p, b := range files {
			m := plainPath.FindStringSubmatch(p)
			if m == nil {
				t.Fatalf("%s: not <province>/<county>/<agency>-<year>", p)
			}
			if m[5] == "toml" {
				continue
			}
			text, md := string(b), meta{}
			if f == Plain {
				if _, err := toml.Decode(string(files[strings.TrimSuffix(p, ".txt")+".toml"]), &md); err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				if title, _, _ := strings.Cut(text, "\n"); title != md.Title {
					t.Errorf("%s: first line %q, title %q", p, title, md.Title)
				}
			} else {
				front, body, ok := strings.Cut(strings.TrimPrefix(text, "+++\n"), "+++\n")
				if _, err := toml.Decode(front, &md); err != nil || !ok {
					t.Fatalf("%s: front matter: %v", p, err)
				}
				text = strings.TrimPrefix(body, "\n")
			}
			checkReport(t, p, m, md, text)
			counties[md.Province+"/"+md.County] = true
			chars += int64(utf8.RuneCountInString(text))
		}
		if st.Reports != 300 || st.Counties != 60 || len(counties) != 60 || st.Chars != chars {
			t.Errorf("%s: stats %+v; %d counties, %d chars in the files", f, st, len(counties), chars)
		}
		if avg := chars / 300; avg < 4500 || avg > 7000 {
			t.Errorf("%s: %d characters per report on average, want about 5,800 as gencorpus.py", f, avg)
		}
	}
}

func checkReport(t *testing.T, p string, m []string, md meta, text string) {
	t.Helper()
	if md.Province != m[1] || md.County != m[2] || md.Agency != m[3] || fmt.Sprint(md.Year) != m[4] {
		t.Errorf("%s: metadata %+v does not match the path", p, md)
	}
	if md.Year < FirstYear || md.Year > LastYear || md.Published.Year() != md.Year+1 || md.Published.Month() > 3 {
		t.Errorf("%s: year %d published %v", p, md.Year, md.Published)
	}
	if !strings.HasPrefix(md.Title, md.County+md.Agency+fmt.Sprint(md.Year)+"年") {
		t.Errorf("%s: title %q", p, md.Title)
	}
	if n := utf8.RuneCountInString(text); n < 3000 || n > 10000 {
		t.Errorf("%s: %d characters, want 3,000 to 8,000 and a subsection", p, n)
	}
	if strings.ContainsAny(text, "{}") {
		t.Errorf("%s: a placeholder is left: %q", p, text[strings.IndexAny(text, "{}"):][:20])
	}
	for _, h := range []string{"一、", "二、", "三、", "四、"} {
		if !strings.Contains(text, "\n"+h) && !strings.Contains(text, "## "+h) {
			t.Errorf("%s: no section %s", p, h)
		}
	}
	for key, v := range md.Metrics {
		if !strings.Contains(text, strings.TrimSuffix(fmt.Sprint(v), ".0")) {
			t.Errorf("%s: [metrics] %s = %v is not in the text", p, key, v)
		}
	}
}

func TestOptionsRejected(t *testing.T) {
	for _, opt := range []Options{
		{Reports: 0},
		{Reports: -3},
		{Reports: MaxReports + 1},
		{Reports: 1, MetricsShare: -0.1},
		{Reports: 1, MetricsShare: 1.5},
		{Reports: 1, MetricsShare: math.NaN()},
		{Reports: 1, Format: "docx"},
	} {
		dir := filepath.Join(t.TempDir(), "c")
		if _, err := Write(dir, opt); err == nil {
			t.Errorf("%+v accepted", opt)
		}
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("%+v: %s created", opt, dir)
		}
	}
}

func TestWriteTarget(t *testing.T) {
	root := t.TempDir()
	mk := func(name string) string { p := filepath.Join(root, name); os.MkdirAll(p, 0o755); return p }
	full := mk("full")
	os.WriteFile(filepath.Join(full, "keep.txt"), []byte("mine"), 0o644)
	file := filepath.Join(root, "file")
	os.WriteFile(file, []byte("mine"), 0o644)
	link := filepath.Join(root, "link")
	os.Symlink(mk("empty-target"), link)
	for _, c := range []struct {
		dir  string
		fail string // a part of the error, "" for none
	}{
		{filepath.Join(root, "new", "nested"), ""},
		{mk("empty"), ""},
		{full, "full: not empty"},
		{file, "file: exists and is not a directory"},
		{link, "link: exists and is not a directory"},
	} {
		_, err := Write(c.dir, Options{Reports: 3, Seed: 1})
		if c.fail != "" {
			if err == nil || !strings.Contains(err.Error(), c.fail) {
				t.Errorf("%s: error %v, want %q", c.dir, err, c.fail)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.dir, err)
		}
		if txt, _ := filepath.Glob(filepath.Join(c.dir, "*", "*", "*.txt")); len(txt) != 3 {
			t.Errorf("%s: %d reports written, want 3", c.dir, len(txt))
		}
	}
	if b, _ := os.ReadFile(filepath.Join(full, "keep.txt")); string(b) != "mine" {
		t.Error("a file of a non-empty directory was changed")
	}
	if entries, _ := os.ReadDir(filepath.Join(root, "empty-target")); len(entries) != 0 {
		t.Error("written through a symbolic link")
	}
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".gencorpus-") {
			t.Errorf("temporary directory %s left", e.Name())
		}
	}
}

// TestWriteFailure: a run that fails leaves no corpus and nothing beside
// it, and its error names the file.
func TestWriteFailure(t *testing.T) {
	root := t.TempDir()
	n := 0
	_, err := write(filepath.Join(root, "c"), Options{Reports: 5, Seed: 1}, func(name string, data []byte) error {
		if n++; n == 6 {
			return errors.New("disk full")
		}
		return writeFile(name, data)
	})
	if err == nil || !strings.Contains(err.Error(), "disk full") || !regexp.MustCompile(`/c: .+-\d{4}\.(txt|toml): disk full`).MatchString(err.Error()) {
		t.Fatalf("error %v", err)
	}
	if entries, _ := os.ReadDir(root); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestGenerateStopsAtError: the first error of add ends the generation.
func TestGenerateStopsAtError(t *testing.T) {
	calls := 0
	_, err := Generate(Options{Reports: 50, Seed: 1}, func(string, []byte) error {
		calls++
		return errors.New("refused")
	})
	if err == nil || calls != 1 {
		t.Errorf("error %v after %d files", err, calls)
	}
}

// TestStatedMetrics: [metrics] states a figure only when the text states
// it, always with the same value, by any phrase of its catalog metric.
func TestStatedMetrics(t *testing.T) {
	for _, c := range []struct {
		text []string
		want string // the [metrics] lines
	}{
		{[]string{"及时受理率100%、按期答复率98.50%、群众满意率97.02%"},
			"timely_acceptance_rate = 100\non_time_reply_rate = 98.50\nsatisfaction_rate = 97.02\n"},
		{[]string{"群众满意率达到96.10%，较上年提高1.2个百分点", "群众满意率96.10%"}, "satisfaction_rate = 96.10\n"},
		{[]string{"群众满意率达到96.10%", "群众满意率96.11%"}, ""},
		{[]string{"受理矛盾纠纷相关诉求120件，按期办结率99.64%", "投诉举报按时办结率99.64%"}, "on_time_completion_rate = 99.64\n"},
		{[]string{"按期办结率99.64%", "登记按时办结率98.00%"}, ""},
		{[]string{"全县信访总量1927件，同比下降9.15%"}, "petitions_total = 1927\n"},
		{[]string{"全县信访总量1927件", "全年共受理信访事项301件，办结300件"}, ""},
		{[]string{"家长满意率99.00%，办结率100%"}, ""},
	} {
		rep := &report{county: &county{name: "鲁山县", province: &provinces[0], city: "平顶山市"}, agency: &agencies[0],
			year: 2024, published: "2025-03-20", title: "t"}
		for _, s := range c.text {
			rep.blocks = append(rep.blocks, block{"p", s})
		}
		_, got, _ := strings.Cut(rep.meta(true), "[metrics]\n")
		if got != c.want {
			t.Errorf("%q: [metrics]\n%s\nwant\n%s", c.text, got, c.want)
		}
	}
}
