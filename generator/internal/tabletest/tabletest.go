// Package tabletest keeps the tables of table tests in files: one row of
// text a line, such as an input and what a function returned for it when
// the table was written. Tests only.
package tabletest

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// Rows returns the rows of the table at path, after checking that they are
// as many as got. With update it writes got to path instead, and returns
// nil.
func Rows(tb testing.TB, path string, got []string, update bool) []string {
	tb.Helper()
	if update {
		if err := os.WriteFile(path, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			tb.Fatal(err)
		}
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test -update to write it)", err)
	}
	want := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(want) != len(got) {
		tb.Fatalf("%s has %d rows, the inputs are %d", path, len(want), len(got))
	}
	return want
}

// Unique drops the repeats from in, keeping the first of each.
func Unique(in []string) []string {
	seen := map[string]bool{}
	out := in[:0]
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// RandomString returns shortest to longest runes drawn from alphabet by r.
func RandomString(r *rand.Rand, alphabet []rune, shortest, longest int) string {
	rs := make([]rune, shortest+r.IntN(longest-shortest+1))
	for i := range rs {
		rs[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(rs)
}
