package build

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// Progress shows the stages of a build as they run: on a terminal a bar
// that redraws in place, elsewhere one plain line per finished stage. It
// also records each stage's time for the build summary.
type Progress struct {
	w   io.Writer // nil: silent
	tty bool

	mu     sync.Mutex
	name   string
	total  int
	done   int
	start  time.Time
	drawn  time.Time
	stages []stageTime
}

// stageTime is how long one stage took.
type stageTime struct {
	name string
	d    time.Duration
}

// NewProgress writes to w; it draws a bar when w is a terminal.
func NewProgress(w io.Writer) *Progress {
	p := &Progress{w: w}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

// begin ends the current stage, if any, and starts one of total steps
// (0 when it has no steps to count).
func (p *Progress) begin(name string, total int) {
	if p == nil {
		return
	}
	p.end()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.name, p.total, p.done, p.start = name, total, 0, time.Now()
	p.draw(true)
}

// step records n more finished steps of the current stage.
func (p *Progress) step(n int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	p.draw(false)
}

// end finishes the current stage.
func (p *Progress) end() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.name == "" {
		return
	}
	d := time.Since(p.start)
	p.stages = append(p.stages, stageTime{p.name, d})
	switch {
	case p.w == nil:
	case p.tty:
		fmt.Fprintf(p.w, "\r\033[K%-8s done in %.2fs\n", p.name, d.Seconds())
	default:
		fmt.Fprintf(p.w, "%-8s %.2fs\n", p.name, d.Seconds())
	}
	p.name = ""
}

// draw redraws the bar on a terminal, at most every 100 ms.
func (p *Progress) draw(force bool) {
	if p.w == nil || !p.tty || (!force && time.Since(p.drawn) < 100*time.Millisecond) {
		return
	}
	p.drawn = time.Now()
	if p.total == 0 {
		fmt.Fprintf(p.w, "\r\033[K%-8s …", p.name)
		return
	}
	const width = 30
	filled := width * p.done / p.total
	fmt.Fprintf(p.w, "\r\033[K%-8s [%s%s] %d/%d", p.name, strings.Repeat("#", filled), strings.Repeat(" ", width-filled), p.done, p.total)
}

// summary lists the stage times: "load 0.10s, analyse 1.20s, …".
func (p *Progress) summary() string {
	if p == nil {
		return ""
	}
	p.end()
	var parts []string
	for _, s := range p.stages {
		parts = append(parts, fmt.Sprintf("%s %.2fs", s.name, s.d.Seconds()))
	}
	return strings.Join(parts, ", ")
}
