// Marks each table that is wider than the page (a phone) with the class `scrolls`, so the stylesheet shows
// a hint that it scrolls sideways; the mark follows the window's width.
(function () {
  "use strict";
  function mark() {
    var tables = document.querySelectorAll("div.table > table");
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      table.parentNode.classList.toggle("scrolls", table.scrollWidth > table.clientWidth + 1);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
  window.addEventListener("resize", mark);
})();
