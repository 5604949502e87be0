package chart

import (
	"embed"
	"io/fs"
	"strings"

	"portal/generator/internal/output"
)

// ECharts is the version of Apache ECharts the generator ships: the
// "common" build (line, bar, pie, scatter; grid, legend, tooltip; canvas
// and SVG renderers), taken unchanged from the npm package
// (npm pack echarts@6.1.0, dist/echarts.common.min.js) together with the
// package's LICENSE, NOTICE and licenses/LICENSE-d3.
const ECharts = "6.1.0"

// echartsSHA256 is the checksum of the embedded echarts.common.min.js; a
// test keeps the file and the version constant honest.
const echartsSHA256 = "61f13280aba3161f77fc801bf5f9c786f55f10432153a0683fc5cc0700b013d5"

//go:embed echarts
var echartsFiles embed.FS

// AssetDir is where the site carries ECharts and its licence files,
// relative to the site root. The version in the name lets browsers cache
// the library for good.
const AssetDir = "static/js/echarts-" + ECharts + "/"

// Script is the URL, relative to the site root, of the ECharts library
// that pages with charts load before static/js/charts.js.
const Script = AssetDir + "echarts.common.min." + echartsHash + ".js"

// echartsHash is the start of echartsSHA256, in the script's published
// name: a host may cache it for good.
const echartsHash = "61f13280ab"

// WriteAssets adds ECharts and its LICENSE, NOTICE and licenses/ files to
// the site under AssetDir.
func WriteAssets(files output.Sink) error {
	return fs.WalkDir(echartsFiles, "echarts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := echartsFiles.ReadFile(p)
		if err != nil {
			return err
		}
		name := AssetDir + strings.TrimPrefix(p, "echarts/")
		if name == AssetDir+"echarts.common.min.js" {
			name = Script
		}
		return files.Add(name, b)
	})
}
