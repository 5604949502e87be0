package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"portal/generator/internal/tooltest"
)

// vnuMessage is one message of the Nu HTML Checker's JSON output.
type vnuMessage struct {
	Type      string `json:"type"`
	SubType   string `json:"subType"`
	URL       string `json:"url"`
	LastLine  int    `json:"lastLine"`
	FirstCol  int    `json:"firstColumn"`
	LastCol   int    `json:"lastColumn"`
	Message   string `json:"message"`
	Extract   string `json:"extract"`
	HiliteLen int    `json:"hiliteLength"`
}

// TestValidHTML builds the default site, the chart corpus, the hostile
// corpus and a site of every .docx test document, and checks every
// generated HTML page with the Nu HTML Checker (vnu.jar), in one JVM run:
// zero errors.
func TestValidHTML(t *testing.T) {
	java := tooltest.Command(t, "java", "apt-get install default-jre-headless")
	jar := tooltest.NPMFile(t, "vnu-jar/build/dist/vnu.jar")

	root := t.TempDir()
	var dirs []string
	hostile, _ := buildHostileSite(t)
	docx, _ := docxSite(t)
	for name, content := range map[string]string{"default": "../content", "charts": chartFixture, "hostile": "", "docx": ""} {
		var dest string
		switch name {
		case "hostile":
			dest = hostile
		case "docx":
			dest = docx
		default:
			dest, _ = buildSite(t, content)
		}
		dir := filepath.Join(root, name)
		if err := os.Rename(dest, dir); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, dir)
	}
	sort.Strings(dirs)
	pages := 0
	for _, d := range dirs {
		filepath.WalkDir(d, func(p string, e os.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(p, ".html") {
				pages++
			}
			return err
		})
	}

	args := append([]string{"-Xss8m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar,
		"--errors-only", "--format", "json", "--skip-non-html", "--exit-zero-always"}, dirs...)
	cmd := exec.Command(java, args...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("vnu.jar: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	var out struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal([]byte(stderr.String()), &out); err != nil {
		t.Fatalf("vnu.jar output: %v\n%s", err, stderr.String())
	}
	var errs []string
	for _, m := range out.Messages {
		if m.Type != "error" && m.Type != "non-document-error" {
			continue
		}
		file := strings.TrimPrefix(m.URL, "file:")
		if rel, err := filepath.Rel(root, file); err == nil {
			file = rel
		}
		errs = append(errs, fmt.Sprintf("%s:%d:%d: %s %s\n\t%q", file, m.LastLine, m.FirstCol, m.Type, m.Message, m.Extract))
	}
	sort.Strings(errs)
	for _, e := range errs {
		t.Error(e)
	}
	t.Logf("vnu.jar checked %d pages: %d errors", pages, len(errs))
}
