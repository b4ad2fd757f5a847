#!/usr/bin/env python3
"""Hostile content in headless Chromium: no script from a source ever runs on any page.

Usage: python3 Tests/browser/test_hostile.py GAZETTE_BINARY

Writes a content folder whose sources, sidecars, site.json and even folder names carry script payloads
(<script>, javascript: links, onerror=, <svg onload>, <iframe>, HTML comments, {{template}} syntax, URLs glued
to tags, path tricks), builds it, and loads every page of the site with the page's Content Security Policy
switched off (Page.setBypassCSP), so that the escaping alone is tested; the CSP is the second guard. Each
payload reports itself through alert() or window.__pwned; an injected recorder catches both. Also checks that
no payload left an element that could run script, and that the payloads' text is on the pages.
Prints `hostile: N payloads on M pages, executed 0` and exits non-zero if any ran.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_pages import Browser, Handler, Results, serve, start_browser  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def payloads():
    """Each payload, numbered so that the recorder tells which ran."""
    shapes = [
        "<script>alert({n})</script>", "<script src=data:,alert({n})></script>", "<img src=x onerror=alert({n})>",
        "<img src=x onerror=\"window.__pwned={n}\">", "<svg onload=alert({n})>", "<svg><script>alert({n})</script></svg>",
        "<iframe src=\"javascript:alert({n})\"></iframe>", "<iframe srcdoc=\"<script>parent.alert({n})</script>\"></iframe>",
        "[点此](javascript:alert({n}))", "![图](javascript:alert({n}))", "<javascript:alert({n})>",
        "<a href=\"javascript:alert({n})\">链接</a>", "<a href=javascript&colon;alert({n})>链接</a>",
        "<body onload=alert({n})>", "<details open ontoggle=alert({n})>", "<input autofocus onfocus=alert({n})>",
        "<video><source onerror=alert({n})></video>", "<object data=\"javascript:alert({n})\"></object>",
        "<embed src=\"javascript:alert({n})\">", "<form action=\"javascript:alert({n})\"><button>提交</button></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert({n})\">", "<base href=\"javascript:alert({n})//\">",
        "<style>@import 'javascript:alert({n})';</style>", "<!-- <script>alert({n})</script> -->", "<!--><script>alert({n})</script>",
        "<![CDATA[<script>alert({n})</script>]]>", "{{{content}}}<script>alert({n})</script>", "{{#x}}{{/x}}<img src=x onerror=alert({n})>",
        "http://x.cn/<img src=x onerror=alert({n})>", "www.x.cn/<svg onload=alert({n})>", "https://x.cn/\"><script>alert({n})</script>",
        "\\<script>alert({n})\\</script>", "&lt;script&gt;alert({n})&lt;/script&gt;", "&#60;script&#62;alert({n})&#60;/script&#62;",
        "| 甲 | <img src=x onerror=alert({n})> |", "`<script>alert({n})</script>`", "<scr<script>ipt>alert({n})</script>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert({n})>", "<noscript><p title=\"</noscript><img src=x onerror=alert({n})>\">",
        "<a href=\"jav&#x09;ascript:alert({n})\">链接</a>",
    ]
    return [shape.replace("{n}", str(number)) for number, shape in enumerate(shapes, start=1)]


def write_content(folder, items):
    body = "\n\n".join(items)
    with open(os.path.join(ROOT, "Tests/GazetteKitTests/Fixtures/sources/small-issue.txt"), encoding="utf-8") as file:
        issue = file.read()
    issue = issue.replace("区政府其他领导同志分工不变。", "区政府其他领导同志分工不变。\n\n" + body, 1)
    gazette = os.path.join(folder, "gazettes", "<img src=x onerror=alert(901)>")
    os.makedirs(gazette)
    with open(os.path.join(gazette, "2022-03.txt"), "w", encoding="utf-8") as file:
        file.write(issue)
    documents = os.path.join(folder, "documents")
    os.makedirs(documents)
    with open(os.path.join(documents, "plan<img src=x onerror=alert(902)>.txt"), "w", encoding="utf-8") as file:
        file.write("某某规划<script>alert(903)</script>\n\n第一章 总则\n\n" + body + "\n")
    with open(os.path.join(documents, "plan<img src=x onerror=alert(902)>.json"), "w", encoding="utf-8") as file:
        file.write('{"title": "<script>alert(904)</script>标题", "note": "<img src=x onerror=alert(905)>", '
                   '"issuer": "{{{content}}}<svg onload=alert(906)>", "slug": "plan-hostile"}')
    with open(os.path.join(folder, "site.json"), "w", encoding="utf-8") as file:
        file.write('{"title": "文库</title><script>alert(907)</script>"}')
    return len(items) + 7


RECORDER = """
window.__ran = [];
window.alert = function (message) { window.__ran.push(String(message)); };
window.confirm = window.prompt = window.alert;
"""

DANGEROUS = """
const found = [];
// JSON-LD (`<script type="application/ld+json">`) is data a browser never runs; a payload breaking out of it
// would make an element of its own, which these selectors catch.
const selectors = ['script:not([src]):not([type="application/ld+json"])', 'script[src^="data:"]', 'iframe', 'object', 'embed', 'base', 'svg [onload]',
  'meta[http-equiv="refresh" i]', 'form[action^="javascript" i]', 'a[href^="javascript" i]', 'img[src^="javascript" i]'];
for (const selector of selectors) for (const element of document.querySelectorAll(selector)) found.push(element.outerHTML.slice(0, 80));
for (const element of document.querySelectorAll('*'))
  for (const attribute of element.attributes)
    if (attribute.name.startsWith('on')) found.push(element.tagName + ' ' + attribute.name);
return found;
"""


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    gazette = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="gazette-hostile-")
    results = Results()
    try:
        content = os.path.join(work, "Content")
        items = payloads()
        tried = write_content(content, items)
        built = subprocess.run([gazette, "build", "--content", content, "--templates", os.path.join(ROOT, "Templates"),
                                "--output", os.path.join(work, "site")], capture_output=True, text=True)
        results.check("hostile content builds without errors", built.returncode == 0, built.stderr[-2000:])
        site = os.path.join(work, "site")
        pages = sorted(os.path.relpath(os.path.join(base, name), site)
                       for base, _, names in os.walk(site) for name in names if name.endswith(".html"))
        results.check("hostile site has pages", len(pages) >= 5, f"{len(pages)} pages")
        # A control page that does run a payload: proves the recorder would see one.
        with open(os.path.join(site, "control-page.html"), "w", encoding="utf-8") as file:
            file.write("<!DOCTYPE html><title>c</title><script>alert('control')</script><img src=x onerror=\"window.__pwned=1\">")
        server, _ = serve(site)
        driver = start_browser()
        executed = []
        try:
            driver.execute_cdp_cmd("Page.enable", {})
            driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})
            browser = Browser(driver, f"http://127.0.0.1:{server.server_address[1]}/")
            driver.get(browser.base + "control-page.html")
            browser.wait_for(lambda: driver.execute_script("return window.__pwned === 1"), 3)
            control = driver.execute_script("return (window.__ran || []).concat(window.__pwned ? ['pwned'] : []);")
            results.check("the recorder catches a payload that runs (control page)", control == ["control", "pwned"], f"{control}")
            visits = [(page, "") for page in pages]
            # A search page, if the site has one: queries made of payloads, in the address and typed in.
            for page in pages:
                if "search" in page:
                    visits += [(page + "?" + urllib.parse.urlencode({"q": item}), item) for item in items[:10]]
            for page, query in visits:
                driver.get(browser.base + urllib.parse.quote(page, safe="/?=&%"))
                if query:
                    fields = driver.find_elements("css selector", "input[type=search], input[name=q]")
                    if fields:
                        fields[0].clear()
                        fields[0].send_keys(query)
                        fields[0].submit() if fields[0].get_attribute("form") else None
                browser.wait_for(lambda: driver.execute_script("return document.readyState") == "complete", 3)
                ran = driver.execute_script("return (window.__ran || []).concat(window.__pwned ? ['pwned ' + window.__pwned] : []);")
                dangerous = driver.execute_script(DANGEROUS)
                executed += [f"{page}: {message}" for message in ran]
                results.check(f"no payload runs on {page}", not ran, ", ".join(ran))
                results.check(f"no element that runs script on {page}", not dangerous, "; ".join(dangerous[:5]))
            driver.get(browser.base + urllib.parse.quote("documents/plan-hostile/index.html"))
            text = driver.execute_script("return document.body.innerText;")
            missing = [item for item in ["<script>alert(1)</script>", "<img src=x onerror=alert(3)>", "<svg onload=alert(5)>",
                                         "{{{content}}}", "http://x.cn/<img src=x onerror=alert(29)>"] if item not in text]
            results.check("payloads are shown as text", not missing, f"missing: {missing}")
        finally:
            driver.quit()
            server.shutdown()
        print(f"hostile: {tried} payloads on {len(pages)} pages, executed {len(executed)}")
        print(f"browser (hostile): {results.passed} passed, {results.failed} failed")
        return 0 if results.failed == 0 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
