package metrics

import (
	"math"
	"testing"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in      string
		text    string // "" means ok=false
		value   float64
		approx  bool
		qual    string
		percent bool
	}{
		// Arabic digits, decimals, percentages
		{in: "1927件", text: "1927", value: 1927},
		{in: "99.96%、", text: "99.96%", value: 99.96, percent: true},
		{in: "100.00%", text: "100.00%", value: 100, percent: true},
		{in: "0.5％", text: "0.5％", value: 0.5, percent: true},
		{in: "12.件", text: "12", value: 12},
		{in: "007", text: "007", value: 7},
		// full-width digits and decimal point
		{in: "１２３件", text: "１２３", value: 123},
		{in: "１２．５％", text: "１２．５％", value: 12.5, percent: true},
		// thousands separators
		{in: "1,234件", text: "1,234", value: 1234},
		{in: "1,234,567元", text: "1,234,567", value: 1234567},
		{in: "12,34", text: "12", value: 12},
		{in: "1234,567", text: "1234", value: 1234},
		{in: "1,2345", text: "1", value: 1},
		// multipliers
		{in: "3万余份", text: "3万余", value: 30000, approx: true, qual: "余"},
		{in: "163.35万元", text: "163.35万", value: 1633500},
		{in: "8.5万余人次", text: "8.5万余", value: 85000, approx: true, qual: "余"},
		{in: "2亿元", text: "2亿", value: 2e8},
		{in: "1.2万亿", text: "1.2万亿", value: 1.2e12},
		{in: "3千人", text: "3千", value: 3000},
		{in: "30余万元", text: "30余万", value: 300000, approx: true, qual: "余"},
		{in: "100多人", text: "100多", value: 100, approx: true, qual: "多"},
		{in: "3多元化", text: "3", value: 3},
		// qualifiers
		{in: "超过20万人", text: "超过20万", value: 200000, approx: true, qual: "超过"},
		{in: "近5万人次", text: "近5万", value: 50000, approx: true, qual: "近"},
		{in: "约300人", text: "约300", value: 300, approx: true, qual: "约"},
		{in: "逾1000人", text: "逾1000", value: 1000, approx: true, qual: "逾"},
		{in: "将近两千份", text: "将近两千", value: 2000, approx: true, qual: "将近"},
		{in: "95%以上", text: "95%以上", value: 95, approx: true, qual: "以上", percent: true},
		{in: "300左右", text: "300左右", value: 300, approx: true, qual: "左右"},
		{in: "1300余本", text: "1300余", value: 1300, approx: true, qual: "余"},
		// Chinese numerals
		{in: "六次", text: "六", value: 6},
		{in: "两次", text: "两", value: 2},
		{in: "十次", text: "十", value: 10},
		{in: "十二", text: "十二", value: 12},
		{in: "二十", text: "二十", value: 20},
		{in: "一百二十三", text: "一百二十三", value: 123},
		{in: "一百零五", text: "一百零五", value: 105},
		{in: "一千零五", text: "一千零五", value: 1005},
		{in: "三千五", text: "三千五", value: 3500},
		{in: "一万二", text: "一万二", value: 12000},
		{in: "三万", text: "三万", value: 30000},
		{in: "十万", text: "十万", value: 100000},
		{in: "一亿二千万", text: "一亿二千万", value: 1.2e8},
		{in: "二〇二四年", text: "二〇二四", value: 2024},
		{in: "一九九八年", text: "一九九八", value: 1998},
		{in: "十余次", text: "十余", value: 10, approx: true, qual: "余"},
		{in: "百余人", text: "百余", value: 100, approx: true, qual: "余"},
		{in: "千余份", text: "千余", value: 1000, approx: true, qual: "余"},
		{in: "万余人次", text: "万余", value: 10000, approx: true, qual: "余"},
		{in: "零投诉", text: "零", value: 0},
		{in: "两千余份", text: "两千余", value: 2000, approx: true, qual: "余"},
		{in: "三十余万元", text: "三十余万", value: 300000, approx: true, qual: "余"},
		{in: "百分之九十五", text: "百分之九十五", value: 95, percent: true},
		{in: "十十", text: "十", value: 10},
		{in: "一是", text: "一", value: 1},
		// not numbers
		{in: ""},
		{in: "件"},
		{in: "abc"},
		{in: "万元"},
		{in: "百"},
		{in: "百分比"},
		{in: "第一"},
		{in: "约谈"},
		{in: "近期"},
		{in: "超额完成"},
		{in: ".5"},
		{in: "-3"},
		{in: "三四次"},
	}
	for _, tt := range tests {
		n, size, ok := ParseNumber(tt.in)
		if tt.text == "" {
			if ok || size != 0 {
				t.Errorf("ParseNumber(%q) = %+v, %d, %v; want not a number", tt.in, n, size, ok)
			}
			continue
		}
		if !ok || size != len(tt.text) || n.Text != tt.text {
			t.Errorf("ParseNumber(%q) = %+v, %d, %v; want text %q", tt.in, n, size, ok, tt.text)
			continue
		}
		if math.Abs(n.Value-tt.value) > 1e-9*math.Max(1, tt.value) || n.Approx != tt.approx || n.Qualifier != tt.qual || n.Percent != tt.percent {
			t.Errorf("ParseNumber(%q) = %+v; want value %g approx %v qualifier %q percent %v",
				tt.in, n, tt.value, tt.approx, tt.qual, tt.percent)
		}
	}
}
