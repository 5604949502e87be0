package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/tools/txtar"

	"portal/generator/internal/build"
)

// writeFixture writes a txtar archive of content files into a directory.
func writeFixture(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const mixedContent = `
-- 平顶山/叶县-司法局-2024.md --
+++
title = "叶县司法局2024年度法治政府建设情况报告"
agency = "司法局"
county = "叶县"
year = 2024
published = 2025-03-10
doc_number = "叶司〔2025〕2号"
+++
## 一、主要举措和成效

### （一）深化普法宣传

全年开展普法活动12场次。<script>alert(1)</script>

| 项目 | 数量 |
|---|---|
| 调解 | 30 |

[危险链接](javascript:alert(1))
-- deep/a/b/c/叶县-司法局-2023.txt --
叶县司法局2023年度法治政府建设情况报告
一、主要举措和成效
全年开展普法活动8场次。
-- deep/a/b/c/叶县-司法局-2023.toml --
title = "叶县司法局2023年度法治政府建设情况报告"
agency = "叶县司法局"
county = "叶县"
province = "河南"
year = 2023
published = 2024-03-01
`

// TestMixedFormats builds Markdown with front matter, a GB18030 text file
// and a deep layout together, and checks what a reader gets.
func TestMixedFormats(t *testing.T) {
	dir := writeFixture(t, mixedContent)
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String("叶县司法局2022年度法治政府建设情况报告\r\n一、主要举措和成效\r\n依法行政。\r\n")
	os.WriteFile(filepath.Join(dir, "gb.txt"), []byte(gb), 0o644)
	os.WriteFile(filepath.Join(dir, "gb.toml"), []byte("title = \"叶县司法局2022年度报告\"\nagency = \"司法局\"\ncounty = \"叶县\"\nyear = 2022\n"), 0o644)
	dest, res := buildSite(t, dir)
	if len(res.Site.Reports) != 3 || len(res.Site.Counties) != 1 {
		t.Fatalf("%d reports in %d counties, want 3 in 1", len(res.Site.Reports), len(res.Site.Counties))
	}
	md := read(t, dest, "counties/410422/sifaju-2024/index.html")
	for _, want := range []string{`<table>`, `id="s1"`, `叶司〔2025〕2号`, "2023年度", "2022年度"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown report page lacks %q", want)
		}
	}
	for _, bad := range []string{"<script>alert", `href="javascript:`} {
		if strings.Contains(md, bad) {
			t.Errorf("Markdown report page contains %q", bad)
		}
	}
	if !strings.Contains(read(t, dest, "counties/410422/sifaju-2022/index.html"), "依法行政。") {
		t.Error("GB18030 report not decoded")
	}
	if b := read(t, dest, "counties/410422/sifaju-2022/sifaju-2022.txt"); b != gb {
		t.Error("the download is not the original bytes")
	}
}

// buildWith builds the site of o, as the build command does.
func buildWith(o build.Options) (build.Result, error) {
	return build.Run(context.Background(), o)
}

// TestIntakeWithoutMetadata builds reports as an editor receives them:
// no TOML, the facts in the path (a county's and a prefecture-level
// bureau's), the title in the text; and checks where they appear.
func TestIntakeWithoutMetadata(t *testing.T) {
	dir := writeFixture(t, `
-- 河南省/信阳市/信访局-2024.txt --
信阳市信访局2024年度法治政府建设情况报告
一、主要举措和成效
全市信访总量2311件。

信阳市信访局
2025年1月10日
-- 河南省/鲁山县/司法局-2024.txt --
鲁山县司法局2024年度法治政府建设情况报告
一、主要举措和成效
依法行政。
`)
	dest, res := buildSite(t, dir)
	if len(res.Site.Reports) != 2 {
		t.Fatalf("%d reports, want 2", len(res.Site.Reports))
	}
	city := read(t, dest, "regions/henan/xinyang/index.html")
	if !strings.Contains(city, "信阳市（市本级）") || !strings.Contains(city, "411500") {
		t.Error("the city page does not list the city's own agencies (市本级)")
	}
	county := read(t, dest, "counties/411500/index.html")
	if !strings.Contains(county, "<h1>信阳市（市本级）</h1>") || !strings.Contains(county, "信阳市信访局2024年度法治政府建设情况报告") {
		t.Error("the city's own page lacks its heading or its report")
	}
	if page := read(t, dest, "counties/410423/sifaju-2024/index.html"); !strings.Contains(page, "<title>鲁山县司法局2024年度法治政府建设情况报告") {
		t.Error("the title was not taken from the text")
	}
	feed := read(t, dest, "atom.xml")
	if strings.Count(feed, "<entry>") != 2 || !strings.Contains(feed, "<updated>2025-01-10T00:00:00+08:00</updated>") {
		t.Errorf("the feed does not list both reports, dated by the signature when unpublished:\n%s", feed)
	}
}

// TestDeployChecksBaseURL checks that deploy refuses a site built for
// another address than the target serves it at, before any upload.
func TestDeployChecksBaseURL(t *testing.T) {
	root := t.TempDir()
	cfg, err := os.ReadFile("../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	cfg = append(cfg, "\n[[deploy.targets]]\nname = \"staging\"\nendpoint = \"http://127.0.0.1:9\"\nbucket = \"fzbg\"\nbase_url = \"https://staging.example.gov.cn/\"\n"...)
	os.WriteFile(filepath.Join(root, "config.toml"), cfg, 0o644)
	f := siteFlags{source: "..", content: "../content", destination: filepath.Join(root, "public")}
	o := f.options()
	o.BaseURL = "https://www.example.gov.cn/fzbg/"
	if res, err := buildWith(o); err != nil || res.Problems.HasErrors() {
		t.Fatal(err, res.Problems)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"deploy", "--lang", "en", "--source", root, "--destination", o.Destination, "--target", "staging"}, &stdout, &stderr)
	want := `was built for "https://www.example.gov.cn/fzbg/", the target staging serves it at "https://staging.example.gov.cn/": build it for the target first`
	if code != 1 || !strings.Contains(stderr.String(), want) {
		t.Errorf("exit %d, stderr %q, want %q", code, stderr.String(), want)
	}
}

// TestPDFAndOFDReports builds a PDF and an OFD submission as an editor
// files them (path metadata, no TOML): each gets a report page with its
// headings and signature, and its original for download; a scanned PDF
// and a file that is no PDF are errors naming them.
func TestPDFAndOFDReports(t *testing.T) {
	dir := t.TempDir()
	copyFile := func(from, to string) {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Dir(filepath.Join(dir, to)), 0o755)
		os.WriteFile(filepath.Join(dir, to), b, 0o644)
	}
	copyFile("testdata/pdf/000_4d11b1ed24a01354.pdf", "河南省/鲁山县/信访局-2024.pdf")
	copyFile("testdata/ofd/n.ofd", "浙江省/路桥区/卫生局-2011.ofd")
	os.WriteFile(filepath.Join(dir, "浙江省/路桥区/卫生局-2011.toml"), []byte("published = 2011-06-01\n"), 0o644)
	dest, res := buildSite(t, dir)
	if len(res.Site.Reports) != 2 {
		t.Fatalf("%d reports, want 2", len(res.Site.Reports))
	}
	page := read(t, dest, "counties/410423/xinfangju-2024/index.html")
	for _, want := range []string{"鲁山县信访局2024年度法治政府建设情况报告", "一、", "全县信访总量1927件", `xinfangju-2024/xinfangju-2024.pdf"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the PDF report's page lacks %q", want)
		}
	}
	if b := read(t, dest, "counties/410423/xinfangju-2024/xinfangju-2024.pdf"); !strings.HasPrefix(b, "%PDF-") {
		t.Error("the PDF is not offered for download as received")
	}
	var ofdPage string
	for _, r := range res.Site.Reports {
		if r.Source.Format == ".ofd" {
			ofdPage = read(t, dest, r.URL+"index.html")
		}
	}
	if !strings.Contains(ofdPage, "路卫发〔2011〕76号") {
		t.Error("the OFD report's page lacks its 文号")
	}

	bad := t.TempDir()
	for name, data := range map[string]string{"河南省/鲁山县/司法局-2024.pdf": "not a pdf", "河南省/鲁山县/公安局-2024.ofd": "not a zip"} {
		os.MkdirAll(filepath.Dir(filepath.Join(bad, name)), 0o755)
		os.WriteFile(filepath.Join(bad, name), []byte(data), 0o644)
	}
	b, _ := os.ReadFile("testdata/pdf/scanned.pdf")
	os.WriteFile(filepath.Join(bad, "河南省/鲁山县/教育局-2024.pdf"), b, 0o644)
	res, err := buildWith(siteFlags{source: "..", content: bad, destination: filepath.Join(t.TempDir(), "public")}.options())
	got := res.Problems.String()
	for _, want := range []string{"司法局-2024.pdf: not a PDF file", "公安局-2024.ofd: not an OFD file", "教育局-2024.pdf: "} {
		if err != nil || !strings.Contains(got, want) {
			t.Errorf("%v: no %q in\n%s", err, want, got)
		}
	}
	if !strings.Contains(got, "扫描件") {
		t.Errorf("the scanned PDF's error does not say it is a scan:\n%s", got)
	}
}
