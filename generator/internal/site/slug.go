package site

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

// maxSlug is the longest slug, in bytes.
const maxSlug = 48

// officialRomanization lists the province-level names with their official
// romanization, which a character-by-character pinyin gets wrong for
// heteronyms (重庆 is chongqing, 西藏 xizang) and for 陕西, written Shaanxi
// to tell it from 山西.
var officialRomanization = map[string]string{
	"北京": "beijing", "天津": "tianjin", "河北": "hebei", "山西": "shanxi", "内蒙古": "neimenggu",
	"辽宁": "liaoning", "吉林": "jilin", "黑龙江": "heilongjiang", "上海": "shanghai", "江苏": "jiangsu",
	"浙江": "zhejiang", "安徽": "anhui", "福建": "fujian", "江西": "jiangxi", "山东": "shandong",
	"河南": "henan", "湖北": "hubei", "湖南": "hunan", "广东": "guangdong", "广西": "guangxi",
	"海南": "hainan", "重庆": "chongqing", "四川": "sichuan", "贵州": "guizhou", "云南": "yunnan",
	"西藏": "xizang", "陕西": "shaanxi", "甘肃": "gansu", "青海": "qinghai", "宁夏": "ningxia",
	"新疆": "xinjiang", "香港": "xianggang", "澳门": "aomen", "台湾": "taiwan",
}

// placeReading is how a heteronym reads in place names, where the
// dictionary's first reading is the wrong one (长沙 is changsha, not
// zhangsha).
var placeReading = map[rune]string{
	'长': "chang", '重': "chong", '藏': "zang", '厦': "xia", '蚌': "beng", '六': "lu",
	'乐': "le", '都': "du", '洞': "dong", '莘': "shen", '曲': "qu", '朝': "chao", '单': "shan",
	'盖': "gai", '会': "hui", '番': "pan", '丽': "li", '济': "ji", '大': "da", '行': "xing",
}

var pinyinArgs = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Fallback = func(r rune, a pinyin.Args) []string { return nil }
	return a
}()

// Slug turns a Chinese name into a readable ASCII URL segment: Han
// characters become toneless pinyin, ASCII letters and digits are kept,
// everything else is dropped. A name with nothing left gets a short hash,
// so every slug is a safe, non-empty path segment.
func Slug(name string) string {
	if s, ok := officialRomanization[name]; ok {
		return s
	}
	var b strings.Builder
	for _, r := range name {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
		case placeReading[r] != "":
			b.WriteString(placeReading[r])
		case unicode.Is(unicode.Han, r):
			for _, p := range pinyin.LazyPinyin(string(r), pinyinArgs) {
				b.WriteString(p)
			}
		}
		if b.Len() >= maxSlug {
			break
		}
	}
	s := b.String()
	if len(s) > maxSlug {
		s = s[:maxSlug]
	}
	if s == "" {
		sum := sha256.Sum256([]byte(name))
		s = "x" + hex.EncodeToString(sum[:4])
	}
	return s
}

// shortName drops the administrative suffix of a province or city name for
// its slug: 河南省 → 河南, 平顶山市 → 平顶山, 广西壮族自治区 → 广西.
func shortName(name string) string {
	for _, suf := range []string{"维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"} {
		if s := strings.TrimSuffix(name, suf); s != name && s != "" {
			return s
		}
	}
	return name
}
