package chart

import (
	"embed"
	"io/fs"
	"strings"

	"portal/generator/internal/output"
)

// ECharts is the version of Apache ECharts the generator ships, as a
// custom build with only what the charts use (bar and line series; grid,
// scroll legend and tooltip; the SVG renderer): echarts.portal.min.js,
// bundled from the npm package echarts@6.1.0 by
// echarts-build/build.sh (esbuild 0.28.2, both pinned in .ci/npm), shipped
// with the package's LICENSE, NOTICE and licenses/LICENSE-d3 and the
// licences of the ZRender and tslib code it bundles.
const ECharts = "6.1.0"

// bundleFile is the embedded bundle's name in echarts/, as build.sh
// writes it.
const bundleFile = "echarts.portal.min.js"

// echartsSHA256 is the checksum of the embedded bundle; a test keeps the
// file and the version constant honest, and another rebuilds it.
const echartsSHA256 = "ff031e32a43b3b84d2fac7b5ee087d6a75a93f96875244d90966f7683e252140"

//go:embed echarts
var echartsFiles embed.FS

// AssetDir is where the site carries ECharts and its licence files,
// relative to the site root. The version in the name lets browsers cache
// the library for good.
const AssetDir = "static/js/echarts-" + ECharts + "/"

// Script is the URL, relative to the site root, of the ECharts library
// that pages with charts load before static/js/charts.js.
const Script = AssetDir + "echarts.portal.min." + echartsHash + ".js"

// echartsHash is the start of echartsSHA256, in the script's published
// name: a host may cache it for good.
const echartsHash = "ff031e32a4"

// WriteAssets adds the ECharts bundle (as Script) and its LICENSE, NOTICE
// and licenses/ files to the site under AssetDir.
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
		if name == AssetDir+bundleFile {
			name = Script
		}
		return files.Add(name, b)
	})
}
