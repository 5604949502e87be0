package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestGeneratorLinksNoBrowser: the generator editors run does not link
// the browser driver (bench-search and the browser tests do, apart).
func TestGeneratorLinksNoBrowser(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to list the generator's packages with")
	}
	out, err := exec.Command(goTool, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if strings.HasPrefix(pkg, "github.com/chromedp/") {
			t.Errorf("the generator links %s", pkg)
		}
	}
}
