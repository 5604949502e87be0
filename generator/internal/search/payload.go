package search

// payload is what the term index stores for one (gram, report) pair, in
// two bytes (little-endian in the files):
//
//	bits 0–5   w, the quantised BM25 body weight (see rank.go)
//	bit  6     H: the gram occurs in a heading
//	bit  7     T: the gram occurs in the title or the metadata
//	bits 8–15  the block of the first body line that contains the gram,
//	           plus one: the line starts at byte (b−1)·blockSize of the
//	           report's fragment file; 0 when the body lacks the gram;
//	           blockMax when the line starts at or after (blockMax−1)·blockSize
type payload uint16

const (
	blockSize = 512 // bytes of fragment text per block
	blockMax  = 255 // payload block meaning "this block or later"
)

func makePayload(w int, heading, title bool, block int) payload {
	p := payload(w & 63)
	if heading {
		p |= 1 << 6
	}
	if title {
		p |= 1 << 7
	}
	return p | payload(block)<<8
}

func (p payload) weight() int   { return int(p & 63) }
func (p payload) heading() bool { return p&(1<<6) != 0 }
func (p payload) title() bool   { return p&(1<<7) != 0 }
func (p payload) block() int    { return int(p >> 8) }

// blockOf returns the payload block of a fragment line starting at byte
// off.
func blockOf(off int) int {
	return min(off/blockSize+1, blockMax)
}
