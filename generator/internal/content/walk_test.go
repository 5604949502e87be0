package content

import (
	"strings"
	"testing"
)

// TestWalkSkipsNothingSilently checks that every file the loader does not
// read is named: a hidden folder once (not each file in it), a hidden
// file; and that a file of no report format (Options.Kinds), a report-like
// name without a
// name before its extension, or Markdown named otherwise than .md, is an
// error, its metadata then not reported again as an orphan. Dots inside
// names are fine.
func TestWalkSkipsNothingSilently(t *testing.T) {
	reports, problems := load(t, map[string]string{
		"a/信访局-2024.txt":        "x",
		"a/信访局-2024.toml":       goodMeta,
		".git/HEAD":             "ref",
		".git/objects/ab/cd":    "x",
		"a/.hidden/b-2023.txt":  "x",
		"a/.hidden/b-2023.toml": strings.Replace(goodMeta, "year = 2024", "year = 2023", 1),
		"a/.DS_Store":           "x",
		"a/.信访局-2022.txt":       "x",
		"b/....txt":             "x",
		"b/....toml":            goodMeta,
		"b/.txt":                "x",
		"b/. .md":               "x",
		"c/司法局-2024.markdown":   "+++\n" + goodMeta + "+++\n",
		"c/公安局-2024.MKD":        "x",
		"c/公安局-2024.toml":       goodMeta,
		"d/信访局-2024.pdf":        "%PDF",
		"d/README":              "x",
		"d/~$信访局-2024.docx":     "owner",
		"e/信访局-2023.txt":        "x",
		"e/信访局-2023.toml":       strings.Replace(goodMeta, "year = 2024", "year = 2023", 1),
		"v1.2/信访局.2022.txt":     "x",
		"v1.2/信访局.2022.toml":    strings.Replace(goodMeta, "year = 2024", "year = 2022", 1),
		"e/信访局-2023.TOML":       strings.Replace(goodMeta, "year = 2024", "year = 2023", 1),
	})
	want := `content/.git: warning: hidden folder skipped: names starting with . are not read
content/a/.DS_Store: warning: hidden file skipped: names starting with . are not read
content/a/.hidden: warning: hidden folder skipped: names starting with . are not read
content/a/.信访局-2022.txt: warning: hidden file skipped: names starting with . are not read
content/b/. .md: no name before .md: name the file like 信访局-2024.md
content/b/....toml: no name before .toml: name the file like 信访局-2024.toml
content/b/....txt: no name before .txt: name the file like 信访局-2024.txt
content/b/.txt: no name before .txt: name the file like 信访局-2024.txt
content/c/公安局-2024.MKD: a Markdown report must be named .md: rename it to 公安局-2024.md
content/c/司法局-2024.markdown: a Markdown report must be named .md: rename it to 司法局-2024.md
content/d/README: not a report file: a report is a .docx, .md or .txt file with its .toml metadata; move any other file out of the content directory
content/d/~$信访局-2024.docx: warning: Word's lock file skipped: close the document in Word or WPS, or remove it
content/d/信访局-2024.pdf: not a report file: a report is a .docx, .md or .txt file with its .toml metadata; move any other file out of the content directory
content/e/信访局-2023.toml: two metadata files with the same name: content/e/信访局-2023.TOML and content/e/信访局-2023.toml
`
	if problems != want {
		t.Errorf("problems:\n%s\nwant:\n%s", problems, want)
	}
	if len(reports) != 3 || reports[2].Path != "v1.2/信访局.2022.txt" {
		t.Errorf("%d reports, want 3", len(reports))
	}
}
