// Look-up by 发文字号: reads numbers.json and leads a typed number to its document. The number may be
// typed with any brackets (〔〕 [] () 【】 ［］), full-width digits, spaces, without 号, or without the
// place its code starts with (府办发〔2022〕44号); when one document answers, it opens at once.
(function () {
  "use strict";
  var root = document.querySelector('script[src$="assets/number.js"]').getAttribute("src").replace(/assets\/number\.js$/, "");
  var input = document.getElementById("number-query");
  var result = document.getElementById("number-result");

  // The same canonical form as the site's numbers: code〔year〕serial号, or code第serial号 for decrees.
  function canonical(text) {
    var t = text.replace(/[\uFF10-\uFF19]/g, function (d) { return String.fromCharCode(d.charCodeAt(0) - 0xFEE0); })
      .replace(/\s+/g, "");
    var match = /^(.*?)[〔\[［【(（]?([0-9]{4})[〕\]］】)）\-－—]([0-9]{1,5})号?$/.exec(t);
    if (match && match[1]) { return { code: match[1], year: match[2], serial: String(parseInt(match[3], 10)) }; }
    match = /^(.*?令)[（(]?第?([0-9]{1,5})号?[)）]?$/.exec(t);
    if (match) { return { code: match[1], year: null, serial: String(parseInt(match[2], 10)) }; }
    return null;
  }
  function key(number) {
    return number.year ? number.code + "〔" + number.year + "〕" + number.serial + "号" : number.code + "第" + number.serial + "号";
  }

  function show(items, typed) {
    result.textContent = "";
    if (items.length === 0) {
      result.textContent = "本站没有发文字号为“" + typed + "”的文件。";
      return;
    }
    var list = document.createElement("ul");
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + item.url;
      a.textContent = item.title;
      li.appendChild(a);
      li.appendChild(document.createTextNode("　" + item.number));
      list.appendChild(li);
    });
    result.appendChild(list);
  }

  function lookup(typed, numbers) {
    var number = canonical(typed);
    if (!number) { return null; }
    var exact = numbers[key(number)];
    if (exact) { return [{ number: key(number), title: exact.title, url: exact.url }]; }
    // Short forms: the typed code is the end of a code (府办发 for 武隆府办发).
    return Object.keys(numbers).sort().filter(function (full) {
      var other = canonical(full);
      return other && other.year === number.year && other.serial === number.serial &&
        other.code.length > number.code.length && other.code.slice(-number.code.length) === number.code;
    }).map(function (full) { return { number: full, title: numbers[full].title, url: numbers[full].url }; });
  }

  var typed = new URLSearchParams(location.search).get("n");
  if (!typed) { return; }
  input.value = typed;
  fetch(root + "numbers.json").then(function (response) {
    if (!response.ok) { throw new Error("HTTP " + response.status); }
    return response.json();
  }).then(function (index) {
    var found = lookup(typed, index.numbers);
    if (found === null) {
      result.textContent = "“" + typed + "”不像发文字号，例如：武隆府办发〔2022〕44号。";
    } else if (found.length === 1) {
      location.replace(root + found[0].url);
    } else {
      show(found, typed);
    }
  }).catch(function (error) {
    result.textContent = "无法读取发文字号索引（" + error.message + "）。";
  });
})();
