package document

import (
	"strings"
	"testing"
)

// dateCases are date lines with their ISO form.
var dateCases = []struct {
	in     string
	iso    string
	isDate bool
}{
	{"2024年12月31日", "2024-12-31", true},
	{"2024年1月5日", "2024-01-05", true},
	{"2024 年 12 月 31 日", "2024-12-31", true},
	{"２０２４年１２月３１日", "2024-12-31", true},
	{"二〇二四年十二月三十一日", "2024-12-31", true},
	{"二○二四年一月五日", "2024-01-05", true},
	{"二零二五年十月二十日", "2025-10-20", true},
	{"二〇二四年十一月十日", "2024-11-10", true},
	{"2024-12-31", "2024-12-31", true},
	{"2024.1.5", "2024-01-05", true},
	{"2024/02/29", "2024-02-29", true},
	{"2023年2月29日", "", true},
	{"二〇二四年十三月一日", "", true},
	{"2024年0月1日", "", true},
	{"二〇二四年十二十月一日", "", true},
	{"2024年12月", "", false},
	{"截至2024年12月31日", "", false},
	{"2024年12月31日前完成", "", false},
	{"", "", false},
}

// TestParseDate checks dates in Arabic and Chinese numerals.
func TestParseDate(t *testing.T) {
	for _, tt := range dateCases {
		iso, isDate := parseDate(tt.in)
		if iso != tt.iso || isDate != tt.isDate {
			t.Errorf("parseDate(%q) = %q, %v; want %q, %v", tt.in, iso, isDate, tt.iso, tt.isDate)
		}
	}
}

// signatureCases are documents with the signature at their end.
var signatureCases = []struct {
	name     string
	src      string
	want     Signature
	lastBody string
	warnings int
}{
	{
		"organ and date",
		"正文。\n芷江侗族自治县信访局\n2024年12月31日\n",
		Signature{Organ: "芷江侗族自治县信访局", Date: "2024-12-31", DateText: "2024年12月31日", Line: 2},
		"正文。", 0,
	},
	{
		"blank lines and the blank-page note between",
		"正文。\n\n\n鲁山县信访局\n\n（此页无正文）\n\u3000\u3000二〇二四年十二月三十一日\n\n",
		Signature{Organ: "鲁山县信访局", Date: "2024-12-31", DateText: "二〇二四年十二月三十一日", Line: 4},
		"正文。", 0,
	},
	{
		"organ with a seal note",
		"正文。\n鲁山县信访局（盖章）\n2024年12月31日",
		Signature{Organ: "鲁山县信访局（盖章）", Date: "2024-12-31", DateText: "2024年12月31日", Line: 2},
		"正文。", 0,
	},
	{
		"date only",
		"正文。\n2025年1月6日",
		Signature{Date: "2025-01-06", DateText: "2025年1月6日", Line: 2},
		"正文。", 0,
	},
	{
		"a short last line is not an organ",
		"四、其他事项\n无\n2025年1月6日",
		Signature{Date: "2025-01-06", DateText: "2025年1月6日", Line: 3},
		"无", 0,
	},
	{
		"not a calendar date",
		"正文。\n鲁山县信访局\n2024年2月30日",
		Signature{Organ: "鲁山县信访局", DateText: "2024年2月30日", Line: 2},
		"正文。", 1,
	},
	{
		"no signature",
		"正文。\n七、其他需要报告的重要事项\n无\n\n(此页无正文)",
		Signature{},
		"无", 0,
	},
}

// TestParseTextSignature checks the signature at the end of a document.
func TestParseTextSignature(t *testing.T) {
	for _, tt := range signatureCases {
		t.Run(tt.name, func(t *testing.T) {
			d, probs := ParseText("t.txt", tt.src)
			if d.Signature != tt.want {
				t.Errorf("signature = %+v, want %+v", d.Signature, tt.want)
			}
			if last := d.Blocks[len(d.Blocks)-1]; last.Text != tt.lastBody {
				t.Errorf("last block %q, want %q", last.Text, tt.lastBody)
			}
			if len(probs) != tt.warnings {
				t.Errorf("problems:\n%s want %d", probs, tt.warnings)
			}
		})
	}
}

// TestSignatureHTML checks the signature block as written in the source.
func TestSignatureHTML(t *testing.T) {
	d, _ := ParseText("t.txt", "正文。\n鲁山县信访局\n二〇二四年十二月三十一日")
	html, err := d.HTML()
	if err != nil {
		t.Fatal(err)
	}
	want := `<div class="signature"><p>鲁山县信访局</p>` + "\n" + `<p>二〇二四年十二月三十一日</p>` + "\n</div>\n"
	if !strings.HasSuffix(string(html), want) {
		t.Errorf("HTML ends\n%s\nwant\n%s", html, want)
	}
}
