package corpus

import "math/rand/v2"

// rng draws the corpus's random choices from a PCG generator. Only its
// Uint64 stream is used, with the derivations below, so that the corpus
// of a seed stays the same bytes whatever the Go release (the methods of
// rand.Rand may change their algorithms; PCG-DXSM does not).
type rng struct{ src *rand.PCG }

func newRNG(seed int64) *rng {
	return &rng{rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15)}
}

// intn returns a number in [0, n); n > 0. The modulo's bias is below
// n/2⁶⁴.
func (r *rng) intn(n int) int { return int(r.src.Uint64() % uint64(n)) }

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// float returns a number in [0, 1).
func (r *rng) float() float64 { return float64(r.src.Uint64()>>11) / (1 << 53) }

// uniform returns a number in [lo, hi).
func (r *rng) uniform(lo, hi float64) float64 { return lo + (hi-lo)*r.float() }

// sample returns k distinct indexes of [0, n) in random order; k ≤ n.
func (r *rng) sample(n, k int) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	for i := range k {
		j := i + r.intn(n-i)
		idx[i], idx[j] = idx[j], idx[i]
	}
	return idx[:k]
}

// pick returns a random element of xs.
func pick[T any](r *rng, xs []T) T { return xs[r.intn(len(xs))] }

// pickN returns k distinct elements of xs in random order.
func pickN[T any](r *rng, xs []T, k int) []T {
	out := make([]T, k)
	for i, j := range r.sample(len(xs), k) {
		out[i] = xs[j]
	}
	return out
}
