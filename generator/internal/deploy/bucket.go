package deploy

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/url"
	"os"
	"strings"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"portal/generator/internal/config"
	"portal/generator/internal/diag"
)

// MaxRetries is how many times a request is tried in all when it fails
// for a reason that may pass: a network error, a timeout, a 5xx or 429
// answer (SlowDown). The client waits between tries, 200 ms doubling up
// to a second.
const MaxRetries = 5

// metaSHA256 is the user metadata every upload carries: the file's
// SHA-256, for a later deploy to know the object without a manifest.
const metaSHA256 = "Portal-Sha256"

// Bucket is a deploy target opened for use: an S3-compatible bucket and
// the folder of it (prefix) the site lives in.
type Bucket struct {
	Target config.Target
	client *minio.Client
	// secrets are the credential values, kept out of every message.
	secrets []string
}

// Object is what a bucket's listing says of one object.
type Object struct {
	Size int64
	ETag string
}

// Open prepares the target t, with credentials from the standard places
// only: the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
// AWS_SESSION_TOKEN), then the shared credentials file
// (AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials, profile AWS_PROFILE
// or default). It sends nothing.
func Open(t config.Target) (*Bucket, error) {
	u, err := url.Parse(t.Endpoint)
	if err != nil || u.Host == "" || u.User != nil {
		return nil, diag.Errorf("deploy target %s: endpoint: want an http(s)://host[:port] URL", t.Name)
	}
	creds := credentials.NewChainCredentials([]credentials.Provider{&credentials.EnvAWS{}, &credentials.FileAWSCredentials{}})
	v, err := creds.Get()
	if err != nil || v.AccessKeyID == "" || v.SecretAccessKey == "" {
		where := diag.Msg{}
		if p := os.Getenv("AWS_PROFILE"); p != "" {
			where = diag.Msgf(" (AWS_PROFILE=%s)", diag.Escape(p))
		}
		return nil, diag.Errorf("deploy target %s: no credentials found%s: %s", t.Name, where, config.CredentialsHelp)
	}
	lookup := minio.BucketLookupDNS
	if t.PathStyle {
		lookup = minio.BucketLookupPath
	}
	client, err := minio.New(u.Host, &minio.Options{
		Creds:        creds,
		Secure:       u.Scheme == "https",
		Region:       t.Region,
		BucketLookup: lookup,
		MaxRetries:   MaxRetries,
	})
	if err != nil {
		return nil, diag.Errorf("deploy target %s: %v", t.Name, err)
	}
	b := &Bucket{Target: t, client: client}
	for _, s := range []string{v.SecretAccessKey, v.SessionToken} {
		if len(s) >= 4 {
			b.secrets = append(b.secrets, s)
		}
	}
	return b, nil
}

// String names the target in messages, in English (Name).
func (b *Bucket) String() string { return b.Name().String() }

// Name names the target in messages: its name, bucket, prefix and endpoint.
func (b *Bucket) Name() diag.Msg {
	t := b.Target
	if t.Prefix != "" {
		return diag.Msgf("%s (bucket %s, prefix %s at %s)", t.Name, t.Bucket, t.Prefix, t.Endpoint)
	}
	return diag.Msgf("%s (bucket %s at %s)", t.Name, t.Bucket, t.Endpoint)
}

// key is the object key of the site's file p.
func (b *Bucket) key(p string) string { return b.Target.Prefix + p }

// list returns the objects under the prefix, by their path after it.
func (b *Bucket) list(ctx context.Context) (map[string]Object, error) {
	objects := map[string]Object{}
	for o := range b.client.ListObjects(ctx, b.Target.Bucket, minio.ListObjectsOptions{Prefix: b.Target.Prefix, Recursive: true}) {
		if o.Err != nil {
			return nil, b.fail(diag.Msgf("list the bucket"), o.Err)
		}
		objects[strings.TrimPrefix(o.Key, b.Target.Prefix)] = Object{Size: o.Size, ETag: cleanETag(o.ETag)}
	}
	return objects, nil
}

// head returns the SHA-256 an upload left on the object of p, and the
// headers the object is served with.
func (b *Bucket) head(ctx context.Context, p string) (sha, typ, cache string, err error) {
	info, err := b.client.StatObject(ctx, b.Target.Bucket, b.key(p), minio.StatObjectOptions{})
	if err != nil {
		return "", "", "", b.fail(diag.Msgf("read the metadata of %s", p), err)
	}
	return info.Metadata.Get("X-Amz-Meta-" + metaSHA256), info.ContentType, info.Metadata.Get("Cache-Control"), nil
}

// getManifest returns the manifest's bytes, or nil when there is none.
func (b *Bucket) getManifest(ctx context.Context) ([]byte, error) {
	obj, err := b.client.GetObject(ctx, b.Target.Bucket, b.key(ManifestName), minio.GetObjectOptions{})
	if err != nil {
		return nil, b.fail(diag.Msgf("read %s", ManifestName), err)
	}
	defer obj.Close()
	data, err := io.ReadAll(io.LimitReader(obj, MaxManifest+1))
	if code := minio.ToErrorResponse(err).Code; code == "NoSuchKey" {
		return nil, nil
	}
	if err != nil {
		return nil, b.fail(diag.Msgf("read %s", ManifestName), err)
	}
	return data, nil
}

// put uploads data as the object of p and returns its ETag. The body's
// MD5 goes with it, so the bucket refuses a body damaged on the way.
func (b *Bucket) put(ctx context.Context, p string, data []byte, typ, cache, sha string) (string, error) {
	opts := minio.PutObjectOptions{
		ContentType:      typ,
		CacheControl:     cache,
		SendContentMd5:   true,
		DisableMultipart: true,
	}
	if sha != "" {
		opts.UserMetadata = map[string]string{metaSHA256: sha}
	}
	info, err := b.client.PutObject(ctx, b.Target.Bucket, b.key(p), bytes.NewReader(data), int64(len(data)), opts)
	if err != nil {
		return "", b.fail(diag.Msgf("upload %s", p), err)
	}
	return cleanETag(info.ETag), nil
}

// remove deletes the objects of paths, a thousand a request.
func (b *Bucket) remove(ctx context.Context, paths []string) error {
	ch := make(chan minio.ObjectInfo)
	go func() {
		defer close(ch)
		for _, p := range paths {
			select {
			case ch <- minio.ObjectInfo{Key: b.key(p)}:
			case <-ctx.Done():
				return
			}
		}
	}()
	var first error
	for e := range b.client.RemoveObjects(ctx, b.Target.Bucket, ch, minio.RemoveObjectsOptions{}) {
		if first == nil {
			first = b.fail(diag.Msgf("delete %s", strings.TrimPrefix(e.ObjectName, b.Target.Prefix)), e.Err)
		}
	}
	if first != nil {
		return first
	}
	return ctx.Err()
}

// cleanETag returns an ETag without its quotes, in lower case.
func cleanETag(s string) string {
	return strings.ToLower(strings.Trim(s, `"`))
}

// fail turns the error of doing what into one line naming the target,
// saying what went wrong in words, and holding no credential.
func (b *Bucket) fail(what diag.Msg, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return b.interrupted(err)
	}
	resp := minio.ToErrorResponse(err)
	var msg diag.Msg
	switch resp.Code {
	case "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken", "TokenRefreshRequired", "InvalidSecurity",
		"XAdminUserNotFound": // versitygw's answer to an unknown access key
		msg = diag.Msgf("wrong credentials (%s): the bucket does not accept the access key or secret it was given: %s", resp.Code, config.CredentialsHelp)
	case "NoSuchBucket":
		msg = diag.Msgf("the bucket does not exist")
	case "AccessDenied", "AllAccessDisabled":
		msg = diag.Msgf("access denied: the credentials may not %s", what)
	case "":
		msg = diag.Msgf("cannot %s: %s", what, networkError(err))
	default:
		msg = diag.Msgf("cannot %s: %s (%s, HTTP %d)", what, strings.TrimSuffix(resp.Message, "."), resp.Code, resp.StatusCode)
	}
	return b.newError(diag.Msgf("deploy to %s: %s", b.Name(), msg), resp.Code, err)
}

// interrupted is the error of a deploy that ctx's end stopped, cause
// being why it ended.
func (b *Bucket) interrupted(cause error) error {
	return diag.Errorf("deploy to %s: interrupted: %w", b.Name(), cause)
}

// networkError describes an error that is not the bucket's answer.
func networkError(err error) diag.Msg {
	var op *net.OpError
	var dns *net.DNSError
	switch {
	case errors.As(err, &dns):
		return diag.Msgf("the endpoint's host is not found (%s)", dns.Err)
	case errors.As(err, &op):
		return diag.Msgf("the endpoint cannot be reached (%s)", op.Error())
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return diag.Msgf("%s", ue.Err.Error())
	}
	return diag.Msgf("%s", err.Error())
}

// newError is the Error of the message m, with the bucket's error code
// and the client's error err, the credentials taken out of m.
func (b *Bucket) newError(m diag.Msg, code string, err error) *Error {
	return &Error{Code: code, text: b.redact(m.String()), msg: b.redactMsg(m), err: err}
}

// redact removes the credentials from s, should a server quote them, and
// escapes it to one line.
func (b *Bucket) redact(s string) string {
	for _, secret := range b.secrets {
		s = strings.ReplaceAll(s, secret, "[redacted]")
	}
	return diag.Escape(s)
}

// redactMsg is m with the credentials removed from each argument, as
// redact removes them from its English.
func (b *Bucket) redactMsg(m diag.Msg) diag.Msg {
	args := make([]diag.Arg, len(m.Args))
	for i, a := range m.Args {
		args[i] = diag.Arg{Text: b.redact(a.Text)}
		if a.Sub != nil {
			sub := b.redactMsg(*a.Sub)
			args[i].Sub = &sub
		}
	}
	return diag.Msg{Format: m.Format, Args: args}
}

// Error is a failed request of a deploy: its message is one line, naming
// the target and without credentials, in English (Error) or in the
// editor's language (Msg); Code is the bucket's error code, or "" when
// there was no answer.
type Error struct {
	Code string
	text string // the message in English
	msg  diag.Msg
	err  error
}

func (e *Error) Error() string { return e.text }

// Msg is the message, to be shown in the editor's language.
func (e *Error) Msg() diag.Msg { return e.msg }

// Unwrap returns the client's error. Its text is not the message's and is
// not redacted: print Error, not what it wraps.
func (e *Error) Unwrap() error { return e.err }
