#!/usr/bin/env python3
"""Pages everyone can use: every page of a built site, in headless Chromium at phone and desktop widths.

Usage: python3 Tests/browser/check_pages_a11y.py SITE_FOLDER

For each page: no console errors; no horizontal overflow outside a table scroller; no serious or critical
violation of axe-core (from PyPI's axe-selenium-python); no error from html5lib's HTML5 parser. Prints one line
per page with its counts and closes with `a11y: N pages, V serious violations, H HTML errors, O overflows,
C console errors`; exits non-zero if any count is not 0. Needs selenium, axe-selenium-python and html5lib
(Tests/browser/install).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_pages import DESKTOP, PHONE, Browser, serve, start_browser  # noqa: E402

OVERFLOW = """
const width = document.documentElement.clientWidth;
const out = [];
for (const element of document.body.querySelectorAll('*')) {
  const box = element.getBoundingClientRect();
  if (box.width === 0 || box.right <= width + 1) continue;
  let inside = false;
  for (let parent = element.parentElement; parent; parent = parent.parentElement) {
    const style = getComputedStyle(parent);
    if (['auto', 'scroll', 'hidden'].includes(style.overflowX) && parent.getBoundingClientRect().right <= width + 1) { inside = true; break; }
  }
  if (!inside) out.push(element.tagName.toLowerCase() + (element.className ? '.' + element.className : ''));
}
return out.slice(0, 5);
"""


def html_errors(path):
    import html5lib
    parser = html5lib.HTMLParser(strict=False)
    with open(path, "rb") as file:
        parser.parse(file.read())
    return [f"{position}: {code}" for position, code, _ in parser.errors]


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    from axe_selenium_python import Axe
    site = os.path.abspath(sys.argv[1])
    pages = sorted(os.path.relpath(os.path.join(base, name), site)
                   for base, _, names in os.walk(site) for name in names if name.endswith(".html"))
    server, _ = serve(site)
    driver = start_browser()
    # axe-core walks every element: the original-text pages of long sources hold tens of thousands.
    driver.set_script_timeout(180)
    totals = {"violations": 0, "html": 0, "overflow": 0, "console": 0}
    try:
        browser = Browser(driver, f"http://127.0.0.1:{server.server_address[1]}/")
        axe = Axe(driver)
        for page in pages:
            counts = {"violations": 0, "html": 0, "overflow": 0, "console": 0}
            details = []
            errors = html_errors(os.path.join(site, page))
            counts["html"] = len(errors)
            details += errors[:3]
            for size in (PHONE, DESKTOP):
                browser.resize(size)
                browser.severe_logs()
                browser.get(page)
                overflowing = browser.js(OVERFLOW)
                counts["overflow"] += len(overflowing)
                details += [f"{size[0]}px overflow: {name}" for name in overflowing]
                logs = browser.severe_logs() or []
                counts["console"] += len(logs)
                details += [entry.get("message", "")[:120] for entry in logs]
                axe.inject()
                serious = [violation for violation in axe.run().get("violations", [])
                           if violation.get("impact") in ("serious", "critical")]
                counts["violations"] += sum(len(violation.get("nodes", [])) for violation in serious)
                details += [f"{size[0]}px axe {violation['id']}: {violation.get('help', '')}" for violation in serious]
            for key in totals:
                totals[key] += counts[key]
            status = "ok" if not any(counts.values()) else "FAILED"
            print(f"{status}: {page}: {counts['violations']} serious violations, {counts['html']} HTML errors, "
                  f"{counts['overflow']} overflows, {counts['console']} console errors"
                  + ("" if status == "ok" else " — " + "; ".join(sorted(set(details))[:6])))
    finally:
        driver.quit()
        server.shutdown()
    print(f"a11y: {len(pages)} pages, {totals['violations']} serious violations, {totals['html']} HTML errors, "
          f"{totals['overflow']} overflows, {totals['console']} console errors")
    return 0 if not any(totals.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
