package search

// arena holds the growing postings of many terms without a slice per
// term: each list is a chain of chunks in 1 MiB pages, each chunk twice
// the size of the one before (16 bytes up to 256). A chunk starts with
// the uint32 address of the next chunk (0 at the end of the chain).
type arena struct {
	pages [][]byte
}

const (
	arenaPageBits = 20
	arenaPage     = 1 << arenaPageBits
	chunkMin      = 4 // log2 of the first chunk size
	chunkMax      = 8
)

// chain is one list in the arena.
type chain struct {
	head, cur uint32 // addresses of the first and current chunk, 0 if none
	used      uint16 // bytes used in the current chunk, after its link
	size      uint8  // log2 of the current chunk's size
}

// alloc returns the address of a new chunk of 1<<size bytes.
func (a *arena) alloc(size uint8) uint32 {
	n := 1 << size
	if len(a.pages) == 0 || len(a.pages[len(a.pages)-1])+n > arenaPage {
		p := make([]byte, 0, arenaPage)
		if len(a.pages) == 0 {
			p = p[:8] // address 0 means none
		}
		a.pages = append(a.pages, p)
	}
	pi := len(a.pages) - 1
	off := len(a.pages[pi])
	a.pages[pi] = a.pages[pi][:off+n]
	return uint32(pi)<<arenaPageBits | uint32(off)
}

func (a *arena) bytes(addr uint32, n int) []byte {
	p := a.pages[addr>>arenaPageBits]
	off := int(addr & (arenaPage - 1))
	return p[off : off+n : off+n]
}

// append adds b to the chain.
func (a *arena) append(c *chain, b []byte) {
	for len(b) > 0 {
		if c.head == 0 {
			c.size = chunkMin
			c.head = a.alloc(c.size)
			c.cur = c.head
			c.used = 0
			a.setLink(c.cur, 0)
		}
		room := 1<<c.size - 4 - int(c.used)
		if room == 0 {
			if c.size < chunkMax {
				c.size++
			}
			next := a.alloc(c.size)
			a.setLink(next, 0)
			a.setLink(c.cur, next)
			c.cur, c.used = next, 0
			continue
		}
		n := min(room, len(b))
		copy(a.bytes(c.cur+4+uint32(c.used), n), b[:n])
		c.used += uint16(n)
		b = b[n:]
	}
}

func (a *arena) setLink(addr, next uint32) {
	l := a.bytes(addr, 4)
	l[0], l[1], l[2], l[3] = byte(next), byte(next>>8), byte(next>>16), byte(next>>24)
}

func (a *arena) link(addr uint32) uint32 {
	l := a.bytes(addr, 4)
	return uint32(l[0]) | uint32(l[1])<<8 | uint32(l[2])<<16 | uint32(l[3])<<24
}

// read appends the chain's bytes to dst.
func (a *arena) read(c *chain, dst []byte) []byte {
	size := uint8(chunkMin)
	for addr := c.head; addr != 0; addr = a.link(addr) {
		n := 1<<size - 4
		if addr == c.cur {
			n = int(c.used)
		}
		dst = append(dst, a.bytes(addr+4, n)...)
		if size < chunkMax {
			size++
		}
	}
	return dst
}
