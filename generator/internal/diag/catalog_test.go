package diag

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// TestCatalogComplete walks the Go files of the module and fails naming
// each message format that has no Chinese in the catalog: a message added
// without its translation fails CI. It also fails on an entry no code
// uses any more, and on one whose verbs differ from its English.
func TestCatalogComplete(t *testing.T) {
	root := moduleRoot(t)
	found, err := collectFormats(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	if len(found) < 100 {
		t.Fatalf("found only %d message formats in %s: is the walk broken?", len(found), root)
	}
	for _, f := range sortedFormats(found) {
		if _, ok := zh[f]; !ok && needsTranslation(f) {
			t.Errorf("%s: no Chinese for %q in catalog_zh.go", found[f], f)
		}
	}
	for en, cn := range zh {
		if _, ok := found[en]; !ok {
			t.Errorf("catalog_zh.go: %q is a message no code writes any more", en)
		}
		if why := sameVerbs(en, cn); why != "" {
			t.Errorf("catalog_zh.go: %q → %q: %s", en, cn, why)
		}
	}
}

// moduleRoot is the directory of go.mod above the package.
func moduleRoot(t *testing.T) string {
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		if dir == filepath.Dir(dir) {
			t.Fatal("no go.mod above the package")
		}
		dir = filepath.Dir(dir)
	}
}

// sortedFormats lists the formats of found in order.
func sortedFormats(found map[string]string) []string {
	fs := make([]string, 0, len(found))
	for f := range found {
		fs = append(fs, f)
	}
	slices.Sort(fs)
	return fs
}

// needsTranslation reports whether format holds any word: "%v" and
// "%s: %s" read the same in every language.
func needsTranslation(format string) bool {
	last := 0
	var rest strings.Builder
	for _, v := range verbs(format) {
		rest.WriteString(format[last:v.start])
		last = v.end
	}
	rest.WriteString(format[last:])
	return strings.IndexFunc(rest.String(), unicode.IsLetter) >= 0
}

// sameVerbs says how the verbs of a translation differ from those of its
// English: each argument must be formatted with the same directive.
func sameVerbs(en, cn string) string {
	args := func(f string) map[int][]string {
		m := map[int][]string{}
		for _, v := range verbs(f) {
			m[v.arg] = append(m[v.arg], v.spec)
		}
		return m
	}
	a, b := args(en), args(cn)
	for i := 0; i < max(len(a), len(b)); i++ {
		if !slices.Equal(a[i], b[i]) {
			return "argument " + strconv.Itoa(i+1) + " is " + strings.Join(a[i], ",") + " in English, " + strings.Join(b[i], ",") + " here"
		}
	}
	return ""
}

// messageCalls names the functions whose format argument is a message
// shown to editors, and which argument it is: diag.List's Errorf and
// Warnf (after the position), diag.Errorf and diag.Msgf (first), and the
// helpers that pass their format on to them.
var messageCalls = map[string]int{
	"diag.Errorf": 0,
	"diag.Msgf":   0,
	"Msgf":        0, // diag's own
	"Errorf":      1, // diag.List.Errorf(pos, format, ...)
	"Warnf":       1,
	"warn":        1, // document: (*mdState).warn(node, format, ...)
	"refuse":      1, // build: refuse(place, format, ...)
	"overLimit":   0, // docx: a part beyond a limit
	"tooLarge":    0, // docx: a part beyond a size
}

// testingNames are the receivers of testing's Errorf, which is not a
// message to editors.
var testingNames = map[string]bool{"t": true, "b": true, "f": true, "tb": true}

// collectFormats returns each message format written in a non-test Go
// file of fsys, with the place of its first writing.
func collectFormats(fsys fs.FS) (map[string]string, error) {
	found := map[string]string{}
	fset := token.NewFileSet()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != "." && (name == "testdata" || name == "node_modules" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, p, src, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if format, ok := messageFormat(call); ok {
				if _, seen := found[format]; !seen {
					found[format] = fset.Position(call.Pos()).String()
				}
			}
			return true
		})
		return nil
	})
	return found, err
}

// messageFormat is the format of call when it writes a message.
func messageFormat(call *ast.CallExpr) (string, bool) {
	var name string
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		name = fn.Name
	case *ast.SelectorExpr:
		name = fn.Sel.Name
		if x, ok := fn.X.(*ast.Ident); ok {
			switch {
			case x.Name == "diag":
				name = "diag." + name
			case x.Name == "fmt" || x.Name == "errors" || testingNames[x.Name]:
				return "", false
			}
		}
	default:
		return "", false
	}
	i, ok := messageCalls[name]
	if !ok || i >= len(call.Args) {
		return "", false
	}
	return constString(call.Args[i])
}

// constString is the value of a string literal, or a sum of them.
func constString(e ast.Expr) (string, bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(x.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return "", false
		}
		a, ok1 := constString(x.X)
		b, ok2 := constString(x.Y)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return constString(x.X)
	}
	return "", false
}
