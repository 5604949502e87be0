/* charts.js — draws the charts of the page. Each chart is an element
   <div class="chart-canvas" data-option="{…}" data-height="300"> whose
   ECharts option the generator wrote as escaped JSON; this external script
   is the only code that runs, so pages need no inline script (CSP
   script-src 'self'). The box already has its height before anything is
   drawn (an <svg class="chart-room"> of that height holds the place; in
   长者模式 the stylesheet makes it taller), so drawing shifts nothing.

   Charts are drawn lazily: a chart is drawn when it comes within 150 px
   of the viewport (IntersectionObserver; without it, all at once), one
   chart per task so that no long task blocks the page, and the ECharts
   library itself (data-echarts of this script's tag, same origin) is only
   loaded when the first chart is about to be drawn. Charts use the SVG
   renderer so they print crisply, follow window resizes, and honour
   prefers-reduced-motion; a drawn chart gets the attribute data-drawn once
   ECharts has finished (animations included).

   The data tables (<details data-fold>) fold under their charts as soon as
   this script runs: site.js marks <html class="js"> before the page
   paints and the stylesheet hides those tables' contents until then, so
   folding moves nothing. If ECharts cannot be loaded, the tables unfold.
   Printing draws every chart not drawn yet (when ECharts is loaded) and
   unfolds every table. Without JavaScript the tables are simply open. In
   长者模式 (site.js) the charts are taller, with larger labels, legends
   and tooltips and thicker lines, and redrawn when it toggles. */
(function () {
  'use strict';
  var script = document.currentScript;
  var library = script && script.getAttribute('data-echarts');
  var boxes = Array.prototype.slice.call(document.querySelectorAll('.chart-canvas[data-option]'));
  if (!boxes.length) {
    return;
  }
  var reduceMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  var charts = []; // the drawn charts: {chart, el, option}
  var queue = []; // boxes waiting to be drawn, in the order they came into view
  var queued = new Set();

  // ELDER is what 长者模式 changes: font sizes in px (axis labels,
  // legend, titles; tooltips), line and symbol sizes, and the height
  // (site.css scales the place holder by the same factor).
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

  function tables() {
    return Array.prototype.slice.call(document.querySelectorAll('details.chart-data'));
  }

  // Fold the tables now: the stylesheet has hidden their contents since
  // the first paint (html.js), so this moves nothing.
  tables().forEach(function (d) {
    if (d.hasAttribute('data-fold')) {
      d.open = false;
      d.setAttribute('data-folded', '');
    }
  });

  // failed: ECharts could not be loaded; the tables are the charts, and
  // the empty places go.
  var failed = false;
  function fail() {
    failed = true;
    tables().forEach(function (d) { d.open = true; });
    boxes.forEach(function (el) {
      var room = el.querySelector('.chart-room');
      if (room) {
        el.removeChild(room);
      }
    });
  }

  // load calls then once ECharts is there, loading it on first use.
  var waiting = null;
  function load(then) {
    if (typeof echarts !== 'undefined') {
      then();
      return;
    }
    if (failed || !library) {
      if (!failed) { fail(); }
      return;
    }
    if (waiting) {
      waiting.push(then);
      return;
    }
    waiting = [then];
    var s = document.createElement('script');
    s.src = library;
    s.onload = function () {
      if (typeof echarts === 'undefined') {
        fail();
        return;
      }
      waiting.splice(0).forEach(function (f) { f(); });
    };
    s.onerror = fail;
    document.head.appendChild(s);
  }

  // draw draws one chart, animated or not; now draws it at once (for
  // paper), else in the next frame.
  function draw(el, animate, now) {
    if (el.hasAttribute('data-started')) {
      return;
    }
    el.setAttribute('data-started', '');
    var option;
    try {
      option = JSON.parse(el.getAttribute('data-option'));
    } catch (e) {
      return;
    }
    if (reduceMotion || !animate) {
      option.animation = false;
    }
    // The drawing takes the place holder's place, at its height.
    el.style.height = height(el);
    var room = el.querySelector('.chart-room');
    if (room) {
      el.removeChild(room);
    }
    var chart = echarts.init(el, null, { renderer: 'svg', locale: 'ZH' });
    chart.on('finished', function () {
      el.setAttribute('data-drawn', '');
    });
    // On screen, ECharts lays the chart out and paints it in the next
    // frame, a task of its own (lazyUpdate); for paper, at once.
    chart.setOption(styled(option), { lazyUpdate: !now });
    charts.push({ chart: chart, el: el, option: option });
  }

  // pump draws the next waiting chart, one per task.
  var busy = false;
  function pump() {
    if (busy || !queue.length) {
      return;
    }
    busy = true;
    load(function () {
      setTimeout(function () {
        busy = false;
        var next = queue.shift();
        if (next) {
          draw(next.el, next.animate, false);
        }
        pump();
      }, 0);
    });
  }

  // want queues a chart. The charts there as the page opens are drawn
  // without animation, so that the page is complete sooner (and the
  // drawing costs one task, not a second of frames); those that scroll
  // into view later are animated.
  function want(el, animate) {
    if (!queued.has(el)) {
      queued.add(el);
      queue.push({ el: el, animate: animate });
      pump();
    }
  }

  if ('IntersectionObserver' in window) {
    var opening = true;
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) {
          seen.unobserve(e.target);
          want(e.target, !opening);
        }
      });
      opening = false;
    }, { rootMargin: '150px 0px' });
    boxes.forEach(function (el) { seen.observe(el); });
  } else {
    boxes.forEach(function (el) { want(el, false); });
  }

  // 长者模式 toggled: redraw every drawn chart in the new mode, from its
  // original option (the place holders of the others follow the CSS).
  document.addEventListener('portal-elder', function () {
    charts.forEach(function (c) {
      c.el.style.height = height(c.el);
      c.chart.resize();
      c.chart.setOption(styled(c.option), true);
    });
  });

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

  // Printing: draw the charts not drawn yet (without animation: paper
  // shows the first frame), unfold the tables so paper carries the
  // numbers, and fit the charts to the printed width once the print layout
  // applies; restore afterwards. Should ECharts not be loaded yet, the
  // stylesheet leaves the empty boxes off the paper.
  var folded = [];
  window.addEventListener('beforeprint', function () {
    if (typeof echarts !== 'undefined') {
      boxes.forEach(function (el) { draw(el, false, true); });
    }
    folded = tables().filter(function (d) { return !d.open; });
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
