// Package search builds the portal's full-text index at build time and
// ships the browser client that queries it from static files: no search
// server, no dictionary, exact matches.
//
// # Text
//
// Text is cut into units (tokenize.go): each CJK character is a unit;
// runs of ASCII digits (with inner decimal points, 99.96) and runs of
// ASCII letters are word units, a run longer than 32 bytes several units
// marked as pieces of one word (so that it still matches only whole).
// Full-width forms fold to ASCII and capitals to small letters. White space is skipped; any other character —
// punctuation, symbols — is a gap. A query is split into terms at white
// space and at punctuation (text in double quotes stays one term); the
// terms are ANDed. A report matches a term when some passage of it (the
// title, a metadata field, a heading or paragraph) holds the term's units
// contiguously with no gap between them. Nothing matches across a gap or a
// passage boundary.
//
// # Index
//
// Every gram of one to four units that lies within a gap-free run is a
// term. A report may have at most 300,000 distinct terms (a long report
// has some 50,000); one with more fails the build with an error naming
// its file, instead of costing gigabytes. A term of up to four units is answered by its own postings: exact
// at report level with no positions. A longer term is answered by the
// positions of the 4-grams that cover it (at offsets 0, 4, 8, … and n−4):
// the report matches when they occur at the right distances. Filter values
// (province, county, agency, year) are terms too, with keys that start
// with "\x01".
//
// Per (term, report) the postings keep two bytes (payload.go): the BM25
// body weight quantised to 0..63, whether the term is in a heading or in
// the title and metadata, and the 512-byte block of the fragment where the
// first body line holding it starts, for the snippet. Ranking is in
// rank.go.
//
// # Files
//
// All below search/ in the site. The index is cut into shards, one per
// year, each an index of its own below search/<year>/, built from its
// year's reports alone: a new report of one year leaves the other shards'
// files as they were. Large files are split into parts of at most 1 MiB
// and read with HTTP Range requests; a server that ignores Range sends a
// whole part, which the client keeps.
//
//	index.json      manifest: version, report count, the shards with
//	                their report counts, filter values with counts
//	c/<prov>.json   the counties of a province, for the county filter
//
// and in each shard's directory:
//
//	blocks.bin      block index: where each directory block lies
//	dir-N.bin       directory blocks: terms hashed (FNV-1a + fmix32) into
//	                2^k blocks of about 4 KiB; each entry gives a term's
//	                flags, report count and record lengths
//	post-N.bin      postings records: report set (bitmap or deltas) and payloads
//	pos-N.bin       positions records of 4-grams
//	docs.bin        12 bytes per report: where its fragment lies
//	frag-N.bin      fragments: per report a JSON header line (title, URL,
//	                place, agency, year) and one "anchor\ttext" line per
//	                passage of the body
//
// A query reads each shard's block index once, then per term and shard
// one directory block and one postings (or two or more positions)
// record, and per result shown a 12-byte report record and a window of
// its fragment. With a year filter, the other shards' postings are not
// read: a term's report count comes from their directory entries (a
// phrase longer than four units is still matched everywhere, for its
// count). A term's report count, for idf, is summed over the shards; the length factor of BM25 is taken against a fixed reference
// length (rank.go), so a shard's weights do not depend on the others.
// The exact layouts are documented where they are written: pack.go,
// build.go, payload.go.
//
// Reports are numbered newest year first, then in site order, so that a
// lower number wins a tie; a shard's reports are numbered from the sum of
// the report counts of the shards before it. The output is the same bytes
// for the same input, whatever the parallelism.
//
// # Client
//
// client/search.js implements the same tokeniser, hashing, phrase check,
// scoring and order as the Go Searcher; the browser test compares them.
// The search page loads it from ClientPath.
package search
