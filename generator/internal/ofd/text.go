package ofd

import (
	"encoding/xml"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"portal/generator/internal/layout"
)

// textObject is a TextObject being read: where it stands and how it draws.
type textObject struct {
	origin layout.Run // X, Y: the boundary's corner; Size, Color, Hidden
	ctm    [6]float64
	size   float64 // the font size in the object's space
	hscale float64
}

// textObject reads the TextObject that starts with e into runs of p, one
// a character.
func (r *reader) textObject(d *xml.Decoder, e xml.StartElement, p *layout.Page) error {
	b := parseBox(attr(e, "Boundary"))
	o := textObject{ctm: [6]float64{1, 0, 0, 1, 0, 0}, hscale: 1}
	if v := floats(attr(e, "CTM"), 6); len(v) == 6 {
		copy(o.ctm[:], v)
	}
	size, _ := strconv.ParseFloat(attr(e, "Size"), 64)
	scale := math.Sqrt(math.Abs(o.ctm[0]*o.ctm[3] - o.ctm[1]*o.ctm[2]))
	if h, err := strconv.ParseFloat(attr(e, "HScale"), 64); err == nil && h > 0 {
		o.hscale = h
	}
	o.size = size
	o.origin = layout.Run{X: b.x, Y: b.y, Size: size * scale}
	// Text is filled unless Fill="false", and then drawn only if stroked.
	o.origin.Hidden = attr(e, "Fill") == "false" && attr(e, "Stroke") != "true"
	x, y := 0.0, 0.0
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "FillColor":
				o.origin.Color = parseColor(attr(t, "Value"))
				if err := d.Skip(); err != nil {
					return err
				}
			case "TextCode":
				if v, err := strconv.ParseFloat(attr(t, "X"), 64); err == nil {
					x = v
				}
				if v, err := strconv.ParseFloat(attr(t, "Y"), 64); err == nil {
					y = v
				}
				var text string
				if err := d.DecodeElement(&text, &t); err != nil {
					return err
				}
				if x, y, err = r.textCode(o, t, text, x, y, p); err != nil {
					return err
				}
			default:
				if err := d.Skip(); err != nil {
					return err
				}
			}
		case xml.EndElement:
			return nil
		}
	}
}

// textCode adds the characters of a TextCode, the first at x, y in the
// object's space, and returns where a TextCode without X and Y would go
// on.
func (r *reader) textCode(o textObject, e xml.StartElement, text string, x, y float64, p *layout.Page) (float64, float64, error) {
	n := utf8.RuneCountInString(text)
	if r.budget.glyphs -= n; r.budget.glyphs < 0 {
		return x, y, fmt.Errorf("%w: more than %d characters", ErrLimit, MaxGlyphs)
	}
	dx := deltas(attr(e, "DeltaX"), n-1)
	dy := deltas(attr(e, "DeltaY"), n-1)
	sx := math.Hypot(o.ctm[0], o.ctm[1]) // the CTM's horizontal scale
	i := 0
	for _, c := range text {
		own := advance(c, o.size, o.hscale) // in the object's space
		step := own
		if i < len(dx) {
			step = dx[i]
		}
		if !unicode.IsSpace(c) {
			run := o.origin
			gx, gy := o.apply(x, y)
			run.X += gx
			run.Y += gy
			run.W = min(own, max(step, 0)) * sx
			if i >= len(dx) {
				run.W = own * sx
			}
			run.Text = string(c)
			p.Runs = append(p.Runs, run)
		}
		x += step
		if i < len(dy) {
			y += dy[i]
		}
		i++
	}
	return x, y, nil
}

// apply maps a point of the object's space through its CTM.
func (o textObject) apply(x, y float64) (float64, float64) {
	m := o.ctm
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// advance is the width of a glyph without a DeltaX: a full em for a
// full-width character, half of one for the others.
func advance(c rune, size, hscale float64) float64 {
	if c > 0x2E80 {
		return size * hscale
	}
	return size * hscale / 2
}

// deltas reads a DeltaX or DeltaY list, at most n values: numbers, or
// "g N v" for N times v.
func deltas(s string, n int) []float64 {
	var v []float64
	f := strings.Fields(s)
	for i := 0; i < len(f) && len(v) < n; i++ {
		if f[i] == "g" && i+2 < len(f) {
			count, err1 := strconv.Atoi(f[i+1])
			d, err2 := strconv.ParseFloat(f[i+2], 64)
			if err1 != nil || err2 != nil || count < 0 {
				return v
			}
			for k := 0; k < count && len(v) < n; k++ {
				v = append(v, d)
			}
			i += 2
			continue
		}
		d, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return v
		}
		v = append(v, d)
	}
	return v
}

// parseColor reads a colour value: "r g b" in decimal or as "#hh"; a
// gray level; CMYK. Black if it cannot be read.
func parseColor(s string) uint32 {
	var v []float64
	for _, f := range strings.Fields(s) {
		var x float64
		var err error
		if h, ok := strings.CutPrefix(f, "#"); ok {
			var u uint64
			u, err = strconv.ParseUint(h, 16, 8)
			x = float64(u)
		} else {
			x, err = strconv.ParseFloat(f, 64)
		}
		if err != nil || x < 0 || x > 255 || math.IsNaN(x) {
			return 0
		}
		v = append(v, x)
	}
	c := func(x float64) uint32 { return uint32(min(max(x, 0), 255)) }
	switch len(v) {
	case 1:
		return c(v[0])<<16 | c(v[0])<<8 | c(v[0])
	case 3:
		return c(v[0])<<16 | c(v[1])<<8 | c(v[2])
	case 4: // CMYK, 0-255
		k := 1 - v[3]/255
		return c(255*(1-v[0]/255)*k)<<16 | c(255*(1-v[1]/255)*k)<<8 | c(255*(1-v[2]/255)*k)
	}
	return 0
}
