package config

import (
	"os"
	"strings"
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
