package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// TestMain runs the tests in English, which they compare output with,
// unless PORTAL_LANG says otherwise; the tests of the languages pass
// --lang.
func TestMain(m *testing.M) {
	if os.Getenv(langEnv) == "" {
		os.Setenv(langEnv, "en")
	}
	os.Exit(m.Run())
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}

// TestHelpLanguages checks the --help of every command and the usage in
// both languages: in Chinese every flag is explained in Chinese, and
// --lang works before or after --help.
func TestHelpLanguages(t *testing.T) {
	for _, c := range commands {
		for _, args := range [][]string{{c.name, "--lang", "zh", "--help"}, {c.name, "--help", "--lang=zh"}, {"--lang", "zh", c.name, "--help"}} {
			var stdout, stderr bytes.Buffer
			if code := run(args, &stdout, &stderr); code != 0 {
				t.Errorf("%q: exit %d", args, code)
			}
			help := stderr.String()
			if !strings.HasPrefix(help, "用法：go run ./generator "+c.name) {
				t.Errorf("%q: not the Chinese help:\n%s", args, help)
			}
			lines := strings.Split(help, "\n")
			for i, l := range lines {
				if strings.HasPrefix(l, "    \t") && !hasHan(l) {
					t.Errorf("%q: flag %s explained in English: %s", args, strings.TrimSpace(lines[i-1]), l)
				}
			}
		}
		var stdout, stderr bytes.Buffer
		run([]string{c.name, "--help", "--lang", "en"}, &stdout, &stderr)
		if help := stderr.String(); !strings.HasPrefix(help, "Usage: go run ./generator "+c.name) || !strings.Contains(help, "-lang") {
			t.Errorf("%s --help --lang en: not the English help:\n%s", c.name, help)
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--lang", "zh", "--help"}, "generator 构建法治政府建设年度报告公开平台。"},
		{[]string{"--lang=en", "help"}, "generator builds the rule-of-law government report portal."},
		{[]string{"help"}, "generator builds"}, // PORTAL_LANG=en (TestMain)
	} {
		var stdout, stderr bytes.Buffer
		run(tc.args, &stdout, &stderr)
		if !strings.HasPrefix(stdout.String(), tc.want) {
			t.Errorf("%q: got\n%s", tc.args, stdout.String())
		}
	}
	t.Setenv(langEnv, "zh")
	var stdout, stderr bytes.Buffer
	run([]string{"help"}, &stdout, &stderr)
	if !strings.Contains(stdout.String(), "  build    把站点构建到 public/") {
		t.Errorf("PORTAL_LANG=zh: got\n%s", stdout.String())
	}
}

// TestBadLang checks that an unknown language is refused, naming it.
func TestBadLang(t *testing.T) {
	for _, args := range [][]string{{"--lang", "fr", "help"}, {"check", "--lang", "fr"}} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), `unknown language "fr": want zh or en`) {
			t.Errorf("%q: exit %d, %s", args, code, stderr.String())
		}
	}
}

// langSite is a site with a report whose metadata has the errors the
// issue names: a year in quotes, a misspelt key, an unknown metric near
// a catalog one, and two keys on one line.
const langSite = `
-- content/河南省/鲁山县/信访局-2024.txt --
鲁山县信访局2024年法治政府建设年度报告

一、主要举措和成效
全县信访总量1927件。
-- content/河南省/鲁山县/信访局-2024.toml --
title = "鲁山县信访局2024年法治政府建设年度报告"
agency = "信访局"
county = "鲁山县"
year = 2024
yaer = 2024
[metrics]
petition_total = 1927
-- content/河南省/鲁山县/司法局-2024.txt --
鲁山县司法局2024年法治政府建设年度报告
-- content/河南省/鲁山县/司法局-2024.toml --
title = "鲁山县司法局2024年法治政府建设年度报告"
agency = "司法局" county = "鲁山县"
year = "2024"
`

// TestCheckLanguages checks that check prints the problems and its
// summary in the language asked for.
func TestCheckLanguages(t *testing.T) {
	dir := writeFixture(t, langSite)
	root, _ := filepath.Abs("..")
	for _, name := range []string{"config.toml", "layouts"} {
		if err := os.Symlink(filepath.Join(root, name), filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"en", []string{
			`信访局-2024.toml:5:1: unknown key "yaer": did you mean "year"?`,
			`信访局-2024.toml:7:1: metrics.petition_total: no metric "petition_total" in the catalog (config.toml [[metric]]): did you mean "petitions_total"?`,
			`司法局-2024.toml:2:16: one key = value per line: start a new line after "agency = \"司法局\""`,
			"errors, ",
		}},
		{"zh", []string{
			`信访局-2024.toml:5:1: 未知的键 "yaer"：是不是 "year"？`,
			`信访局-2024.toml:7:1: metrics.petition_total：指标目录（config.toml [[metric]]）中没有指标 "petition_total"：是不是 "petitions_total"？`,
			`司法局-2024.toml:2:16: 每行只能写一个键值：在 "agency = \"司法局\"" 之后换行`,
			"个错误，",
		}},
	} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"check", "--lang", tc.lang, "--source", dir}, &stdout, &stderr); code != 1 {
			t.Errorf("%s: exit %d, %s", tc.lang, code, stderr.String())
		}
		for _, w := range tc.want {
			if !strings.Contains(stdout.String(), w) {
				t.Errorf("--lang %s: no %q in\n%s", tc.lang, w, stdout.String())
			}
		}
	}
	var stdout, stderr bytes.Buffer
	run([]string{"build", "--lang", "zh", "--source", dir, "--destination", t.TempDir(), "--cache-dir", t.TempDir()}, &stdout, &stderr)
	if !strings.Contains(stderr.String(), "构建失败（") || !strings.Contains(stderr.String(), "未知的键 \"yaer\"") {
		t.Errorf("build --lang zh:\n%s", stderr.String())
	}
}

// TestBuildSummaryLanguages checks that build ends with its summary, and
// shows its stages, in the language asked for.
func TestBuildSummaryLanguages(t *testing.T) {
	dir := writeFixture(t, `
-- content/河南省/鲁山县/信访局-2024.txt --
鲁山县信访局2024年法治政府建设年度报告

一、主要举措和成效
全县信访总量1927件。
-- content/河南省/鲁山县/信访局-2024.toml --
title = "鲁山县信访局2024年法治政府建设年度报告"
agency = "信访局"
county = "鲁山县"
year = 2024
published = 2025-03-01
`)
	root, _ := filepath.Abs("..")
	for _, name := range []string{"config.toml", "layouts"} {
		if err := os.Symlink(filepath.Join(root, name), filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ lang, summary, stage string }{
		{"en", "built 1 reports, 1 counties, ", "render "},
		{"zh", "已构建 1 份报告、1 个县、", "渲染 "},
	} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"build", "--lang", tc.lang, "--source", dir, "--destination", t.TempDir(), "--cache-dir", t.TempDir()}, &stdout, &stderr); code != 0 {
			t.Fatalf("%s: exit %d, %s", tc.lang, code, stderr.String())
		}
		if !strings.HasPrefix(stdout.String(), tc.summary) || !strings.Contains(stderr.String(), tc.stage) {
			t.Errorf("--lang %s: stdout %q, stderr %q", tc.lang, stdout.String(), stderr.String())
		}
	}
}

// TestHelpFormatsLanguages checks that the help of new and extract lists
// the report formats in the language asked for.
func TestHelpFormatsLanguages(t *testing.T) {
	for _, name := range []string{"new", "extract"} {
		for _, tc := range []struct{ lang, want, not string }{
			{"en", ".txt (plain text)", "纯文本"},
			{"zh", ".txt（纯文本）", "plain text"},
		} {
			var stdout, stderr bytes.Buffer
			run([]string{name, "--lang", tc.lang, "--help"}, &stdout, &stderr)
			help := stdout.String() + stderr.String()
			if !strings.Contains(help, tc.want) || strings.Contains(help, tc.not) {
				t.Errorf("%s --lang %s --help:\n%s", name, tc.lang, help)
			}
		}
	}
}

// TestExtractConfigLanguages checks that extract shows the problems of
// a bad config.toml in the language asked for.
func TestExtractConfigLanguages(t *testing.T) {
	dir := writeFixture(t, "-- config.toml --\ntitle = \"x\"\nyaer = 1\n-- a.txt --\n全县信访总量1927件。\n")
	for _, tc := range []struct{ lang, want string }{
		{"en", `config.toml:2:1: unknown key "yaer"`},
		{"zh", `config.toml:2:1: 未知的键 "yaer"`},
	} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"extract", "--lang", tc.lang, "--source", dir, filepath.Join(dir, "a.txt")}, &stdout, &stderr); code == 0 || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("--lang %s: exit %d, %s", tc.lang, code, stderr.String())
		}
	}
}
