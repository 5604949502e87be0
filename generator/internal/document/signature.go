package document

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"

	"portal/generator/internal/diag"
)

var (
	// cnDateRE matches a date written with 年月日, in Arabic or Chinese
	// numerals: 2024年12月31日, 二〇二四年十二月三十一日.
	cnDateRE = regexp.MustCompile(`^([0-9０-９〇○零OoＯ一二三四五六七八九]{4})` + space + `年` + space +
		`([0-9０-９一二三四五六七八九十]{1,3})` + space + `月` + space +
		`([0-9０-９一二三四五六七八九十]{1,4})` + space + `日$`)
	// numDateRE matches 2024-12-31, 2024.12.31 and 2024/12/31.
	numDateRE = regexp.MustCompile(`^([0-9]{4})[-./]([0-9]{1,2})[-./]([0-9]{1,2})$`)
)

// parseSignature takes the signature (an organ line and a date line, or a
// date line alone) from the end of lines and returns it with the lines that
// remain. A date that is not a real calendar date is kept as written and
// reported.
func parseSignature(file string, lines []srcLine, probs *diag.List) (Signature, []srcLine) {
	n := len(lines)
	if n == 0 {
		return Signature{}, lines
	}
	last := lines[n-1]
	date, ok := parseDate(last.text)
	if !ok {
		return Signature{}, lines
	}
	if date == "" {
		probs.Warnf(diag.Pos{File: file, Line: last.no}, "signature date %q is not a valid calendar date", last.text)
	}
	sig := Signature{Date: date, DateText: last.text, Line: last.no}
	n--
	if n > 0 && isOrganLine(lines[n-1].text) {
		n--
		sig.Organ, sig.Line = lines[n].text, lines[n].no
	}
	return sig, lines[:n]
}

// parseDate reads a date line. ok reports whether s is written as a date;
// iso is its ISO form, or "" if it names no real day (2024年2月30日).
func parseDate(s string) (iso string, ok bool) {
	m := cnDateRE.FindStringSubmatch(s)
	if m == nil {
		m = numDateRE.FindStringSubmatch(s)
	}
	if m == nil {
		return "", false
	}
	y, mo, d := intValue(m[1]), intValue(m[2]), intValue(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if y < 1 || t.Year() != y || int(t.Month()) != mo || t.Day() != d {
		return "", true
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d), true
}

// takeSignature removes the signature from the end of a Markdown body and
// appends a signatureNode instead. The signature is a last paragraph that is
// a date, with the organ on the line before it in the same paragraph or
// alone in the paragraph before.
func takeSignature(doc *ast.Document, src []byte, st *mdState) Signature {
	last, ok := doc.LastChild().(*ast.Paragraph)
	if !ok || last.Lines().Len() > 2 {
		return Signature{}
	}
	lines := rawLines(last, src)
	if len(lines) == 0 || len(lines) > 2 {
		return Signature{}
	}
	date, isDate := parseDate(lines[len(lines)-1])
	if !isDate || (len(lines) == 2 && !isOrganLine(lines[0])) {
		return Signature{}
	}
	sig := Signature{Date: date, DateText: lines[len(lines)-1], Line: st.startLine(last)}
	if len(lines) == 2 {
		sig.Organ = lines[0]
	} else if prev, ok := last.PreviousSibling().(*ast.Paragraph); ok {
		if pl := rawLines(prev, src); len(pl) == 1 && isOrganLine(pl[0]) {
			sig.Organ, sig.Line = pl[0], st.startLine(prev)
			doc.RemoveChild(doc, prev)
		}
	}
	if date == "" {
		st.probs.Warnf(diag.Pos{File: st.file, Line: st.startLine(last) + len(lines) - 1}, "signature date %q is not a valid calendar date", sig.DateText)
	}
	doc.RemoveChild(doc, last)
	doc.AppendChild(doc, signatureAST(sig))
	return sig
}

// rawLines returns the source lines of a paragraph, trimmed.
func rawLines(p ast.Node, src []byte) []string {
	var lines []string
	for i := range p.Lines().Len() {
		seg := p.Lines().At(i)
		lines = append(lines, strings.TrimSpace(string(seg.Value(src))))
	}
	return lines
}
