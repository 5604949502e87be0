package document

import (
	"strings"
	"testing"
)

// TestAnchorTree checks anchors by position in the heading tree.
func TestAnchorTree(t *testing.T) {
	tests := []struct {
		levels []int
		want   string
	}{
		{[]int{1, 2, 2, 1, 4, 4, 3, 1}, "s1 s1-1 s1-2 s2 s2-1 s2-2 s2-3 s3"},
		{[]int{2, 3, 2, 4, 1}, "s1 s1-1 s2 s2-1 s3"},
		{[]int{1, 2, 3, 4, 2, 1}, "s1 s1-1 s1-1-1 s1-1-1-1 s1-2 s2"},
		{[]int{3, 1, 3}, "s1 s2 s2-1"},
	}
	for _, tt := range tests {
		var tree anchorTree
		var got []string
		for _, l := range tt.levels {
			got = append(got, tree.next(l))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("levels %v: got %s, want %s", tt.levels, strings.Join(got, " "), tt.want)
		}
	}
}

// TestAssignAnchors checks that paragraphs are numbered through the whole
// document, across headings.
func TestAssignAnchors(t *testing.T) {
	blocks := []Block{{Kind: Paragraph}, {Kind: Heading, Level: 1}, {Kind: Paragraph}, {Kind: Heading, Level: 2}, {Kind: Paragraph}}
	assignAnchors(blocks)
	var got []string
	for _, b := range blocks {
		got = append(got, b.Anchor)
	}
	if strings.Join(got, " ") != "p1 s1 p2 s1-1 p3" {
		t.Errorf("got %v", got)
	}
}
