// Package draft drafts the metadata of a newly received report file
// (generator new): title, organ, place, year, 文号, dates and figures,
// from what its path and its text tell, for an editor to confirm.
package draft

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"portal/generator/internal/config"
	"portal/generator/internal/content"
	"portal/generator/internal/diag"
	"portal/generator/internal/divisions"
	"portal/generator/internal/document"
	"portal/generator/internal/format"
	"portal/generator/internal/metrics"
)

var yearInText = regexp.MustCompile(`((?:19|20)\d\d)\s*年`)

// Metadata reads the report file name and drafts its metadata as TOML:
// what its path says (content.FactsOfFile) and what its text says, the
// figures of catalog found as a commented [metrics] block.
func Metadata(name string, catalog config.Catalog) ([]byte, error) {
	doc, err := format.Default.ParseFile(name)
	if err != nil {
		return nil, err
	}
	facts := content.FactsOfFile(name)
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Metadata of %s, drafted by `generator new` from its path and text.\n# Check every value, fill in what is missing, then delete these comments.\n", diag.Escape(filepath.Base(name)))
	organ := organOf(doc)
	if organ == "" && facts.Agency != "" {
		organ = facts.Place + facts.Agency // the path names it
	}
	place := placeOf(organ, facts)
	year := yearOf(doc, facts)
	writeTitle(&b, doc.Header.Title, organ, year)
	writeKey(&b, "agency", agencyOf(organ, place, facts), "发布机构")
	writeDivision(&b, place)
	if year != 0 {
		fmt.Fprintf(&b, "year = %d\n", year)
		fmt.Fprintf(&b, "# published = %d-03-31 # 发布日期: fill in when it is made public (by 1 April %d)\n", year+1, year+1)
	} else {
		b.WriteString("# year = 2024            # 年度: the year reported on\n# published = 2025-03-31 # 发布日期: fill in when it is made public\n")
	}
	if d := doc.Signature.Date; d != "" {
		fmt.Fprintf(&b, "written = %s          # 成文日期, from the signature %q\n", d, doc.Signature.DateText)
	}
	if n := doc.Header.DocNumber; n != "" {
		writeKey(&b, "doc_number", n, "文号")
	}
	writeFigures(&b, metrics.Extract(catalog, metrics.FromDocument(doc)), catalog)
	return b.Bytes(), nil
}

// writeTitle writes the title of the title block, with the organ before
// it when the title leaves it out; a text without a title line (one that
// opens with its addressee, say) gets one composed of the organ and the
// year, marked as such.
func writeTitle(b *bytes.Buffer, title, organ string, year int) {
	switch {
	case title != "":
		if organ != "" && !strings.HasPrefix(title, organ) {
			title = organ + title
		}
		writeKey(b, "title", title, "标题")
	case organ != "" && year != 0:
		writeKey(b, "title", fmt.Sprintf("%s%d年度法治政府建设情况报告", organ, year), "标题: the text has no title line; composed from the organ and the year")
	default:
		writeKey(b, "title", "", "标题")
	}
}

// yearOf is the year reported on: from the title, else the file's path,
// else the first year the body names.
func yearOf(doc *document.Document, facts content.PathFacts) int {
	if m := yearInText.FindStringSubmatch(doc.Header.Title); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	if facts.Year != 0 {
		return facts.Year
	}
	for _, blk := range doc.Blocks {
		if m := yearInText.FindStringSubmatch(blk.Text); m != nil {
			y, _ := strconv.Atoi(m[1])
			return y
		}
	}
	return 0
}

// organOf is the issuing organ: the title block's organ line, the signature,
// or the red header without its 文件.
func organOf(doc *document.Document) string {
	for _, s := range []string{doc.Header.Organ, doc.Signature.Organ, strings.TrimSuffix(doc.Header.DocHeader, "文件")} {
		if s != "" {
			return s
		}
	}
	t := doc.Header.Title
	for _, suffix := range []string{"局", "办公室", "委员会", "人民政府", "中心", "院", "委", "办"} {
		if i := strings.Index(t, suffix); i > 0 {
			return t[:i+len(suffix)]
		}
	}
	return ""
}

// place is where an organ sits: the divisions its name starts with, by
// the longest prefix, and that prefix (鲁山县 of 鲁山县信访局, 怀化市鹤城区
// of 怀化市鹤城区信访局).
type place struct {
	divisions []divisions.Division
	prefix    string
}

// placeOf finds the county an organ's name begins with, the name
// perhaps led by its province and city; else the county the path names.
func placeOf(organ string, facts content.PathFacts) place {
	var best place
	for _, d := range divisions.All() {
		for _, prefix := range []string{d.Name, d.City + d.Name, d.Province + d.Name, d.Province + d.City + d.Name} {
			switch {
			case !strings.HasPrefix(organ, prefix):
			case len(prefix) > len(best.prefix):
				best = place{[]divisions.Division{d}, prefix}
			case len(prefix) == len(best.prefix) && d.Code != best.divisions[len(best.divisions)-1].Code:
				best.divisions = append(best.divisions, d)
			}
		}
	}
	if len(best.divisions) == 0 && facts.Place != "" {
		best.divisions = divisions.Find(facts.Place, facts.City, facts.Province)
	}
	return best
}

// agencyOf is the agency's name: the path's, which the editor gave,
// else the organ without the place it starts with.
func agencyOf(organ string, p place, facts content.PathFacts) string {
	if facts.Agency != "" {
		return facts.Agency
	}
	return strings.TrimPrefix(organ, p.prefix)
}

// writeDivision writes county, city, province and code of place, or the
// candidates when its name is shared.
func writeDivision(b *bytes.Buffer, p place) {
	best := p.divisions
	switch {
	case len(best) == 1:
		d := best[0]
		writeKey(b, "county", d.Name, "")
		if d.City != "" {
			writeKey(b, "city", d.City, "")
		}
		writeKey(b, "province", d.Province, "")
		writeKey(b, "division_code", d.Code, "")
	case len(best) > 1:
		writeKey(b, "county", best[0].Name, "several divisions have this name: keep the right province")
		for _, d := range best {
			fmt.Fprintf(b, "# province = %s  # city = %s  # division_code = %q\n", Quote(d.Province), Quote(d.City), d.Code)
		}
	default:
		b.WriteString("# county = \"\"             # 县（市、区）: not found in the organ's name\n# province = \"\"\n")
	}
}

// writeFigures writes the figures the site would publish from the text as
// a commented [metrics] block.
func writeFigures(b *bytes.Buffer, figs []metrics.Figure, catalog config.Catalog) {
	var lines []string
	values, _ := metrics.Merge(catalog, nil, figs)
	for _, v := range values {
		m, _ := catalog.Lookup(v.Key)
		line := fmt.Sprintf("# %s = %s  # %s", v.Key, fmt.Sprint(v.Value), m.Label)
		if f := v.Figure; f != nil {
			line += fmt.Sprintf(" %s「%s」", diag.Escape(f.Anchor), diag.Escape(f.Quote)) // a comment is one line
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		return
	}
	b.WriteString("\n# Figures found in the text. The site publishes them as extracted; uncomment\n# the [metrics] line and each figure you confirm to publish it as reported.\n# [metrics]\n")
	b.WriteString(strings.Join(lines, "\n") + "\n")
}

func writeKey(b *bytes.Buffer, key, value, note string) {
	if value == "" {
		fmt.Fprintf(b, "# %s = \"\"  # %s: not found in the text\n", key, note)
		return
	}
	if note != "" {
		fmt.Fprintf(b, "%s = %s  # %s\n", key, Quote(value), note)
		return
	}
	fmt.Fprintf(b, "%s = %s\n", key, Quote(value))
}

// Quote writes s as a TOML basic string (JSON string escapes are TOML's;
// TOML wants DEL escaped too, and so does a terminal C1 and bidi
// controls: EscapeJSON).
func Quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSpace(string(diag.EscapeJSON(b.Bytes())))
}
