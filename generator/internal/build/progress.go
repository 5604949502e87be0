package build

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"portal/generator/internal/diag"
)

// Progress shows the stages of a build as they run: on a terminal a bar
// that redraws in place, elsewhere one plain line per finished stage. It
// also records each stage's time for the build summary.
type Progress struct {
	// Lang is the language of the lines shown; "" is English.
	Lang diag.Lang

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
		fmt.Fprintf(p.w, "\r\033[K%s\n", diag.Msgf("%s done in %.2fs", p.label(), d.Seconds()).Text(p.Lang))
	default:
		fmt.Fprintf(p.w, "%s\n", diag.Msgf("%s %.2fs", p.label(), d.Seconds()).Text(p.Lang))
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
		fmt.Fprintf(p.w, "\r\033[K%s …", p.label())
		return
	}
	const width = 30
	filled := width * p.done / p.total
	fmt.Fprintf(p.w, "\r\033[K%s [%s%s] %d/%d", p.label(), strings.Repeat("#", filled), strings.Repeat(" ", width-filled), p.done, p.total)
}

// label is the name of the current stage in p.Lang, padded to 8 columns
// of the terminal (a Chinese character takes two).
func (p *Progress) label() string {
	name := stageName(p.name).Text(p.Lang)
	width := 0
	for _, r := range name {
		width++
		if r >= 0x1100 {
			width++
		}
	}
	return name + strings.Repeat(" ", max(8-width, 0))
}

// stageName is the name of a stage as a message: those of the build
// have their Chinese in the catalog.
func stageName(name string) diag.Msg {
	switch name {
	case "load":
		return diag.Msgf("load")
	case "analyse":
		return diag.Msgf("analyse")
	case "model":
		return diag.Msgf("model")
	case "render":
		return diag.Msgf("render")
	case "search":
		return diag.Msgf("search")
	case "publish":
		return diag.Msgf("publish")
	}
	return diag.Msgf("%s", name)
}

// summaryMsg lists the stage times: "load 0.10s, analyse 1.20s, …";
// "读取 0.10 秒、分析 1.20 秒……" in Chinese.
func (p *Progress) summaryMsg() diag.Msg {
	if p == nil {
		return diag.Msg{}
	}
	p.end()
	var list diag.Msg
	for i, s := range p.stages {
		part := diag.Msgf("%s %.2fs", stageName(s.name), s.d.Seconds())
		if i == 0 {
			list = part
		} else {
			list = diag.Msgf("%v, %v", list, part)
		}
	}
	return list
}
