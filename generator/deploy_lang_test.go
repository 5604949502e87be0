package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/generator/internal/output"
	"portal/generator/internal/s3test"
)

// deployConfig writes a config.toml in a new site root whose one deploy
// target is the bucket at endpoint (none when bucket is ""), and returns
// the root.
func deployConfig(t *testing.T, endpoint, bucket string) string {
	root := t.TempDir()
	cfg := "title = \"x\"\n"
	if bucket != "" {
		cfg += fmt.Sprintf("[[deploy.targets]]\nname = \"test\"\nendpoint = %q\nbucket = %q\npath_style = true\n", endpoint, bucket)
	}
	if err := os.WriteFile(filepath.Join(root, "config.toml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

// builtSite writes a site as the generator publishes it: its marker and
// two pages.
func builtSite(t *testing.T) string {
	dir := filepath.Join(t.TempDir(), "public")
	os.MkdirAll(filepath.Join(dir, "years"), 0o755)
	for name, text := range map[string]string{output.Marker: "", "index.html": "<p>首页</p>", "years/index.html": "<p>年度</p>"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestDeployErrorLanguages checks that deploy's refusals are printed in
// --lang's language: no target, not a built site, no credentials.
func TestDeployErrorLanguages(t *testing.T) {
	s3test.SetCredentials(t, "", "")
	none := deployConfig(t, "", "")
	one := deployConfig(t, "http://127.0.0.1:9", "fzbg")
	bare := t.TempDir()
	site := builtSite(t)
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		en, zh string
	}{
		{"no target", []string{"--source", none}, 2, "deploy: config.toml defines no [[deploy.targets]]", "deploy：config.toml 中没有定义 [[deploy.targets]]"},
		{"not a site", []string{"--source", one, "--destination", bare}, 1,
			"deploy: " + bare + ": not a site the generator built (no .portal-site marker): build it first (go run ./generator build)",
			"deploy：" + bare + "：不是本生成器构建的站点（没有 .portal-site 标记文件）：请先构建（go run ./generator build）"},
		{"no credentials", []string{"--source", one, "--destination", site}, 1,
			"deploy target test: no credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) in the environment, or put them in ~/.aws/credentials and choose the profile with AWS_PROFILE",
			"部署目标 test：找不到凭据：请在环境变量中设置 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY（以及 AWS_SESSION_TOKEN），或写入 ~/.aws/credentials 并用 AWS_PROFILE 选择配置"},
	} {
		for _, lang := range []string{"en", "zh"} {
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"deploy", "--lang", lang}, tc.args...), &stdout, &stderr)
			want := map[string]string{"en": tc.en, "zh": tc.zh}[lang]
			if code != tc.code || stderr.String() != want+"\n" || stdout.Len() != 0 {
				t.Errorf("%s, --lang %s: exit %d, stdout %q, stderr\n%q\nwant exit %d, stderr\n%q", tc.name, lang, code, stdout.String(), stderr.String(), tc.code, want+"\n")
			}
		}
	}
}

// TestDeployLanguages deploys to the test S3 server with --lang zh and
// en: the dry run's plan and the summary line are in the language asked
// for.
func TestDeployLanguages(t *testing.T) {
	endpoint := s3test.Need(t)
	s3test.SetCredentials(t, s3test.Access, s3test.Secret)
	for _, tc := range []struct {
		lang                string
		plan, done, summary string
	}{
		{"en", "deploy plan for test (bucket %s at %s):\n  upload    2 files (", "deployed to test (bucket %s at %s): ", "2 uploaded ("},
		{"zh", "test（存储桶 %s，地址 %s）的部署计划：\n  上传      2 个文件（", "已部署到 test（存储桶 %s，地址 %s）：", "已上传 2 个（"},
	} {
		target := s3test.NewBucket(t, endpoint, endpoint)
		root := deployConfig(t, endpoint, target.Bucket)
		site := builtSite(t)
		var stdout, stderr bytes.Buffer
		args := []string{"deploy", "--lang", tc.lang, "--source", root, "--destination", site}
		if code := run(append(args, "--dry-run"), &stdout, &stderr); code != 0 {
			t.Fatalf("--lang %s --dry-run: exit %d: %s", tc.lang, code, stderr.String())
		}
		if want := fmt.Sprintf(tc.plan, target.Bucket, endpoint); !strings.HasPrefix(stdout.String(), want) {
			t.Errorf("--lang %s: plan\n%s\nwant it to start with\n%s", tc.lang, stdout.String(), want)
		}
		stdout.Reset()
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("--lang %s: exit %d: %s", tc.lang, code, stderr.String())
		}
		if want := fmt.Sprintf(tc.done, target.Bucket, endpoint) + tc.summary; !strings.HasPrefix(stdout.String(), want) {
			t.Errorf("--lang %s: %q, want it to start with %q", tc.lang, stdout.String(), want)
		}
	}
}
