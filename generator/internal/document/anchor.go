package document

import "strconv"

// anchorFrame is an open heading on the way from the root to the current
// position.
type anchorFrame struct {
	level    int
	anchor   string
	children int
}

// anchorTree hands out heading anchors by position in the heading tree: a
// heading is a child of the nearest earlier heading of a smaller level.
type anchorTree struct {
	stack []anchorFrame
	top   int // headings at the root so far
}

// next returns the anchor of the next heading, of the given level.
func (t *anchorTree) next(level int) string {
	for len(t.stack) > 0 && t.stack[len(t.stack)-1].level >= level {
		t.stack = t.stack[:len(t.stack)-1]
	}
	var anchor string
	if len(t.stack) == 0 {
		t.top++
		anchor = "s" + strconv.Itoa(t.top)
	} else {
		parent := &t.stack[len(t.stack)-1]
		parent.children++
		anchor = parent.anchor + "-" + strconv.Itoa(parent.children)
	}
	t.stack = append(t.stack, anchorFrame{level: level, anchor: anchor})
	return anchor
}

// assignAnchors sets the Anchor of every block: headings by the tree,
// paragraphs p1, p2, ... in order.
func assignAnchors(blocks []Block) {
	var tree anchorTree
	paragraphs := 0
	for i := range blocks {
		if blocks[i].Kind == Heading {
			blocks[i].Anchor = tree.next(blocks[i].Level)
			continue
		}
		paragraphs++
		blocks[i].Anchor = "p" + strconv.Itoa(paragraphs)
	}
}
