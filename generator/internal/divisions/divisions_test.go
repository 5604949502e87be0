package divisions

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestByName(t *testing.T) {
	tests := []struct {
		name                 string
		code, city, province string
	}{
		{"鲁山县", "410423", "平顶山市", "河南省"},
		{"丰都县", "500230", "", "重庆市"},
		{"芷江侗族自治县", "431228", "怀化市", "湖南省"},
		{"嘉黎县", "540621", "那曲市", "西藏自治区"},
		{"阳城县", "140522", "晋城市", "山西省"},
		{" 阳城县 ", "140522", "晋城市", "山西省"},
		{"济源市", "419001", "", "河南省"},
		{"仙桃市", "429004", "", "湖北省"},
		{"神农架林区", "429021", "", "湖北省"},
		{"石河子市", "659001", "", "新疆维吾尔自治区"},
		{"东城区", "110101", "", "北京市"},
		{"浦东新区", "310115", "", "上海市"},
		{"东莞市", "441900", "", "广东省"},
		{"嘉峪关市", "620201", "", "甘肃省"},
		{"科尔沁右翼前旗", "152221", "兴安盟", "内蒙古自治区"},
		{"吉首市", "433101", "湘西土家族苗族自治州", "湖南省"},
	}
	for _, tt := range tests {
		got := Lookup(tt.name)
		if len(got) != 1 {
			t.Errorf("Lookup(%q) = %v, want one division", tt.name, got)
			continue
		}
		d := got[0]
		want := Division{tt.code, strings.TrimSpace(tt.name), tt.city, tt.province}
		if d != want {
			t.Errorf("Lookup(%q) = %+v, want %+v", tt.name, d, want)
		}
		if bc, ok := ByCode(tt.code); !ok || bc != want {
			t.Errorf("ByCode(%q) = %+v, %v, want %+v", tt.code, bc, ok, want)
		}
		if f := Find(tt.name, "", ""); len(f) != 1 || f[0] != want {
			t.Errorf("Find(%q, \"\", \"\") = %v", tt.name, f)
		}
	}
}

func TestByCodeMissing(t *testing.T) {
	for _, code := range []string{"", "41042", "4104230", "410400", "110171", "999999"} {
		if d, ok := ByCode(code); ok {
			t.Errorf("ByCode(%q) = %+v, want none", code, d)
		}
	}
	if got := Lookup("不存在县"); got != nil {
		t.Errorf("Lookup(不存在县) = %v, want nil", got)
	}
	if got := Lookup(""); got != nil {
		t.Errorf("Lookup(\"\") = %v, want nil", got)
	}
}

func TestRepeatedName(t *testing.T) {
	got := Lookup("朝阳区")
	if len(got) < 2 {
		t.Fatalf("Lookup(朝阳区) = %v, want 2+", got)
	}
	if got[0].Code != "110105" || got[1].Code != "220104" || got[1].City != "长春市" {
		t.Errorf("Lookup(朝阳区) = %v", got)
	}
	for _, province := range []string{"北京", "北京市", " 北京市 "} {
		f := Find("朝阳区", "", province)
		if len(f) != 1 || f[0].Code != "110105" {
			t.Errorf("Find(朝阳区, \"\", %q) = %v", province, f)
		}
	}
	for _, args := range [][2]string{{"", "吉林"}, {"", "吉林省"}, {"长春", ""}, {"长春市", "吉林"}} {
		f := Find("朝阳区", args[0], args[1])
		if len(f) != 1 || f[0].Code != "220104" {
			t.Errorf("Find(朝阳区, %q, %q) = %v", args[0], args[1], f)
		}
	}
	if f := Find("朝阳区", "", "河南"); f != nil {
		t.Errorf("Find(朝阳区, \"\", 河南) = %v, want nil", f)
	}
	if f := Find("朝阳区", "沈阳", ""); f != nil {
		t.Errorf("Find(朝阳区, 沈阳, \"\") = %v, want nil", f)
	}

	if f := Find("鼓楼区", "", ""); len(f) != 4 {
		t.Errorf("Find(鼓楼区) = %v, want 4", f)
	}
	if f := Find("鼓楼区", "", "江苏"); len(f) != 2 {
		t.Errorf("Find(鼓楼区, \"\", 江苏) = %v, want 2 (南京, 徐州)", f)
	}
	if f := Find("鼓楼区", "徐州", "江苏"); len(f) != 1 || f[0].Code != "320302" {
		t.Errorf("Find(鼓楼区, 徐州, 江苏) = %v", f)
	}
	// Lookup hands out copies.
	got[0].Name = "changed"
	if Lookup("朝阳区")[0].Name != "朝阳区" {
		t.Error("Lookup result aliases the table")
	}
}

func TestFindShortForms(t *testing.T) {
	tests := []struct {
		county, city, province, code string
	}{
		{"鲁山县", "平顶山", "河南", "410423"},
		{"鲁山县", "平顶山市", "河南省", "410423"},
		{"鲁山县", "", "河南", "410423"},
		{"丰都县", "", "重庆", "500230"},
		{"丰都县", "重庆市", "重庆市", "500230"}, // the municipality given as city
		{"丰都县", "县", "", "500230"},      // the data's placeholder
		{"东城区", "市辖区", "北京", "110101"},
		{"济源市", "省直辖县级行政区划", "河南", "419001"},
		{"济源市", "济源", "河南省", "419001"},
		{"东莞市", "东莞", "广东", "441900"}, // a city without counties, by its own name
		{"东莞市", "东莞市", "", "441900"},
		{"芷江侗族自治县", "怀化", "湖南", "431228"},
		{"吉首市", "湘西", "湖南", "433101"},
		{"嘉黎县", "那曲", "西藏", "540621"},
		{"兴宁区", "南宁", "广西", "450102"},
		{"兴宁区", "南宁市", "广西壮族自治区", "450102"},
		{"兴宁区", "", "广西自治区", "450102"},
		{"科尔沁右翼前旗", "兴安", "内蒙古", "152221"},
		{"伊宁市", "伊犁", "新疆", "654002"},
		{"噶尔县", "阿里", "西藏", "542523"},
	}
	for _, tt := range tests {
		f := Find(tt.county, tt.city, tt.province)
		if len(f) != 1 || f[0].Code != tt.code {
			t.Errorf("Find(%q, %q, %q) = %v, want %s", tt.county, tt.city, tt.province, f, tt.code)
		}
	}
	misses := [][3]string{
		{"鲁山县", "", "河北"},
		{"鲁山县", "洛阳", ""},
		{"丰都县", "万州", ""},
		{"丰都县", "", "四川"},
		{"东莞市", "广州", ""},
		{"鲁山", "", "河南"}, // county names match exactly
	}
	for _, m := range misses {
		if f := Find(m[0], m[1], m[2]); f != nil {
			t.Errorf("Find(%q, %q, %q) = %v, want nil", m[0], m[1], m[2], f)
		}
	}
}

func TestShort(t *testing.T) {
	tests := map[string]string{
		"河南省":         "河南",
		"重庆市":         "重庆",
		"平顶山市":        "平顶山",
		"广西壮族自治区":     "广西",
		"内蒙古自治区":      "内蒙古",
		"西藏自治区":       "西藏",
		"宁夏回族自治区":     "宁夏",
		"新疆维吾尔自治区":    "新疆",
		"香港特别行政区":     "香港",
		"湘西土家族苗族自治州":  "湘西",
		"黔东南苗族侗族自治州":  "黔东南",
		"海南藏族自治州":     "海南",
		"海西蒙古族藏族自治州":  "海西",
		"伊犁哈萨克自治州":    "伊犁",
		"博尔塔拉蒙古自治州":   "博尔塔拉",
		"巴音郭楞蒙古自治州":   "巴音郭楞",
		"克孜勒苏柯尔克孜自治州": "克孜勒苏",
		"延边朝鲜族自治州":    "延边",
		"阿坝藏族羌族自治州":   "阿坝",
		"红河哈尼族彝族自治州":  "红河",
		"德宏傣族景颇族自治州":  "德宏",
		"怒江傈僳族自治州":    "怒江",
		"阿里地区":        "阿里",
		"兴安盟":         "兴安",
		"锡林郭勒盟":       "锡林郭勒",
		" 河南 ":        "河南",
		"":            "",
		"鲁山县":         "鲁山县",
		"市辖区":         "市辖区",
		"县":           "县",
		"省直辖县级行政区划":   "省直辖县级行政区划",
		"自治区直辖县级行政区划": "自治区直辖县级行政区划",
	}
	for in, want := range tests {
		if got := Short(in); got != want {
			t.Errorf("Short(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestShortOfTableNames(t *testing.T) {
	// Every province and city of the table has a short form of two or more
	// characters, Short is idempotent, and no two provinces, nor two cities
	// of one province, share a short form.
	provinces := map[string]string{}
	cities := map[string]string{}
	for _, d := range All() {
		for _, name := range []string{d.Province, d.City} {
			if name == "" {
				continue
			}
			s := Short(name)
			if len([]rune(s)) < 2 || Short(s) != s || strings.ContainsAny(s, "省族") {
				t.Errorf("Short(%q) = %q", name, s)
			}
		}
		if p, ok := provinces[Short(d.Province)]; ok && p != d.Province {
			t.Errorf("provinces %s and %s share a short form", p, d.Province)
		}
		provinces[Short(d.Province)] = d.Province
		if d.City != "" {
			key := d.Province + "/" + Short(d.City)
			if c, ok := cities[key]; ok && c != d.City {
				t.Errorf("cities %s and %s share a short form", c, d.City)
			}
			cities[key] = d.City
		}
	}
}

func TestProvinces(t *testing.T) {
	ps := Provinces()
	if len(ps) != 31 {
		t.Errorf("Provinces() has %d names, want 31: %v", len(ps), ps)
	}
	if ps[0] != "北京市" || ps[len(ps)-1] != "新疆维吾尔自治区" {
		t.Errorf("Provinces() = %v, want 北京市 … 新疆维吾尔自治区 in code order", ps)
	}
	tests := map[string]string{
		"河南":         "河南省",
		"河南省":        "河南省",
		" 河南 ":       "河南省",
		"重庆":         "重庆市",
		"广西":         "广西壮族自治区",
		"广西壮族自治区":    "广西壮族自治区",
		"广西自治区":      "广西壮族自治区",
		"内蒙古":        "内蒙古自治区",
		"新疆":         "新疆维吾尔自治区",
		"西藏":         "西藏自治区",
		"宁夏回族自治区":    "宁夏回族自治区",
		"黑龙江":        "黑龙江省",
		"":           "",
		"平顶山":        "",
		"香港特别行政区":    "",
		"河":          "",
		"Henan":      "",
		"湘西土家族苗族自治州": "",
	}
	for in, want := range tests {
		if got := ProvinceName(in); got != want {
			t.Errorf("ProvinceName(%q) = %q, want %q", in, got, want)
		}
	}
	for _, p := range ps {
		if ProvinceName(p) != p || ProvinceName(Short(p)) != p {
			t.Errorf("ProvinceName does not round-trip %s", p)
		}
	}
	ps[0] = "changed"
	if Provinces()[0] != "北京市" {
		t.Error("Provinces result aliases the table")
	}
}

func TestTable(t *testing.T) {
	raw, err := os.ReadFile("divisions.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if string(raw) != tsv {
		t.Fatal("embedded table differs from divisions.tsv")
	}
	rows := 0
	for _, line := range strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n") {
		if !strings.HasPrefix(line, "#") {
			rows++
		}
	}
	n := Len()
	if n != rows {
		t.Errorf("Len() = %d, file has %d rows", n, rows)
	}
	if n < 2800 || n > 3000 {
		t.Errorf("Len() = %d, want 2800..3000", n)
	}
	// The generator reported 2854 for china-division 2.7.0.
	if n != 2854 {
		t.Errorf("Len() = %d, want 2854 (china-division 2.7.0); update this test after regenerating", n)
	}

	provinces := Provinces()
	seen := map[string]bool{}
	names := map[string]int{}
	all := All()
	if len(all) != n {
		t.Fatalf("All() has %d, Len() %d", len(all), n)
	}
	for i, d := range all {
		if !isCode(d.Code) {
			t.Errorf("%+v: code is not 6 digits", d)
		}
		if d.Code[4] == '7' {
			t.Errorf("%+v: development-zone code xxxx7x", d)
		}
		if seen[d.Code] {
			t.Errorf("%+v: repeated code", d)
		}
		seen[d.Code] = true
		if i > 0 && all[i-1].Code >= d.Code {
			t.Errorf("%s after %s: not in code order", d.Code, all[i-1].Code)
		}
		if !slices.Contains(provinces, d.Province) {
			t.Errorf("%+v: province not in Provinces()", d)
		}
		if d.Name == "" || strings.TrimSpace(d.Name) != d.Name || strings.TrimSpace(d.City) != d.City {
			t.Errorf("%+v: bad name", d)
		}
		if isPlaceholder(d.City) || strings.Contains(d.City, "直辖") || d.City == d.Name {
			t.Errorf("%+v: placeholder city left in", d)
		}
		for _, zone := range []string{"开发区", "高新", "示范区", "工业园区"} {
			if strings.Contains(d.Name, zone) {
				t.Errorf("%+v: looks like a development zone", d)
			}
		}
		if got, ok := ByCode(d.Code); !ok || got != d {
			t.Errorf("ByCode(%s) = %+v, %v", d.Code, got, ok)
		}
		if !slices.Contains(Lookup(d.Name), d) {
			t.Errorf("Lookup(%s) misses %+v", d.Name, d)
		}
		names[d.Name]++
	}
	repeated := 0
	for _, c := range names {
		if c > 1 {
			repeated++
		}
	}
	if repeated != 28 {
		t.Errorf("%d names repeat, want 28", repeated)
	}
	// Municipalities have no cities; every other province has some.
	for _, d := range all {
		switch d.Province {
		case "北京市", "天津市", "上海市", "重庆市":
			if d.City != "" {
				t.Errorf("%+v: municipality with a city", d)
			}
		}
	}
}

func TestPath(t *testing.T) {
	d, _ := ByCode("410423")
	if got := strings.Join(d.Path(), "›"); got != "河南省›平顶山市›鲁山县" {
		t.Errorf("Path = %s", got)
	}
	if got := d.FullName(); got != "河南省平顶山市鲁山县" {
		t.Errorf("FullName = %s", got)
	}
	d, _ = ByCode("500230")
	if got := strings.Join(d.Path(), "›"); got != "重庆市›丰都县" {
		t.Errorf("Path = %s", got)
	}
	if got := d.FullName(); got != "重庆市丰都县" {
		t.Errorf("FullName = %s", got)
	}
}

func TestParseErrors(t *testing.T) {
	bad := []string{
		"",
		"# only a comment\n",
		"410423\t鲁山县\t平顶山市\n",
		"41042\t鲁山县\t平顶山市\t河南省\n",
		"41042x\t鲁山县\t平顶山市\t河南省\n",
		"410423\t\t平顶山市\t河南省\n",
		"410423\t鲁山县\t平顶山市\t\n",
		"410423\t鲁山县\t平顶山市\t河南省\textra\n",
		"410423\t鲁山县\t平顶山市\t河南省\n410422\t叶县\t平顶山市\t河南省\n",
		"410423\t鲁山县\t平顶山市\t河南省\n410423\t鲁山县\t平顶山市\t河南省\n",
	}
	for _, src := range bad {
		if _, err := parse(src); err == nil {
			t.Errorf("parse(%q) succeeded", src)
		}
	}
	tb, err := parse("# c\n410422\t叶县\t平顶山市\t河南省\n500230\t丰都县\t\t重庆市")
	if err != nil || len(tb.divs) != 2 || tb.divs[1].City != "" || tb.divs[1].Province != "重庆市" {
		t.Errorf("parse = %+v, %v", tb, err)
	}
}

func TestParseFast(t *testing.T) {
	best := time.Hour
	for range 5 {
		start := time.Now()
		if _, err := parse(tsv); err != nil {
			t.Fatal(err)
		}
		best = min(best, time.Since(start))
	}
	t.Logf("parse: %v", best)
	if best > 5*time.Millisecond && !raceEnabled && testing.CoverMode() == "" {
		t.Errorf("parse took %v, want < 5ms", best)
	}
}

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		if _, err := parse(tsv); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFind(b *testing.B) {
	load()
	for b.Loop() {
		Find("朝阳区", "", "北京")
	}
}
