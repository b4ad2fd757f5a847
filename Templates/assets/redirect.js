// An old address: go to the new one at once, keeping the part of the page the link pointed to.
// Links of earlier versions named parts in Chinese (#第五条, #第一章-第二节); they are read here into
// today's ids (#article-5, #chapter-1-section-2) where the numbering allows.
(function () {
  "use strict";
  var link = document.querySelector('link[rel="canonical"]');
  if (!link) { return; }
  var digits = { "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
  function number(text) {
    if (/^[0-9]+$/.test(text)) { return parseInt(text, 10); }
    var total = 0, current = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (c in digits) { current = digits[c]; }
      else if (c === "十") { total += (current || 1) * 10; current = 0; }
      else if (c === "百") { total += (current || 1) * 100; current = 0; }
      else { return null; }
    }
    return total + current;
  }
  var kinds = [
    [/^第(.+)章$/, "chapter"], [/^第(.+)节$/, "section"], [/^第(.+)条$/, "article"], [/^专栏(.+)$/, "box"],
    [/^附件(.*)$/, "annex"], [/^（(\d+)）$/, "subpoint"], [/^（(.+)）$/, "item"], [/^(\d+)$/, "point"], [/^(.+)$/, "part"]
  ];
  function translate(fragment) {
    var steps = [];
    var parts = fragment.split("-");
    for (var i = 0; i < parts.length; i++) {
      var step = null;
      for (var k = 0; k < kinds.length && step === null; k++) {
        var match = kinds[k][0].exec(parts[i]);
        if (!match) { continue; }
        if (kinds[k][1] === "annex" && match[1] === "") { step = "annex"; continue; }
        var value = number(match[1]);
        if (value !== null) { step = kinds[k][1] + "-" + value; }
      }
      if (step === null) { return fragment; }
      steps.push(step);
    }
    return steps.join("-");
  }
  var hash = "";
  if (location.hash.length > 1) {
    var old = decodeURIComponent(location.hash.slice(1));
    hash = "#" + (/^[\x00-\x7f]*$/.test(old) ? old : translate(old));
  }
  location.replace(link.getAttribute("href") + hash);
})();
