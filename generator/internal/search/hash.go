package search

// Keys are hashed with FNV-1a over their UTF-8 bytes, finished with the
// MurmurHash3 mixer so that the low bits are well spread. The directory
// block of a key is its hash modulo the (power of two) number of blocks;
// client/search.js computes the same.
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// fnvString continues an FNV-1a hash over the bytes of s.
func fnvString(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= fnvPrime
	}
	return h
}

// fmix32 is MurmurHash3's finaliser.
func fmix32(h uint32) uint32 {
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}

// keyHash is the hash of a key.
func keyHash(key string) uint32 {
	return fmix32(fnvString(fnvOffset, key))
}

// shardOf returns the block, out of n (a power of two), that holds key.
func shardOf(key string, n int) int {
	return int(keyHash(key) & uint32(n-1))
}
