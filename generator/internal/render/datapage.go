package render

import (
	"encoding/json"
	"fmt"
	"strings"

	"portal/generator/internal/site"
)

// The open data's landing page and its catalog.
const (
	dataPage    = "data/"
	catalogFile = "data/catalog.jsonld"
)

// License is the licence of the open data: the reports are government
// information published under the 政府信息公开条例; the tables the portal
// derives from them are open under CC BY 4.0.
var License = struct{ Name, URL string }{"知识共享署名 4.0 国际许可协议（CC BY 4.0）", "https://creativecommons.org/licenses/by/4.0/"}

// Dataset is one file of the open data as the data page and the catalog
// describe it.
type Dataset struct {
	File        string // relative to the site root
	Set         string // the data set it is a distribution of: files of one Set hold the same data
	Title       string
	Description string
	MediaType   string
	Fields      []Field
}

// Field is one column of a dataset (a CSV column, a JSON key).
type Field struct {
	Name, Type, Description string
}

// metricFields describe metricRow, the rows of metrics.csv and metrics.json.
var metricFields = []Field{
	{"province", "文本", "省级行政区名称，如 河南省"},
	{"city", "文本", "地级市名称；直辖县级行政区为空"},
	{"county", "文本", "县（市、区）名称；地级市本级部门为市名"},
	{"division_code", "文本", "县级行政区划代码（GB/T 2260，6 位）；不在区划表中的为空"},
	{"agency", "文本", "发布报告的部门全称，如 鲁山县信访局"},
	{"year", "整数", "数值所属年度"},
	{"metric", "文本", "指标键名，见 config.toml 的指标目录，如 petitions_total"},
	{"label", "文本", "指标中文名称"},
	{"value", "数值", "数值"},
	{"unit", "文本", "单位，如 件、%"},
	{"approx", "布尔", "true 表示原文为约数（约、近、余等）"},
	{"source", "文本", "来源：metadata（报送的元数据）、text（从正文提取）或 derived（由次年报告的同比变化推算）"},
	{"report_url", "网址", "所出报告页面的地址，从正文提取的带有定位到原句的锚点"},
	{"note", "文本", "推算数值的依据，其他为空"},
}

// reportFields describe reportRow, the rows of reports.json.
var reportFields = []Field{
	{"title", "文本", "报告标题"},
	{"agency", "文本", "发布部门全称"},
	{"county", "文本", "县（市、区）名称"},
	{"city", "文本", "地级市名称；未注明的为空"},
	{"province", "文本", "省级行政区名称"},
	{"division_code", "文本", "县级行政区划代码；未注明的为空"},
	{"year", "整数", "报告所属年度"},
	{"published", "日期", "公开日期（YYYY-MM-DD）；未注明的为空"},
	{"written", "日期", "成文日期（YYYY-MM-DD）；未注明的为空"},
	{"doc_number", "文本", "文号；无文号的为空"},
	{"index_number", "文本", "索引号；无索引号的为空"},
	{"source_url", "网址", "报告在发布机关网站上的原始地址；未注明的为空"},
	{"summary", "文本", "摘要；未注明的为空"},
	{"url", "网址", "报告在本平台的页面地址"},
	{"download_url", "网址", "报告原文件的下载地址"},
}

// Datasets are the files of the open data, in the order the data page
// lists them.
var Datasets = []Dataset{
	{File: metricsCSV, Set: "metrics", Title: "指标数据（CSV）", MediaType: "text/csv", Fields: metricFields,
		Description: "各部门报告中的数据，每行一个县（市、区）部门一个年度的一项指标。UTF-8 编码，带 BOM，可直接用 Excel 打开；以 = + - @ 开头的文本前加了单引号。"},
	{File: metricsJSON, Set: "metrics", Title: "指标数据（JSON）", MediaType: "application/json", Fields: metricFields,
		Description: "与 CSV 相同的数据，一个对象数组，每个对象一行。"},
	{File: reportsJSON, Set: "reports", Title: "报告目录（JSON）", MediaType: "application/json", Fields: reportFields,
		Description: "本平台收录的全部报告的元数据，一个对象数组，每个对象一份报告。"},
}

// setTitles are the titles of the data sets of the catalog.
var setTitles = map[string]string{"metrics": "法治政府建设年度报告指标数据", "reports": "法治政府建设年度报告目录"}

// DataPage is what the data page shows besides the datasets: when the
// data last changed, and its catalog, which the page announces in its
// head (not embedded: pages hold no inline script, TestHostileSafeOutput).
type DataPage struct {
	Datasets []Dataset
	License  struct{ Name, URL string }
	Updated  string // the newest report's date, ISO: never the build time
	Catalog  string // catalogFile
	Years    string // the years the reports cover, e.g. 2019–2024
}

// newDataPage describes the open data of s.
func newDataPage(s *site.Site) *DataPage {
	return &DataPage{Datasets: Datasets, License: License, Updated: lastUpdate(s), Catalog: catalogFile, Years: yearSpan(s.Reports)}
}

// lastUpdate is the date of the newest report, ISO; "" for a site
// without reports.
func lastUpdate(s *site.Site) string {
	if rs := s.Latest(1); len(rs) > 0 {
		return rs[0].Date().String()
	}
	return ""
}

// catalog is a DCAT catalog of the open data as JSON-LD, for data portals
// to harvest (data/catalog.jsonld).
func catalog(s *site.Site) []byte {
	type ref struct {
		ID string `json:"@id"`
	}
	type typed struct {
		Value string `json:"@value"`
		Type  string `json:"@type"`
	}
	type distribution struct {
		Type        string `json:"@type"`
		Title       string `json:"dct:title"`
		DownloadURL ref    `json:"dcat:downloadURL"`
		AccessURL   ref    `json:"dcat:accessURL"`
		MediaType   string `json:"dcat:mediaType"`
		License     ref    `json:"dct:license"`
	}
	type period struct {
		Type  string `json:"@type"`
		Start typed  `json:"dcat:startDate"`
		End   typed  `json:"dcat:endDate"`
	}
	type dataset struct {
		ID           string         `json:"@id"`
		Type         string         `json:"@type"`
		Title        string         `json:"dct:title"`
		Description  string         `json:"dct:description"`
		Identifier   string         `json:"dct:identifier"`
		Modified     *typed         `json:"dct:modified,omitempty"`
		Temporal     *period        `json:"dct:temporal,omitempty"`
		Keyword      []string       `json:"dcat:keyword"`
		LandingPage  ref            `json:"dcat:landingPage"`
		License      ref            `json:"dct:license"`
		Distribution []distribution `json:"dcat:distribution"`
	}
	type agent struct {
		Type string `json:"@type"`
		Name string `json:"foaf:name"`
	}
	doc := struct {
		Context     map[string]string `json:"@context"`
		ID          string            `json:"@id"`
		Type        string            `json:"@type"`
		Title       string            `json:"dct:title"`
		Description string            `json:"dct:description"`
		Language    ref               `json:"dct:language"`
		Publisher   agent             `json:"dct:publisher"`
		Homepage    ref               `json:"foaf:homepage"`
		License     ref               `json:"dct:license"`
		Modified    *typed            `json:"dct:modified,omitempty"`
		Dataset     []dataset         `json:"dcat:dataset"`
	}{
		Context: map[string]string{"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
			"foaf": "http://xmlns.com/foaf/0.1/", "xsd": "http://www.w3.org/2001/XMLSchema#"},
		ID: absolute(s, catalogFile), Type: "dcat:Catalog", Title: s.Config.Title + "开放数据",
		Description: "县级机关法治政府建设年度报告的目录和报告中的数据。", Language: ref{"http://id.loc.gov/vocabulary/iso639-1/zh"},
		Publisher: agent{"foaf:Organization", s.Config.Organiser}, Homepage: ref{absolute(s, dataPage)}, License: ref{License.URL},
	}
	var temporal *period
	if len(s.Years) > 0 {
		first, last := s.Years[len(s.Years)-1].Year, s.Years[0].Year
		temporal = &period{"dct:PeriodOfTime", typed{fmt.Sprintf("%d-01-01", first), "xsd:date"}, typed{fmt.Sprintf("%d-12-31", last), "xsd:date"}}
	}
	if u := lastUpdate(s); u != "" {
		doc.Modified = &typed{u, "xsd:date"}
	}
	for _, d := range Datasets {
		dist := distribution{Type: "dcat:Distribution", Title: d.Title, DownloadURL: ref{absolute(s, d.File)},
			AccessURL: ref{absolute(s, dataPage)}, MediaType: d.MediaType, License: ref{License.URL}}
		if n := len(doc.Dataset); n > 0 && doc.Dataset[n-1].Identifier == d.Set {
			doc.Dataset[n-1].Distribution = append(doc.Dataset[n-1].Distribution, dist)
			continue
		}
		doc.Dataset = append(doc.Dataset, dataset{
			ID: absolute(s, dataPage) + "#" + d.Set, Type: "dcat:Dataset", Title: setTitles[d.Set], Description: d.Description,
			Identifier: d.Set, Modified: doc.Modified, Temporal: temporal, Keyword: []string{"法治政府建设", "年度报告", "政府信息公开"},
			LandingPage: ref{absolute(s, dataPage)}, License: ref{License.URL}, Distribution: []distribution{dist},
		})
	}
	b, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		panic(err) // plain structs always encode
	}
	return append(b, '\n')
}

// Anchor is the id of the dataset's section on the data page:
// data/metrics.csv → metrics-csv.
func (d Dataset) Anchor() string {
	return strings.ReplaceAll(strings.TrimPrefix(d.File, "data/"), ".", "-")
}
