/* The portal's ECharts: only what the generated options use (see
   README.md beside this file). build.sh bundles this file with esbuild into
   ../echarts/echarts.portal.min.js, an IIFE that sets window.echarts. */
import { use, init, getInstanceByDom, version } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendScrollComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// Series types: bar (counts, rates, publication status) and line (metric
// trends). Components: the cartesian grid with its axes, the legend
// (type 'scroll', which includes the plain one) and the tooltip (richText,
// with the axis pointer it brings). Renderer: SVG only, as charts.js asks
// for it. The ZH and EN locales are part of echarts/core.
use([BarChart, LineChart, GridComponent, LegendScrollComponent, TooltipComponent, SVGRenderer]);

// The global API: init for charts.js; getInstanceByDom for the browser
// tests (and the console), version to tell which ECharts this is.
window.echarts = { init: init, getInstanceByDom: getInstanceByDom, version: version };
