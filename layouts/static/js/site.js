// 长者模式 (elder mode): larger text and higher contrast, as government
// sites offer older readers; the choice is remembered across pages. Loaded
// in <head> so the mode applies before the page paints. Toggling it fires
// "portal-elder" on document, for charts.js. Also wires the print button
// of report pages.
(function () {
  "use strict";
  var KEY = "portal-elder-mode";
  var root = document.documentElement;
  // "js" lets the stylesheet lay the page out as the scripts will leave
  // it (folded chart tables, the search page's filters) from the first
  // paint, so that nothing shifts when they run.
  root.classList.add("js");
  function stored() {
    try { return localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }
  function apply(on) {
    root.classList.toggle("elder", on);
    var b = document.getElementById("elder-toggle");
    // The name stays 长者模式: a screen reader announces the state from
    // aria-pressed, and a changing name would contradict it.
    if (b) { b.setAttribute("aria-pressed", on ? "true" : "false"); }
  }
  apply(stored());
  document.addEventListener("DOMContentLoaded", function () {
    // The stylesheet hides the chart tables that charts.js folds until it
    // has (html.js); deferred, it has run by now, unless it failed to
    // load: then the tables stay open, and are shown.
    document.querySelectorAll("details[data-fold]:not([data-folded])").forEach(function (d) {
      d.setAttribute("data-folded", "");
    });
    // 打印 on report pages: a button only where printing can work.
    var p = document.getElementById("print-button");
    if (p && typeof window.print === "function") {
      p.hidden = false;
      p.addEventListener("click", function () { window.print(); });
    }
    var b = document.getElementById("elder-toggle");
    if (!b) { return; }
    b.hidden = false;
    apply(stored());
    b.addEventListener("click", function () {
      var on = !root.classList.contains("elder");
      try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode: this page only */ }
      apply(on);
      // charts.js redraws the charts with the mode's fonts and lines.
      document.dispatchEvent(new CustomEvent("portal-elder", { detail: { on: on } }));
    });
  });
})();
