package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/generator/internal/diag"
)

// TestMessageLanguages checks the messages of a config.toml in both
// languages: a file that cannot be read as one, and a deploy target with
// a bad endpoint and prefix.
func TestMessageLanguages(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.toml")
	if err := os.WriteFile(big, []byte(strings.Repeat("#", MaxSize+1)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, bigErr := ReadFile(big)
	_, dirErr := ReadFile(dir)
	_, problems := Parse("config.toml", []byte("title = \"x\"\n[[deploy.targets]]\nname = \"a\"\nendpoint = \"https://u:p@oss.example.cn\"\nbucket = \"fzbg\"\nprefix = \"/x\"\n"))
	for _, tc := range []struct {
		name   string
		en, zh string
	}{
		{"too large", diag.ErrorTextIn(bigErr, diag.En), diag.ErrorTextIn(bigErr, diag.Zh)},
		{"not a file", diag.ErrorTextIn(dirErr, diag.En), diag.ErrorTextIn(dirErr, diag.Zh)},
		{"deploy", strings.TrimSpace(problems.Text(diag.En)), strings.TrimSpace(problems.Text(diag.Zh))},
	} {
		want := map[string][2]string{
			"too large":  {big + ": config: too large (at most 1 MB)", big + "：站点配置：太大（最多 1 MB）"},
			"not a file": {dir + ": not a regular file", dir + "：不是普通文件"},
			"deploy": {"config.toml:4:1: deploy.targets[0] (a).endpoint: credentials never go in the URL: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) in the environment, or put them in ~/.aws/credentials and choose the profile with AWS_PROFILE\n" +
				"config.toml:6:1: deploy.targets[0] (a).prefix: want a folder without a leading /, got \"/x\"",
				"config.toml:4:1: deploy.targets[0] (a).endpoint：凭据绝不能写在网址中：请在环境变量中设置 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY（以及 AWS_SESSION_TOKEN），或写入 ~/.aws/credentials 并用 AWS_PROFILE 选择配置\n" +
					"config.toml:6:1: deploy.targets[0] (a).prefix：应为开头不带 / 的文件夹，实际为 \"/x\""},
		}[tc.name]
		if tc.en != want[0] {
			t.Errorf("%s in English:\n got %q\nwant %q", tc.name, tc.en, want[0])
		}
		if tc.zh != want[1] {
			t.Errorf("%s in Chinese:\n got %q\nwant %q", tc.name, tc.zh, want[1])
		}
	}
}

// TestTargetLanguages checks the errors of choosing a deploy target in
// both languages.
func TestTargetLanguages(t *testing.T) {
	two := Deploy{Targets: []Target{{Name: "a"}, {Name: "b"}}}
	_, none := Deploy{}.Target("")
	_, many := two.Target("")
	_, unknown := two.Target("c")
	for _, tc := range []struct {
		err    error
		en, zh string
	}{
		{none, "config.toml defines no [[deploy.targets]]", "config.toml 中没有定义 [[deploy.targets]]"},
		{many, "config.toml defines 2 deploy targets (a, b): choose one with --target", "config.toml 中定义了 2 个部署目标（a, b）：请用 --target 选择一个"},
		{unknown, `no deploy target "c" in config.toml (it defines a, b)`, `config.toml 中没有部署目标 "c"（已定义的有 a, b）`},
	} {
		if got := diag.ErrorTextIn(tc.err, diag.En); got != tc.en {
			t.Errorf("English: %q, want %q", got, tc.en)
		}
		if got := diag.ErrorTextIn(tc.err, diag.Zh); got != tc.zh {
			t.Errorf("Chinese: %q, want %q", got, tc.zh)
		}
	}
}
