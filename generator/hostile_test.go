package main

// The hostile input corpus (testdata/hostile/): content written to break
// the generator or its readers. Every case has an asserted outcome: a
// precise error (the build fails, naming file, line, column and problem,
// and publishes nothing), or safe rendered output (the build succeeds and
// no payload survives as markup). Cases that cannot live in the
// repository (a symbolic link, a 200 MB file, binary and undecodable
// bytes) are made at run time.

import (
	"encoding/csv"
	"flag"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/tools/txtar"

	"portal/generator/internal/diag"
)

var updateHostile = flag.Bool("hostile.update", false, "rewrite the expected errors of testdata/hostile/errors/*.txtar from the build")

// hostileBuild builds content into a fresh destination and returns the
// problems with the content directory prefix removed, and the destination.
func hostileBuild(t *testing.T, content string) (errs, warns []string, dest string, err error) {
	t.Helper()
	dest = filepath.Join(t.TempDir(), "public")
	f := siteFlags{source: "..", content: content, destination: dest}
	res, err := buildWith(f.options())
	res.Problems.Sort()
	prefix := filepath.ToSlash(content) + "/"
	for _, p := range res.Problems {
		s := strings.ReplaceAll(p.String(), prefix, "")
		if p.Severity == diag.Error {
			errs = append(errs, s)
		} else {
			warns = append(warns, s)
		}
	}
	return errs, warns, dest, err
}

// expectErrors checks that the build of content fails with exactly the
// errors want (warnings aside) and publishes nothing.
func expectErrors(t *testing.T, content string, want []string) {
	t.Helper()
	errs, _, dest, err := hostileBuild(t, content)
	if err != nil {
		t.Fatalf("build: %v (want content errors, not a failure)", err)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Errorf("a failed build published %s", dest)
	}
	if strings.Join(errs, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n\t%s\nwant:\n\t%s", strings.Join(errs, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// TestHostileErrors builds each case of testdata/hostile/errors in its own
// content directory. The comment of each archive lists the errors the
// build must report, exactly and no others ({{year}} stands for the
// current year); lines starting with # describe the case.
func TestHostileErrors(t *testing.T) {
	cases, _ := filepath.Glob("testdata/hostile/errors/*.txtar")
	if len(cases) < 30 {
		t.Fatalf("%d error cases, want at least 30", len(cases))
	}
	year := fmt.Sprint(time.Now().Year())
	for _, file := range cases {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var notes, want []string
			for _, l := range strings.Split(strings.TrimSpace(string(ar.Comment)), "\n") {
				if strings.HasPrefix(l, "#") {
					notes = append(notes, l)
				} else if l != "" {
					want = append(want, strings.ReplaceAll(l, "{{year}}", year))
				}
			}
			dir := writeFixture(t, string(txtar.Format(&txtar.Archive{Files: ar.Files})))
			if *updateHostile {
				errs, _, _, _ := hostileBuild(t, dir)
				for i, e := range errs {
					errs[i] = strings.ReplaceAll(e, year, "{{year}}")
				}
				ar.Comment = []byte(strings.Join(append(notes, errs...), "\n") + "\n")
				os.WriteFile(file, txtar.Format(ar), 0o644)
				return
			}
			if len(want) == 0 {
				t.Fatal("the case lists no expected error")
			}
			expectErrors(t, dir, want)
		})
	}
}

// validMeta is the metadata of a valid report, for the run-time cases.
const validMeta = "title = \"鲁山县信访局2024年度报告\"\nagency = \"信访局\"\ncounty = \"鲁山县\"\nyear = 2024\n"

// TestHostileFiles covers the cases made at run time: what cannot or
// should not be committed.
func TestHostileFiles(t *testing.T) {
	body := []byte("鲁山县信访局2024年度报告\n一、主要举措和成效\n全县信访总量1927件。\n")
	setup := func(t *testing.T) string {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "a.txt"), body, 0o644)
		os.WriteFile(filepath.Join(dir, "a.toml"), []byte(validMeta), 0o644)
		return dir
	}
	for _, c := range []struct {
		name string
		make func(t *testing.T, dir string)
		want []string
	}{
		{"symlink-out-of-content", func(t *testing.T, dir string) {
			outside := filepath.Join(t.TempDir(), "secret.txt")
			os.WriteFile(outside, []byte("机密\n"), 0o644)
			if err := os.Symlink(outside, filepath.Join(dir, "b.txt")); err != nil {
				t.Skip(err)
			}
			os.WriteFile(filepath.Join(dir, "b.toml"), []byte(strings.Replace(validMeta, "2024", "2023", 1)), 0o644)
		}, []string{
			"b.toml: metadata without a report: no .docx, .md, .ofd, .pdf or .txt file named b",
			"b.txt: symbolic link not followed: content must be real files inside the content directory",
		}},
		{"symlinked-directory-out-of-content", func(t *testing.T, dir string) {
			outside := t.TempDir()
			os.WriteFile(filepath.Join(outside, "c.txt"), body, 0o644)
			if err := os.Symlink(outside, filepath.Join(dir, "河南省")); err != nil {
				t.Skip(err)
			}
		}, []string{"河南省: symbolic link not followed: content must be real files inside the content directory"}},
		{"200MB-file", func(t *testing.T, dir string) {
			p := filepath.Join(dir, "big.txt")
			os.WriteFile(p, body, 0o644)
			if err := os.Truncate(p, 200<<20); err != nil { // sparse: no disk used
				t.Skip(err)
			}
			os.WriteFile(filepath.Join(dir, "big.toml"), []byte(strings.Replace(validMeta, "2024", "2023", 1)), 0o644)
		}, []string{"big.txt: file is 200 MB, larger than the 20 MB a report may be"}},
		{"binary-file", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "a.txt"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR<script>"), 0o644)
		}, []string{"a.txt: byte offset 8: NUL byte: this is a binary file, not text"}},
		{"invalid-utf8-and-gb18030", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "a.txt"), []byte("一、主要举措\n\xff\xfe<script>window.__pwned=1</script>"), 0o644)
		}, []string{"a.txt: byte offset 19: mixed encodings: UTF-8 Chinese text up to here, then bytes that are not UTF-8"}},
		{"invalid-utf8-metadata", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "a.toml"), []byte(validMeta+"summary = \"\x80\xff\"\n"), 0o644)
		}, []string{"a.toml: byte offset 110: mixed encodings: UTF-8 Chinese text up to here, then bytes that are not UTF-8"}},
		{"nul-in-metadata", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "a.toml"), []byte(validMeta+"summary = \"a\x00b\"\n"), 0o644)
		}, []string{"a.toml: byte offset 111: NUL byte: this is a binary file, not text"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := setup(t)
			c.make(t, dir)
			expectErrors(t, dir, c.want)
		})
	}
}

// buildHostileSite builds the safe corpus (testdata/hostile/safe.txtar)
// with the run-time cases that must build too: a GB18030 report carrying
// payloads, an empty report, Markdown nested 100,000 deep (deepMarkdown).
// It returns the site and the warnings of the build.
func buildHostileSite(t *testing.T) (string, []string) {
	t.Helper()
	b, err := os.ReadFile("testdata/hostile/safe.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := writeFixture(t, string(b))
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String("阳城县信访局2023年度报告\r\n一、主要举措<script>window.__pwned=1</script>\r\n依法行政<img src=x onerror=window.__pwned=1>。\r\n")
	write := func(name, s string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("山西省/阳城县/gb.txt", gb)
	write("山西省/阳城县/gb.toml", "title = \"阳城县信访局2023年度报告<svg onload=window.__pwned=1>\"\nagency = \"信访局\"\ncounty = \"阳城县\"\nyear = 2023\n")
	write("山西省/阳城县/empty.txt", "")
	write("山西省/阳城县/empty.toml", "title = \"空报告\"\nagency = \"司法局\"\ncounty = \"阳城县\"\nyear = 2023\n")
	write("山西省/阳城县/deep.md", deepMarkdown)
	errs, warns, dest, err := hostileBuild(t, dir)
	if err != nil || len(errs) > 0 {
		t.Fatalf("the safe hostile corpus must build: %v\n%s", err, strings.Join(errs, "\n"))
	}
	return dest, warns
}

// deepMarkdown is a report nested 100,000 levels deep in four ways (block
// quotes, lists, link brackets, emphasis), each around a payload and the
// Chinese text 深层正文: parsing it took minutes before the nesting was
// limited. It must build quickly, keep the text, warn at each line where
// it was flattened, and publish no payload.
var deepMarkdown = "+++\ntitle = \"深层嵌套\"\nagency = \"财政局\"\ncounty = \"阳城县\"\nyear = 2023\n+++\n" +
	strings.Repeat("> ", 100_000) + "深层正文一<script>window.__pwned=1</script>\n\n" + // line 7
	strings.Repeat("- ", 100_000) + "深层正文二<img src=x onerror=window.__pwned=1>\n\n" +
	strings.Repeat("[", 100_000) + "深层正文三" + strings.Repeat("](javascript:window.__pwned=1)", 5000) + "\n\n" + // line 11
	strings.Repeat("*", 100_000) + "深层正文四<svg onload=window.__pwned=1>" + strings.Repeat("*", 100_000) + "\n" // line 13

// deepWarnings are the nesting warnings deepMarkdown must cause (their
// counts of places aside): one per limit, at the first line it flattened
// (the __ of __pwned on line 11 are emphasis markers).
var deepWarnings = []string{
	"山西省/阳城县/deep.md:7: warning: Markdown nesting deeper than 32 levels flattened: the deeper block quote and list markers show as text",
	"山西省/阳城县/deep.md:11: warning: Markdown nesting deeper than 32 levels flattened: emphasis markers past 64 in one paragraph, or in a run of more than 32, show as text",
	"山西省/阳城县/deep.md:11: warning: Markdown nesting deeper than 32 levels flattened: the link brackets past 32 open ones show as text",
}

var (
	placesRE   = regexp.MustCompile(` \(\d+ places, the first here\)$`)
	scriptTag  = regexp.MustCompile(`(?is)<script\b[^>]*>(.*?)</script`)
	scriptSrc  = regexp.MustCompile(`^(?i)<script src="/?(\.\./)*static/[a-z0-9./_-]+\.js"( data-echarts="/?(\.\./)*static/[a-z0-9./_-]+\.js")?( defer)?>$`) // charts.js loads data-echarts
	urlAttrs   = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true, "srcset": true, "poster": true, "data": true, "content": false}
	badScheme  = regexp.MustCompile(`(?i)^\s*(javascript|data|vbscript):`)
	rawPayload = []string{"<script>window.__pwned", "<img src=x onerror", "<svg onload", "<b onmouseover", "<iframe", "<style>body"}
)

// TestHostileSafeOutput builds the safe corpus and reads every file of the
// site: no page carries a script of its own making or an event handler, no
// link or source has a javascript:, data: or vbscript: URL, no payload is
// left as markup in HTML, XML or the open data, and no CSV cell starts a
// spreadsheet formula. The payloads show, escaped, where they belong.
func TestHostileSafeOutput(t *testing.T) {
	start := time.Now()
	dest, warns := buildHostileSite(t)
	// Logged, not asserted (no wall-clock limits in tests): a quadratic
	// parse of its 100,000-deep Markdown runs past go test's timeout.
	t.Logf("the hostile corpus built in %v", time.Since(start))
	var deepWarns []string
	for _, w := range warns {
		if strings.HasPrefix(w, "山西省/阳城县/deep.md:") && strings.Contains(w, "nesting") {
			deepWarns = append(deepWarns, placesRE.ReplaceAllString(w, ""))
		}
	}
	if strings.Join(deepWarns, "\n") != strings.Join(deepWarnings, "\n") {
		t.Errorf("deep.md warnings:\n\t%s\nwant:\n\t%s", strings.Join(deepWarns, "\n\t"), strings.Join(deepWarnings, "\n\t"))
	}
	var pages int
	filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		rel = filepath.ToSlash(rel)
		b, _ := os.ReadFile(p)
		s := string(b)
		switch ext := filepath.Ext(p); ext {
		case ".html":
			pages++
			for _, m := range scriptTag.FindAllStringSubmatch(s, -1) {
				open := m[0][:strings.Index(m[0], ">")+1]
				if !scriptSrc.MatchString(open) || strings.TrimSpace(m[1]) != "" {
					t.Errorf("%s: script %q", rel, trunc(m[0]))
				}
			}
			for _, tag := range htmlTags(s) {
				for _, a := range tag.attrs {
					if strings.HasPrefix(a[0], "on") {
						t.Errorf("%s: <%s %s=%q>: an event handler", rel, tag.name, a[0], a[1])
					}
					if urlAttrs[a[0]] && badScheme.MatchString(html.UnescapeString(a[1])) {
						t.Errorf("%s: <%s %s=%q>", rel, tag.name, a[0], a[1])
					}
				}
			}
			fallthrough
		case ".xml", ".csv":
			for _, bad := range rawPayload {
				if strings.Contains(s, bad) && ext != ".csv" {
					t.Errorf("%s: unescaped %q", rel, bad)
				}
			}
		case ".json":
			if strings.HasPrefix(rel, "data/") {
				for _, bad := range rawPayload {
					if strings.Contains(s, bad) {
						t.Errorf("%s: unescaped %q", rel, bad)
					}
				}
			}
		}
		if filepath.Ext(p) == ".csv" {
			r := csv.NewReader(strings.NewReader(strings.TrimPrefix(s, "\uFEFF")))
			rows, err := r.ReadAll()
			if err != nil {
				t.Errorf("%s: %v", rel, err)
			}
			for _, row := range rows {
				for _, cell := range row {
					if cell != "" && strings.ContainsRune("=+@\t\r", rune(cell[0])) || strings.HasPrefix(cell, "-") && !isNumber(cell) {
						t.Errorf("%s: cell %q would run as a spreadsheet formula", rel, cell)
					}
				}
			}
		}
		return nil
	})
	if pages < 15 {
		t.Errorf("only %d pages", pages)
	}
	// The payloads are shown as text where they were written.
	report := read(t, dest, "counties/410423/bonmouseoverwindowpwned1xinfangju-9234dc-2024/index.html")
	for _, want := range []string{
		`<h1>&lt;script src=data:,window.__pwned=1&gt;&lt;img src=x onerror=window.__pwned=1&gt;鲁山县信访局2024年度报告`,
		`鲁信〔2025〕&lt;script&gt;window.__pwned=1&lt;/script&gt;号`,
		`href="https://example.gov.cn/%22%3e%3cscript%3ewindow.__pwned=1%3c/script%3e?a=1&amp;b=%27x%27"`,
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report page lacks %s", want)
		}
	}
	// The deep report keeps its text, and its page nests no deeper than
	// the limit allows (two elements a level for lists, and the layout).
	deep, _ := filepath.Glob(filepath.Join(dest, "counties", "*", "caizhengju-2023", "index.html"))
	if len(deep) != 1 {
		t.Fatalf("deep report pages %q, want one", deep)
	}
	page := read(t, dest, strings.TrimPrefix(filepath.ToSlash(deep[0]), filepath.ToSlash(dest)+"/"))
	for _, want := range []string{"深层正文一", "深层正文二", "深层正文三", "深层正文四"} {
		if !strings.Contains(page, want) {
			t.Errorf("the deep report page lacks %s", want)
		}
	}
	if d := elementDepth(page); d > 2*32+20 {
		t.Errorf("the deep report page nests elements %d deep", d)
	}
	md := read(t, dest, "counties/imgsrcxonerrorwindowpwned1xian-584c4c/sifajuimgsrcxonerrorwindowpwned1-929d76-2024/index.html")
	for _, want := range []string{`{{.Site}}〔2025〕2号`, `<td>&lt;img src=x onerror=window.__pwned=1&gt;</td>`, `<code>&lt;script&gt;window.__pwned=1&lt;/script&gt;</code>`} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown report page lacks %s", want)
		}
	}
}

func trunc(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

type htmlTag struct {
	name  string
	attrs [][2]string // lower-cased name, raw value
}

// htmlTags lists the start tags of an HTML page with their attributes, as
// a browser tokenizes them: quoted values are values, whatever they hold;
// comments and the content of script and style are skipped.
func htmlTags(s string) []htmlTag {
	var tags []htmlTag
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			break
		}
		i += j + 1
		if strings.HasPrefix(s[i:], "!--") {
			k := strings.Index(s[i:], "-->")
			if k < 0 {
				break
			}
			i += k + 3
			continue
		}
		if i >= len(s) || !isASCIILetter(s[i]) {
			continue
		}
		n := i
		for n < len(s) && !strings.ContainsRune(" \t\n\r\f/>", rune(s[n])) {
			n++
		}
		tag := htmlTag{name: strings.ToLower(s[i:n])}
		i = n
		for i < len(s) && s[i] != '>' {
			if strings.ContainsRune(" \t\n\r\f/", rune(s[i])) {
				i++
				continue
			}
			n := i
			for n < len(s) && !strings.ContainsRune(" \t\n\r\f/>=", rune(s[n])) {
				n++
			}
			name := strings.ToLower(s[i:n])
			i = n
			val := ""
			if i < len(s) && s[i] == '=' {
				i++
				if i < len(s) && (s[i] == '"' || s[i] == '\'') {
					q := s[i]
					k := strings.IndexByte(s[i+1:], q)
					if k < 0 {
						k = len(s) - i - 1
					}
					val = s[i+1 : i+1+k]
					i += k + 2
				} else {
					n := i
					for n < len(s) && !strings.ContainsRune(" \t\n\r\f>", rune(s[n])) {
						n++
					}
					val, i = s[i:n], n
				}
			}
			tag.attrs = append(tag.attrs, [2]string{name, val})
		}
		tags = append(tags, tag)
		if tag.name == "script" || tag.name == "style" {
			if k := strings.Index(strings.ToLower(s[min(i, len(s)):]), "</"+tag.name); k >= 0 {
				i += k
			}
		}
	}
	return tags
}

// elementDepth returns how deep the elements of an HTML page nest.
func elementDepth(page string) int {
	depth, deepest := 0, 0
	void := map[string]bool{"br": true, "hr": true, "img": true, "meta": true, "link": true, "input": true, "wbr": true, "source": true}
	for i := 0; i < len(page); i++ {
		if page[i] != '<' || i+1 >= len(page) {
			continue
		}
		switch {
		case page[i+1] == '/':
			depth--
		case isASCIILetter(page[i+1]):
			n := i + 1
			for n < len(page) && (isASCIILetter(page[n]) || '0' <= page[n] && page[n] <= '9') {
				n++
			}
			if !void[strings.ToLower(page[i+1:n])] {
				depth++
				deepest = max(deepest, depth)
			}
		}
	}
	return deepest
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
