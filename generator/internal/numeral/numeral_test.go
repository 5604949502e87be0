package numeral

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// scanCases are numerals at the start of text, with their value and the
// runes read by Prose and by Written (-1: the same as Prose).
var scanCases = []struct {
	in       string
	value    float64
	prose    int
	written  float64
	writtenN int
}{
	{"六次", 6, 1, 6, 1},
	{"两次", 2, 1, 2, 1},
	{"十次", 10, 1, 10, 1},
	{"十二", 12, 2, 12, 2},
	{"二十", 20, 2, 20, 2},
	{"一十五", 15, 3, 15, 3},
	{"三十一日", 31, 3, 31, 3},
	{"一百零五", 105, 4, 105, 4},
	{"一千零五", 1005, 4, 1005, 4},
	{"一千二百三十四", 1234, 7, 1234, 7},
	{"三千五", 3500, 3, 3500, 3},
	{"一万二", 12000, 3, 12000, 3},
	{"两万", 20000, 2, 20000, 2},
	{"十万", 1e5, 2, 1e5, 2},
	{"一亿二千万", 1.2e8, 5, 1.2e8, 5},
	{"三万亿", 30000, 2, 30000, 2}, // 万亿 after a numeral is the caller's multiplier
	{"二十〇八", 28, 4, 28, 4},
	{"二〇二四年", 2024, 4, 2024, 4},
	{"一九九八", 1998, 4, 1998, 4},
	{"〇一", 1, 2, 1, 2},
	{"零", 0, 1, 0, 1},
	// two bare digits: a range in prose, a number when written
	{"三四次", 0, 0, 34, 2},
	{"一二月", 0, 0, 12, 2},
	// Arabic digits and zero look-alikes: only when written
	{"二○二四", 2, 1, 2024, 4},
	{"二O二四", 2, 1, 2024, 4},
	{"２０２４", 0, 0, 2024, 4},
	{"2十1", 0, 0, 21, 3},
	{"十2", 10, 1, 12, 2},
	// malformed: the numeral ends before the rune that spoils it
	{"十十", 10, 1, 10, 1},
	{"百千", 0, 0, 0, 0},
	{"一千百", 1000, 2, 1000, 2},
	{"二三十", 2, 1, 2, 1},
	{"零十一", 0, 1, 0, 1},
	{"一万万", 10000, 2, 10000, 2},
	{"万", 0, 0, 0, 0},
	{"百余", 0, 0, 0, 0},
	{"", 0, 0, 0, 0},
	{"件", 0, 0, 0, 0},
}

// TestScan checks both syntaxes on every case.
func TestScan(t *testing.T) {
	for _, tt := range scanCases {
		rs := []rune(tt.in)
		if v, n := Prose.Scan(rs); v != tt.value || n != tt.prose {
			t.Errorf("Prose.Scan(%q) = %v, %d; want %v, %d", tt.in, v, n, tt.value, tt.prose)
		}
		if v, n := Written.Scan(rs); v != tt.written || n != tt.writtenN {
			t.Errorf("Written.Scan(%q) = %v, %d; want %v, %d", tt.in, v, n, tt.written, tt.writtenN)
		}
	}
}

// TestInt checks that Int reads whole strings only, and no value too large
// to be exact.
func TestInt(t *testing.T) {
	tests := []struct {
		syntax Syntax
		in     string
		want   int
		ok     bool
	}{
		{Written, "二〇二四", 2024, true},
		{Written, "２０２４", 2024, true},
		{Written, "十二", 12, true},
		{Written, "一百", 100, true},
		{Written, "一二", 12, true},
		{Prose, "一二", 0, false},
		{Prose, "2024", 0, false},
		{Written, "十二月", 0, false},
		{Written, "一千百", 0, false},
		{Written, "", 0, false},
		{Written, "九九九九九九九九九九九九九九九", 999999999999999, true},
		{Written, "一九九九九九九九九九九九九九九九", 0, false},
		{Written, "九千万亿", 0, false},
		{Written, strings.Repeat("一", MaxRunes), 0, false},
		{Written, strings.Repeat("〇", MaxRunes+1), 0, false},
		{Written, strings.Repeat("〇", MaxRunes-1) + "七", 7, true},
	}
	for _, tt := range tests {
		if got, ok := tt.syntax.Int(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("%+v.Int(%q) = %d, %v; want %d, %v", tt.syntax, tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// FuzzScan checks, for any text, that Scan reads a finite, non-negative
// value from a prefix of at most MaxRunes runes, that a number read by
// Prose reads the same in Written, and that Int agrees with Scan.
func FuzzScan(f *testing.F) {
	for _, tt := range scanCases {
		f.Add(tt.in)
	}
	f.Add(strings.Repeat("九亿", 40))
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		rs := []rune(s)
		for _, syn := range []Syntax{Prose, Written} {
			v, n := syn.Scan(rs)
			if n < 0 || n > len(rs) || n > MaxRunes || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) || n == 0 && v != 0 {
				t.Fatalf("%+v.Scan(%q) = %v, %d", syn, s, v, n)
			}
			if i, ok := syn.Int(s); ok && (n != len(rs) || float64(i) != v) {
				t.Fatalf("%+v.Int(%q) = %d but Scan = %v, %d", syn, s, i, v, n)
			}
		}
		if v, n := Prose.Scan(rs); n > 0 {
			if wv, wn := Written.Scan(rs[:n]); wv != v || wn != n {
				t.Fatalf("Prose.Scan(%q) = %v, %d; Written.Scan of that = %v, %d", s, v, n, wv, wn)
			}
		}
	})
}

// BenchmarkScan reads the scan cases with Scan in both syntaxes and with
// Int.
func BenchmarkScan(b *testing.B) {
	var runes [][]rune
	for _, tt := range scanCases {
		runes = append(runes, []rune(tt.in))
	}
	b.ReportAllocs()
	for b.Loop() {
		for i, rs := range runes {
			Prose.Scan(rs)
			Written.Scan(rs)
			Written.Int(scanCases[i].in)
		}
	}
}

// TestIntMemory checks that Int keeps no copy of a long string: it gives
// up after MaxRunes runes, whatever the length.
func TestIntMemory(t *testing.T) {
	long := strings.Repeat("〇", 1<<20)
	if n := testing.AllocsPerRun(10, func() { Written.Int(long) }); n != 0 {
		t.Errorf("Int of a 3 MB string allocates %v times; want 0", n)
	}
}
