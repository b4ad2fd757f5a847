// On a page opened from a search result (`?highlight=…`), marks the first match at or after the linked
// section, found with the same normalisation as the index (window.gazetteNormalizer, search-core.js).
(function () {
  "use strict";
  var query = new URLSearchParams(location.search).get("highlight");
  var main = document.querySelector("main");
  if (!query || !main || !window.gazetteNormalizer) return;
  window.gazetteNormalizer().then(function (normalize) {
    var wanted = normalize(query);
    if (!wanted.length) return;
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    // Each normalised character with the text node and UTF-16 range it comes from.
    var chars = [], startAt = -1, node;
    var walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    while ((node = walker.nextNode())) {
      if (target && startAt < 0 && (target.contains(node) ||
          (target.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING))) startAt = chars.length;
      var offset = 0;
      for (var ch of node.data) {
        normalize(ch).forEach(function (folded) {
          chars.push({ node: node, from: offset, to: offset + ch.length, ch: folded });
        });
        offset += ch.length;
      }
    }
    function matchAt(i) {
      for (var k = 0; k < wanted.length; k++) if (!chars[i + k] || chars[i + k].ch !== wanted[k]) return false;
      return true;
    }
    var found = -1;
    for (var i = Math.max(0, startAt); i < chars.length && found < 0; i++) if (matchAt(i)) found = i;
    for (var j = 0; j < chars.length && found < 0; j++) if (matchAt(j)) found = j;
    if (found < 0) return;
    var first = chars[found], last = chars[found + wanted.length - 1];
    var range = document.createRange();
    range.setStart(first.node, first.from);
    range.setEnd(last.node, last.to);
    var mark = document.createElement("mark");
    mark.className = "search-highlight";
    mark.appendChild(range.extractContents());
    range.insertNode(mark);
    mark.scrollIntoView({ block: "center" });
  });
})();
