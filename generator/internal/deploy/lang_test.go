package deploy

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"portal/generator/internal/config"
	"portal/generator/internal/diag"
	"portal/generator/internal/output"
)

// langSecret is the secret of the bucket of TestErrorLanguages, which a
// server quotes in one of its answers.
const langSecret = "Zq81-secret-key"

// TestErrorLanguages checks each way a request of a deploy fails, in both
// languages: one line naming the target, what failed in words, and the
// secret in neither language.
func TestErrorLanguages(t *testing.T) {
	b := &Bucket{Target: config.Target{Name: "test", Bucket: "fzbg", Prefix: "site/", Endpoint: "http://127.0.0.1:9"}, secrets: []string{langSecret}}
	const en = "deploy to test (bucket fzbg, prefix site/ at http://127.0.0.1:9): "
	const zh = "部署到 test（存储桶 fzbg，前缀 site/，地址 http://127.0.0.1:9）："
	refused := &url.Error{Op: "Get", URL: "http://127.0.0.1:9/fzbg", Err: &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}}
	for _, tc := range []struct {
		name   string
		err    error
		en, zh string
	}{
		{"wrong secret", b.fail(diag.Msgf("list the bucket"), minio.ErrorResponse{Code: "SignatureDoesNotMatch", StatusCode: 403}),
			en + "wrong credentials (SignatureDoesNotMatch): the bucket does not accept the access key or secret it was given: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) in the environment, or put them in ~/.aws/credentials and choose the profile with AWS_PROFILE",
			zh + "凭据有误（SignatureDoesNotMatch）：存储桶不接受所给的访问密钥或私密密钥：请在环境变量中设置 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY（以及 AWS_SESSION_TOKEN），或写入 ~/.aws/credentials 并用 AWS_PROFILE 选择配置"},
		{"missing bucket", b.fail(diag.Msgf("list the bucket"), minio.ErrorResponse{Code: "NoSuchBucket", StatusCode: 404}),
			en + "the bucket does not exist", zh + "存储桶不存在"},
		{"unreachable endpoint", b.fail(diag.Msgf("list the bucket"), refused),
			en + "cannot list the bucket: the endpoint cannot be reached (dial tcp: connect: connection refused)",
			zh + "无法列出存储桶：无法连接端点（dial tcp: connect: connection refused）"},
		{"unknown host", b.fail(diag.Msgf("read the metadata of %s", "index.html"), &net.DNSError{Err: "no such host", Name: "oss.example.cn"}),
			en + "cannot read the metadata of index.html: the endpoint's host is not found (no such host)",
			zh + "无法读取 index.html 的元数据：找不到端点的主机（no such host）"},
		{"refused upload", b.fail(diag.Msgf("upload %s", "years/index.html"), minio.ErrorResponse{Code: "AccessDenied", StatusCode: 403}),
			en + "access denied: the credentials may not upload years/index.html", zh + "拒绝访问：凭据无权上传 years/index.html"},
		{"refused delete", b.fail(diag.Msgf("delete %s", "old\x1b.html"), minio.ErrorResponse{Code: "EntityTooLarge", StatusCode: 400, Message: "Too large."}),
			en + `cannot delete old\x1b.html: Too large (EntityTooLarge, HTTP 400)`, zh + `无法删除 old\x1b.html：Too large（EntityTooLarge，HTTP 400）`},
		{"a server quoting the secret", b.fail(diag.Msgf("read %s", ManifestName), minio.ErrorResponse{Code: "InvalidArgument", StatusCode: 400, Message: "the secret " + langSecret + " is wrong\nsee the log"}),
			en + `cannot read .portal-deploy.json: the secret [redacted] is wrong\nsee the log (InvalidArgument, HTTP 400)`,
			zh + `无法读取 .portal-deploy.json：the secret [redacted] is wrong\nsee the log（InvalidArgument，HTTP 400）`},
		{"interrupted", b.fail(diag.Msgf("upload %s", "a"), context.Canceled),
			en + "interrupted: context canceled", zh + "已中断：context canceled"},
	} {
		if tc.err.Error() != tc.en {
			t.Errorf("%s: Error\n got %q\nwant %q", tc.name, tc.err.Error(), tc.en)
		}
		if got := diag.ErrorTextIn(tc.err, diag.En); got != tc.en {
			t.Errorf("%s in English:\n got %q\nwant %q", tc.name, got, tc.en)
		}
		if got := diag.ErrorTextIn(tc.err, diag.Zh); got != tc.zh {
			t.Errorf("%s in Chinese:\n got %q\nwant %q", tc.name, got, tc.zh)
		}
	}
}

// TestOpenLanguages checks the errors of opening a target in both
// languages: a bad endpoint, and no credentials.
func TestOpenLanguages(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "")
	t.Setenv("AWS_SESSION_TOKEN", "")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_PROFILE", "portal")
	_, endpointErr := Open(config.Target{Name: "test", Endpoint: "oss.example.cn"})
	_, credErr := Open(config.Target{Name: "test", Endpoint: "http://127.0.0.1:9", Bucket: "fzbg"})
	for _, tc := range []struct {
		name   string
		err    error
		en, zh string
	}{
		{"endpoint", endpointErr, "deploy target test: endpoint: want an http(s)://host[:port] URL", "部署目标 test：endpoint：应为 http(s)://主机[:端口] 形式的网址"},
		{"credentials", credErr, "deploy target test: no credentials found (AWS_PROFILE=portal): set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) in the environment, or put them in ~/.aws/credentials and choose the profile with AWS_PROFILE",
			"部署目标 test：找不到凭据（AWS_PROFILE=portal）：请在环境变量中设置 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY（以及 AWS_SESSION_TOKEN），或写入 ~/.aws/credentials 并用 AWS_PROFILE 选择配置"},
	} {
		if tc.err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		if got := diag.ErrorTextIn(tc.err, diag.En); got != tc.en || tc.err.Error() != tc.en {
			t.Errorf("%s in English:\n got %q\nwant %q", tc.name, got, tc.en)
		}
		if got := diag.ErrorTextIn(tc.err, diag.Zh); got != tc.zh {
			t.Errorf("%s in Chinese:\n got %q\nwant %q", tc.name, got, tc.zh)
		}
	}
}

// TestSiteLanguages checks the refusals of a built site in both
// languages: no marker, a symbolic link in it, a file changed since it
// was read.
func TestSiteLanguages(t *testing.T) {
	bare := t.TempDir()
	_, bareErr := ReadSite(bare)
	linked := t.TempDir()
	os.WriteFile(filepath.Join(linked, output.Marker), nil, 0o644)
	if err := os.Symlink("/etc/passwd", filepath.Join(linked, "passwd")); err != nil {
		t.Skip(err)
	}
	_, linkErr := ReadSite(linked)
	changed := t.TempDir()
	os.WriteFile(filepath.Join(changed, output.Marker), nil, 0o644)
	os.WriteFile(filepath.Join(changed, "index.html"), []byte("one"), 0o644)
	s, err := ReadSite(changed)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	os.WriteFile(filepath.Join(changed, "index.html"), []byte("two"), 0o644)
	_, changedErr := s.read(s.Files[0])
	for _, tc := range []struct {
		name   string
		err    error
		en, zh string
	}{
		{"no marker", bareErr, bare + ": not a site the generator built (no .portal-site marker): build it first (go run ./generator build)", bare + "：不是本生成器构建的站点（没有 .portal-site 标记文件）：请先构建（go run ./generator build）"},
		{"link", linkErr, filepath.Join(linked, "passwd") + ": a symbolic link or special file in the site: a deploy sends regular files only", filepath.Join(linked, "passwd") + "：站点中有符号链接或特殊文件：部署只发送普通文件"},
		{"changed", changedErr, filepath.Join(changed, "index.html") + ": changed since the deploy read it (a build ran meanwhile): deploy again", filepath.Join(changed, "index.html") + "：部署读取之后被改动（期间运行了构建）：请重新部署"},
	} {
		if tc.err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		if got := diag.ErrorTextIn(tc.err, diag.En); got != tc.en || tc.err.Error() != tc.en {
			t.Errorf("%s in English:\n got %q\nwant %q", tc.name, got, tc.en)
		}
		if got := diag.ErrorTextIn(tc.err, diag.Zh); got != tc.zh {
			t.Errorf("%s in Chinese:\n got %q\nwant %q", tc.name, got, tc.zh)
		}
	}
}

// TestPlanLanguages checks the dry run's plan, the summary and the
// progress line in both languages.
func TestPlanLanguages(t *testing.T) {
	b := &Bucket{Target: config.Target{Name: "test", Bucket: "fzbg", Endpoint: "http://127.0.0.1:9"}}
	damaged := &Error{text: "x", msg: diag.Msgf("the bucket does not exist")}
	p := &Plan{
		Uploads:   []Upload{{File: File{Path: "index.html", Size: 2048}, New: true}, {File: File{Path: "counties/410423/sifaju-2025/index.html", Size: 1024}}},
		Unchanged: []Entry{{Path: "a.css"}},
		Deletes:   []string{"robots.txt"},
		Kept:      []string{"notes.txt"},
		Warnings:  []diag.Msg{diag.Msgf("%v: each object's metadata is read instead", damaged)},
		target:    b.Name(),
	}
	sum := Summary{Uploaded: 2, Unchanged: 1, Deleted: 1, Kept: 1, Bytes: 3072, Duration: 1500 * time.Millisecond}
	for _, tc := range []struct {
		lang                    diag.Lang
		plan, summary, progress string
	}{
		{diag.En, "deploy plan for test (bucket fzbg at http://127.0.0.1:9):\n" +
			"  upload    2 files (3.0 KB; 1 new, 1 changed)\n" +
			"            1 report pages\n" +
			"            1 listing pages\n" +
			"  unchanged 1 files\n" +
			"  delete    1 files\n" +
			"  keep      1 objects no deploy uploaded\n" +
			"warning: x: each object's metadata is read instead\n",
			"2 uploaded (3.0 KB), 1 unchanged, 1 deleted, 1 kept (not the deploy's) in 1.5s",
			"\ruploading: 1/2 files, 2.0 KB/3.0 KB\x1b[K"},
		{diag.Zh, "test（存储桶 fzbg，地址 http://127.0.0.1:9）的部署计划：\n" +
			"  上传      2 个文件（3.0 KB；新增 1 个，改动 1 个）\n" +
			"            1 报告页面\n" +
			"            1 列表页面\n" +
			"  未变      1 个文件\n" +
			"  删除      1 个文件\n" +
			"  保留      1 个不是部署上传的对象\n" +
			"警告：存储桶不存在：改为逐个读取对象的元数据\n",
			"已上传 2 个（3.0 KB），未变 1 个，已删除 1 个，保留 1 个（不是部署上传的），用时 1.5 秒",
			"\r正在上传：1/2 个文件，2.0 KB/3.0 KB\x1b[K"},
	} {
		var out bytes.Buffer
		p.Print(&out, false, tc.lang)
		if out.String() != tc.plan {
			t.Errorf("%s: plan\n%s\nwant\n%s", tc.lang, out.String(), tc.plan)
		}
		if got := sum.Msg().Text(tc.lang); got != tc.summary {
			t.Errorf("%s: summary %q, want %q", tc.lang, got, tc.summary)
		}
		out.Reset()
		pr := &progress{w: &out, lang: tc.lang, total: 2, totalBytes: 3072}
		pr.add(2048)
		pr.print()
		if out.String() != tc.progress {
			t.Errorf("%s: progress %q, want %q", tc.lang, out.String(), tc.progress)
		}
	}
	if !strings.HasPrefix(sum.String(), "2 uploaded") {
		t.Errorf("summary in English: %s", sum)
	}
}

// TestManifestLanguages checks why a damaged manifest is not trusted, in
// both languages.
func TestManifestLanguages(t *testing.T) {
	sha := strings.Repeat("a", 64)
	big, most := strconv.Itoa(MaxManifest+1), strconv.Itoa(MaxManifest)
	for _, tc := range []struct {
		src, en, zh string
	}{
		{`{"format":"portal-deploy/2","files":[]}`, `format "portal-deploy/2", want "portal-deploy/1"`, `格式为 "portal-deploy/2"，应为 "portal-deploy/1"`},
		{`{"format":"portal-deploy/1","files":[{"path":"../x","sha256":"` + sha + `","etag":"e","size":1}]}`, `a path outside the site: "../x"`, `站点之外的路径："../x"`},
		{`{"format":"portal-deploy/1","files":[{"path":"x","sha256":"abc","etag":"e","size":1}]}`, `x: not a SHA-256: "abc"`, `x：不是 SHA-256："abc"`},
		{`{"format":"portal-deploy/1","files":[{"path":"x","sha256":"` + sha + `","etag":"","size":1}]}`, `x: not an ETag: ""`, `x：不是 ETag：""`},
		{`{"format":"portal-deploy/1","files":[{"path":"x","sha256":"` + sha + `","etag":"e","size":-1}]}`, `x: size -1`, `x：大小为 -1`},
		{`{"format":"portal-deploy/1","files":[]} {}`, "data after the manifest", "清单之后还有数据"},
		{strings.Repeat(" ", MaxManifest+1), "too large (" + big + " bytes, at most " + most + ")", "太大（" + big + " 字节，最多 " + most + " 字节）"},
	} {
		_, err := ParseManifest([]byte(tc.src))
		if err == nil {
			t.Errorf("%.60s: no error", tc.src)
			continue
		}
		if got := diag.ErrorTextIn(err, diag.En); got != tc.en || err.Error() != tc.en {
			t.Errorf("%.60s in English: %q, want %q", tc.src, got, tc.en)
		}
		if got := diag.ErrorTextIn(err, diag.Zh); got != tc.zh {
			t.Errorf("%.60s in Chinese: %q, want %q", tc.src, got, tc.zh)
		}
	}
}
