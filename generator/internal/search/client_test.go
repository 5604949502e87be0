package search

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// longWordSamples are texts with words longer than maxWordBytes: letters,
// digits, decimals cut at the limit, full-width forms, and words of
// exactly the limit and one more.
func longWordSamples() []string {
	rep := strings.Repeat
	return []string{
		rep("a", maxWordBytes), rep("a", maxWordBytes+1), rep("b", 3*maxWordBytes+5),
		rep("7", 31) + ".25" + rep("8", 40), rep("1.", 40) + "9", rep("ｘ", 40) + "信访" + rep("Y", 70),
		"ISO" + rep("9", 100) + " " + rep("a", 32) + " " + rep("a", 8), rep("a", 32) + rep("a", 8) + "局",
		"法治" + rep("z", 65) + "、" + rep("z", 33),
	}
}

// TestClientTokensAgree runs client/search.js in Node (skipped without
// it) and checks that it cuts text into the same units as Tokens and
// makes the same query term keys as ParseQuery, long words included.
func TestClientTokensAgree(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	samples := append(longWordSamples(), tokenSeeds...)
	// A word longer than a term's 32 units: the term is cut inside it.
	samples = append(samples, "9 081 2 "+strings.Repeat("e", 1500), "信访"+strings.Repeat("x", 1100)+" 局")
	script := `
global.window = {}; global.document = { getElementById: () => null };
require(process.argv[1]);
const samples = JSON.parse(require('fs').readFileSync(0, 'utf8'));
console.log(JSON.stringify(samples.map(s => ({
  Tokens: window.portalSearch.tokens(s).map(t => ({Text: t.text, Gap: t.gap, Word: t.word})),
  Keys: window.portalSearch.parseQuery(s).map(t => t.key),
}))));`
	js, err := filepath.Abs("client/search.js")
	if err != nil {
		t.Fatal(err)
	}
	in, _ := json.Marshal(samples)
	cmd := exec.Command(node, "-e", script, js)
	cmd.Stdin = strings.NewReader(string(in))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	type tok struct {
		Text      string
		Gap, Word bool
	}
	type result struct {
		Tokens []tok
		Keys   []string
	}
	var got []result
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	for i, s := range samples {
		want := result{Tokens: []tok{}, Keys: []string{}}
		for _, u := range Tokens(s) {
			want.Tokens = append(want.Tokens, tok{u.Text, u.Gap, u.Word})
		}
		for _, term := range ParseQuery(s) {
			want.Keys = append(want.Keys, term.Key)
		}
		if !reflect.DeepEqual(got[i], want) {
			t.Errorf("%q:\n js %+v\n go %+v", s, got[i], want)
		}
	}
}
