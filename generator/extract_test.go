package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExtractJSONShape checks the exact JSON shape other tools rely on.
func TestExtractJSONShape(t *testing.T) {
	dir := t.TempDir()
	txt := filepath.Join(dir, "a.txt")
	os.WriteFile(txt, []byte("某县信访局2024年度法治政府建设情况报告\n一、主要成效\n2024年，全县信访总量1927件，同比下降61.71%。群众满意率98.44%。\n"), 0o644)
	md := filepath.Join(dir, "b.md")
	os.WriteFile(md, []byte("+++\ntitle = \"x\"\n+++\n## 一、成效\n\n全年及时受理率100%。\n"), 0o644)
	var out, errb bytes.Buffer
	if code := run([]string{"extract", txt, md, "--json", "--source", ".."}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var files []map[string]json.RawMessage
	if err := json.Unmarshal(out.Bytes(), &files); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if len(files) != 2 || string(files[0]["file"]) != `"`+txt+`"` || string(files[1]["file"]) != `"`+md+`"` {
		t.Fatalf("files out of order or renamed:\n%s", out.String())
	}
	var figs []map[string]any
	json.Unmarshal(files[0]["figures"], &figs)
	want := map[string]float64{"petitions_total": 1927, "petitions_total_yoy": -61.71, "satisfaction_rate": 98.44}
	for _, f := range figs {
		keys := []string{}
		for k := range f {
			keys = append(keys, k)
		}
		if len(f) != 7 {
			t.Errorf("figure has fields %v, want exactly key value unit approx ambiguous quote anchor", keys)
		}
		if k, _ := f["key"].(string); want[k] != 0 && f["value"].(float64) == want[k] {
			if q, _ := f["quote"].(string); !strings.Contains(q, "%") && !strings.Contains(q, "件") || f["anchor"] == "" {
				t.Errorf("figure %v lacks quote or anchor", f)
			}
			delete(want, k)
		}
	}
	if len(want) > 0 {
		t.Errorf("not extracted: %v\n%s", want, out.String())
	}
	if !strings.Contains(string(files[1]["figures"]), `"timely_acceptance_rate"`) {
		t.Errorf("Markdown file: %s", files[1]["figures"])
	}
}

func TestExtractMissingFile(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"extract", "--source", "..", "no-such-file.txt"}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "no-such-file.txt") {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
}

// TestOpenData checks the open data files of the default site.
func TestOpenData(t *testing.T) {
	dest, res := buildSite(t, "../content")
	csv := read(t, dest, "data/metrics.csv")
	if !strings.HasPrefix(csv, "\uFEFFprovince,city,county,division_code,agency,year,metric,label,value,unit,approx,source,report_url") {
		t.Errorf("metrics.csv header: %q", csv[:min(len(csv), 200)])
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(read(t, dest, "data/metrics.json")), &rows); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(csv, "\r\n") - 1; got != len(rows) || len(rows) == 0 {
		t.Errorf("metrics.csv has %d rows, metrics.json %d", got, len(rows))
	}
	found := false
	for _, r := range rows {
		if r["county"] == "鲁山县" && r["metric"] == "petitions_total" && r["year"] == 2024.0 {
			found = r["value"] == 1927.0 && r["source"] == "extracted" && strings.HasPrefix(r["report_url"].(string), "https://fzbg.example.gov.cn/counties/410423/xinfangju-2024/#p")
		}
	}
	if !found {
		t.Error("metrics.json lacks 鲁山县 petitions_total 2024 = 1927 extracted with a link to its paragraph")
	}
	var reports []map[string]any
	json.Unmarshal([]byte(read(t, dest, "data/reports.json")), &reports)
	if len(reports) != len(res.Site.Reports) {
		t.Errorf("reports.json has %d reports", len(reports))
	}
	page := read(t, dest, "counties/410423/xinfangju-2024/index.html")
	for _, want := range []string{"数据要点", "信访总量", "1927件", "文中提取", "推算"} {
		if !strings.Contains(page, want) {
			t.Errorf("report page lacks %q", want)
		}
	}
}
