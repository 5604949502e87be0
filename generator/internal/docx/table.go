package docx

import (
	"html"
	"strconv"
	"strings"
)

// HTML writes the table as an HTML <table>: the header rows in <thead> as
// <th scope="col"> cells, the others in <tbody>; one <tr> per row, a merged
// cell once with its colspan and rowspan, line breaks inside a cell as
// <br>. All text is escaped.
func (t *Table) HTML() string {
	var b strings.Builder
	b.WriteString("<table>\n")
	head := min(max(t.HeaderRows, 0), len(t.Rows))
	writeGroup(&b, "thead", t.Rows[:head], `th scope="col"`)
	writeGroup(&b, "tbody", t.Rows[head:], "td")
	b.WriteString("</table>\n")
	return b.String()
}

// writeGroup writes rows as a row group (thead or tbody) of cell elements;
// nothing for no rows.
func writeGroup(b *strings.Builder, group string, rows [][]Cell, cell string) {
	if len(rows) == 0 {
		return
	}
	name, _, _ := strings.Cut(cell, " ")
	b.WriteString("<" + group + ">\n")
	for _, r := range rows {
		b.WriteString("<tr>")
		for _, c := range r {
			b.WriteString("<" + cell)
			if c.ColSpan > 1 {
				b.WriteString(` colspan="` + strconv.Itoa(c.ColSpan) + `"`)
			}
			if c.RowSpan > 1 {
				b.WriteString(` rowspan="` + strconv.Itoa(c.RowSpan) + `"`)
			}
			b.WriteString(">")
			for i, line := range strings.Split(c.Text, "\n") {
				if i > 0 {
					b.WriteString("<br>")
				}
				b.WriteString(html.EscapeString(line))
			}
			b.WriteString("</" + name + ">")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</" + group + ">\n")
}
