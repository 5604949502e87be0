package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestRepositoryConfig(t *testing.T) {
	src, err := os.ReadFile("../../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	c, problems := Parse("config.toml", src)
	if problems.HasErrors() || c == nil {
		t.Fatalf("config.toml: %s", problems)
	}
	if c.Domain() == "" || c.Language != "zh-CN" {
		t.Errorf("Domain %q, Language %q", c.Domain(), c.Language)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"title = \"t\"\ntitel = \"x\"\n", "c.toml:2:1: unknown key \"titel\""},
		{"title = \"t\"\n[[menu]]\nname = \"a\"\nurl = \"javascript:alert(1)\"\n", "menu[0].url"},
		{"title = \"t\"\n[[menu]]\nname = \"a\"\nlink = \"x\"\n", "c.toml:4:1: unknown key \"menu.link\""},
		{"title = \"t\"\nbase_url = \"ftp://x\"\n", "c.toml:2:1: base_url"},
		{"title = \"t\"\n[[metric]]\nkey = \"A-b\"\nlabel = \"x\"\nunit = \"件\"\nkind = \"count\"\n", "key: want lower-case"},
		{"title = \"t\"\n[[metric]]\nkey = \"r\"\nlabel = \"x\"\nunit = \"件\"\nkind = \"rate\"\n", "a rate is in %"},
		{"title = \"t\"\n[[metric]]\nkey = \"r\"\nlabel = \"x\"\nunit = \"%\"\nkind = \"change\"\nbase = \"nope\"\n", "no metric \"nope\""},
		{"title = \"t\"\nfeed_size = \"x\"\n", "c.toml:2:1: "},
		{"title = \"t\n", "c.toml:1:"},
		{"", "missing required key \"title\""},
	} {
		_, problems := Parse("c.toml", []byte(tc.src))
		if !strings.Contains(problems.String(), tc.want) {
			t.Errorf("Parse(%q):\n%s\nwant %q", tc.src, problems, tc.want)
		}
	}
}

// TestParseLimits checks that a config.toml the TOML decoder would need
// gigabytes or minutes for is refused before decoding, naming the file,
// the line and the limit; and that thousands of unknown keys are listed
// twenty at a time.
func TestParseLimits(t *testing.T) {
	keys := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "k%d = 1\n", i)
		}
		return b.String()
	}
	for _, tc := range []struct{ name, src, want string }{
		{"inline tables 200,000 deep", "title = \"t\"\nx = " + strings.Repeat("{a=", 200_000) + "1" + strings.Repeat("}", 200_000) + "\n",
			"c.toml:2:53: config: arrays and inline tables nested 200000 deep (at most 16)\n"},
		{"dotted header 500,000 deep", "title = \"t\"\n[" + strings.Repeat("a.", 500_000) + "a]\n",
			"c.toml:2:1: config: a key of 500001 parts (at most 32)\n"},
		{"2 MB", "title = \"" + strings.Repeat("题", 700_000) + "\"\n", "c.toml:1:1: config: 3 MB is too large (at most 1 MB)\n"},
		{"30,000 keys", "title = \"t\"\n" + keys(30_000), "c.toml:10001:1: config: 30001 keys (at most 10000)\n"},
		{"menu of 20,000 tables", "title = \"t\"\nmenu = [" + strings.Repeat("{},", 20_000) + "]\n", "c.toml:2:30009: config: 20000 array values (at most 10000)\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, problems := Parse("c.toml", []byte(tc.src))
			if got := problems.String(); c != nil || got != tc.want {
				t.Errorf("got %s\nwant %s", got, tc.want)
			}
		})
	}
	_, problems := Parse("c.toml", []byte("title = \"t\"\n"+keys(9_000)))
	got := problems.String()
	if !strings.HasPrefix(got, "c.toml:2:1: unknown key \"k0\"\n") || !strings.HasSuffix(got, "c.toml:21:1: unknown key \"k19\"\nc.toml:22:1: … and 8980 more unknown keys\n") || len(problems) != 21 {
		t.Errorf("%d problems:\n%s", len(problems), got)
	}
}

// TestReadFile checks that a config.toml over MaxSize is refused after
// reading no more than MaxSize and a byte.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(name, []byte("title = \"t\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadFile(name); err != nil || string(b) != "title = \"t\"\n" {
		t.Errorf("ReadFile = %q, %v", b, err)
	}
	if err := os.Truncate(name, 1<<40); err != nil {
		t.Skip(err) // sparse: no disk used
	}
	if _, err := ReadFile(name); err == nil || !strings.Contains(err.Error(), "config.toml: config: too large (at most 1 MB)") {
		t.Errorf("ReadFile of 1 TB: %v", err)
	}
}

// A named pipe as config.toml is refused instead of read for ever.
func TestReadFileNotRegular(t *testing.T) {
	pipe := filepath.Join(t.TempDir(), "config.toml")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	if _, err := ReadFile(pipe); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("ReadFile of a named pipe: %v", err)
	}
}
