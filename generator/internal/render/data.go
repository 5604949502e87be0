package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"

	"portal/generator/internal/metrics"
	"portal/generator/internal/output"
	"portal/generator/internal/site"
)

// Open data files, linked from the footer.
const (
	metricsCSV  = "data/metrics.csv"
	metricsJSON = "data/metrics.json"
	reportsJSON = "data/reports.json"
)

// metricRow is one row of the open data: a county × agency × year × metric.
type metricRow struct {
	Province     string  `json:"province"`
	City         string  `json:"city"`
	County       string  `json:"county"`
	DivisionCode string  `json:"division_code"`
	Agency       string  `json:"agency"`
	Year         int     `json:"year"`
	Metric       string  `json:"metric"`
	Label        string  `json:"label"`
	Value        float64 `json:"value"`
	Unit         string  `json:"unit"`
	Approx       bool    `json:"approx"`
	Source       string  `json:"source"`
	ReportURL    string  `json:"report_url"`
	Note         string  `json:"note"`
}

// reportRow is a report's metadata in reports.json.
type reportRow struct {
	Title        string `json:"title"`
	Agency       string `json:"agency"`
	County       string `json:"county"`
	City         string `json:"city"`
	Province     string `json:"province"`
	DivisionCode string `json:"division_code"`
	Year         int    `json:"year"`
	Published    string `json:"published"`
	Written      string `json:"written"`
	DocNumber    string `json:"doc_number"`
	IndexNumber  string `json:"index_number"`
	SourceURL    string `json:"source_url"`
	Summary      string `json:"summary"`
	URL          string `json:"url"`
	DownloadURL  string `json:"download_url"`
}

// openData writes metrics.csv (UTF-8 with a BOM so Excel reads it),
// metrics.json and reports.json.
func openData(s *site.Site, files output.Sink) error {
	rows := metricRows(s)
	for name, b := range map[string][]byte{
		metricsCSV:  metricsCSVBytes(rows),
		metricsJSON: jsonBytes(rows),
		reportsJSON: jsonBytes(reportRows(s)),
	} {
		if err := files.Add(name, b); err != nil {
			return err
		}
	}
	return nil
}

func metricRows(s *site.Site) []metricRow {
	rows := []metricRow{}
	for _, p := range s.AllPoints() {
		r := p.Report
		label := p.Key
		if m, ok := s.Config.Metrics.Lookup(p.Key); ok {
			label = m.Label
		}
		u := absolute(s, r.URL)
		if p.Anchor != "" {
			u += "#" + p.Anchor
		}
		rows = append(rows, metricRow{
			Province: r.County.Province.Name, City: r.County.City.Name, County: r.County.Name, DivisionCode: r.County.Code,
			Agency: r.Agency.FullName, Year: p.Year, Metric: p.Key, Label: label, Value: p.Value, Unit: p.Unit,
			Approx: p.Approx, Source: string(p.Source), ReportURL: u, Note: p.From,
		})
	}
	return rows
}

func reportRows(s *site.Site) []reportRow {
	rows := []reportRow{}
	for _, r := range s.Reports {
		m := r.Meta
		rows = append(rows, reportRow{
			Title: m.Title, Agency: r.Agency.FullName, County: m.County, City: m.City, Province: m.Province,
			DivisionCode: m.DivisionCode, Year: m.Year, Published: m.Published.String(), Written: m.Written.String(),
			DocNumber: m.DocNumber, IndexNumber: m.IndexNumber, SourceURL: m.SourceURL, Summary: m.Summary,
			URL: absolute(s, r.URL), DownloadURL: absolute(s, r.DownloadURL),
		})
	}
	return rows
}

func metricsCSVBytes(rows []metricRow) []byte {
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.Write([]string{"province", "city", "county", "division_code", "agency", "year", "metric", "label", "value", "unit", "approx", "source", "report_url", "note"})
	for _, r := range rows {
		w.Write([]string{cell(r.Province), cell(r.City), cell(r.County), r.DivisionCode, cell(r.Agency), strconv.Itoa(r.Year),
			r.Metric, cell(r.Label), metrics.FormatNumber(r.Value), cell(r.Unit), strconv.FormatBool(r.Approx), r.Source, r.ReportURL, cell(r.Note)})
	}
	w.Flush()
	return b.Bytes()
}

// cell defuses a text cell that a spreadsheet would take as a formula.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func jsonBytes(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", " ")
	if err := enc.Encode(v); err != nil {
		panic(err) // plain structs always encode
	}
	return b.Bytes()
}
