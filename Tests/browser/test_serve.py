#!/usr/bin/env python3
"""Checks `gazette serve` in headless Chromium: edit a source, see the open page change by itself.

Usage: python3 Tests/browser/test_serve.py GAZETTE_EXECUTABLE

Copies the project's Content/, Templates/ and gazette.toml into a temporary folder, starts `gazette serve` there
on a free loopback port, opens a document page, then: edits the document's source and waits for the open page
to show the new text without being told to reload; breaks a template and waits for the build error to be shown
in the page while the last good build is still served; repairs it and waits for the error to go; and starts a
second server on the same port, which must fail with a clear message. Closes with `serve: N passed, M failed`.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_pages import Results, start_browser  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PAGE = "documents/wu-long-fu-ban-fa-2022-47/index.html"
SOURCE = "Content/gazettes/wulong/2022-03.txt"
OLD_TEXT = "已经区政府第16次常务会审议通过"
NEW_TEXT = "已经区政府第99次常务会审议通过"
BUILD_WAIT = 180  # seconds: a debug build on a busy 2-core machine


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def status(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_gazette/status.json", timeout=5) as response:
            import json
            return json.load(response)
    except Exception:
        return None


def wait_for(condition, timeout):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.25)


def edit(path, old, new):
    with open(path, encoding="utf-8") as file:
        text = file.read()
    assert old in text, f"{old!r} not in {path}"
    with open(path, "w", encoding="utf-8") as file:
        file.write(text.replace(old, new, 1))


def main():
    gazette = os.path.abspath(sys.argv[1])
    results = Results()
    project = tempfile.mkdtemp(prefix="gazette-serve-")
    for name in ["Content", "Templates"]:
        shutil.copytree(os.path.join(ROOT, name), os.path.join(project, name))
    shutil.copy(os.path.join(ROOT, "gazette.toml"), project)
    port = free_port()
    log = open(os.path.join(project, "serve.log"), "w+")
    server = subprocess.Popen([gazette, "serve", "--port", str(port)], cwd=project, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    driver = None
    try:
        first = wait_for(lambda: (status(port) or {}).get("build", 0) >= 1, BUILD_WAIT)
        if not results.check("serve: the first build is served", first, open(log.name).read()[-500:]):
            return 1
        driver = start_browser()
        base = f"http://127.0.0.1:{port}/"
        driver.get(base + PAGE)
        results.check("serve: the document page loads with its text", OLD_TEXT in driver.find_element("tag name", "main").text)
        driver.execute_script("window.gazetteNotReloaded = true;")

        edit(os.path.join(project, SOURCE), OLD_TEXT, NEW_TEXT)
        changed = wait_for(lambda: NEW_TEXT in driver.execute_script("return document.querySelector('main').textContent"),
                           BUILD_WAIT)
        results.check("serve: after the source is edited, the open page shows the new text by itself", changed,
                      open(log.name).read()[-500:])
        results.check("serve: the page was reloaded, not patched",
                      driver.execute_script("return window.gazetteNotReloaded === undefined"))

        template = os.path.join(project, "Templates", "document.md.mustache")
        edit(template, "{{#hasLinks}}", "{{#hasLinks}}{{#unclosed}}")

        def error_text():
            return driver.execute_script(
                "var box = document.getElementById('gazette-build-error'); return box ? box.textContent : null")
        shown = wait_for(error_text, BUILD_WAIT)
        results.check("serve: a broken template's error is shown in the page, naming the template and line",
                      shown and "document.md.mustache:" in shown and "error" in shown, repr(shown))
        with urllib.request.urlopen(base + PAGE, timeout=10) as response:
            still = response.status == 200 and NEW_TEXT in response.read().decode("utf-8")
        results.check("serve: the last good build keeps being served", still)
        results.check("serve: the server says what failed", "document.md.mustache:" in open(log.name).read())

        edit(template, "{{#hasLinks}}{{#unclosed}}", "{{#hasLinks}}")
        gone = wait_for(lambda: error_text() is None and NEW_TEXT in driver.page_source, BUILD_WAIT)
        results.check("serve: once the template is repaired the error goes and the page is back", gone)

        second = subprocess.run([gazette, "serve", "--port", str(port)], cwd=project, capture_output=True, text=True,
                                timeout=60)
        results.check("serve: a port already in use is a clear error and a non-zero exit",
                      second.returncode != 0 and "already in use" in second.stderr, second.stderr)
    finally:
        if driver is not None:
            driver.quit()
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
        shutil.rmtree(project, ignore_errors=True)
        print(f"serve: {results.passed} passed, {results.failed} failed")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
