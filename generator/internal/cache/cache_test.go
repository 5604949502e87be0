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
