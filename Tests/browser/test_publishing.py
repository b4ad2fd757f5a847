#!/usr/bin/env python3
"""Browser checks of what a published page gives readers and machines, in headless Chromium.

Usage: python3 Tests/browser/test_publishing.py SITE_FOLDER

Every page has a description, Open Graph tags and a canonical link from the base URL, and its favicon loads;
document pages carry schema.org Legislation JSON-LD that parses and raises no Content Security Policy report;
404.html is served for a missing address; a document links to the previous and next document of its issue;
breadcrumbs lead home › gazette › issue; dark mode and the print stylesheet apply; a wide table says that it
scrolls on a phone; source pages show no path of the content folder. Screenshots of a document page at phone
and desktop widths (light and dark) are saved to $GAZETTE_SCREENSHOTS (default .build/screenshots).
Closes with `publishing: N passed, M failed`.
"""

import json
import os
import sys
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_pages import DESKTOP, PHONE, Browser, Results, serve, start_browser  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOCUMENT = "documents/wu-long-fu-ban-fa-2022-47/index.html"
TABLE_PAGE = "documents/wu-long-fu-ban-fa-2021-35/index.html"
ISSUE = "gazettes/wulong/2022-03/index.html"
SOURCE = "sources/gazettes/wulong/2022-03.txt.html"
LONG_DOCUMENT = "documents/yu-fu-ban-fa-2021-149/index.html"


def head_facts(browser):
    return browser.js("""
        const meta = name => { const e = document.querySelector(`meta[name="${name}"], meta[property="${name}"]`);
                               return e ? e.content : null; };
        const canonical = document.querySelector('link[rel=canonical]');
        const icon = document.querySelector('link[rel=icon]');
        return {description: meta('description'), ogTitle: meta('og:title'), ogType: meta('og:type'),
                ogUrl: meta('og:url'), canonical: canonical ? canonical.href : null, icon: icon ? icon.href : null,
                crumbs: Array.from(document.querySelectorAll('.breadcrumbs a'), a => a.textContent)};
    """)


def main():
    site = os.path.abspath(sys.argv[1])
    shots = os.environ.get("GAZETTE_SCREENSHOTS", os.path.join(ROOT, ".build", "screenshots"))
    os.makedirs(shots, exist_ok=True)
    results = Results()
    server, thread = serve(site)
    driver = start_browser()
    browser = Browser(driver, f"http://127.0.0.1:{server.server_address[1]}/")
    try:
        browser.resize(DESKTOP)
        browser.severe_logs()
        with open(os.path.join(site, "catalog.json"), encoding="utf-8") as file:
            documents = [entry["url"] for entry in json.load(file)["documents"]]
        for page in ["index.html", ISSUE, SOURCE, "search.html", "number.html"] + documents:
            browser.get(page)
            facts = head_facts(browser)
            problems = [key for key in ["description", "ogTitle", "ogType", "ogUrl", "canonical", "icon"] if not facts[key]]
            if facts["canonical"] and not facts["canonical"].startswith("https://"):
                problems.append("canonical is not absolute: " + facts["canonical"])
            if facts["canonical"] != facts["ogUrl"]:
                problems.append("og:url is not the canonical address")
            results.check(f"meta: {page} has description, Open Graph, canonical and favicon", not problems, problems)
        browser.get(DOCUMENT)
        ld = browser.js("return JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
        results.check("JSON-LD: the document page is a schema.org Legislation with its number, date, issuer and issue",
                      ld["@type"] == "Legislation" and ld["legislationIdentifier"] == "武隆府办发〔2022〕47号"
                      and ld["legislationDate"] == "2022-06-29" and ld["legislationPassedBy"]["name"]
                      and ld["isPartOf"]["@type"] == "PublicationIssue", ld)
        errors = browser.severe_logs()
        results.check("JSON-LD: no browser error (the Content Security Policy lets the data block be)", not errors, errors)
        icon = urllib.request.urlopen(head_facts(browser)["icon"]).status
        results.check("favicon: the icon every page names loads", icon == 200, icon)
        pager = browser.js("""
            return Array.from(document.querySelectorAll('nav.pager a'), a => [a.rel, a.getAttribute('href')]);
        """)
        results.check("pager: a document links to the previous document of its issue", any(rel == "prev" for rel, _ in pager), pager)
        crumbs = head_facts(browser)["crumbs"]
        results.check("breadcrumbs: home › gazette › issue on a document page", len(crumbs) == 3 and crumbs[0] == "首页"
                      and crumbs[2] == "2022年第3期", crumbs)
        browser.get(SOURCE)
        text = browser.js("return document.querySelector('main').innerText")
        results.check("source page: names its issue and shows no path of the content folder",
                      "2022年第3期" in text and "gazettes/wulong" not in text and "Content/" not in text, text[:200])
        crumbs = head_facts(browser)["crumbs"]
        results.check("breadcrumbs: home › gazette › issue on a source page", len(crumbs) == 3, crumbs)

        try:
            urllib.request.urlopen(browser.base + "no/such/page/")
            status = 200
        except urllib.error.HTTPError as error:
            status = error.code
        browser.get("404.html")
        results.check("404.html: a page that leads home", status == 404 and browser.js(
            "return !!document.querySelector('main a[href$=\"index.html\"]')"), status)

        browser.get(LONG_DOCUMENT)
        results.check("contents: a long document has a way back to its contents",
                      browser.js("const a = document.querySelector('a.to-contents'); return !!a && !!document.getElementById('toc')"))

        # Dark mode and print, through Chromium's media emulation.
        def background():
            return browser.js("return getComputedStyle(document.body).backgroundColor")
        browser.get(DOCUMENT)
        light = background()
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        dark = background()
        driver.save_screenshot(os.path.join(shots, "document-desktop-dark.png"))
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "light"}]})
        results.check("dark mode: the page darkens when the reader's system is dark", light != dark and dark.startswith("rgb(2"), (light, dark))
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        printed = browser.js("""
            const hidden = sel => { const e = document.querySelector(sel); return !e || getComputedStyle(e).display === 'none'; };
            return {header: hidden('.site-header'), footer: hidden('.site-footer'), pager: hidden('nav.pager')};
        """)
        browser.get(TABLE_PAGE)
        clipped = browser.js("""
            return Array.from(document.querySelectorAll('main table')).filter(t => getComputedStyle(t).overflowX !== 'visible').length;
        """)
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        results.check("print: no site chrome, tables not clipped", all(printed.values()) and clipped == 0, (printed, clipped))

        browser.resize(PHONE)
        browser.get(TABLE_PAGE)
        hint = browser.js("""
            const table = document.querySelector('div.table.scrolls');
            return table ? getComputedStyle(table, '::before').content : null;
        """)
        results.check("phone: a wide table shows that it scrolls sideways", bool(hint) and "滑动" in hint, hint)
        browser.get(DOCUMENT)
        driver.save_screenshot(os.path.join(shots, "document-phone.png"))
        browser.resize(DESKTOP)
        browser.get(DOCUMENT)
        driver.save_screenshot(os.path.join(shots, "document-desktop.png"))
        browser.resize(PHONE)
        browser.get(TABLE_PAGE)
        driver.save_screenshot(os.path.join(shots, "table-phone.png"))
        saved = sorted(name for name in os.listdir(shots) if name.endswith(".png"))
        results.check(f"screenshots saved in {shots}", len(saved) >= 4, saved)
    finally:
        driver.quit()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        print(f"publishing: {results.passed} passed, {results.failed} failed")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
