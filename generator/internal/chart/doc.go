// Package chart makes the portal's charts: for each page that has charts,
// a list of [Chart] values, each with the table that shows the same
// numbers. It is the only package that imports go-echarts.
//
// # How a chart reaches the reader
//
// A chart is first a [Plot]: categories (years, or counties ranked by
// value), series of [Value] (each the published [site.Point] it draws), a
// unit and an axis range. go-echarts turns the plot into an ECharts option,
// which is serialised with encoding/json (so <, > and & are escaped) and
// printed by the templates into a data-option attribute:
//
//	<figure class="chart">
//	  <figcaption id="chart-1">信访总量（件）</figcaption>
//	  <div class="chart-canvas" role="img" aria-label="…" data-option="{…}" data-height="300"></div>
//	  <details open>…the same values as a table, with source links…</details>
//	</figure>
//
// The one external script static/js/charts.js starts every such element
// with the SVG renderer, so pages carry no inline script, no inline style
// and no random element IDs, and print crisply. Pages without charts load
// neither that script nor ECharts, which the generator embeds and writes
// into the site next to its licence files (see [WriteAssets]). Without
// JavaScript the tables are the page.
//
// # Sources
//
// Every value says where it comes from (metrics.Source): 报送数据 (the
// report's TOML, authoritative), 文中提取 (found in the report's text) or
// 推算 (derived from the next year's change). Bars are solid, pale with a
// solid border, or hollow with a dashed border; line points are filled
// circles, diamonds, or hollow circles. Each value's tooltip and table cell
// say the source and the report.
//
// Options carry only data and plain strings: no JavaScript functions
// (each item has its tooltip text, which ECharts draws as rich text, never
// as HTML), and every map is encoded with sorted keys, so the output is
// byte-identical across builds.
package chart
