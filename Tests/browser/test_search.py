#!/usr/bin/env python3
"""Search checks in headless Chromium: exactness of window.gazetteSearch against truth computed from the
rendered document pages (not from the index), the search page, and bad input.

Usage: python3 Tests/browser/test_search.py SITE_FOLDER [--exactness-only]
Prints one line per check and closes with `search: N passed, M failed`. With --exactness-only, only the answers
are checked (for a site whose index is cut into many small batches).
"""

import html.parser
import json
import os
import re
import shutil
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_pages import Results, serve, start_browser  # noqa: E402

# (query, the simplified text it must be matched as, for truth) — traditional queries carry their simplified form.
QUERIES = [
    ("乡村振兴", None), ("乡村振兴有效衔接", None), ("峰度夏", None), ("基准地价", None), ("人民政府", None),
    ("的", None), ("乡", None), ("衔", None), ("医保基金监管", None), ("巩固拓展脱贫攻坚成果", None),
    ("鄉村振興", "乡村振兴"), ("鞏固拓展脫貧攻堅成果", "巩固拓展脱贫攻坚成果"), ("醫療保障", "医疗保障"),
    ("武隆府办发〔2022〕44号", None), ("武隆府办发[2022]44号", "武隆府办发〔2022〕44号"),
    ("武隆府办发(2022)44号", "武隆府办发〔2022〕44号"), ("武隆府办发【2022】47号", "武隆府办发〔2022〕47号"),
    ("渝府办发〔2021〕149号", None), ("2021", None), ("2025年", None), ("http", None), ("ＧＤＰ", "gdp"),
    ("第五条", None), ("专栏", None), ("有效衔接", None), ("区人民政府办公室", None), ("振兴有", None),
    ("量子纠缠", None), ("zzzzqqq", None), ("。", None), ("，。", None), ("（一）", None), ("a.*+?^$", None),
    ("农村人居环境整治提升", None), ("土地级别", None),
]

OPEN, CLOSE = "〔[(【［（〖", "〕])】］）〗"


def fold(text):
    """Normalises as the README states (no OpenCC here: queries carry their simplified form)."""
    out = []
    for ch in text:
        if ch.isspace() or ch in "\u0085\u200b\ufeff":
            continue
        if 0xFF01 <= ord(ch) <= 0xFF5E:
            ch = chr(ord(ch) - 0xFEE0)
        if ch in OPEN:
            ch = "("
        elif ch in CLOSE:
            ch = ")"
        elif "A" <= ch <= "Z":
            ch = ch.lower()
        out.append(ch)
    return "".join(out)


class PieceParser(html.parser.HTMLParser):
    """The texts of a document page's pieces: paragraphs, headings, list items and table cells of <main>,
    without page furniture (the facts' labels, the issue and original-text lines, the outline heading)."""
    PIECES = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th"}

    # Containers whose text is the page's, not the document's: the facts (only 发文字号 and 发文机关 count), the
    # status notes (另一份文本, 已废止) and the lists of other documents (引用, 相关文件).
    CONTAINERS = {"div", "section", "aside", "nav"}
    NOT_THE_DOCUMENT = {"document-links", "status"}

    def __init__(self):
        super().__init__()
        self.in_main = False
        self.stack = []
        self.pieces = []
        self.containers = []

    def inside(self, name):
        return any(name in cls.split() for cls in self.containers)

    def handle_starttag(self, tag, attrs):
        if tag in self.CONTAINERS:
            self.containers.append(dict(attrs).get("class", "") or "")
        if tag == "main":
            self.in_main = True
        if self.in_main and tag in self.PIECES:
            self.stack.append([tag, dict(attrs).get("class", ""), []])
        if self.in_main and tag == "br" and self.stack:
            self.stack[-1][2].append("\n")

    def handle_endtag(self, tag):
        if tag in self.CONTAINERS and self.containers:
            self.containers.pop()
        if tag == "main":
            self.in_main = False
        if self.in_main and self.stack and self.stack[-1][0] == tag:
            _, cls, parts = self.stack.pop()
            text = "".join(parts)
            if any(self.inside(name) for name in self.NOT_THE_DOCUMENT):
                pass
            elif cls == "facts" or self.inside("facts"):
                for line in text.split("\n"):
                    label, _, value = line.partition("：")
                    if label.strip() in ("发文字号", "发文机关"):
                        self.pieces.append(value)
            elif not (tag == "h2" and text.strip() == "目录"):
                self.pieces.append(text)
            if self.stack:
                self.stack[-1][2].append("\u0001")  # a piece inside a piece: its text is not joined across

    def handle_data(self, data):
        if self.in_main and self.stack:
            self.stack[-1][2].append(data)


def truth_index(site):
    catalog = json.load(open(os.path.join(site, "catalog.json"), encoding="utf-8"))
    pages = {}
    for entry in catalog["documents"]:
        parser = PieceParser()
        parser.feed(open(os.path.join(site, entry["url"]), encoding="utf-8").read())
        pages[entry["url"]] = [fold(p) for p in parser.pieces]
    return pages


def search(browser, query, options=None):
    return browser.driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "window.gazetteSearch(arguments[0], arguments[1]).then(function (a) { done({ok: a}); },"
        " function (e) { done({error: String(e && e.message || e)}); });", query, options or {"limit": 100000})


def path_of(url, base):
    return urllib.parse.unquote(url.split("?")[0].split("#")[0][len(base):])


def check_exactness(browser, results, pages):
    for query, simplified in QUERIES:
        wanted = fold(simplified or query)
        truth = {url for url, pieces in pages.items() if any(wanted in p for p in pieces)}
        answer = search(browser, query)
        if "error" in answer:
            results.check(f"exact: {query}", False, answer["error"])
            continue
        got = {path_of(r["url"], browser.base) for r in answer["ok"]["results"]}
        results.check(f"exact: {query} ({len(truth)} documents)", got == truth and answer["ok"]["total"] == len(truth),
                      f"missing {sorted(truth - got)[:3]}, extra {sorted(got - truth)[:3]}, total {answer['ok']['total']}")


def wait_done(browser, before, timeout=10):
    end = time.time() + timeout
    while time.time() < end:
        done = browser.js("return document.body.getAttribute('data-search-done')")
        if done and done != before:
            return True
        time.sleep(0.05)
    return False


def check_page(browser, results):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    browser.driver.get(browser.base + "search.html")
    box = browser.driver.find_element(By.ID, "search-query")
    results.check("search page: the query box has focus", browser.js("return document.activeElement.id") == "search-query")
    box.send_keys("峰度夏")
    ok = wait_done(browser, None)
    items = browser.driver.find_elements(By.CSS_SELECTOR, "#search-results li")
    status = browser.driver.find_element(By.ID, "search-status").text
    results.check("search page: results as you type", ok and len(items) > 0 and "篇文件包含" in status, status)
    results.check("search page: query in the URL", "q=%E5%B3%B0%E5%BA%A6%E5%A4%8F" in browser.driver.current_url,
                  browser.driver.current_url)
    results.check("search page: match highlighted in snippets",
                  browser.js("return document.querySelector('#search-results mark').textContent") == "峰度夏")
    link = browser.js("return document.querySelector('#search-results a').href")
    # Facets: choose a year; the URL keeps it and a reload gives the same answer.
    before = browser.js("return document.body.getAttribute('data-search-done')")
    browser.driver.find_element(By.CSS_SELECTOR, "#search-facets button").click()
    wait_done(browser, before)
    url = browser.driver.current_url
    results.check("search page: facet in the URL", "year=" in url, url)
    count = browser.js("return document.querySelectorAll('#search-results li').length")
    browser.driver.get(url)
    wait_done(browser, None)
    results.check("search page: reload keeps query and facet",
                  browser.js("return document.querySelectorAll('#search-results li').length") == count and
                  browser.driver.find_element(By.ID, "search-query").get_attribute("value") == "峰度夏")
    # The opened page marks the match.
    browser.driver.get(link)
    time.sleep(0.5)
    results.check("document page: match highlighted", browser.js(
        "var m = document.querySelector('mark.search-highlight'); return m ? m.textContent : ''") == "峰度夏")
    # A match inside an article links to the article, and the page marks it there.
    answer = search(browser, "第五条", {"limit": 10})
    links = [r["url"] for r in answer["ok"]["results"]]
    results.check("search page: results link to the article of the first match",
                  links and all("#" in u for u in links), str(links))
    if links:
        browser.driver.get(links[0])
        time.sleep(0.5)
        results.check("document page: the match in the linked article is marked", browser.js(
            "var m = document.querySelector('mark.search-highlight');"
            " var t = document.getElementById(decodeURIComponent(location.hash.slice(1)));"
            " return !!m && !!t && (t.closest('p, h2, h3, h4, h5, h6, aside') || t).contains(m)"))
    # A typed 发文字号, Enter: its document opens.
    browser.driver.get(browser.base + "search.html")
    box = browser.driver.find_element(By.ID, "search-query")
    box.send_keys("武隆府办发[2022]47号")
    box.send_keys(Keys.ENTER)
    end = time.time() + 10
    while time.time() < end and "search.html" in browser.driver.current_url:
        time.sleep(0.1)
    results.check("search page: a 发文字号 leads to its document", "documents/" in browser.driver.current_url and
                  browser.js("return document.querySelector('h1').textContent").find("第五条") < 0,
                  browser.driver.current_url)
    # Browse a facet with no query.
    browser.driver.get(browser.base + "search.html?kind=%E9%80%9A%E7%9F%A5")
    wait_done(browser, None)
    results.check("search page: browse a facet without query",
                  browser.js("return document.querySelectorAll('#search-results li').length") > 0)
    # The search box on every page leads here.
    browser.driver.get(browser.base + "index.html")
    results.check("every page: search box", browser.js("return !!document.querySelector('form.search-box input[name=q]')"))


def check_bad_input(browser, results, site):
    from selenium.webdriver.common.by import By
    answer = search(browser, " \u3000\t ")
    results.check("bad input: white space only gives no results", answer.get("ok", {}).get("total") == 0, str(answer)[:200])
    answer = search(browser, "字" * 10000)
    results.check("bad input: 10,000 characters is refused with a message", "过长" in answer.get("error", ""), str(answer)[:200])
    browser.driver.get(browser.base + "search.html?q=" + "字" * 500)
    wait_done(browser, None)
    results.check("bad input: a query too long for the index (500 characters) on the page",
                  "过长" in browser.driver.find_element(By.ID, "search-status").text)
    browser.driver.get(browser.base + "search.html?q=%3Cscript%3Ewindow.pwned%3D1%3C%2Fscript%3E%3Cb%3Ex")
    wait_done(browser, None)
    results.check("bad input: HTML in the query is shown as text, never run",
                  browser.js("return window.pwned === undefined && !document.querySelector('main b') && "
                             "document.getElementById('search-status').textContent.indexOf('<script>') >= 0"))
    browser.driver.get(browser.base + "search.html?q=%E3%80%80%20")
    wait_done(browser, None)
    status = browser.driver.find_element(By.ID, "search-status").text
    results.check("bad input: white space on the page asks for a query", "请输入检索词" in status, status)
    for name, damage in [("missing", lambda f: os.remove(f)), ("corrupt", lambda f: open(f, "w").write("{\"x\": 1,"))]:
        broken = tempfile.mkdtemp()
        try:
            shutil.copytree(site, os.path.join(broken, "site"))
            index_folder = os.path.join(broken, "site", "search")
            for batch in os.listdir(index_folder):
                folder = os.path.join(index_folder, batch, "records")
                for name_ in os.listdir(folder) if os.path.isdir(folder) else []:
                    damage(os.path.join(folder, name_))
            server, _ = serve(os.path.join(broken, "site"))
            base = f"http://127.0.0.1:{server.server_address[1]}/"
            browser.driver.get(base + "search.html?q=%E4%B9%A1%E6%9D%91%E6%8C%AF%E5%85%B4")
            ok = wait_done(browser, None)
            status = browser.driver.find_element(By.ID, "search-status").text
            results.check(f"bad input: {name} shard gives an error message", ok and "检索出错" in status, status)
            server.shutdown()
        finally:
            shutil.rmtree(broken)


def chinese_day(text):
    """`2022年6月29日` as (2022, 6, 29); None for an undated result."""
    match = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text or "")
    return tuple(int(g) for g in match.groups()) if match else None


def check_dates(browser, results, site):
    """Results sorted by date follow the documents' dates (numbers follow issues, not dates), and a year facet
    holds the documents of that year, as catalog.json dates them."""
    catalog = json.load(open(os.path.join(site, "catalog.json"), encoding="utf-8"))
    dated = {entry["url"]: tuple(int(p) for p in entry["date"].split("-")) for entry in catalog["documents"]
             if entry.get("date")}
    for query in ("人民政府", "的"):
        for sort, newest_first in (("date", True), ("date-asc", False)):
            answer = search(browser, query, {"limit": 100000, "sort": sort})
            if "error" in answer:
                results.check(f"dates: {query} sorted by {sort}", False, answer["error"])
                continue
            found = answer["ok"]["results"]
            days = [chinese_day(r["date"]) for r in found]
            wrong = [r["url"] for r, day in zip(found, days)
                     if day != dated.get(path_of(r["url"], browser.base))]
            known = [day for day in days if day]
            ordered = known == sorted(known, reverse=newest_first)
            results.check(f"dates: {query} sorted by {sort} ({len(known)} dated of {len(found)})",
                          ordered and not wrong and len(known) > 10, f"misdated {wrong[:3]}, first {known[:5]}")
    answer = search(browser, "人民政府", {"limit": 100000})
    facets = answer["ok"]["facets"]["year"]
    results.check("dates: year facet counts add up to the total",
                  sum(f["count"] for f in facets) == answer["ok"]["total"], str(facets))
    for facet in facets:
        if facet["value"] == "未注明":
            continue
        chosen = search(browser, "人民政府", {"limit": 100000, "year": facet["value"]})["ok"]
        years = {chinese_day(r["date"])[0] for r in chosen["results"] if chinese_day(r["date"])}
        results.check(f"dates: year facet {facet['value']} holds that year's documents ({facet['count']})",
                      chosen["total"] == facet["count"] and years <= {int(facet["value"])}, str(years))


def check_normalization(browser, results):
    fixture = json.load(open(os.path.join(os.path.dirname(__file__), "..", "GazetteKitTests", "Fixtures",
                                          "search-normalization.json"), encoding="utf-8"))
    got = browser.driver.execute_async_script(
        "var pairs = arguments[0], done = arguments[1]; window.gazetteNormalizer().then(function (n) {"
        " done(pairs.map(function (p) { return n(p[0]).join(''); })); }, function (e) { done([String(e)]); });",
        fixture["pairs"])
    wrong = [(p[0], g) for p, g in zip(fixture["pairs"], got) if p[1] != g]
    results.check("normalisation in JavaScript agrees with the Swift fixture", not wrong, str(wrong[:3]))


def main():
    site = os.path.abspath(sys.argv[1])
    exactness_only = "--exactness-only" in sys.argv[2:]
    results = Results()
    server, _ = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    driver = start_browser()
    try:
        class B:
            pass
        browser = B()
        browser.driver, browser.base = driver, base
        browser.js = driver.execute_script
        driver.get(base + "search.html")
        pages = truth_index(site)
        check_normalization(browser, results)
        check_exactness(browser, results, pages)
        check_dates(browser, results, site)
        if not exactness_only:
            check_page(browser, results)
            check_bad_input(browser, results, site)
    finally:
        driver.quit()
        server.shutdown()
    print(f"search: {results.passed} passed, {results.failed} failed")
    sys.exit(1 if results.failed else 0)


if __name__ == "__main__":
    main()
