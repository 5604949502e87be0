package config

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"portal/generator/internal/diag"
)

// Deploy is the [deploy] table: where `deploy` publishes the built site.
//
//	[[deploy.targets]]
//	name = "production"
//	endpoint = "https://oss-cn-hangzhou.aliyuncs.com"
//	bucket = "fzbg-site"
//	prefix = "fzbg/"          # optional: the site's folder in the bucket
//	region = "oss-cn-hangzhou" # optional: us-east-1 by default
//	path_style = false        # optional: bucket in the path, not the host name
//	base_url = "https://fzbg.example.gov.cn/" # optional: the URL it is served at
//
// Credentials never go in config.toml: the deploy reads them from the
// environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN)
// or the shared credentials file (~/.aws/credentials, AWS_PROFILE).
type Deploy struct {
	Targets []Target `toml:"targets"`
}

// Target is one S3-compatible bucket the site is deployed to.
type Target struct {
	Name      string `toml:"name"`       // chosen with --target
	Endpoint  string `toml:"endpoint"`   // http(s)://host[:port] of the object store
	Bucket    string `toml:"bucket"`     // bucket name
	Prefix    string `toml:"prefix"`     // "" or a folder ending in "/"
	Region    string `toml:"region"`     // signing region; us-east-1 when empty
	PathStyle bool   `toml:"path_style"` // https://host/bucket/key instead of https://bucket.host/key
	BaseURL   string `toml:"base_url"`   // absolute URL the target serves the site at, ending in "/"
}

// DefaultRegion is the signing region of a target that names none.
const DefaultRegion = "us-east-1"

// CredentialsHelp says where a deploy's credentials go: a catalog message
// (%s gives its English).
var CredentialsHelp = diag.Msgf("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) in the environment, " +
	"or put them in ~/.aws/credentials and choose the profile with AWS_PROFILE")

// Target returns the deploy target called name; with name empty, the only
// target when there is one.
func (d Deploy) Target(name string) (Target, error) {
	if name == "" {
		switch len(d.Targets) {
		case 0:
			return Target{}, diag.Errorf("config.toml defines no [[deploy.targets]]")
		case 1:
			return d.Targets[0], nil
		}
		return Target{}, diag.Errorf("config.toml defines %d deploy targets (%s): choose one with --target", len(d.Targets), d.names())
	}
	for _, t := range d.Targets {
		if t.Name == name {
			return t, nil
		}
	}
	if len(d.Targets) == 0 {
		return Target{}, diag.Errorf("no deploy target %q: config.toml defines no [[deploy.targets]]", name)
	}
	return Target{}, diag.Errorf("no deploy target %q in config.toml (it defines %s)", name, d.names())
}

func (d Deploy) names() string {
	names := make([]string, len(d.Targets))
	for i, t := range d.Targets {
		names[i] = t.Name
	}
	return strings.Join(names, ", ")
}

var (
	targetName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,62}$`)
	// bucketName is the S3 rule: 3 to 63 lower-case letters, digits, dots
	// and hyphens, starting and ending with a letter or a digit.
	bucketName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	regionName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)
)

// secretWords are the parts of key names that hold credentials.
var secretWords = []string{"access_key", "accesskey", "secret", "password", "passwd", "token", "credential"}

// isSecretKey reports whether the last part of key names a credential.
func isSecretKey(key toml.Key) bool {
	if len(key) == 0 {
		return false
	}
	last := strings.ToLower(strings.ReplaceAll(key[len(key)-1], "-", "_"))
	for _, w := range secretWords {
		if strings.Contains(last, w) {
			return true
		}
	}
	return false
}

// secretKeys splits the undecoded keys into those named like a credential
// and the others, and reports the first: never their values.
func secretKeys(keys []toml.Key, pos func(toml.Key) diag.Pos) ([]toml.Key, diag.List) {
	var problems diag.List
	var rest []toml.Key
	for _, k := range keys {
		if isSecretKey(k) {
			problems.Errorf(pos(k), "%s: credentials never go in config.toml: %s", k, CredentialsHelp)
			continue
		}
		rest = append(rest, k)
	}
	return rest, problems
}

// checkDeploy validates the deploy targets and normalises their prefix,
// region and base URL; pos gives the position of a key.
func checkDeploy(d *Deploy, pos func(key ...string) diag.Pos) diag.List {
	var problems diag.List
	seen := map[string]bool{}
	for i := range d.Targets {
		t := &d.Targets[i]
		where := fmt.Sprintf("deploy.targets[%d]", i)
		if t.Name != "" {
			where += " (" + t.Name + ")"
		}
		at := func(field string) diag.Pos { return pos("deploy", "targets", field) }
		switch {
		case t.Name == "":
			problems.Errorf(pos("deploy", "targets"), "%s: missing name", where)
		case !targetName.MatchString(t.Name):
			problems.Errorf(at("name"), "%s.name: want lower-case ASCII letters, digits, - and _, got %q", where, t.Name)
		case seen[t.Name]:
			problems.Errorf(at("name"), "%s.name: %q is defined twice", where, t.Name)
		}
		seen[t.Name] = true
		if msg := checkEndpoint(t.Endpoint); msg.Format != "" {
			problems.Errorf(at("endpoint"), "%s.endpoint: %s", where, msg)
		}
		if !bucketName.MatchString(t.Bucket) || strings.Contains(t.Bucket, "..") {
			problems.Errorf(at("bucket"), "%s.bucket: want 3 to 63 lower-case letters, digits, dots and hyphens, got %q", where, t.Bucket)
		}
		prefix, msg := cleanPrefix(t.Prefix)
		if msg.Format != "" {
			problems.Errorf(at("prefix"), "%s.prefix: %s, got %q", where, msg, t.Prefix)
		}
		t.Prefix = prefix
		if t.Region == "" {
			t.Region = DefaultRegion
		} else if !regionName.MatchString(t.Region) {
			problems.Errorf(at("region"), "%s.region: want lower-case letters, digits and -, got %q", where, t.Region)
		}
		if t.BaseURL != "" {
			u, err := url.Parse(t.BaseURL)
			switch {
			case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
				problems.Errorf(at("base_url"), "%s.base_url: want an absolute http(s) URL, got %q", where, redact(t.BaseURL))
			case u.User != nil:
				problems.Errorf(at("base_url"), "%s.base_url: a user name or password never goes in the URL", where)
			case !strings.HasSuffix(t.BaseURL, "/"):
				t.BaseURL += "/"
			}
		}
	}
	return problems
}

// checkEndpoint returns what is wrong with an endpoint, or a zero Msg.
func checkEndpoint(s string) diag.Msg {
	if s == "" {
		return diag.Msgf("missing: want the object store's http(s)://host[:port]")
	}
	u, err := url.Parse(s)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		return diag.Msgf("want an http(s)://host[:port] URL, got %q", redact(s))
	case u.User != nil:
		return diag.Msgf("credentials never go in the URL: %s", CredentialsHelp)
	case u.Path != "" && u.Path != "/", u.RawQuery != "", u.Fragment != "":
		return diag.Msgf("want only a scheme, a host and a port (the bucket and prefix have keys of their own), got %q", s)
	}
	return diag.Msg{}
}

// redact hides what could be a password in a URL that did not parse.
func redact(s string) diag.Msg {
	if strings.Contains(s, "@") {
		return diag.Msgf("(a URL with @, not shown)")
	}
	return diag.Msgf("%s", s)
}

// cleanPrefix returns prefix ending in "/" (or empty), or why it is not a
// folder of a bucket: an object key is UTF-8, and the site's must stay
// under the prefix whatever a client makes of "." and "..".
func cleanPrefix(p string) (string, diag.Msg) {
	if p == "" {
		return "", diag.Msg{}
	}
	if !utf8.ValidString(p) || strings.ContainsFunc(p, func(r rune) bool { return unicode.IsControl(r) || r == '\\' }) {
		return p, diag.Msgf("want UTF-8 without control characters or backslashes")
	}
	if strings.HasPrefix(p, "/") {
		return p, diag.Msgf("want a folder without a leading /")
	}
	p = strings.TrimSuffix(p, "/")
	for _, part := range strings.Split(p, "/") {
		if part == "" || part == "." || part == ".." {
			return p, diag.Msgf("want folder names without empty, . or .. parts")
		}
	}
	if len(p) > 512 {
		return p, diag.Msgf("want at most 512 bytes")
	}
	return p + "/", diag.Msg{}
}
