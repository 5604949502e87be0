package metrics

// Masks: which runes of a sentence sit inside book titles 《》, quotation
// marks “”, document-number brackets 〔〕 or parentheses （）. Numbers in the
// first three are names (《法治中国建设规划（2020—2025年）》, “1+10+N”,
// 〔2024〕1号), never figures; numbers in parentheses are asides (初件47件).

// Mask bits.
const (
	maskBook  uint8 = 1 << iota // 《…》 and 〈…〉
	maskQuote                   // “…”, 「…」, 『…』, "…"
	maskDoc                     // 〔…〕, [ … ], ［…］, 【…】
	maskParen                   // （…）, (…)
)

// maskName is the union of the masks whose numbers are names.
const maskName = maskBook | maskQuote | maskDoc

// maskTitle is the union of the masks whose words are titles, not names of
// figures: a phrase may stand in quotation marks (“及时受理率”), not in 《》.
const maskTitle = maskBook | maskDoc

// pairKinds lists the opening and closing runes of each masked pair.
var pairKinds = []struct {
	open, close rune
	bit         uint8
}{
	{'《', '》', maskBook}, {'〈', '〉', maskBook},
	{'“', '”', maskQuote}, {'「', '」', maskQuote}, {'『', '』', maskQuote},
	{'〔', '〕', maskDoc}, {'[', ']', maskDoc}, {'［', '］', maskDoc}, {'【', '】', maskDoc},
	{'（', '）', maskParen}, {'(', ')', maskParen},
}

// computeMask returns the mask bits of rs[s:e], indexed from s. An unclosed
// pair masks the rest of the sentence; a stray closing rune is ignored.
func computeMask(rs []rune, s, e int) []uint8 {
	m := make([]uint8, e-s)
	depth := make([]int, len(pairKinds))
	asciiQuote := false
	for i := s; i < e; i++ {
		r := rs[i]
		var bits uint8
		for k, p := range pairKinds {
			if r == p.open {
				depth[k]++
			}
			if depth[k] > 0 {
				bits |= p.bit
			}
			if r == p.close && depth[k] > 0 {
				depth[k]--
			}
		}
		if r == '"' {
			asciiQuote = !asciiQuote
			bits |= maskQuote
		} else if asciiQuote {
			bits |= maskQuote
		}
		m[i-s] = bits
	}
	return m
}
