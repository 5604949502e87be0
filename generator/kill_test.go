package main

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestKilledBuildsLeaveACompleteSite kills builds at random moments and
// checks that public/ is always either the complete previous site or the
// complete new one, never a mixture or nothing.
func TestKilledBuildsLeaveACompleteSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the generator and runs it 24 times")
	}
	bin := filepath.Join(t.TempDir(), "generator")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// Two versions of the content, A and B, with known complete sites.
	contents := [2]string{t.TempDir(), t.TempDir()}
	copyDir(t, "../content", contents[0])
	copyDir(t, "../content", contents[1])
	toml := filepath.Join(contents[1], "河南省/鲁山县/信访局-2024.toml")
	b, _ := os.ReadFile(toml)
	os.WriteFile(toml, []byte(strings.Replace(string(b), "情况报告", "情况报告（修订）", 1)), 0o644)
	var want [2]string
	for i, c := range contents {
		dir, _ := buildSite(t, c)
		want[i] = treeHash(t, dir)
	}
	dest := filepath.Join(t.TempDir(), "public")
	run := func(c string) *exec.Cmd {
		return exec.Command(bin, "build", "--source", "..", "--content", c, "--destination", dest)
	}
	start := time.Now()
	if out, err := run(contents[0]).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	took := time.Since(start) // kills land anywhere in 0..1.5× a build
	if out, err := run(contents[0]).CombinedOutput(); err != nil {
		t.Fatalf("second build: %v\n%s", err, out)
	}
	current, swapped, kept := 0, 0, 0
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 24; i++ {
		next := 1 - current
		cmd := run(contents[next])
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(r.Int64N(int64(took) * 3 / 2)))
		cmd.Process.Kill()
		cmd.Wait()
		got := treeHash(t, dest)
		switch got {
		case want[current]:
			kept++
		case want[next]:
			current = next
			swapped++
		default:
			t.Fatalf("run %d: public/ is neither the previous nor the new site", i)
		}
	}
	t.Logf("24 killed builds: %d left the previous site, %d had swapped in the new one", kept, swapped)
	if kept == 0 || swapped == 0 {
		t.Errorf("kills never landed before (%d) or after (%d) the swap: the test did not exercise both", kept, swapped)
	}
}
