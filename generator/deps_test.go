package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// allowed lists, for each package under generator/internal, the packages of
// this module it may import: data flows one way, from loading to output, and
// no package reaches back up the chain.
var allowed = map[string][]string{
	"diag":      {},
	"tomlpos":   {"diag"},
	"config":    {"diag", "tomlpos"},
	"divisions": {},
	"numeral":   {},
	"content":   {"diag", "tomlpos", "config", "divisions", "docx", "parallel"},
	"docx":      {"diag"},
	"document":  {"diag", "docx", "numeral"},
	"metrics":   {"diag", "config", "document", "numeral"},
	"site":      {"diag", "config", "content", "document", "metrics", "divisions"},
	"check":     {"diag", "config", "content", "document", "metrics", "site"},
	"output":    {"diag"},
	"render":    {"diag", "config", "content", "document", "metrics", "site", "output", "chart", "parallel"},
	"chart":     {"diag", "config", "metrics", "site", "output"},
	"search":    {"diag", "site", "output", "document", "parallel"},
	"browser":   {},
	"corpus":    {},
	"heaptest":  {},
	"cache":     {},
	"parallel":  {},
}

func TestDependencyOrder(t *testing.T) {
	const prefix = "portal/generator/internal/"
	dirs, err := filepath.Glob("internal/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		pkg := filepath.Base(dir)
		ok, known := allowed[pkg]
		if !known {
			t.Errorf("package %s is not in the dependency list of deps_test.go: add it where it belongs in the pipeline", pkg)
			continue
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			ast, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range ast.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if !strings.HasPrefix(path, prefix) {
					continue
				}
				dep := strings.TrimPrefix(path, prefix)
				if !contains(ok, dep) {
					t.Errorf("%s imports %s: not allowed by the pipeline order", f, dep)
				}
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
