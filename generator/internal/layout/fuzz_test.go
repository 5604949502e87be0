package layout

import (
	"encoding/binary"
	"math"
	"testing"
)

// fuzzAlphabet is what the runs of the fuzz target are made of.
var fuzzAlphabet = []rune("信访局文件一二、（）。，1203.%ABab —-第页共\ue000\ufffd")

// fuzzPages makes pages of runs from data: every 8 bytes a run (page,
// x, y, width, size, text, colour, hidden).
func fuzzPages(data []byte) []Page {
	pages := make([]Page, 1+int(data[0]%4))
	for i := range pages {
		pages[i] = Page{W: 595, H: 842, Images: int(data[0]>>4) % 2}
	}
	data = data[1:]
	for len(data) >= 8 {
		b := data[:8]
		data = data[8:]
		p := &pages[int(b[0])%len(pages)]
		n := 1 + int(b[5]%3)
		text := make([]rune, n)
		for k := range text {
			text[k] = fuzzAlphabet[(int(b[5])/3+k*7)%len(fuzzAlphabet)]
		}
		size := float64(b[4]%40) - 2
		if b[4] == 255 {
			size = math.NaN()
		}
		p.Runs = append(p.Runs, Run{
			X:      float64(binary.LittleEndian.Uint16(b[1:3])%700) - 50,
			Y:      float64(b[3]) * 3.5,
			W:      float64(b[6]%60) - 5,
			Size:   size,
			Text:   string(text),
			Color:  uint32(b[7]) << 16,
			Hidden: b[7] == 1,
		})
	}
	return pages
}

// FuzzLay checks that Lay never fails but with its errors, and never
// writes a character its runs do not hold, nor more of it.
func FuzzLay(f *testing.F) {
	f.Add([]byte("\x01" + "\x00\x50\x00\x20\x10\x00\x10\x00" + "\x00\x60\x00\x20\x10\x03\x10\x00" + "\x00\x50\x00\x28\x10\x06\x10\x00"))
	f.Add([]byte("\x13" + "\x00\x50\x00\x20\x10\x00\x10\xe0" + "\x01\x50\x00\x20\x10\x00\x10\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 || len(data) > 8*2000 {
			return
		}
		pages := fuzzPages(data)
		have := map[rune]int{}
		for _, p := range pages {
			for _, r := range p.Runs {
				for _, c := range r.Text {
					have[c]++
				}
			}
		}
		res, err := Lay(pages)
		if err != nil {
			return
		}
		for _, p := range res.Paragraphs {
			if p.Text == "" {
				t.Errorf("an empty paragraph: %+v", p)
			}
			for _, c := range p.Text {
				if c == ' ' || c == '\n' {
					continue
				}
				if have[c]--; have[c] < 0 {
					t.Fatalf("%q written more often than the runs hold it: %q", c, p.Text)
				}
			}
		}
	})
}
