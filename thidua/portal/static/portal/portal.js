/* The portal's only script: count the view once the page is really shown to a reader, put the fresh
   figures on the page, and the print button. No framework; the page works without it. */
(function () {
  "use strict";
  function format(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }
  function show(data) {
    if (!data || !data.counted) return;
    var views = document.querySelector("[data-views]");
    if (views && data.views !== null) views.textContent = format(data.views);
    if (data.stats) {
      Object.keys(data.stats).forEach(function (key) {
        var cell = document.querySelector('[data-stat="' + key + '"]');
        if (cell) cell.textContent = format(data.stats[key]);
      });
    }
  }
  function count() {
    var url = document.body.getAttribute("data-beacon");
    if (!url) return;
    var article = document.querySelector("[data-count-page]");
    var body = new URLSearchParams();
    if (article) body.set("page", article.getAttribute("data-count-page"));
    fetch(url, { method: "POST", body: body, credentials: "same-origin", keepalive: true })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(show)
      .catch(function () {});
  }
  function whenShown() {
    // A prerendered page runs its scripts before anyone sees it: wait until it is shown.
    if (document.prerendering) {
      document.addEventListener("prerenderingchange", count, { once: true });
    } else {
      count();
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    whenShown();
    var print = document.querySelector("[data-print]");
    if (print) print.addEventListener("click", function () { window.print(); });
  });
  // A page restored from the back-forward cache is a new view too.
  window.addEventListener("pageshow", function (event) { if (event.persisted) whenShown(); });
})();
