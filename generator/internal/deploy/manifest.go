package deploy

import (
	"bytes"
	"encoding/json"
	"regexp"
	"sort"

	"portal/generator/internal/diag"
	"portal/generator/internal/output"
)

// ManifestName is the object, under the target's prefix, where a deploy
// records what it sent: each file's SHA-256 and headers, and the ETag the
// bucket gave it. It is written after every upload of a deploy and before
// its deletions, so it never names a file that is not there yet.
//
// The manifest is a hint, not the truth: a file counts as unchanged when
// the bucket's listing shows the object with the size and ETag the
// manifest recorded. An object edited by hand gets another ETag, and an
// object the manifest does not name (a deploy killed before writing it)
// is asked for its metadata (HEAD), where every upload leaves its SHA-256
// and which the deploy trusts only with the headers it would send.
const ManifestName = ".portal-deploy.json"

// manifestFormat names the manifest's format, for a later one to tell.
const manifestFormat = "portal-deploy/1"

// MaxManifest is the largest manifest read: some 100 bytes a file, so a
// site of 500,000 files.
const MaxManifest = 64 << 20

// Entry is what the manifest records of one file.
type Entry struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
	ETag   string `json:"etag"`
	Type   string `json:"type"`
	Cache  string `json:"cache"`
}

type manifest struct {
	Format string  `json:"format"`
	Files  []Entry `json:"files"`
}

var (
	sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)
	// etagText is what an ETag may hold once its quotes are gone.
	etagText = regexp.MustCompile(`^[\x21\x23-\x7e]{1,200}$`)
)

// ParseManifest decodes a manifest a deploy wrote, refusing one that is
// too large, of another format, or naming a file twice, outside the site,
// or with a malformed hash or ETag: the bucket may hold anything.
func ParseManifest(b []byte) (map[string]Entry, error) {
	if len(b) > MaxManifest {
		return nil, diag.Errorf("too large (%d bytes, at most %d)", len(b), MaxManifest)
	}
	var m manifest
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(&m); err != nil {
		return nil, err
	}
	if d.More() {
		return nil, diag.Errorf("data after the manifest")
	}
	if m.Format != manifestFormat {
		return nil, diag.Errorf("format %q, want %q", m.Format, manifestFormat)
	}
	entries := make(map[string]Entry, len(m.Files))
	for _, e := range m.Files {
		switch {
		case output.CheckPath(e.Path) != nil:
			return nil, diag.Errorf("a path outside the site: %q", e.Path)
		case !sha256Hex.MatchString(e.SHA256):
			return nil, diag.Errorf("%s: not a SHA-256: %q", e.Path, e.SHA256)
		case !etagText.MatchString(e.ETag):
			return nil, diag.Errorf("%s: not an ETag: %q", e.Path, e.ETag)
		case e.Size < 0:
			return nil, diag.Errorf("%s: size %d", e.Path, e.Size)
		}
		if _, dup := entries[e.Path]; dup {
			return nil, diag.Errorf("%s: listed twice", e.Path)
		}
		entries[e.Path] = e
	}
	return entries, nil
}

// encodeManifest writes the manifest of entries, sorted by path.
func encodeManifest(entries []Entry) []byte {
	sort.Slice(entries, func(i, j int) bool { return entries[i].Path < entries[j].Path })
	b, err := json.Marshal(manifest{Format: manifestFormat, Files: entries})
	if err != nil {
		panic(err) // strings and integers always encode
	}
	return append(b, '\n')
}
