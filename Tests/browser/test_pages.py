#!/usr/bin/env python3
"""Browser checks of a built gazette site in headless Chromium.

Usage: python3 Tests/browser/test_pages.py SITE_FOLDER

Serves SITE_FOLDER over HTTP on 127.0.0.1 (a free port, in a background thread), drives Debian's
/usr/bin/chromium through /usr/bin/chromedriver with selenium (which never downloads a driver here), and
checks what a reader sees: every page loads and is well-formed, wide tables scroll inside themselves on a
phone, in-page anchors land, relative links navigate, and the text is set in a CJK font with roomy lines.
Prints one line per check and closes with `browser: N passed, M failed`; exits non-zero if any failed.
Only the standard library and selenium are used.
"""

import functools
import http.server
import json
import os
import re
import sys
import threading
import time
import urllib.parse

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
PHONE = (390, 844)
DESKTOP = (1280, 900)
MIN_CELL_WIDTH = 60  # px: about four characters of table text

WIDE_TABLE_PAGES = ["documents/wu-long-fu-ban-fa-2021-35/index.html", "documents/wu-long-fu-ban-fa-2022-37/index.html"]
ANCHOR_PAGE = "documents/yu-fu-ban-fa-2021-149/index.html"
ANCHOR_TARGET = "chapter-3"
ARTICLE_PAGE = "documents/wu-long-fu-ban-fa-2022-47/index.html"
ARTICLE_TARGET = "article-5"
ISSUE_PAGE = "gazettes/wulong/2022-03/index.html"
ISSUE_FIRST_TITLE = "重庆市武隆区人民政府关于公布武隆区城镇国有建设用地使用权土地级别和基准地价的通知"
FONT_PAGE = "documents/wu-long-fu-fa-2022-15/index.html"
CJK_FAMILIES = ["Noto Sans CJK", "Noto Serif CJK", "PingFang", "Source Han", "Hiragino", "Microsoft YaHei",
                "WenQuanYi", "SimSun", "SimHei"]


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, why=""):
        if ok:
            self.passed += 1
            print(f"ok: {name}")
        else:
            self.failed += 1
            print(f"FAILED: {name}" + (f": {why}" if why else ""))
        sys.stdout.flush()
        return ok


# --- the HTTP server -------------------------------------------------------------------------------------

class Handler(http.server.SimpleHTTPRequestHandler):
    statuses = {}  # decoded path -> last status served
    lock = threading.Lock()

    def log_request(self, code="-", size="-"):
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        with Handler.lock:
            Handler.statuses[path] = int(code) if str(code).isdigit() else code

    def log_message(self, format, *args):  # quiet
        pass

    def end_headers(self):
        # Every load really asks the server, so the status seen is the one a reader's first visit gets.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class KeepAliveHandler(Handler):
    """HTTP/1.1 with persistent connections and without Nagle's delay, as production web servers answer."""
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True


def serve(folder, keep_alive=False):
    handler = functools.partial(KeepAliveHandler if keep_alive else Handler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    return server, thread


# --- the browser -----------------------------------------------------------------------------------------

def start_browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--lang=zh-CN", f"--window-size={DESKTOP[0]},{DESKTOP[1]}"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # executable_path given: selenium-manager is never asked to find or download a driver.
    service = Service(executable_path=CHROMEDRIVER)
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(20)
    driver.set_script_timeout(10)
    return driver


class Browser:
    def __init__(self, driver, base):
        self.driver = driver
        self.base = base  # http://127.0.0.1:PORT/
        self.logs_supported = True
        self.size = None

    def url(self, path, fragment=""):
        quoted = urllib.parse.quote(path)
        return self.base + quoted + ("#" + urllib.parse.quote(fragment) if fragment else "")

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def resize(self, size):
        if self.size != size:
            self.driver.set_window_size(*size)
            self.size = size

    def get(self, path, fragment=""):
        """Loads a page; returns the status the server sent for it (None if not asked)."""
        with Handler.lock:
            Handler.statuses.pop("/" + path, None)
        self.driver.get(self.url(path, fragment))
        with Handler.lock:
            return Handler.statuses.get("/" + path)

    def severe_logs(self):
        """SEVERE browser-log entries since the last call; None if the driver cannot tell."""
        if not self.logs_supported:
            return None
        try:
            entries = self.driver.get_log("browser")
        except Exception:
            self.logs_supported = False
            return None
        return [entry for entry in entries if entry.get("level") == "SEVERE"
                and "favicon.ico" not in entry.get("message", "")]

    def wait_for(self, condition, timeout=5.0):
        deadline = time.monotonic() + timeout
        while True:
            value = condition()
            if value or time.monotonic() > deadline:
                return value
            time.sleep(0.05)


def in_viewport_js():
    return """
        const element = document.getElementById(arguments[0]);
        if (!element) return null;
        const top = element.getBoundingClientRect().top;
        return {top: top, height: window.innerHeight, scrollY: window.scrollY,
                inView: top >= -1 && top < window.innerHeight};
    """


# --- the checks ------------------------------------------------------------------------------------------

def check_pages(browser, results, site):
    with open(os.path.join(site, "catalog.json"), encoding="utf-8") as file:
        catalog = json.load(file)
    documents = [document["url"] for document in catalog.get("documents", [])]
    results.check("catalog.json lists documents", len(documents) > 0, "no documents[].url in catalog.json")

    # index.html first: it also tells which issue pages it links to.
    pages = ["index.html"]
    browser.resize(DESKTOP)
    browser.severe_logs()  # drop whatever came before
    issue_pages = []
    browser.get("index.html")
    for href in browser.js("return Array.from(document.querySelectorAll('a[href]'), a => a.href);"):
        if not href.startswith(browser.base):
            continue
        path = urllib.parse.unquote(urllib.parse.urlsplit(href).path).lstrip("/")
        if path.startswith("gazettes/") and path not in issue_pages:
            issue_pages.append(path)
    results.check("index.html links to issue pages", len(issue_pages) > 0, "no link to gazettes/… found")
    pages += issue_pages + [page for page in documents if page not in issue_pages]

    for page in pages:
        problems = []
        status = browser.get(page)
        if status != 200:
            problems.append(f"HTTP status {status}")
        facts = browser.js("""
            const h1 = document.querySelector('h1');
            return {lang: document.documentElement.lang, h1: h1 ? h1.textContent.trim() : null,
                    title: document.title};
        """)
        if facts["lang"] != "zh-CN":
            problems.append(f"<html lang> is {facts['lang']!r}, not 'zh-CN'")
        if facts["h1"] is None:
            problems.append("no <h1>")
        elif not facts["h1"]:
            problems.append("<h1> is empty")
        errors = browser.severe_logs()
        if errors:
            problems.append("browser errors: " + " | ".join(entry.get("message", "")[:200] for entry in errors))
        results.check(f"page {page} loads (200, lang zh-CN, <h1>"
                      + (", no browser errors" if errors is not None else ", browser log not available") + ")",
                      not problems, "; ".join(problems))
    return pages


def check_phone_tables(browser, results):
    browser.resize(PHONE)
    for page in WIDE_TABLE_PAGES:
        status = browser.get(page)
        facts = browser.js("""
            const tables = Array.from(document.querySelectorAll('table'));
            const cells = Array.from(document.querySelectorAll('td'));
            const narrow = cells.filter(td => td.offsetWidth < arguments[0]);
            return {
                innerWidth: window.innerWidth,
                scrollWidth: document.documentElement.scrollWidth,
                tables: tables.length,
                scrollable: tables.filter(t => t.scrollWidth > t.clientWidth).length,
                widest: tables.map(t => [t.scrollWidth, t.clientWidth, getComputedStyle(t).display,
                                         getComputedStyle(t).overflowX]),
                cells: cells.length,
                narrow: narrow.slice(0, 5).map(td => [td.offsetWidth, td.textContent.trim().slice(0, 12)]),
                narrowCount: narrow.length,
            };
        """, MIN_CELL_WIDTH)
        where = f"{page} at {PHONE[0]}px (innerWidth {facts['innerWidth']})"
        results.check(f"phone: {page} loads", status == 200, f"HTTP status {status}")
        results.check(f"phone: {where} does not scroll sideways",
                      facts["scrollWidth"] <= facts["innerWidth"] + 1,
                      f"document scrollWidth {facts['scrollWidth']} > innerWidth {facts['innerWidth']} + 1")
        results.check(f"phone: {where} has a table that scrolls inside its box",
                      facts["scrollable"] > 0,
                      f"{facts['tables']} tables, none with scrollWidth > clientWidth "
                      f"([scrollWidth, clientWidth, display, overflow-x]: {facts['widest']})")
        results.check(f"phone: {where} table cells are at least {MIN_CELL_WIDTH}px wide",
                      facts["cells"] > 0 and facts["narrowCount"] == 0,
                      "no <td> at all" if not facts["cells"] else
                      f"{facts['narrowCount']} of {facts['cells']} cells narrower, e.g. {facts['narrow']}")
    browser.resize(DESKTOP)


def check_anchors(browser, results):
    browser.resize(DESKTOP)
    browser.get(ANCHOR_PAGE)
    facts = browser.js("""
        const links = Array.from(document.querySelectorAll('a[href^="#"]'));
        const broken = links.map(a => a.getAttribute('href')).filter(href => {
            let id;
            try { id = decodeURIComponent(href.slice(1)); } catch (e) { return true; }
            return document.getElementById(id) === null;
        });
        return {count: links.length, broken: broken.slice(0, 10).map(h => decodeURIComponent(h)),
                brokenCount: broken.length};
    """)
    results.check(f"anchors: {ANCHOR_PAGE} has in-page links", facts["count"] > 0, "no a[href^='#']")
    results.check(f"anchors: all {facts['count']} in-page links of {ANCHOR_PAGE} resolve to an element",
                  facts["brokenCount"] == 0, f"{facts['brokenCount']} point nowhere, e.g. {facts['broken']}")

    # Click the link to 第三章 and see the chapter come into view.
    from selenium.webdriver.common.by import By
    link = None
    for candidate in browser.driver.find_elements(By.CSS_SELECTOR, 'a[href^="#"]'):
        href = candidate.get_attribute("href") or ""
        fragment = urllib.parse.unquote(urllib.parse.urlsplit(href).fragment)
        if fragment == ANCHOR_TARGET:
            link = candidate
            break
    if not results.check(f"anchors: {ANCHOR_PAGE} has a link to #{ANCHOR_TARGET}", link is not None,
                         f"no a[href] whose fragment decodes to {ANCHOR_TARGET}"):
        return
    browser.js("window.scrollTo(0, 0);")
    before = browser.js(in_viewport_js(), ANCHOR_TARGET)
    link.click()
    after = browser.wait_for(lambda: (lambda f: f if f and f["inView"] else None)(
        browser.js(in_viewport_js(), ANCHOR_TARGET)), timeout=3) or browser.js(in_viewport_js(), ANCHOR_TARGET)
    results.check(f"anchors: clicking the {ANCHOR_TARGET} link scrolls #{ANCHOR_TARGET} into view",
                  bool(after and after["inView"] and (before is None or not before["inView"] or after["scrollY"] > 0)),
                  f"before the click {before}, after {after}")

    # An article anchor, opened from another page by URL with a percent-encoded fragment.
    browser.get("index.html")
    status = browser.get(ARTICLE_PAGE, fragment=ARTICLE_TARGET)
    facts = browser.wait_for(lambda: (lambda f: f if f and f["inView"] else None)(
        browser.js(in_viewport_js(), ARTICLE_TARGET)), timeout=3) or browser.js(in_viewport_js(), ARTICLE_TARGET)
    results.check(f"anchors: {ARTICLE_PAGE} has an element with id {ARTICLE_TARGET}", facts is not None,
                  f"document.getElementById('{ARTICLE_TARGET}') is null (HTTP status {status})")
    if facts is not None:
        results.check(f"anchors: loading {ARTICLE_PAGE}#{urllib.parse.quote(ARTICLE_TARGET)} scrolls "
                      f"#{ARTICLE_TARGET} into view", facts["inView"] and facts["scrollY"] > 0,
                      f"after load: {facts}")


def check_permanent_addresses(browser, results):
    """An article opened by link is highlighted; an address of an earlier version redirects, part included."""
    browser.resize(DESKTOP)
    browser.get(ARTICLE_PAGE, fragment=ARTICLE_TARGET)
    highlight = browser.js("""
        const a = document.getElementById(arguments[0]);
        if (!a) return null;
        const p = a.parentElement;
        return {target: a.matches(':target'), background: getComputedStyle(p).backgroundColor,
                plain: getComputedStyle(p.nextElementSibling || document.body).backgroundColor,
                selfLink: a.getAttribute('href')};""", ARTICLE_TARGET)
    results.check(f"addresses: #{ARTICLE_TARGET} is highlighted when opened and links to itself",
                  bool(highlight) and highlight["target"] and highlight["background"] != highlight["plain"]
                  and highlight["selfLink"] == "#" + ARTICLE_TARGET, f"{highlight}")
    old = "documents/武隆府办发-2022-47/index.html"
    browser.get(old, fragment="第五条")
    browser.wait_for(lambda: "wu-long-fu-ban-fa-2022-47" in browser.driver.current_url, timeout=5)
    current = urllib.parse.urlsplit(browser.driver.current_url)
    results.check("addresses: an address of an earlier version (Chinese, with #第五条) leads to the new page and "
                  "#article-5", current.path.endswith("/documents/wu-long-fu-ban-fa-2022-47/index.html")
                  and current.fragment == "article-5", f"ended at {browser.driver.current_url}")


def check_number_lookup(browser, results):
    """A 发文字号 typed in another bracket style, or without its place, leads to its document."""
    browser.resize(DESKTOP)
    for typed, expected in [("武隆府办发[2022]44号", "wu-long-fu-ban-fa-2022-44"),
                            ("府办发（2022）47号", "wu-long-fu-ban-fa-2022-47"),
                            ("渝府办发【2021】149", "yu-fu-ban-fa-2021-149")]:
        browser.driver.get(browser.url("number.html") + "?n=" + urllib.parse.quote(typed))
        browser.wait_for(lambda: expected in browser.driver.current_url, timeout=5)
        results.check(f"numbers: number.html?n={typed} opens {expected}",
                      f"/documents/{expected}/index.html" in browser.driver.current_url,
                      f"ended at {browser.driver.current_url}")
    browser.driver.get(browser.url("number.html") + "?n=" + urllib.parse.quote("甲府发〔2030〕1号"))
    message = browser.wait_for(lambda: browser.js(
        "const r = document.getElementById('number-result'); return r && r.textContent ? r.textContent : null;"), timeout=5)
    results.check("numbers: a number no document has is said so on the page", bool(message) and "没有" in message,
                  f"result: {message!r}")


def check_relative_link(browser, results):
    from selenium.webdriver.common.by import By
    browser.resize(DESKTOP)
    browser.get(ISSUE_PAGE)
    links = browser.driver.find_elements(By.CSS_SELECTOR, ".toc a[href]:not([href^='#'])")
    if not results.check(f"links: {ISSUE_PAGE} has document links in its table of contents", bool(links),
                         "no .toc a[href] outside the page"):
        return
    link = links[0]
    text = link.text.strip()
    href = link.get_attribute("href")
    start = browser.driver.current_url
    link.click()
    browser.wait_for(lambda: browser.driver.current_url != start
                     and browser.js("return document.readyState") == "complete", timeout=10)
    path = urllib.parse.unquote(urllib.parse.urlsplit(browser.driver.current_url).path)
    with Handler.lock:
        status = Handler.statuses.get(path)
    h1 = browser.js("const h = document.querySelector('h1'); return h ? h.textContent.trim() : null;")
    results.check(f"links: clicking the first contents link of {ISSUE_PAGE} opens a page (HTTP 200)",
                  browser.driver.current_url != start and status == 200,
                  f"link {href!r} led to {browser.driver.current_url!r}, status {status}")
    results.check(f"links: the opened page's <h1> is the link's document ({text[:30]}…)",
                  h1 is not None and (h1 == text or ISSUE_FIRST_TITLE in h1),
                  f"<h1> is {h1!r}, link text {text!r}")


def platform_fonts(browser, selector):
    """Fonts Chromium really drew the text of the first `selector` with, via DevTools; None if unavailable."""
    try:
        browser.driver.execute_cdp_cmd("DOM.enable", {})
        browser.driver.execute_cdp_cmd("CSS.enable", {})
        root = browser.driver.execute_cdp_cmd("DOM.getDocument", {"depth": -1})
        node = browser.driver.execute_cdp_cmd("DOM.querySelector",
                                              {"nodeId": root["root"]["nodeId"], "selector": selector})
        fonts = browser.driver.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})
        return [(font["familyName"], font["glyphCount"]) for font in fonts.get("fonts", [])]
    except Exception:
        return None


def check_fonts(browser, results):
    browser.resize(DESKTOP)
    browser.get(FONT_PAGE)
    facts = browser.js("""
        const body = getComputedStyle(document.body);
        const p = Array.from(document.querySelectorAll('main p')).find(p => p.textContent.trim().length > 40);
        const style = p ? getComputedStyle(p) : null;
        return {family: body.fontFamily, paragraph: p ? p.textContent.trim().slice(0, 20) : null,
                lineHeight: style ? style.lineHeight : null, fontSize: style ? style.fontSize : null};
    """)
    family = facts["family"]
    results.check(f"fonts: body font-family names a CJK family", any(name in family for name in CJK_FAMILIES),
                  f"font-family is {family!r}")
    if facts["paragraph"] is None:
        results.check(f"fonts: {FONT_PAGE} has a paragraph of text", False, "no <main> <p> longer than 40 characters")
        return
    size = float(re.sub("px$", "", facts["fontSize"]))
    line = facts["lineHeight"]
    ok = line.endswith("px") and float(line[:-2]) >= 1.6 * size - 0.01
    results.check(f"fonts: paragraph line-height is at least 1.6 × font-size",
                  ok, f"line-height {line}, font-size {facts['fontSize']} (needs ≥ {1.6 * size:.1f}px)")
    fonts = platform_fonts(browser, "main p")
    if fonts is None:
        print("skipped: fonts: the font really used (DevTools CSS.getPlatformFontsForNode not available)")
    else:
        results.check("fonts: paragraph text is drawn with an installed CJK font",
                      bool(fonts) and any(name in fonts[0][0] for name in CJK_FAMILIES),
                      f"fonts used (family, glyphs): {fonts}")


def main():
    if len(sys.argv) != 2 or not os.path.isfile(os.path.join(sys.argv[1], "catalog.json")):
        print("usage: test_pages.py SITE_FOLDER (a built site, with catalog.json)", file=sys.stderr)
        return 2
    site = os.path.abspath(sys.argv[1])
    started = time.monotonic()
    results = Results()
    server, thread = serve(site)
    driver = None
    try:
        try:
            driver = start_browser()
        except Exception as error:
            results.check("headless Chromium starts", False, f"{type(error).__name__}: {error}".strip())
            return 1
        browser = Browser(driver, f"http://127.0.0.1:{server.server_address[1]}/")
        for step in (check_pages, check_phone_tables, check_anchors, check_permanent_addresses, check_number_lookup,
                     check_relative_link,
                     check_fonts):
            try:
                if step is check_pages:
                    step(browser, results, site)
                else:
                    step(browser, results)
            except Exception as error:
                message = f"{type(error).__name__}: {error}".strip().splitlines()[0]
                results.check(f"{step.__name__} runs", False, message)
    finally:
        if driver is not None:
            try:
                driver.quit()
            except Exception:
                pass
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        print(f"({time.monotonic() - started:.1f} s)")
        print(f"browser: {results.passed} passed, {results.failed} failed")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
