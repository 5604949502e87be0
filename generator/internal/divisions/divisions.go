package divisions

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed divisions.tsv
var tsv string

// Division is one county-level division.
type Division struct {
	Code     string // 6-digit GB/T 2260 code, e.g. "410423"
	Name     string // e.g. "鲁山县"
	City     string // prefecture-level city, e.g. "平顶山市"; "" for counties directly under a municipality or a province
	Province string // e.g. "河南省", "重庆市"
}

// Path returns the division's non-empty names from the province down:
// [河南省 平顶山市 鲁山县], or [重庆市 丰都县] when City is empty.
func (d Division) Path() []string {
	if d.City == "" {
		return []string{d.Province, d.Name}
	}
	return []string{d.Province, d.City, d.Name}
}

// FullName returns the division's names run together, as Chinese addresses
// write them: 河南省平顶山市鲁山县, 重庆市丰都县.
func (d Division) FullName() string {
	return d.Province + d.City + d.Name
}

type table struct {
	divs      []Division
	byCode    map[string]int
	byName    map[string][]Division
	provinces []string
	provShort map[string]string // Short(province) → full province name
}

var load = sync.OnceValue(func() *table {
	t, err := parse(tsv)
	if err != nil {
		panic("divisions: embedded divisions.tsv: " + err.Error())
	}
	return t
})

// parse reads the tab-separated table: comment lines start with #, every
// other line is code, name, city, province in code order.
func parse(src string) (*table, error) {
	n := strings.Count(src, "\n")
	t := &table{
		divs:      make([]Division, 0, n),
		byCode:    make(map[string]int, n),
		byName:    make(map[string][]Division, n),
		provShort: make(map[string]string, 40),
	}
	for lineNo := 1; src != ""; lineNo++ {
		var line string
		line, src, _ = strings.Cut(src, "\n")
		if line == "" || line[0] == '#' {
			continue
		}
		var d Division
		var ok1, ok2, ok3 bool
		d.Code, line, ok1 = strings.Cut(line, "\t")
		d.Name, line, ok2 = strings.Cut(line, "\t")
		d.City, d.Province, ok3 = strings.Cut(line, "\t")
		switch {
		case !ok1 || !ok2 || !ok3 || strings.Contains(d.Province, "\t"):
			return nil, fmt.Errorf("line %d: want 4 tab-separated fields", lineNo)
		case !isCode(d.Code):
			return nil, fmt.Errorf("line %d: code %q is not 6 digits", lineNo, d.Code)
		case d.Name == "" || d.Province == "":
			return nil, fmt.Errorf("line %d: empty name or province", lineNo)
		case len(t.divs) > 0 && t.divs[len(t.divs)-1].Code >= d.Code:
			return nil, fmt.Errorf("line %d: code %s out of order or repeated", lineNo, d.Code)
		}
		t.byCode[d.Code] = len(t.divs)
		t.divs = append(t.divs, d)
		t.byName[d.Name] = append(t.byName[d.Name], d)
		if _, ok := t.provShort[Short(d.Province)]; !ok {
			t.provShort[Short(d.Province)] = d.Province
			t.provinces = append(t.provinces, d.Province)
		}
	}
	if len(t.divs) == 0 {
		return nil, fmt.Errorf("no divisions")
	}
	return t, nil
}

func isCode(s string) bool {
	if len(s) != 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ByCode returns the division with the given 6-digit code.
func ByCode(code string) (Division, bool) {
	t := load()
	i, ok := t.byCode[strings.TrimSpace(code)]
	if !ok {
		return Division{}, false
	}
	return t.divs[i], true
}

// Lookup returns every division named name (exact match after trimming
// spaces), in code order. 28 district names repeat (e.g. 朝阳区, 鼓楼区), so
// several may come back. It returns nil when none has the name.
func Lookup(name string) []Division {
	return slices.Clone(load().byName[strings.TrimSpace(name)])
}

// Find narrows Lookup(county) by province and city when given (either may be
// ""): each matches the division's province or city by full name or short
// form (see Short), so 河南, 河南省, 平顶山 and 平顶山市 all work. For a
// division with an empty City (directly under a municipality or province,
// or a prefecture-level city without counties), a city argument matches when
// it names the province (丰都县 in 重庆市), the division itself (东莞市 in
// 东莞市), or is one of the data's placeholders (市辖区, 县, 省直辖县级行政区划,
// 自治区直辖县级行政区划). Find returns all candidates that fit, in code
// order, or nil.
func Find(county, city, province string) []Division {
	var out []Division
	city, province = Short(city), Short(province)
	for _, d := range load().byName[strings.TrimSpace(county)] {
		if province != "" && Short(d.Province) != province {
			continue
		}
		if city != "" && !cityMatches(d, city) {
			continue
		}
		out = append(out, d)
	}
	return out
}

// InCity reports whether the division d lies in city (a full or short
// name, or one of the data's placeholders; see Find).
func InCity(d Division, city string) bool { return cityMatches(d, Short(city)) }

// cityMatches reports whether the short-form city argument fits d.
func cityMatches(d Division, city string) bool {
	if d.City != "" {
		return Short(d.City) == city
	}
	return isPlaceholder(city) || city == Short(d.Name) || city == Short(d.Province)
}

// isPlaceholder reports whether s is one of the city-level placeholders of
// the source data.
func isPlaceholder(s string) bool {
	switch s {
	case "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划":
		return true
	}
	return false
}

// Provinces returns all province-level names in code order.
func Provinces() []string {
	return slices.Clone(load().provinces)
}

// ProvinceName returns the canonical full province name for a full or short
// form ("河南" → "河南省", "广西" → "广西壮族自治区"), or "" if unknown.
func ProvinceName(s string) string {
	s = Short(s)
	if s == "" {
		return ""
	}
	return load().provShort[s]
}

// Len is the number of county-level divisions in the table.
func Len() int {
	return len(load().divs)
}

// All returns every division in code order.
func All() []Division {
	return slices.Clone(load().divs)
}

// shortSuffixes are the suffixes that Short strips, longest first where one
// ends another.
var shortSuffixes = []string{"特别行政区", "自治区", "自治州", "地区", "省", "市", "盟"}

// ethnicNames are the 56 nationalities, longest first, as autonomous
// regions' and prefectures' names spell them before 族 (蒙古, 维吾尔 ...).
var ethnicNames = func() []string {
	names := strings.Fields(`汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎
		傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌
		普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺`)
	slices.SortStableFunc(names, func(a, b string) int { return len(b) - len(a) })
	return names
}()

// Short returns the short form of a province-level or prefecture-level name:
// the name without its suffix 省, 市, 自治区, 特别行政区, 地区, 盟 or 自治州,
// and, for 自治区 and 自治州, without the nationalities before the suffix.
// So 河南省 → 河南, 重庆市 → 重庆, 广西壮族自治区 → 广西, 内蒙古自治区 →
// 内蒙古, 湘西土家族苗族自治州 → 湘西, 伊犁哈萨克自治州 → 伊犁, 阿里地区 →
// 阿里, 兴安盟 → 兴安. At least two characters always remain; a name without
// such a suffix comes back trimmed but otherwise unchanged, so Short of a
// short form is itself.
func Short(s string) string {
	s = strings.TrimSpace(s)
	for _, suf := range shortSuffixes {
		rest, ok := strings.CutSuffix(s, suf)
		if !ok || utf8.RuneCountInString(rest) < 2 {
			continue
		}
		if suf == "自治区" || suf == "自治州" {
			rest = stripEthnic(rest)
		}
		return rest
	}
	return s
}

// stripEthnic removes trailing nationality names (苗族, 土家族, 蒙古, 哈萨克
// ...) from s while at least two characters remain: 湘西土家族苗族 → 湘西,
// but 内蒙古 stays.
func stripEthnic(s string) string {
	for {
		cut := false
		for _, e := range ethnicNames {
			rest, ok := strings.CutSuffix(s, e+"族")
			if !ok && utf8.RuneCountInString(e) >= 2 {
				// Some names drop 族: 伊犁哈萨克, 博尔塔拉蒙古, 新疆维吾尔.
				rest, ok = strings.CutSuffix(s, e)
			}
			if ok && utf8.RuneCountInString(rest) >= 2 {
				s, cut = rest, true
				break
			}
		}
		if !cut {
			return s
		}
	}
}

// cities are the prefecture-level cities of the table, each as a
// Division of its own (its code the first four digits of its counties'
// and "00", Name and City its name), by the short form of their name.
var cities = sync.OnceValue(func() map[string][]Division {
	out := map[string][]Division{}
	seen := map[string]bool{}
	for _, d := range load().divs {
		code := d.Code[:4] + "00"
		if d.City == "" || seen[code] {
			continue
		}
		seen[code] = true
		short := Short(d.City)
		out[short] = append(out[short], Division{Code: code, Name: d.City, City: d.City, Province: d.Province})
	}
	return out
})

// Cities returns the prefecture-level cities named name (full or short
// form, see Short) in province, when given, as Divisions of their own
// (Name and City the city's name, Code its GB/T 2260 code): the place of
// a prefecture-level agency such as 信阳市信访局.
func Cities(name, province string) []Division {
	province = Short(province)
	var out []Division
	for _, c := range cities()[Short(name)] {
		if province == "" || Short(c.Province) == province {
			out = append(out, c)
		}
	}
	return out
}
