package cache

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

type entry struct {
	Name   string
	Values []float64
}

func TestSaveLoad(t *testing.T) {
	d := Open(filepath.Join(t.TempDir(), "c"), "v1")
	want := map[string]entry{"a": {"甲", []float64{1, 2.5}}}
	if err := d.Save("x.gob", want); err != nil {
		t.Fatal(err)
	}
	var got map[string]entry
	if err := d.Load("x.gob", &got); err != nil {
		t.Fatal(err)
	}
	if got["a"].Name != "甲" || len(got["a"].Values) != 2 {
		t.Errorf("got %v", got)
	}
}

func TestMisses(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "c")
	d := Open(dir, "v1")
	if err := d.Save("x.gob", []string{"a", "b"}); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "x.gob")
	good, _ := os.ReadFile(name)
	flip := append([]byte(nil), good...)
	flip[len(flip)-3] ^= 1
	for _, tt := range []struct {
		name  string
		setup func()
		d     *Dir
	}{
		{"missing file", func() { os.Remove(name) }, d},
		{"other version", func() { os.WriteFile(name, good, 0o644) }, Open(dir, "v2")},
		{"flipped bit", func() { os.WriteFile(name, flip, 0o644) }, d},
		{"truncated", func() { os.WriteFile(name, good[:len(good)-5], 0o644) }, d},
		{"header only", func() { os.WriteFile(name, []byte(magic+"v1\n"), 0o644) }, d},
		{"garbage", func() { os.WriteFile(name, []byte("\x00\xff garbage"), 0o644) }, d},
		{"nil cache", func() { os.WriteFile(name, good, 0o644) }, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.setup()
			var v []string
			if err := tt.d.Load("x.gob", &v); !errors.Is(err, ErrMiss) {
				t.Errorf("Load = %v, %v; want a miss", v, err)
			}
		})
	}
	// A payload of the wrong type is a miss too.
	os.WriteFile(name, good, 0o644)
	var wrong map[int]bool
	if err := d.Load("x.gob", &wrong); !errors.Is(err, ErrMiss) {
		t.Errorf("wrong type: %v", err)
	}
}

func TestKeyOf(t *testing.T) {
	if KeyOf([]byte("ab"), []byte("c")) == KeyOf([]byte("a"), []byte("bc")) {
		t.Error("parts are not separated")
	}
	if KeyOf([]byte("a")) != KeyOf([]byte("a")) {
		t.Error("not deterministic")
	}
	if GeneratorVersion() == "" {
		t.Error("no version for the test binary")
	}
}

// TestClearRemovesOnlyCacheFiles clears a cache directory that also holds
// other files: only the cache's files go, the directory stays.
func TestClearRemovesOnlyCacheFiles(t *testing.T) {
	dir := t.TempDir()
	d := Open(dir, "v1")
	d.Save("site.gob", []int{1})
	Open(dir, "v0").Save("old.gob", []int{2}) // another generator's
	ours := map[string]string{
		"load.gob.tmp-123":  "",                 // a temporary just made
		"site.gob.tmp-4567": magic[:5],          // one cut short
		"figures.gob":       magic + "v0\ndata", // any generator's cache file
		"site.gob.bak":      magic + "v1\n",     // whatever its name
	}
	theirs := map[string]string{
		"notes.txt":         "mine",
		"analysis.gob":      "not a cache file",
		"x.tmp-12":          "hand made",
		"y.tmp-1a":          "",
		".tmp-1":            "",
		"config.toml":       "title = 1",
		"load.gob.tmp-":     "",
		"empty-looking.gob": "",
	}
	for _, m := range []map[string]string{ours, theirs} {
		for name, data := range m {
			os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644)
		}
	}
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "sub", "site.gob"), []byte(magic), 0o644)
	os.Symlink("site.gob", filepath.Join(dir, "link.gob"))
	if name, err := Foreign(dir); err != nil || name == "" {
		t.Errorf("Foreign = %q, %v; want one of the foreign entries", name, err)
	}
	if err := d.Clear(); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"site.gob", "old.gob", "load.gob.tmp-123", "site.gob.tmp-4567", "figures.gob", "site.gob.bak"} {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			t.Errorf("cache file %s not removed", name)
		}
	}
	for name, data := range theirs {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(b) != data {
			t.Errorf("%s: %q, %v; want it left as it was", name, b, err)
		}
	}
	for _, name := range []string{"sub/site.gob", "link.gob"} {
		if _, err := os.Lstat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s removed: %v", name, err)
		}
	}
}

// TestForeign finds nothing foreign in a cache the cache wrote, nor in a
// missing or empty directory.
func TestForeign(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "c")
	for _, step := range []string{"missing", "empty", "saved"} {
		switch step {
		case "empty":
			os.Mkdir(dir, 0o755)
		case "saved":
			d := Open(dir, "v1")
			d.Save("a.gob", 1)
			d.Save("b.gob", 2)
		}
		if name, err := Foreign(dir); name != "" || err != nil {
			t.Errorf("%s: Foreign = %q, %v", step, name, err)
		}
	}
	os.WriteFile(filepath.Join(dir, "readme"), nil, 0o644)
	if name, _ := Foreign(dir); name != "readme" {
		t.Errorf("Foreign = %q, want readme", name)
	}
	if err := (*Dir)(nil).Clear(); err != nil {
		t.Error(err)
	}
}
