package build

import (
	"testing"
	"testing/fstest"

	"portal/generator/internal/diag"
)

// TestRootFileLanguages checks the error of a file of the site root's
// static/ folder too large to publish, in both languages, alone and as
// the problem naming the file.
func TestRootFileLanguages(t *testing.T) {
	_, err := readRootFile(fstest.MapFS{"report.pdf": {Data: make([]byte, maxRootFile+1<<20)}}, "report.pdf")
	if err == nil {
		t.Fatal("no error")
	}
	var problems diag.List
	problems.Errorf(diag.Pos{File: "static/report.pdf"}, "%v", err)
	for _, tc := range []struct {
		lang      diag.Lang
		err, line string
	}{
		{diag.En, "21 MB is more than the 20 MB a published file may be", "static/report.pdf: 21 MB is more than the 20 MB a published file may be"},
		{diag.Zh, "21 MB，超过发布文件的上限 20 MB", "static/report.pdf: 21 MB，超过发布文件的上限 20 MB"},
	} {
		if got := diag.ErrorTextIn(err, tc.lang); got != tc.err {
			t.Errorf("%s: %q, want %q", tc.lang, got, tc.err)
		}
		if got := problems[0].Text(tc.lang); got != tc.line {
			t.Errorf("%s: problem %q, want %q", tc.lang, got, tc.line)
		}
	}
	if err.Error() != "21 MB is more than the 20 MB a published file may be" {
		t.Errorf("Error: %q", err)
	}
}
