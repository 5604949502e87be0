package main

import (
	"errors"
	"fmt"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// The rules of this file say which package of the module imports which:
// exactly, so that adding an import, or dropping one, is a visible
// decision made here. Packages under generator/internal are named by their
// path there ("search", "docx/docxtest"); the others by their path from the
// repository root ("generator", "generator/cmd/gencorpus").

// pkgDeps is what one package imports of the module.
type pkgDeps struct {
	imports []string // by its own (non-test) files
	tests   []string // by its _test.go files, package p or p_test, beyond imports and itself
}

// depList lists every package of the module with exactly what it imports.
var depList = map[string]pkgDeps{
	"diag":                       {},
	"parallel":                   {},
	"output":                     {imports: []string{"diag"}, tests: []string{"heaptest"}},
	"search":                     {imports: []string{"diag", "parallel"}, tests: []string{"heaptest"}},
	"divisions":                  {},
	"numeral":                    {},
	"tomlpos":                    {imports: []string{"diag"}, tests: []string{"heaptest"}},
	"config":                     {imports: []string{"diag", "tomlpos"}, tests: []string{"heaptest"}},
	"docx":                       {imports: []string{"diag"}, tests: []string{"docx/docxtest", "heaptest"}},
	"content":                    {imports: []string{"config", "diag", "divisions", "parallel", "tomlpos"}, tests: []string{"docx", "heaptest"}},
	"layout":                     {tests: []string{"heaptest"}},
	"pdf":                        {imports: []string{"layout"}, tests: []string{"heaptest"}},
	"ofd":                        {imports: []string{"layout"}, tests: []string{"heaptest"}},
	"document":                   {imports: []string{"diag", "docx", "layout", "numeral", "ofd", "pdf"}, tests: []string{"docx/docxtest", "heaptest", "tabletest"}},
	"format":                     {imports: []string{"content", "diag", "document", "docx", "parallel", "pdf"}},
	"metrics":                    {imports: []string{"config", "diag", "document", "numeral"}, tests: []string{"tabletest"}},
	"site":                       {imports: []string{"config", "content", "diag", "divisions", "document", "metrics"}},
	"check":                      {imports: []string{"config", "diag", "document", "metrics", "site"}, tests: []string{"content"}},
	"chart":                      {imports: []string{"config", "metrics", "output", "site"}, tests: []string{"content", "diag", "tooltest"}},
	"render":                     {imports: []string{"cache", "chart", "config", "diag", "document", "metrics", "output", "parallel", "site"}, tests: []string{"content"}},
	"cache":                      {},
	"build":                      {imports: []string{"cache", "config", "content", "diag", "document", "format", "metrics", "output", "parallel", "render", "search", "site"}},
	"deploy":                     {imports: []string{"config", "diag", "output"}, tests: []string{"heaptest", "s3test"}},
	"preview":                    {imports: []string{"diag"}},
	"draft":                      {imports: []string{"config", "content", "diag", "divisions", "document", "format", "metrics"}},
	"corpus":                     {imports: []string{"divisions"}, tests: []string{"heaptest"}},
	"generator/cmd/gencorpus":    {imports: []string{"corpus"}},
	"generator/cmd/bench-search": {imports: []string{"build", "corpus", "diag", "output", "render", "search", "site"}},
	"generator": {
		imports: []string{"build", "check", "config", "deploy", "diag", "draft", "format", "metrics", "preview"},
		tests:   []string{"browser", "chart", "content", "corpus", "document", "output", "pdf", "render", "s3test", "search", "site", "tooltest"},
	},

	"browser":       {},
	"heaptest":      {},
	"tabletest":     {},
	"docx/docxtest": {},
	"s3test":        {imports: []string{"config"}},
	"tooltest":      {},
}

// depOrder is the pipeline: a package, and its tests, import only packages
// before it. First come the packages that know nothing of reports (search
// among them: it indexes what it is given, and knows nothing of the site),
// then the stages from loading to rendering, then what only the commands
// use, then the commands.
var depOrder = []string{
	"diag", "parallel", "output", "search", "divisions", "numeral", "cache",
	"tomlpos", "config", "docx", "layout", "pdf", "ofd", "content", "document", "format", "metrics", "site", "check", "chart", "render",
	"build", "deploy", "preview", "draft", "corpus",
	"generator/cmd/gencorpus", "generator/cmd/bench-search", "generator",
}

// depTestHelpers are the packages for tests only: outside the pipeline, and
// imported by no package's own files but another helper's. Only they may
// import "testing" outside _test.go files.
var depTestHelpers = []string{"browser", "heaptest", "docx/docxtest", "tabletest", "s3test", "tooltest"}

// depExternal lists, for each module the code imports, exactly the packages
// whose own (non-test) files import it; tests import what they like.
var depExternal = map[string][]string{
	"github.com/BurntSushi/toml":          {"config", "content", "tomlpos"},
	"github.com/chromedp/cdproto":         {"generator/cmd/bench-search"},
	"github.com/chromedp/chromedp":        {"browser", "generator/cmd/bench-search"},
	"github.com/fsnotify/fsnotify":        {"preview"},
	"github.com/go-echarts/go-echarts/v2": {"chart"},
	"github.com/klippa-app/go-pdfium":     {"pdf"},
	"github.com/minio/minio-go/v7":        {"deploy", "s3test"},
	"github.com/mozillazg/go-pinyin":      {"site"},
	"github.com/tetratelabs/wazero":       {"pdf"},
	"github.com/yuin/goldmark":            {"document"},
	"golang.org/x/sys":                    {"output"},
	"golang.org/x/text":                   {"content"},
	"golang.org/x/tools":                  {},
}

// depModule is the module path, from go.mod.
const depModule = "portal"

// depInternal is where the packages named by their short name live.
const depInternal = "generator/internal/"

// depRules are this file's rules as one value, so that the test of the
// checker can give it others.
type depRules struct {
	deps     map[string]pkgDeps
	order    []string
	helpers  []string
	external map[string][]string
}

var theDepRules = depRules{depList, depOrder, depTestHelpers, depExternal}

func TestDependencies(t *testing.T) {
	for _, msg := range checkDeps(os.DirFS(".."), theDepRules) {
		t.Error(msg)
	}
}

// scannedPkg is what the files of one package directory import: import
// path → the first file (from the repository root) that imports it.
type scannedPkg struct {
	dir         string
	code, tests map[string]string
}

// checkDeps checks the module rooted at fsys against r and returns every
// breach, one message each.
func checkDeps(fsys fs.FS, r depRules) []string {
	dirs, msgs := scanModule(fsys)
	pkgs, clashes := byName(dirs)
	msgs = append(msgs, clashes...)
	msgs = append(msgs, checkLists(pkgs, r)...)
	msgs = append(msgs, checkOrder(r)...)
	return append(msgs, checkExternal(pkgs, r)...)
}

// scanModule parses the imports of every Go file of the module, by
// directory, skipping what the go command skips: testdata, directories
// whose name starts with "." or "_", other modules, and files no build
// configuration compiles.
func scanModule(fsys fs.FS) (map[string]*scannedPkg, []string) {
	pkgs := map[string]*scannedPkg{}
	var msgs []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil // removed while walking: a build's output, say
		case err != nil:
			msgs = append(msgs, fmt.Sprintf("%s: %v", p, err))
			return nil
		case d.IsDir():
			if p != "." && skipDir(fsys, p, d.Name()) {
				return fs.SkipDir
			}
			return nil
		case !strings.HasSuffix(p, ".go") || ignoredName(d.Name()):
			return nil
		}
		if msg := scanFile(fsys, p, pkgs); msg != "" {
			msgs = append(msgs, msg)
		}
		return nil
	})
	if err != nil {
		msgs = append(msgs, err.Error())
	}
	return pkgs, msgs
}

func ignoredName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}

func skipDir(fsys fs.FS, dir, name string) bool {
	if ignoredName(name) || name == "testdata" {
		return true
	}
	_, err := fs.Stat(fsys, path.Join(dir, "go.mod"))
	return err == nil
}

// scanFile records the imports of the Go file p, or returns why it cannot.
func scanFile(fsys fs.FS, p string, pkgs map[string]*scannedPkg) string {
	src, err := fs.ReadFile(fsys, p)
	if errors.Is(err, fs.ErrNotExist) {
		return ""
	}
	if err != nil {
		return fmt.Sprintf("%s: %v", p, err)
	}
	if !buildable(string(src)) {
		return ""
	}
	f, err := parser.ParseFile(token.NewFileSet(), p, src, parser.ImportsOnly)
	if err != nil {
		return err.Error()
	}
	dir := path.Dir(p)
	pkg := pkgs[dir]
	if pkg == nil {
		pkg = &scannedPkg{dir: dir, code: map[string]string{}, tests: map[string]string{}}
		pkgs[dir] = pkg
	}
	into := pkg.code
	if strings.HasSuffix(p, "_test.go") {
		into = pkg.tests
	}
	for _, imp := range f.Imports {
		ip, err := strconv.Unquote(imp.Path.Value)
		if _, seen := into[ip]; err == nil && !seen {
			into[ip] = p
		}
	}
	return ""
}

// byName keys the packages by their names in the rules.
func byName(dirs map[string]*scannedPkg) (map[string]*scannedPkg, []string) {
	pkgs := map[string]*scannedPkg{}
	var msgs []string
	for _, dir := range sortedKeys(dirs) {
		name := depName(dir)
		if other := pkgs[name]; other != nil {
			msgs = append(msgs, fmt.Sprintf("%s and %s have one name in deps_test.go (%q): rename one", other.dir, dir, name))
			continue
		}
		pkgs[name] = dirs[dir]
	}
	return pkgs, msgs
}

// buildable reports whether some build configuration compiles a file with
// this source: one without a //go:build line, or whose line holds for some
// set of tags without "ignore".
func buildable(src string) bool {
	for line := range strings.Lines(src) {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "//") {
			return true // the package clause: no constraint before it
		}
		if !constraint.IsGoBuild(line) {
			continue
		}
		expr, err := constraint.Parse(line)
		return err != nil || satisfiable(expr)
	}
	return true
}

func satisfiable(expr constraint.Expr) bool {
	var tags []string
	expr.Eval(func(tag string) bool {
		if tag != "ignore" && !slices.Contains(tags, tag) {
			tags = append(tags, tag)
		}
		return false
	})
	if len(tags) > 16 {
		return true
	}
	for set := 0; set < 1<<len(tags); set++ {
		if expr.Eval(func(tag string) bool {
			i := slices.Index(tags, tag)
			return i >= 0 && set&(1<<i) != 0
		}) {
			return true
		}
	}
	return false
}

// depName names the package in directory dir (from the repository root) as
// the rules do.
func depName(dir string) string {
	if short, ok := strings.CutPrefix(dir, depInternal); ok {
		return short
	}
	return dir
}

// moduleImports keeps, of a package's imports, those of the module but
// the package itself: rule name → import path.
func moduleImports(imports map[string]string, self string) map[string]string {
	names := map[string]string{}
	for ip := range imports {
		rest, ok := strings.CutPrefix(ip, depModule+"/")
		if ip == depModule {
			rest, ok = ".", true
		}
		if name := depName(rest); ok && name != self {
			names[name] = ip
		}
	}
	return names
}

// checkLists compares what each package imports with its lists.
func checkLists(pkgs map[string]*scannedPkg, r depRules) []string {
	var msgs []string
	for _, name := range sortedKeys(pkgs) {
		p := pkgs[name]
		want, ok := r.deps[name]
		if !ok {
			msgs = append(msgs, fmt.Sprintf("%s is not in the dependency list of deps_test.go: add it (as %q) with what it imports, and put it in the pipeline order or among the test helpers", p.dir, name))
			continue
		}
		code := moduleImports(p.code, name)
		tests := moduleImports(p.tests, name)
		for dep := range code {
			delete(tests, dep)
		}
		msgs = append(msgs, compareList(p, code, want.imports, nil)...)
		msgs = append(msgs, compareList(p, tests, want.tests, code)...)
	}
	for _, name := range sortedKeys(r.deps) {
		if pkgs[name] == nil {
			msgs = append(msgs, fmt.Sprintf("deps_test.go lists %s, which is no package of the module (no Go files): remove it there", name))
		}
	}
	return msgs
}

// compareList reports the differences between the imports found and a
// list; own are the package's own imports, when found are its tests'.
func compareList(p *scannedPkg, found map[string]string, list []string, own map[string]string) []string {
	var msgs []string
	files := p.code
	who, verb, verbNot, whose := p.dir, "imports", "does not import", "its list"
	if own != nil {
		files = p.tests
		who, verb, verbNot, whose = "the tests of "+p.dir, "import", "do not import", "the list of its tests"
	}
	for _, name := range sortedKeys(found) {
		if !slices.Contains(list, name) {
			ip := found[name]
			msgs = append(msgs, fmt.Sprintf("%s %s %s (in %s), which is not in %s in deps_test.go: if this is intended, add it there (and check the pipeline order)", who, verb, ip, files[ip], whose))
		}
	}
	for _, name := range list {
		_, imported := found[name]
		_, ownImport := own[name]
		switch {
		case ownImport:
			msgs = append(msgs, fmt.Sprintf("%s in deps_test.go names %s, which the package's own files import: list it with those only", whose, name))
		case !imported:
			msgs = append(msgs, fmt.Sprintf("%s %s %s, which %s in deps_test.go names: remove it there", who, verbNot, name, whose))
		}
	}
	return msgs
}

// checkOrder checks the lists against the pipeline order and the test
// helpers: an import points to a package earlier in the order, and only
// tests and helpers import a helper.
func checkOrder(r depRules) []string {
	var msgs []string
	pos := map[string]int{}
	for i, name := range r.order {
		if _, dup := pos[name]; dup {
			msgs = append(msgs, fmt.Sprintf("deps_test.go: %s is twice in the pipeline order", name))
			continue
		}
		pos[name] = i
		if _, ok := r.deps[name]; !ok {
			msgs = append(msgs, fmt.Sprintf("deps_test.go: the pipeline order names %s, which the dependency list does not: remove it there", name))
		}
	}
	for _, name := range sortedKeys(r.deps) {
		_, inOrder := pos[name]
		helper := slices.Contains(r.helpers, name)
		if inOrder == helper {
			msgs = append(msgs, fmt.Sprintf("deps_test.go: %s must be either in the pipeline order or among the test helpers", name))
		}
		for _, dep := range r.deps[name].imports {
			if slices.Contains(r.helpers, dep) && !helper {
				msgs = append(msgs, fmt.Sprintf("%s imports %s, a package for tests only: only _test.go files may import it", name, dep))
			}
			if later(pos, name, dep, r.helpers) {
				msgs = append(msgs, laterMsg(name, "imports", dep))
			}
		}
		for _, dep := range r.deps[name].tests {
			if later(pos, name, dep, r.helpers) {
				msgs = append(msgs, laterMsg("the tests of "+name, "import", dep))
			}
		}
	}
	return msgs
}

// later reports whether dep comes after name in the order, both being
// there and dep no test helper.
func later(pos map[string]int, name, dep string, helpers []string) bool {
	p, ok := pos[dep]
	q, inOrder := pos[name]
	return ok && inOrder && p >= q && !slices.Contains(helpers, dep)
}

func laterMsg(who, verb, dep string) string {
	return fmt.Sprintf("%s %s %s, which comes after it in the pipeline order of deps_test.go: data flows one way, so move the code (or, if the order is wrong, the package in the order)", who, verb, dep)
}

// checkExternal checks which packages import which other modules, and that
// only the test helpers import "testing" outside tests.
func checkExternal(pkgs map[string]*scannedPkg, r depRules) []string {
	var msgs []string
	used := map[string]bool{} // module + " " + importer
	for _, name := range sortedKeys(pkgs) {
		p := pkgs[name]
		for _, ip := range sortedKeys(p.code) {
			if ip == "testing" && !slices.Contains(r.helpers, name) {
				msgs = append(msgs, fmt.Sprintf("%s imports testing (in %s) outside its tests: only the test helpers of deps_test.go may", p.dir, p.code[ip]))
			}
			if standard(ip) || ip == depModule || strings.HasPrefix(ip, depModule+"/") {
				continue
			}
			mod := moduleOf(ip, r.external)
			switch {
			case mod == "":
				msgs = append(msgs, fmt.Sprintf("%s imports %s (in %s), of a module not in the external list of deps_test.go: add the module there with the packages that may import it", p.dir, ip, p.code[ip]))
			case !slices.Contains(r.external[mod], name):
				msgs = append(msgs, fmt.Sprintf("%s imports %s (in %s), but deps_test.go lets only %v import %s: if this is intended, add it there", p.dir, ip, p.code[ip], r.external[mod], mod))
			}
			used[mod+" "+name] = true
		}
	}
	for _, mod := range sortedKeys(r.external) {
		for _, name := range r.external[mod] {
			if !used[mod+" "+name] {
				msgs = append(msgs, fmt.Sprintf("deps_test.go lets %s import %s, but its own files import nothing of it: remove it there", name, mod))
			}
		}
	}
	return msgs
}

// standard reports whether ip is of the standard library: its first
// element holds no dot.
func standard(ip string) bool {
	first, _, _ := strings.Cut(ip, "/")
	return !strings.Contains(first, ".")
}

// moduleOf returns the longest module path of external that holds ip.
func moduleOf(ip string, external map[string][]string) string {
	best := ""
	for mod := range external {
		if (ip == mod || strings.HasPrefix(ip, mod+"/")) && len(mod) > len(best) {
			best = mod
		}
	}
	return best
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// depFixture is a small module that keeps depFixtureRules.
func depFixture() map[string]string {
	return map[string]string{
		"go.mod":                             "module portal\n",
		"generator/main.go":                  "package main\n\nimport _ \"portal/generator/internal/a\"\n",
		"generator/internal/a/a.go":          "package a\n\nimport (\n\t\"fmt\"\n\n\t\"portal/generator/internal/b\"\n)\n",
		"generator/internal/a/a_linux.go":    "//go:build linux && (amd64 || arm64) && !ignore\n\npackage a\n\nimport \"example.com/m/x\"\n",
		"generator/internal/a/a_test.go":     "package a\n\nimport (\n\t\"testing\"\n\n\t\"portal/generator/internal/b\"\n\t\"portal/generator/internal/h\"\n)\n",
		"generator/internal/a/x_test.go":     "package a_test\n\nimport \"portal/generator/internal/a\"\n",
		"generator/internal/a/off.go":        "//go:build ignore\n\npackage main\n\nimport \"portal/generator\"\n",
		"generator/internal/a/z_other.go":    "// Comment.\n\n//go:build !linux\n\npackage a\n\nimport \"example.com/m\"\n",
		"generator/internal/b/b.go":          "package b\n",
		"generator/internal/b/testdata/t.go": "package t\n\nimport \"portal/generator/internal/a\"\n",
		"generator/internal/b/_x/x.go":       "package x\n\nimport \"portal/generator/internal/a\"\n",
		"generator/internal/h/h.go":          "package h\n\nimport \"testing\"\n",
		"tools/go.mod":                       "module tools\n",
		"tools/t.go":                         "package tools\n\nimport \"portal/generator/internal/a\"\n",
	}
}

func depFixtureRules() depRules {
	return depRules{
		deps: map[string]pkgDeps{
			"b":         {},
			"a":         {imports: []string{"b"}, tests: []string{"h"}},
			"h":         {},
			"generator": {imports: []string{"a"}},
		},
		order:    []string{"b", "a", "generator"},
		helpers:  []string{"h"},
		external: map[string][]string{"example.com/m": {"a"}, "example.com/m/x": {"a"}},
	}
}

func TestCheckDeps(t *testing.T) {
	const (
		a, aTest = "generator/internal/a/a.go", "generator/internal/a/a_test.go"
		b        = "generator/internal/b/b.go"
	)
	tests := []struct {
		name  string
		files map[string]string // added or replaced; "" removes
		rules func(*depRules)
		want  []string
	}{
		{name: "as listed"},
		{
			name:  "stray import",
			files: map[string]string{b: "package b\n\nimport \"portal/generator/internal/a\"\n"},
			want: []string{
				"generator/internal/b imports portal/generator/internal/a (in generator/internal/b/b.go), which is not in its list in deps_test.go: if this is intended, add it there (and check the pipeline order)",
			},
		},
		{
			name:  "stray import listed against the order",
			files: map[string]string{b: "package b\n\nimport \"portal/generator/internal/a\"\n"},
			rules: func(r *depRules) { r.deps["b"] = pkgDeps{imports: []string{"a"}} },
			want: []string{
				"b imports a, which comes after it in the pipeline order of deps_test.go: data flows one way, so move the code (or, if the order is wrong, the package in the order)",
			},
		},
		{
			name:  "listed, not imported",
			rules: func(r *depRules) { r.deps["generator"] = pkgDeps{imports: []string{"a", "b"}} },
			want:  []string{"generator does not import b, which its list in deps_test.go names: remove it there"},
		},
		{
			name:  "test import not listed",
			rules: func(r *depRules) { r.deps["a"] = pkgDeps{imports: []string{"b"}} },
			want: []string{
				"the tests of generator/internal/a import portal/generator/internal/h (in generator/internal/a/a_test.go), which is not in the list of its tests in deps_test.go: if this is intended, add it there (and check the pipeline order)",
			},
		},
		{
			name:  "test list repeats an own import",
			rules: func(r *depRules) { r.deps["a"] = pkgDeps{imports: []string{"b"}, tests: []string{"b", "h"}} },
			want:  []string{"the list of its tests in deps_test.go names b, which the package's own files import: list it with those only"},
		},
		{
			name:  "test helper imported by a package's own file",
			files: map[string]string{a: "package a\n\nimport (\n\t\"example.com/m/x\"\n\t\"portal/generator/internal/b\"\n\t\"portal/generator/internal/h\"\n)\n"},
			rules: func(r *depRules) { r.deps["a"] = pkgDeps{imports: []string{"b", "h"}} },
			want:  []string{"a imports h, a package for tests only: only _test.go files may import it"},
		},
		{
			name:  "tests importing later packages",
			files: map[string]string{"generator/internal/b/b_test.go": "package b_test\n\nimport \"portal/generator/internal/a\"\n"},
			rules: func(r *depRules) { r.deps["b"] = pkgDeps{tests: []string{"a"}} },
			want: []string{
				"the tests of b import a, which comes after it in the pipeline order of deps_test.go: data flows one way, so move the code (or, if the order is wrong, the package in the order)",
			},
		},
		{
			name:  "new package",
			files: map[string]string{"generator/internal/c/sub/c.go": "package sub\n"},
			want: []string{
				`generator/internal/c/sub is not in the dependency list of deps_test.go: add it (as "c/sub") with what it imports, and put it in the pipeline order or among the test helpers`,
			},
		},
		{
			name:  "package gone",
			files: map[string]string{b: "", a: "package a\n\nimport \"example.com/m/x\"\n"},
			rules: func(r *depRules) { r.deps["a"] = pkgDeps{tests: []string{"b", "h"}} },
			want:  []string{"deps_test.go lists b, which is no package of the module (no Go files): remove it there"},
		},
		{
			name:  "order and helpers inconsistent",
			rules: func(r *depRules) { r.order = []string{"b", "a", "b", "h", "gone"} },
			want: []string{
				"deps_test.go: b is twice in the pipeline order",
				"deps_test.go: the pipeline order names gone, which the dependency list does not: remove it there",
				"deps_test.go: generator must be either in the pipeline order or among the test helpers",
				"deps_test.go: h must be either in the pipeline order or among the test helpers",
			},
		},
		{
			name:  "external modules",
			files: map[string]string{b: "package b\n\nimport (\n\t\"testing\"\n\n\t\"example.com/m\"\n\t\"other.org/n\"\n)\n"},
			rules: func(r *depRules) { r.external["example.com/unused"] = []string{"a"} },
			want: []string{
				"generator/internal/b imports example.com/m (in generator/internal/b/b.go), but deps_test.go lets only [a] import example.com/m: if this is intended, add it there",
				"generator/internal/b imports other.org/n (in generator/internal/b/b.go), of a module not in the external list of deps_test.go: add the module there with the packages that may import it",
				"generator/internal/b imports testing (in generator/internal/b/b.go) outside its tests: only the test helpers of deps_test.go may",
				"deps_test.go lets a import example.com/unused, but its own files import nothing of it: remove it there",
			},
		},
		{
			name:  "the longest module path counts",
			files: map[string]string{"generator/internal/a/a_linux.go": ""},
			want:  []string{"deps_test.go lets a import example.com/m/x, but its own files import nothing of it: remove it there"},
		},
		{
			name:  "unreadable file",
			files: map[string]string{"generator/internal/b/bad.go": "package b\n\nimport \"unterminated\n"},
			want:  []string{"generator/internal/b/bad.go:3:8: string literal not terminated"},
		},
		{
			name:  "two packages, one name",
			files: map[string]string{"b/b.go": "package b\n"},
			want:  []string{`b and generator/internal/b have one name in deps_test.go ("b"): rename one`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, src := range depFixture() {
				fsys[name] = &fstest.MapFile{Data: []byte(src)}
			}
			for name, src := range tc.files {
				delete(fsys, name)
				if src != "" {
					fsys[name] = &fstest.MapFile{Data: []byte(src)}
				}
			}
			r := depFixtureRules()
			if tc.rules != nil {
				tc.rules(&r)
			}
			got := checkDeps(fsys, r)
			slices.Sort(got)
			slices.Sort(tc.want)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
