package docx

import "encoding/xml"

// Bounds on nesting inside drawings, against hostile input.
const (
	// maxShapeDepth is the deepest element of a drawing searched for text
	// boxes.
	maxShapeDepth = 64
	// maxBoxDepth is the deepest text box inside text boxes that is read.
	maxBoxDepth = 8
)

// shapes reads a drawing (w:drawing), a VML picture (w:pict), an object
// or an mc:AlternateContent after its start tag, up to its end tag, and
// keeps the content of the text boxes in it in p.boxes. Word writes each
// text box twice, as DrawingML in mc:Choice and as VML in mc:Fallback: of
// the branches of an mc:AlternateContent only the first is read.
func (p *bodyParser) shapes(depth int) error {
	if depth > maxShapeDepth {
		return p.d.Skip()
	}
	chose := false
	return p.children(func(e xml.StartElement) (bool, error) {
		switch e.Name.Local {
		case "txbxContent":
			return true, p.textBox()
		case "Choice", "Fallback":
			if chose {
				return false, nil
			}
			chose = true
		}
		return true, p.shapes(depth + 1)
	})
}

// textBox reads a w:txbxContent after its start tag, up to its end tag,
// and adds its blocks, marked TextBox, to p.boxes. Notes and text boxes
// inside belong to its own blocks.
func (p *bodyParser) textBox() error {
	if p.boxDepth >= maxBoxDepth {
		return p.d.Skip()
	}
	notes, boxes := p.notes, p.boxes
	p.notes, p.boxes = nil, nil
	p.boxDepth++
	var blocks []Block
	err := p.children(func(e xml.StartElement) (bool, error) { return p.block(e, &blocks) })
	p.boxDepth--
	for i := range blocks {
		blocks[i].TextBox = true
	}
	p.notes, p.boxes = notes, append(boxes, blocks...)
	return err
}
