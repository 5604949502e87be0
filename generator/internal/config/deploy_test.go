package config

import (
	"strings"
	"testing"
)

const deployHead = "title = \"t\"\n"

func TestDeployTargets(t *testing.T) {
	src := deployHead + `
[[deploy.targets]]
name = "production"
endpoint = "https://oss-cn-hangzhou.aliyuncs.com"
bucket = "fzbg-site"
prefix = "fzbg/2025"
base_url = "https://fzbg.example.gov.cn"

[[deploy.targets]]
name = "minio"
endpoint = "http://127.0.0.1:9000/"
bucket = "site"
region = "cn-north-1"
path_style = true
`
	c, problems := Parse("c.toml", []byte(src))
	if problems.HasErrors() || c == nil {
		t.Fatalf("Parse: %s", problems)
	}
	want := []Target{
		{Name: "production", Endpoint: "https://oss-cn-hangzhou.aliyuncs.com", Bucket: "fzbg-site", Prefix: "fzbg/2025/", Region: DefaultRegion, BaseURL: "https://fzbg.example.gov.cn/"},
		{Name: "minio", Endpoint: "http://127.0.0.1:9000/", Bucket: "site", Region: "cn-north-1", PathStyle: true},
	}
	if len(c.Deploy.Targets) != len(want) {
		t.Fatalf("targets %+v", c.Deploy.Targets)
	}
	for i, w := range want {
		if c.Deploy.Targets[i] != w {
			t.Errorf("target %d = %+v\nwant %+v", i, c.Deploy.Targets[i], w)
		}
	}
	for _, tc := range []struct{ name, want, err string }{
		{"minio", "minio", ""},
		{"production", "production", ""},
		{"", "", "defines 2 deploy targets (production, minio): choose one with --target"},
		{"staging", "", `no deploy target "staging" in config.toml (it defines production, minio)`},
	} {
		got, err := c.Deploy.Target(tc.name)
		if got.Name != tc.want || (err == nil) != (tc.err == "") || err != nil && err.Error() != "config.toml "+tc.err && !strings.Contains(err.Error(), tc.err) {
			t.Errorf("Target(%q) = %q, %v; want %q, %q", tc.name, got.Name, err, tc.want, tc.err)
		}
	}
	one := Deploy{Targets: want[:1]}
	if got, err := one.Target(""); err != nil || got.Name != "production" {
		t.Errorf("the only target: %q, %v", got.Name, err)
	}
	if _, err := (Deploy{}).Target(""); err == nil || !strings.Contains(err.Error(), "defines no [[deploy.targets]]") {
		t.Errorf("no target: %v", err)
	}
}

// TestDeployErrors checks each refusal with its position: a target's key
// is positioned where the key is first written, as the menu's are.
func TestDeployErrors(t *testing.T) {
	const ok = "[[deploy.targets]]\nname = \"p\"\nendpoint = \"https://s3.example.com\"\nbucket = \"site\"\n"
	for _, tc := range []struct{ name, src, want string }{
		{"no name", "[[deploy.targets]]\nendpoint = \"https://s3.example.com\"\nbucket = \"site\"\n", "c.toml:2:1: deploy.targets[0]: missing name"},
		{"bad name", strings.Replace(ok, `"p"`, `"Prod uction"`, 1), "c.toml:3:1: deploy.targets[0] (Prod uction).name: want lower-case"},
		{"twice", ok + ok, "c.toml:3:1: deploy.targets[1] (p).name: \"p\" is defined twice"},
		{"no endpoint", "[[deploy.targets]]\nname = \"p\"\nbucket = \"site\"\n", "deploy.targets[0] (p).endpoint: missing"},
		{"endpoint ftp", strings.Replace(ok, "https://s3.example.com", "ftp://s3.example.com", 1), "c.toml:4:1: deploy.targets[0] (p).endpoint: want an http(s)://host[:port] URL, got \"ftp://s3.example.com\""},
		{"endpoint path", strings.Replace(ok, "https://s3.example.com", "https://s3.example.com/site", 1), "endpoint: want only a scheme, a host and a port"},
		{"endpoint user", strings.Replace(ok, "https://s3.example.com", "https://AKIAXX:hunter2@s3.example.com", 1), "endpoint: credentials never go in the URL: set AWS_ACCESS_KEY_ID"},
		{"bucket upper", strings.Replace(ok, `"site"`, `"Site"`, 1), "c.toml:5:1: deploy.targets[0] (p).bucket: want 3 to 63"},
		{"bucket short", strings.Replace(ok, `"site"`, `"s"`, 1), ".bucket: want 3 to 63"},
		{"bucket dots", strings.Replace(ok, `"site"`, `"a..b"`, 1), ".bucket: want 3 to 63"},
		{"no bucket", "[[deploy.targets]]\nname = \"p\"\nendpoint = \"https://s3.example.com\"\n", ".bucket: want 3 to 63"},
		{"prefix slash", ok + "prefix = \"/site\"\n", "c.toml:6:1: deploy.targets[0] (p).prefix: want a folder without a leading /"},
		{"prefix dotdot", ok + "prefix = \"a/../b\"\n", ".prefix: want folder names without empty, . or .. parts"},
		{"prefix empty part", ok + "prefix = \"a//b\"\n", ".prefix: want folder names without empty"},
		{"prefix backslash", ok + "prefix = \"a\\\\b\"\n", ".prefix: want UTF-8 without control characters or backslashes"},
		{"region", ok + "region = \"CN North\"\n", ".region: want lower-case letters"},
		{"base_url", ok + "base_url = \"fzbg.example.gov.cn\"\n", ".base_url: want an absolute http(s) URL"},
		{"unknown key", ok + "acl = \"public-read\"\n", "c.toml:6:1: unknown key \"deploy.targets.acl\""},
		{"path_style type", ok + "path_style = \"yes\"\n", "c.toml:6:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, problems := Parse("c.toml", []byte(deployHead+tc.src))
			if c != nil || !strings.Contains(problems.String(), tc.want) {
				t.Errorf("got %v\n%s\nwant %q", c != nil, problems, tc.want)
			}
		})
	}
}

// TestDeploySecrets checks that a key named like a credential is an error
// saying where credentials go, wherever it is written, and that its value
// is never printed.
func TestDeploySecrets(t *testing.T) {
	const ok = "[[deploy.targets]]\nname = \"p\"\nendpoint = \"https://s3.example.com\"\nbucket = \"site\"\n"
	for _, key := range []string{"access_key", "secret_key", "secret", "password", "token", "session_token", "AWS_SECRET_ACCESS_KEY", "access-key-id", "credentials"} {
		for _, src := range []string{
			ok + key + " = \"hunter2-value\"\n",
			key + " = \"hunter2-value\"\n" + ok,
			ok + "[deploy.targets.auth]\n" + key + " = \"hunter2-value\"\n",
		} {
			c, problems := Parse("c.toml", []byte(deployHead+src))
			got := problems.String()
			if c != nil || !strings.Contains(got, ": credentials never go in config.toml: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY") ||
				!strings.Contains(got, "~/.aws/credentials") || strings.Contains(got, "hunter2") || strings.Contains(got, "unknown key \"deploy.targets."+key) {
				t.Errorf("%q:\n%s", src, got)
			}
		}
	}
	_, problems := Parse("c.toml", []byte(deployHead+"[[deploy.targets]]\nname = \"p\"\nsecret_key = \"x\"\n"))
	if !strings.Contains(problems.String(), "c.toml:4:1: deploy.targets.secret_key: credentials never go") {
		t.Errorf("position:\n%s", problems)
	}
}

// FuzzParse checks that any config.toml either parses to targets that
// keep to the rules the deploy relies on, or gives problems; and that the
// value of a key named like a credential is never printed.
func FuzzParse(f *testing.F) {
	f.Add(deployHead + "[[deploy.targets]]\nname = \"p\"\nendpoint = \"https://s3.example.com\"\nbucket = \"site\"\nprefix = \"a/b\"\n")
	f.Add(deployHead + "[[deploy.targets]]\nname = \"p\"\nsecret_key = \"zq9zq9\"\n")
	f.Add(deployHead + "[[menu]]\nname = \"a\"\nurl = \"\"\n[[metric]]\nkey = \"k\"\nlabel = \"l\"\nunit = \"件\"\nkind = \"count\"\n")
	f.Fuzz(func(t *testing.T, src string) {
		c, problems := Parse("c.toml", []byte(src))
		if c == nil {
			if !problems.HasErrors() {
				t.Fatalf("no config and no error")
			}
		} else {
			for _, tg := range c.Deploy.Targets {
				if tg.Prefix != "" && (!strings.HasSuffix(tg.Prefix, "/") || strings.HasPrefix(tg.Prefix, "/") || strings.Contains("/"+tg.Prefix, "/../") || strings.Contains(tg.Prefix, "//")) {
					t.Fatalf("prefix %q", tg.Prefix)
				}
				if tg.Region == "" || !bucketName.MatchString(tg.Bucket) || checkEndpoint(tg.Endpoint).Format != "" {
					t.Fatalf("target %+v", tg)
				}
			}
		}
		for _, p := range problems {
			key, _, found := strings.Cut(p.Message, ": credentials never go in config.toml")
			if found && strings.Contains(p.Message, "zq9zq9") && !strings.Contains(key, "zq9zq9") {
				t.Fatalf("a credential printed: %s", p)
			}
		}
	})
}
