// The search page (search.html): results as you type, query and filters in the URL, facets, sorting.
// Everything from the index is put on the page as text (textContent), never as HTML.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var FACETS = [["year", "年份"], ["gazette", "公报"], ["issuer", "发文机关"], ["kind", "文种"]];
  var PAGE = 20;
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-query");
  var sort = document.getElementById("search-sort");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var facetsBox = document.getElementById("search-facets");
  var more = document.getElementById("search-more");
  var params = new URLSearchParams(location.search);
  var filters = {};
  FACETS.forEach(function (f) { if (params.get(f[0])) filters[f[0]] = params.get(f[0]); });
  input.value = params.get("q") || "";
  sort.value = params.get("sort") || "relevance";
  var serial = 0, shown = 0, last = null, timer = null;

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function updateURL() {
    var next = new URLSearchParams();
    if (input.value) next.set("q", input.value);
    if (sort.value !== "relevance") next.set("sort", sort.value);
    FACETS.forEach(function (f) { if (filters[f[0]]) next.set(f[0], filters[f[0]]); });
    var text = next.toString();
    history.replaceState(null, "", location.pathname + (text ? "?" + text : ""));
  }

  function options(offset) {
    var o = { limit: PAGE, offset: offset, sort: sort.value };
    FACETS.forEach(function (f) { if (filters[f[0]]) o[f[0]] = filters[f[0]]; });
    return o;
  }

  function renderResult(result) {
    var item = element("li", null, "search-result" + (result.exactNumber ? " exact-number" : ""));
    var heading = element("h2");
    var link = element("a", result.title);
    link.href = result.url;
    heading.appendChild(link);
    item.appendChild(heading);
    if (result.exactNumber) item.appendChild(element("p", "发文字号完全匹配：按回车键直接打开", "search-direct"));
    var meta = [result.docNumber, result.issuer, result.date, result.issue].filter(Boolean).join(" · ");
    item.appendChild(element("p", meta, "search-meta"));
    if (result.snippetParts) {
      var snippet = element("p", null, "search-snippet");
      snippet.appendChild(document.createTextNode(result.snippetParts.before));
      snippet.appendChild(element("mark", result.snippetParts.match));
      snippet.appendChild(document.createTextNode(result.snippetParts.after));
      item.appendChild(snippet);
    }
    return item;
  }

  function renderFacets(facets) {
    facetsBox.textContent = "";
    FACETS.forEach(function (f) {
      var values = facets[f[0]] || [];
      if (!values.length) return;
      var group = element("div", null, "search-facet");
      group.appendChild(element("h2", f[1]));
      var ul = element("ul");
      values.forEach(function (v) {
        var li = element("li");
        var button = element("button", v.value + "（" + v.count + "）");
        button.type = "button";
        var active = filters[f[0]] === v.value;
        button.setAttribute("aria-pressed", active ? "true" : "false");
        button.addEventListener("click", function () {
          if (active) delete filters[f[0]]; else filters[f[0]] = v.value;
          run();
        });
        li.appendChild(button);
        ul.appendChild(li);
      });
      group.appendChild(ul);
      facetsBox.appendChild(group);
    });
  }

  function showError(error) {
    status.textContent = "检索出错：" + (error && error.message ? error.message : String(error));
    status.setAttribute("role", "alert");
    status.className = "search-status search-error";
    list.textContent = "";
    facetsBox.textContent = "";
    more.hidden = true;
  }

  function run() {
    updateURL();
    var mine = ++serial;
    var hasFilter = FACETS.some(function (f) { return filters[f[0]]; });
    if (!input.value.trim() && !hasFilter) {
      status.textContent = input.value ? "请输入检索词（只有空白或标点以外的字才能检索）" : "";
      list.textContent = "";
      facetsBox.textContent = "";
      more.hidden = true;
      last = null;
      return Promise.resolve();
    }
    status.className = "search-status";
    status.setAttribute("role", "status");
    status.textContent = "正在检索…";
    return window.gazetteSearch(input.value, options(0)).then(function (answer) {
      if (mine !== serial) return;
      last = answer;
      shown = answer.results.length;
      status.textContent = answer.query
        ? (answer.total ? "共 " + answer.total + " 篇文件包含“" + input.value + "”" : "没有文件包含“" + input.value + "”")
        : "共 " + answer.total + " 篇文件";
      list.textContent = "";
      answer.results.forEach(function (r) { list.appendChild(renderResult(r)); });
      renderFacets(answer.facets);
      more.hidden = shown >= answer.total;
      document.body.setAttribute("data-search-done", String(mine));
    }, function (error) {
      if (mine !== serial) return;
      showError(error);
      document.body.setAttribute("data-search-done", String(mine));
    });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  sort.addEventListener("change", run);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run().then(function () {
      if (last && last.results.length && last.results[0].exactNumber) location.href = last.results[0].url;
    });
  });
  more.addEventListener("click", function () {
    var mine = serial;
    window.gazetteSearch(input.value, options(shown)).then(function (answer) {
      if (mine !== serial) return;
      answer.results.forEach(function (r) { list.appendChild(renderResult(r)); });
      shown += answer.results.length;
      more.hidden = shown >= answer.total;
    }, showError);
  });
  run();
  input.focus();
});
