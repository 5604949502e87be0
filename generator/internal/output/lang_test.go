package output

import (
	"os"
	"path/filepath"
	"testing"

	"portal/generator/internal/diag"
)

// TestMessageLanguages checks why a directory cannot be a destination,
// and a loop of symbolic links, in both languages.
func TestMessageLanguages(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	foreign := filepath.Join(dir, "foreign")
	loop := filepath.Join(dir, "loop")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(foreign, "thesis"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(loop, loop); err != nil {
		t.Skip(err)
	}
	_, loopErr := RealPath(loop)
	_, beginErr := Begin(foreign, State{})
	for _, tc := range []struct {
		name   string
		err    error
		en, zh string
	}{
		{"file", Owned(file), "a regular file, not a directory", "是普通文件，不是目录"},
		{"link", Owned(loop), "a symbolic link, not a directory", "是符号链接，不是目录"},
		{"foreign", Owned(foreign), "holds files the generator did not write (no .portal-site marker)", "含有不是本生成器写出的文件（没有 .portal-site 标记文件）"},
		{"not removed", removeTree(foreign), foreign + " not removed: holds files the generator did not write (no .portal-site marker)", foreign + " 未删除：含有不是本生成器写出的文件（没有 .portal-site 标记文件）"},
		{"loop", loopErr, loop + ": too many symbolic links", loop + "：符号链接太多"},
		{"mkdir", mkdirAll(filepath.Join(file, "x")), file + ": not a directory", file + "：不是目录"},
		{"marker path", CheckPath(Marker), `output ".portal-site": reserved for the generator's marker`, `输出文件 ".portal-site"：是本生成器标记文件专用的名称`},
		{"unclean path", CheckPath("a/../b"), `output "a/../b": not a clean path inside the site`, `输出文件 "a/../b"：不是站点内规范的路径`},
		{"publish", beginErr, "publish " + foreign + ": " + foreign + " holds files the generator did not write (no .portal-site marker)", "发布 " + foreign + "：" + foreign + " 含有不是本生成器写出的文件（没有 .portal-site 标记文件）"},
	} {
		if tc.err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		if got := diag.ErrorTextIn(tc.err, diag.En); got != tc.en || tc.err.Error() != tc.en {
			t.Errorf("%s in English: %q, want %q", tc.name, got, tc.en)
		}
		if got := diag.ErrorTextIn(tc.err, diag.Zh); got != tc.zh {
			t.Errorf("%s in Chinese: %q, want %q", tc.name, got, tc.zh)
		}
	}
}
