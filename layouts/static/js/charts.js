/* charts.js — starts every chart of the page. Each chart is an element
   <div class="chart-canvas" data-option="{…}" data-height="300"> whose
   ECharts option the generator wrote as escaped JSON; this external script
   is the only code that runs, so pages need no inline script (CSP
   script-src 'self'). Charts use the SVG renderer so they print crisply,
   follow window resizes, and honour prefers-reduced-motion. Once a chart
   is drawn, its data table (a <details data-fold>) folds under it; printing
   unfolds every table. Without JavaScript the tables are simply open.
   In 长者模式 (site.js) the charts are taller, with larger labels,
   legends and tooltips and thicker lines, and redrawn when it toggles. */
(function () {
  'use strict';
  if (typeof echarts === 'undefined') {
    return; // the library did not load: the tables stay open
  }
  var reduceMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  var charts = [];

  // ELDER is what 长者模式 changes: font sizes in px (axis labels,
  // legend, titles; tooltips), line and symbol sizes, and the height.
  var ELDER = { font: 16, tip: 18, line: 4, symbol: 10, height: 1.25 };

  function elder() {
    return document.documentElement.classList.contains('elder');
  }

  function each(x, f) {
    if (Array.isArray(x)) { x.forEach(f); } else if (x) { f(x); }
  }

  function bigger(style, size) {
    var out = Object.assign({}, style);
    out.fontSize = Math.max(size, out.fontSize || 0);
    return out;
  }

  // styled returns the option as the current mode draws it: unchanged, or
  // a copy with the elder sizes.
  function styled(option) {
    if (!elder()) {
      return option;
    }
    var o = JSON.parse(JSON.stringify(option));
    o.textStyle = bigger(o.textStyle, ELDER.font);
    ['xAxis', 'yAxis'].forEach(function (k) {
      each(o[k], function (a) {
        a.axisLabel = bigger(a.axisLabel, ELDER.font);
        a.nameTextStyle = bigger(a.nameTextStyle, ELDER.font);
      });
    });
    each(o.legend, function (l) {
      l.textStyle = bigger(l.textStyle, ELDER.font);
      l.itemWidth = 32;
      l.itemHeight = 18;
    });
    each(o.title, function (t) { t.textStyle = bigger(t.textStyle, ELDER.tip); });
    if (!o.tooltip) {
      o.tooltip = {};
    }
    each(o.tooltip, function (t) {
      t.textStyle = bigger(t.textStyle, ELDER.tip);
      t.padding = 10;
    });
    each(o.series, function (s) {
      if (s.label) {
        s.label = bigger(s.label, ELDER.font);
      }
      if (s.type === 'line') {
        s.lineStyle = Object.assign({}, s.lineStyle, { width: ELDER.line });
        s.symbolSize = Math.max(ELDER.symbol, typeof s.symbolSize === 'number' ? s.symbolSize : 0);
      }
    });
    return o;
  }

  function height(el) {
    var h = parseInt(el.getAttribute('data-height'), 10) || 300;
    return Math.round(elder() ? h * ELDER.height : h) + 'px';
  }

  function start(el) {
    var option;
    try {
      option = JSON.parse(el.getAttribute('data-option'));
    } catch (e) {
      return;
    }
    if (reduceMotion) {
      option.animation = false;
    }
    el.style.height = height(el);
    var chart = echarts.init(el, null, { renderer: 'svg', locale: 'ZH' });
    chart.on('finished', function () {
      el.setAttribute('data-drawn', '');
    });
    chart.setOption(styled(option));
    charts.push({ chart: chart, el: el, option: option });
    var figure = el.closest('figure');
    var details = figure && figure.querySelector('details[data-fold]');
    if (details) {
      details.open = false;
    }
  }

  // 长者模式 toggled: redraw every chart in the new mode, from its
  // original option.
  document.addEventListener('portal-elder', function () {
    charts.forEach(function (c) {
      c.el.style.height = height(c.el);
      c.chart.resize();
      c.chart.setOption(styled(c.option), true);
    });
  });

  document.querySelectorAll('.chart-canvas[data-option]').forEach(start);

  var pending = false;
  function resizeAll() {
    pending = false;
    charts.forEach(function (c) { c.chart.resize(); });
  }
  window.addEventListener('resize', function () {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(resizeAll);
    }
  });

  // Printing: unfold the tables so paper carries the numbers, and fit the
  // charts to the printed width once the print layout applies; restore
  // afterwards.
  var folded = [];
  window.addEventListener('beforeprint', function () {
    folded = Array.prototype.filter.call(document.querySelectorAll('details.chart-data'), function (d) {
      return !d.open;
    });
    folded.forEach(function (d) { d.open = true; });
    resizeAll();
  });
  window.addEventListener('afterprint', function () {
    folded.forEach(function (d) { d.open = false; });
    folded = [];
    resizeAll();
  });
  if (window.matchMedia) {
    var print = window.matchMedia('print');
    if (print.addEventListener) {
      print.addEventListener('change', resizeAll);
    }
  }
})();
