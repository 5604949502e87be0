package chart

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"

	"portal/generator/internal/output"
)

// TestWriteAssets checks the site gets the pinned ECharts build with its
// licence files, and that the embedded file is the version it claims.
func TestWriteAssets(t *testing.T) {
	files := output.NewFiles()
	if err := WriteAssets(files); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"LICENSE", "NOTICE", "licenses/LICENSE-d3"} {
		if _, ok := files.Get(AssetDir + name); !ok {
			t.Errorf("site lacks %s%s", AssetDir, name)
		}
	}
	js, ok := files.Get(Script)
	if !ok || !strings.HasPrefix(echartsSHA256, echartsHash) || !strings.HasSuffix(Script, ".min."+echartsHash+".js") {
		t.Errorf("site lacks %s, or its name does not carry the hash of its contents", Script)
	}
	if sum := fmt.Sprintf("%x", sha256.Sum256(js)); sum != echartsSHA256 {
		t.Errorf("echarts.common.min.js sha256 %s, want %s (update ECharts and echartsSHA256 together)", sum, echartsSHA256)
	}
	if !bytes.Contains(js, []byte(`.version="`+ECharts+`"`)) {
		t.Errorf("echarts.common.min.js is not version %s", ECharts)
	}
	if notice, _ := files.Get(AssetDir + "NOTICE"); !bytes.Contains(notice, []byte("Apache ECharts")) {
		t.Error("NOTICE is not ECharts'")
	}
}
