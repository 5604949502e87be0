package main

import (
	"cmp"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"portal/generator/internal/diag"
	"portal/generator/internal/format"
)

// langEnv names the environment variable that sets the language of
// messages and help when no --lang is given.
const langEnv = "PORTAL_LANG"

// defaultLang is the language when no --lang is given: PORTAL_LANG's,
// else Chinese, the editors' language.
func defaultLang() diag.Lang {
	l, _ := diag.ParseLang(os.Getenv(langEnv))
	return l
}

// langValue is the --lang flag.
type langValue struct{ lang *diag.Lang }

func (v langValue) String() string {
	if v.lang == nil {
		return ""
	}
	return string(*v.lang)
}

func (v langValue) Set(s string) error {
	l, err := diag.ParseLang(s)
	if err != nil {
		return err
	}
	*v.lang = l
	return nil
}

// registerLang adds --lang to fs.
func registerLang(fs *flag.FlagSet) {
	lang := defaultLang()
	fs.Var(langValue{&lang}, "lang", "language of messages and help: zh or en (default: $PORTAL_LANG, else zh)")
	fs.Lookup("lang").DefValue = "" // the usage says what the default is
}

// langOf is the language --lang chose on fs, or the default.
func langOf(fs *flag.FlagSet) diag.Lang {
	if f := fs.Lookup("lang"); f != nil {
		if v, ok := f.Value.(langValue); ok {
			return *v.lang
		}
	}
	return defaultLang()
}

// langInArgs is the value of the last --lang of a command's args, if
// any, so that --help shows in the language asked for wherever --lang is.
func langInArgs(args []string) (string, bool) {
	var value string
	found := false
	for i, a := range args {
		if a == "--" {
			break
		}
		name, v, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			continue
		}
		if !hasValue && i+1 < len(args) {
			v = args[i+1]
		}
		value, found = v, true
	}
	return value, found
}

// say prints the message m in lang on its own line.
func say(w io.Writer, lang diag.Lang, m diag.Msg) {
	fmt.Fprintln(w, m.Text(lang))
}

// summariesZh are the commands' one-line summaries in Chinese.
var summariesZh = map[string]string{
	"build":   "把站点构建到 public/",
	"serve":   "构建站点并在 http://localhost:1313 上预览",
	"check":   "检查站点而不写出；列出全部错误和警告",
	"extract": "列出报告文件中找到的数字",
	"new":     "为新收到的报告文件起草元数据 TOML",
	"deploy":  "把构建好的站点上传到 S3 兼容的存储桶（config.toml [[deploy.targets]]）",
}

// helpZh are the commands' --help texts in Chinese.
func helpZh(name string) string {
	switch name {
	case "build":
		return "把 content/ 中的报告构建到 public/。全部错误一次列出；构建失败时，\n原来的 public/ 保持不变。构建是增量的：上次构建由相同输入算出的结果会被重用。"
	case "serve":
		return "构建站点，在 http://localhost:<端口>/ 上提供 public/，并监视 content/、layouts/\n和 config.toml：有改动就重新构建并刷新打开的页面。改错时，错误显示在终端和\n页面上，上一次成功的站点继续提供。"
	case "check":
		return "检查站点而不写出 public/：以 路径:行:列: 消息 列出全部错误和警告（元数据、\n与正文不符的数字、逾期公开、缺少必备内容、标题编号、文号括号、可疑的年度\n变化）。有错误时退出码为 1。"
	case "new":
		return "为新收到的报告文件（" + format.Default.ListMsg().Text(diag.Zh) + "）在旁边写出元数据 FILE.toml，\n内容取自文件路径（<省>/<县或市>/<部门>-<年度>）和正文：标题、机关、年度、\n文号、日期、县（市）和省，以及找到的数字（注释掉的 [metrics] 块），供编辑确认。\n\n用法：go run ./generator new [--source 目录] [--stdout] FILE"
	case "extract":
		return "列出报告文件（" + format.Default.ListMsg().Text(diag.Zh) + "）中找到的数字；不需要站点或元数据。\n\n用法：go run ./generator extract [--json] [--source 目录] FILE..."
	case "deploy":
		return "把构建好的站点（public/）上传到 config.toml 中指定的 S3 兼容存储桶\n（[[deploy.targets]]）：只传新增和改动的文件，先传资源和下载文件，再传链接\n它们的页面，列出报告的页面最后传，然后删除站点已不再有的文件。凭据来自\nAWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY（以及 AWS_SESSION_TOKEN），或\n~/.aws/credentials 与 AWS_PROFILE；绝不来自 config.toml。"
	}
	return ""
}

// flagsZh are the flags' help in Chinese, by command.flag, or by flag
// for the flags several commands share.
var flagsZh = map[string]string{
	"lang":               "消息和帮助的语言：zh 或 en（默认：$PORTAL_LANG，否则 zh）",
	"source":             "站点根目录，含 config.toml、content/ 和 layouts/",
	"content":            "内容目录（默认：<source>/content）",
	"destination":        "输出目录（默认：<source>/public）；须是新的、空的或由本生成器写出的目录（含 .portal-site），不能是站点根目录、内容、模板、主目录或 /",
	"base-url":           "站点发布的网址，代替 config.toml 中的 base_url（用于预发布副本）：规范链接、订阅和站点地图都使用它",
	"cache-dir":          "构建缓存目录，在站点之外（默认：<用户缓存目录>/portal/<输出目录的散列>）",
	"clean":              "先删除构建缓存的文件（不删别的）：完整构建",
	"build.cpuprofile":   "把构建的 CPU 剖析（pprof）写到 `文件`",
	"build.memprofile":   "构建结束时把堆剖析（pprof）写到 `文件`",
	"serve.port":         "监听的端口（只限本机）",
	"serve.no-watch":     "构建一次并提供，不监视改动",
	"new.source":         "站点根目录，其 config.toml 含指标目录",
	"new.stdout":         "把 TOML 打印出来而不写文件",
	"extract.source":     "站点根目录，其 config.toml 含指标目录",
	"extract.json":       "输出 JSON：[{\"file\", \"figures\": [{key, value, unit, approx, ambiguous, quote, anchor}]}]",
	"deploy.source":      "站点根目录，含 config.toml",
	"deploy.destination": "要部署的已构建站点（默认：<source>/public）；须含 .portal-site",
	"deploy.target":      "config.toml 中部署目标的名称（默认：唯一的那个）",
	"deploy.dry-run":     "只列出将要上传和删除的文件，什么都不发送",
	"deploy.verbose":     "列出上传或删除的每个文件",
}

// flagZh is the Chinese help of the flag f of the command name.
func flagZh(name string, f *flag.Flag) (string, bool) {
	if s, ok := flagsZh[name+"."+f.Name]; ok {
		return s, true
	}
	s, ok := flagsZh[f.Name]
	return s, ok
}

// printUsage prints the --help of the command name in the language of
// fs: what it does, then its flags.
func printUsage(fs *flag.FlagSet, name, summary string) {
	w := fs.Output()
	if langOf(fs) == diag.En {
		fmt.Fprintf(w, "Usage: go run ./generator %s [flags]\n\n%s\n\nFlags:\n", name, summary)
		fs.PrintDefaults()
		return
	}
	fmt.Fprintf(w, "用法：go run ./generator %s [参数]\n\n%s\n\n参数：\n", name, cmp.Or(helpZh(name), summary))
	fs.VisitAll(func(f *flag.Flag) {
		usage, ok := flagZh(name, f)
		if !ok {
			usage = f.Usage
		}
		arg, plain := flag.UnquoteUsage(&flag.Flag{Name: f.Name, Usage: usage, Value: f.Value})
		line := "  -" + f.Name
		if arg != "" {
			line += " " + arg
		}
		line += "\n    \t" + strings.ReplaceAll(plain, "\n", "\n    \t")
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.Name != "lang" {
			line += fmt.Sprintf("（默认 %s）", f.DefValue)
		}
		fmt.Fprintln(w, line)
	})
}

// usageZh prints the generator's usage in Chinese.
func usageZh(w io.Writer) {
	fmt.Fprintln(w, "generator 构建法治政府建设年度报告公开平台。")
	fmt.Fprintln(w, "\n用法：go run ./generator <命令> [参数]\n\n命令：")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, cmp.Or(summariesZh[c.name], c.summary))
	}
	fmt.Fprintln(w, "\n运行 'go run ./generator <命令> --help' 查看命令的参数。")
	fmt.Fprintln(w, "消息和帮助默认用中文；--lang en 或环境变量 PORTAL_LANG=en 改用英文。")
}
