package config

import (
	"strings"
	"testing"

	"portal/generator/internal/diag"
)

// TestRedactLanguages checks that an endpoint or base_url with an @ that
// does not parse as wanted is never quoted, in either language, and that
// one without is quoted as written.
func TestRedactLanguages(t *testing.T) {
	_, problems := Parse("config.toml", []byte("title = \"x\"\n[[deploy.targets]]\nname = \"a\"\nendpoint = \"oss.example.cn/u:hunter22@x\"\nbucket = \"fzbg\"\nbase_url = \"ftp://u:hunter22@example.cn/\"\n"))
	_, plain := Parse("b.toml", []byte("title = \"x\"\n[[deploy.targets]]\nname = \"b\"\nendpoint = \"oss.example.cn\"\nbucket = \"fzbg\"\n"))
	problems.Add(plain...)
	for _, tc := range []struct {
		lang diag.Lang
		want string
	}{
		{diag.En, "b.toml:4:1: deploy.targets[0] (b).endpoint: want an http(s)://host[:port] URL, got \"oss.example.cn\"\n" +
			"config.toml:4:1: deploy.targets[0] (a).endpoint: want an http(s)://host[:port] URL, got \"(a URL with @, not shown)\"\n" +
			"config.toml:6:1: deploy.targets[0] (a).base_url: want an absolute http(s) URL, got \"(a URL with @, not shown)\""},
		{diag.Zh, "b.toml:4:1: deploy.targets[0] (b).endpoint：应为 http(s)://主机[:端口] 形式的网址，实际为 \"oss.example.cn\"\n" +
			"config.toml:4:1: deploy.targets[0] (a).endpoint：应为 http(s)://主机[:端口] 形式的网址，实际为 \"（含 @ 的网址，不予显示）\"\n" +
			"config.toml:6:1: deploy.targets[0] (a).base_url：应为完整的 http(s) 网址，实际为 \"（含 @ 的网址，不予显示）\""},
	} {
		problems.Sort()
		got := strings.TrimSpace(problems.Text(tc.lang))
		if got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.lang, got, tc.want)
		}
		if strings.Contains(got, "hunter22") {
			t.Errorf("%s: the password is shown: %s", tc.lang, got)
		}
	}
}
