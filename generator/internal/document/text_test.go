package document

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestLinearTime checks that long inputs parse in linear time: 20,000 lines
// that each continue the one before used to take quadratic time.
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for _, line := range []string{"这是一段没有标点的文字内容这是一段没有标点的文字内容", "1.这是一段没有标点的文字内容，", "[bookmark: x"} {
		src := strings.Repeat(line+"\n", 20000)
		start := time.Now()
		d, _ := ParseText("t.txt", src)
		if _, err := d.HTML(); err != nil {
			t.Fatal(err)
		}
		// Logged, not asserted: a quadratic regression on these sizes runs
		// past go test's timeout.
		t.Logf("%q × 20000: %v", line, time.Since(start))
	}
}

// TestConcurrentUse checks that documents parse and render in parallel with
// the same results (run with -race).
func TestConcurrentUse(t *testing.T) {
	seeds := readSeeds(t)
	want := make([]string, len(seeds))
	for i, s := range seeds {
		d, _ := ParseMarkdown(s.name, []byte(s.src+"\n"+mdLinks), 0)
		html, _ := d.HTML()
		want[i] = string(html)
	}
	done := make(chan error)
	for i, s := range seeds {
		go func() {
			td, _ := ParseText(s.name, s.src)
			_, err := td.HTML()
			md, _ := ParseMarkdown(s.name, []byte(s.src+"\n"+mdLinks), 0)
			html, _ := md.HTML()
			if err == nil && string(html) != want[i] {
				err = fmt.Errorf("%s: HTML differs when rendered in parallel", s.name)
			}
			done <- err
		}()
	}
	for range seeds {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
