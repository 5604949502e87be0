package docx

import (
	"html"
	"strconv"
	"strings"
)

// HTML writes the table as an HTML <table>: one <tr> per row, a merged
// cell once with its colspan and rowspan, line breaks inside a cell as
// <br>. All text is escaped.
func (t *Table) HTML() string {
	var b strings.Builder
	b.WriteString("<table>\n")
	for _, r := range t.Rows {
		b.WriteString("<tr>")
		for _, c := range r {
			b.WriteString("<td")
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
			b.WriteString("</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table>\n")
	return b.String()
}
