// Package tooltest finds the tools some tests run besides Go — node and
// the npm packages pinned in .ci/npm, Java — and skips a test that lacks
// one, saying how to install it, or fails it when CI requires every tool
// (PORTAL_REQUIRE_TOOLS=1 or PORTAL_REQUIRE_BROWSER=1). Tests only.
package tooltest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Require skips t because what is missing, with hint on how to install
// it, or fails it when CI requires the tools.
func Require(t testing.TB, what, hint string) {
	t.Helper()
	for _, v := range []string{"PORTAL_REQUIRE_TOOLS", "PORTAL_REQUIRE_BROWSER"} {
		if os.Getenv(v) == "1" {
			t.Fatalf("%s missing and %s=1: %s", what, v, hint)
		}
	}
	t.Skipf("skipping: %s missing (%s)", what, hint)
}

// Command returns the path of the program name, or Requires it.
func Command(t testing.TB, name, hint string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Require(t, name, hint)
	}
	return p
}

// NPMDir is where the pinned npm packages are installed: PORTAL_NPM_DIR,
// or .ci/npm/node_modules of the repository (as .ci/run installs them
// with npm ci --prefix .ci/npm), found above the working directory.
func NPMDir() string {
	if d := os.Getenv("PORTAL_NPM_DIR"); d != "" {
		if abs, err := filepath.Abs(d); err == nil {
			return abs
		}
		return d
	}
	dir, err := os.Getwd()
	for err == nil {
		if _, statErr := os.Stat(filepath.Join(dir, "go.mod")); statErr == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return filepath.Join(dir, ".ci", "npm", "node_modules")
}

// NPMFile returns the path of the file rel (slash-separated) of an
// installed npm package, or Requires it.
func NPMFile(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(NPMDir(), filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		Require(t, p, "run npm ci --prefix .ci/npm --ignore-scripts, or set PORTAL_NPM_DIR")
	}
	return p
}
