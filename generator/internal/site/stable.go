package site

import (
	"crypto/sha256"
	"encoding/hex"
	"sync"

	"portal/generator/internal/divisions"
)

// A published URL never changes because another report was added: every
// slug below depends on its own name only, never on which other names the
// site holds. Names of a fixed table (the provinces, the cities of the
// division table, the usual agencies of a county or city government) get
// their plain pinyin, which the tables keep unique (TestStandardSlugsUnique);
// any other name gets its pinyin followed by a short hash of the name, so a
// look-alike (信坊局 beside 信访局) or a homophone gets a URL of its own
// instead of taking or moving another's.

// standardAgencies are the usual agencies of a county- or prefecture-level
// government, by short name. Two of them whose pinyin agree cannot both be
// here: 税务局 is, 水务局 (shuiwuju too) is not.
var standardAgencies = setOf(
	"人民政府", "人民政府办公室", "政府办公室", "发展和改革局", "发展改革局", "教育局", "教育和体育局",
	"科学技术局", "科技局", "工业和信息化局", "工业信息化和商务局", "公安局", "民政局", "司法局", "财政局",
	"人力资源和社会保障局", "人社局", "自然资源局", "自然资源和规划局", "生态环境局", "生态环境分局",
	"住房和城乡建设局", "住房城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局",
	"文化和旅游局", "文化广电和旅游局", "文化旅游局", "卫生健康委员会", "卫生健康局", "卫健委",
	"退役军人事务局", "应急管理局", "审计局", "市场监督管理局", "市场监管局", "统计局", "医疗保障局",
	"林业局", "林业和草原局", "信访局", "信访办公室", "城市管理局", "城市管理综合行政执法局",
	"综合行政执法局", "行政审批服务局", "行政审批局", "数据局", "大数据局", "政务服务和大数据管理局",
	"税务局", "乡村振兴局", "体育局", "粮食和物资储备局", "人民防空办公室", "机关事务管理局",
	"住房公积金管理中心", "能源局", "民族宗教事务局", "供销合作社", "公共资源交易中心", "规划局",
	"国有资产监督管理委员会", "国资委", "地方金融监督管理局", "金融工作局", "消防救援大队", "消防救援支队",
	"气象局", "档案局", "档案馆", "残疾人联合会", "总工会", "妇女联合会", "共青团委员会",
)

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// tableCities are the prefecture-level cities of the division table, by
// province: province → city names.
var tableCities = sync.OnceValue(func() map[string]map[string]bool {
	m := map[string]map[string]bool{}
	for _, d := range divisions.All() {
		if d.City == "" {
			continue
		}
		if m[d.Province] == nil {
			m[d.Province] = map[string]bool{}
		}
		m[d.Province][d.City] = true
	}
	return m
})

// hashed is slug followed by a short hash of key: a slug of its own for a
// name outside the fixed tables.
func hashed(slug, key string) string {
	sum := sha256.Sum256([]byte(key))
	return slug + "-" + hex.EncodeToString(sum[:3])
}

// provinceSlug is the URL segment of a province.
func provinceSlug(name string) string {
	if s, ok := officialRomanization[shortName(name)]; ok {
		return s
	}
	return hashed(Slug(shortName(name)), name)
}

// citySlug is the URL segment of a city below its province.
func citySlug(province, name string) string {
	if tableCities()[province][name] {
		return Slug(shortName(name))
	}
	return hashed(Slug(shortName(name)), province+"/"+name)
}

// countySegment is the URL segment of a county: its division code, or for
// a county outside the division table its pinyin and a hash of its place.
func countySegment(c *County) string {
	if c.Code != "" {
		return c.Code
	}
	return hashed(Slug(c.Name), c.Province.Name+"/"+c.City.Name+"/"+c.Name)
}

// agencySlug is the URL segment of an agency within its county.
func agencySlug(name string) string {
	if standardAgencies[name] {
		return Slug(name)
	}
	return hashed(Slug(name), name)
}
