package metrics

import "portal/generator/internal/document"

// FromDocument turns a parsed report into passages: one per heading or
// paragraph, in reading order. A heading's Text is its title without the
// number; a passage's Headings are the number and title of each enclosing
// heading, outermost first.
func FromDocument(d *document.Document) []Passage {
	var out []Passage
	var stack []document.Block
	for _, b := range d.Blocks {
		if b.Kind == document.Heading {
			for len(stack) > 0 && stack[len(stack)-1].Level >= b.Level {
				stack = stack[:len(stack)-1]
			}
		}
		p := Passage{Anchor: b.Anchor, Text: b.Text, Headings: headingTitles(stack), Heading: b.Kind == document.Heading}
		out = append(out, p)
		if b.Kind == document.Heading {
			stack = append(stack, b)
		}
	}
	return out
}

// headingTitles returns Number+Text of each heading block.
func headingTitles(hs []document.Block) []string {
	if len(hs) == 0 {
		return nil
	}
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.Number + h.Text
	}
	return out
}
