/* charts.js — starts every chart of the page. Each chart is an element
   <div class="chart-canvas" data-option="{…}" data-height="300"> whose
   ECharts option the generator wrote as escaped JSON; this external script
   is the only code that runs, so pages need no inline script (CSP
   script-src 'self'). Charts use the SVG renderer so they print crisply,
   follow window resizes, and honour prefers-reduced-motion. Once a chart
   is drawn, its data table (a <details data-fold>) folds under it; printing
   unfolds every table. Without JavaScript the tables are simply open. */
(function () {
  'use strict';
  if (typeof echarts === 'undefined') {
    return; // the library did not load: the tables stay open
  }
  var reduceMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  var charts = [];

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
    el.style.height = (parseInt(el.getAttribute('data-height'), 10) || 300) + 'px';
    var chart = echarts.init(el, null, { renderer: 'svg', locale: 'ZH' });
    chart.on('finished', function () {
      el.setAttribute('data-drawn', '');
    });
    chart.setOption(option);
    charts.push(chart);
    var figure = el.closest('figure');
    var details = figure && figure.querySelector('details[data-fold]');
    if (details) {
      details.open = false;
    }
  }

  document.querySelectorAll('.chart-canvas[data-option]').forEach(start);

  var pending = false;
  function resizeAll() {
    pending = false;
    charts.forEach(function (c) { c.resize(); });
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
