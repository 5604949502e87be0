// Live reload for `go run ./generator serve`: reloads the page after each
// good build (a site-wide page again once the site-wide part is in, the
// search page once the index is) and shows
// the errors of a broken build over the page, while the last good site
// stays served. Served by the generator, never published.
(function () {
  "use strict";
  var overlay = null;
  function showErrors(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "portal-build-errors";
      overlay.setAttribute("role", "alert");
      var s = overlay.style;
      s.position = "fixed"; s.inset = "0"; s.zIndex = "2147483647"; s.overflow = "auto";
      s.background = "rgba(20,20,20,.92)"; s.color = "#ffdddd"; s.padding = "2rem";
      s.font = "14px/1.6 monospace"; s.whiteSpace = "pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "构建失败（仍在显示上一次成功构建的站点）\nBuild failed; the last good site is still served.\n\n" + text;
  }
  // The version of the site this page was read from: the server sends at
  // once an event the page missed while it was loading.
  var script = document.currentScript;
  var since = script && script.getAttribute("data-since");
  var events = new EventSource("/_portal/events" + (since ? "?since=" + encodeURIComponent(since) : ""));
  // Each event is JSON: {"kind": "reload" | "sitewide" | "search" | "error",
  // "errors": "..."}.
  events.onmessage = function (e) {
    var ev;
    try { ev = JSON.parse(e.data); } catch (err) { return; }
    if (!ev) return;
    if (ev.kind === "reload") {
      location.reload();
    } else if (ev.kind === "search") {
      // The search index, published after every page.
      if (overlay || document.body.classList.contains("page-search")) location.reload();
    } else if (ev.kind === "sitewide") {
      // The site-wide pages and the search index, published after the
      // pages of provinces, cities, counties and reports had reloaded.
      var local = ["page-province", "page-city", "page-county", "page-report"];
      var cls = document.body.classList;
      if (overlay || !local.some(function (c) { return cls.contains(c); })) location.reload();
    } else if (ev.kind === "error") {
      showErrors(String(ev.errors));
    }
  };
})();
