package chart

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"portal/generator/internal/output"
	"portal/generator/internal/tooltest"
)

// licences are the licence files the site carries beside the bundle:
// ECharts' own, and those of the d3, ZRender and tslib code it contains.
var licences = []string{"LICENSE", "NOTICE", "licenses/LICENSE-d3", "licenses/LICENSE-zrender", "licenses/LICENSE-tslib"}

// TestWriteAssets checks the site gets the pinned ECharts build with its
// licence files, and that the embedded file is the version it claims.
func TestWriteAssets(t *testing.T) {
	files := output.NewFiles()
	if err := WriteAssets(files); err != nil {
		t.Fatal(err)
	}
	for _, name := range licences {
		if _, ok := files.Get(AssetDir + name); !ok {
			t.Errorf("site lacks %s%s", AssetDir, name)
		}
	}
	if _, ok := files.Get(AssetDir + bundleFile); ok {
		t.Errorf("site carries %s%s under its unhashed name", AssetDir, bundleFile)
	}
	js, ok := files.Get(Script)
	if !ok || !strings.HasPrefix(echartsSHA256, echartsHash) || !strings.HasSuffix(Script, ".min."+echartsHash+".js") {
		t.Errorf("site lacks %s, or its name does not carry the hash of its contents", Script)
	}
	if sum := fmt.Sprintf("%x", sha256.Sum256(js)); sum != echartsSHA256 {
		t.Errorf("%s sha256 %s, want %s (update echartsSHA256 and echartsHash with it)", bundleFile, sum, echartsSHA256)
	}
	if !bytes.Contains(js, []byte(`="`+ECharts+`"`)) || !bytes.Contains(js, []byte("Apache ECharts "+ECharts)) {
		t.Errorf("%s is not version %s", bundleFile, ECharts)
	}
	if !bytes.Contains(js, []byte("window.echarts={init:")) {
		t.Errorf("%s does not set window.echarts", bundleFile)
	}
	if notice, _ := files.Get(AssetDir + "NOTICE"); !bytes.Contains(notice, []byte("Apache ECharts")) {
		t.Error("NOTICE is not ECharts'")
	}
}

// TestBundleRebuilds runs echarts-build/build.sh with the pinned echarts
// and esbuild and checks it writes exactly the committed bundle, so the
// script, entry.js and the file cannot drift apart.
func TestBundleRebuilds(t *testing.T) {
	for _, tool := range []string{"bash", "node"} {
		tooltest.Command(t, tool, "apt-get install bash nodejs")
	}
	for _, rel := range []string{"echarts/package.json", "esbuild/bin/esbuild"} {
		tooltest.NPMFile(t, rel)
	}
	nm := tooltest.NPMDir()
	out := filepath.Join(t.TempDir(), bundleFile)
	cmd := exec.Command("bash", filepath.Join("echarts-build", "build.sh"), nm, out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build.sh: %v\n%s", err, msg)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := echartsFiles.ReadFile("echarts/" + bundleFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("build.sh wrote %d bytes (sha256 %x), the committed %s has %d (sha256 %s): run bash generator/internal/chart/echarts-build/build.sh and commit the result",
			len(got), sha256.Sum256(got), bundleFile, len(want), echartsSHA256)
	}
}
