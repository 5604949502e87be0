package content

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"portal/generator/internal/diag"
)

// Encodings a report file may be written in.
const (
	UTF8    = "UTF-8"
	GB18030 = "GB18030"
	UTF16   = "UTF-16" // with a byte-order mark: Notepad's "Unicode"
)

// Decode turns the bytes of a text file into a UTF-8 string with LF line
// endings. It accepts UTF-8 with or without a byte-order mark, and GB18030
// (which includes GBK and GB2312), as Windows editors save Chinese text.
// UTF-16 with a byte-order mark (Notepad's "Unicode") is decoded too.
// It returns the encoding it found, or an error that names the byte offset
// where the input stopped making sense in either encoding.
func Decode(b []byte) (text, encoding string, err error) {
	if bytes.HasPrefix(b, []byte("\xFF\xFE")) || bytes.HasPrefix(b, []byte("\xFE\xFF")) {
		return decodeUTF16(b)
	}
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return "", "", diag.Errorf("byte offset %d: NUL byte: this is a binary file, not text", i)
	}
	if utf8.Valid(b) {
		return normalizeNewlines(string(b)), UTF8, nil
	}
	bad := firstInvalidUTF8(b)
	if hanRunes(b[:bad]) >= 2 {
		return "", "", diag.Errorf("byte offset %d: mixed encodings: UTF-8 Chinese text up to here, then bytes that are not UTF-8", bad)
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", "", diag.Errorf("byte offset %d: neither valid UTF-8 nor clean GB18030 text", bad)
	}
	return normalizeNewlines(string(out)), GB18030, nil
}

// decodeUTF16 decodes UTF-16 text that starts with its byte-order mark.
func decodeUTF16(b []byte) (text, encoding string, err error) {
	if len(b)%2 != 0 {
		return "", "", diag.Errorf("byte offset %d: UTF-16 text cut in the middle of a character", len(b)-1)
	}
	out, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder().Bytes(b)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", "", diag.Errorf("not clean UTF-16 text: a character is damaged; save the file again as UTF-8")
	}
	if i := bytes.IndexByte(out, 0); i >= 0 {
		return "", "", diag.Errorf("byte offset %d: NUL character: this is a binary file, not text", i)
	}
	return normalizeNewlines(string(out)), UTF16, nil
}

// hanRunes counts the Chinese characters of valid UTF-8 text: GB18030
// text almost never has two that decode as UTF-8 by chance.
func hanRunes(b []byte) int {
	n := 0
	for _, r := range string(b) {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// firstInvalidUTF8 returns the offset of the first byte that does not start
// a valid UTF-8 sequence.
func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// normalizeNewlines turns CRLF and lone CR into LF.
func normalizeNewlines(s string) string {
	if !bytes.ContainsRune([]byte(s), '\r') {
		return s
	}
	var b bytes.Buffer
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\r' {
			b.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
