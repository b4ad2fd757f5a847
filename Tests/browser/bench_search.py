#!/usr/bin/env python3
"""Search benchmark in headless Chromium on a built site (run by scripts/bench-search).

For each query: results, bytes fetched and milliseconds to results (the first query on a fresh page,
counting the scripts and the manifest; later queries on the same page), and exactness against the text of
the rendered document pages. Pagefind's figures from ../shared/MEASURED.md are printed beside ours.
"""

import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_pages import serve, start_browser  # noqa: E402
from test_search import fold, path_of, search, truth_index  # noqa: E402

# (query, kind, simplified form for truth)
QUERIES = [
    ("峰度夏", "rare, across words", None), ("基准地价", "rare", None), ("土地级别", "rare", None),
    ("乡村振兴", "common", None), ("医保基金监管", "common", None), ("有效衔接", "common", None),
    ("人民政府", "very common", None), ("的", "very common, one character", None), ("武隆区", "very common", None),
    ("乡村振兴有效衔接", "phrase", None), ("巩固拓展脱贫攻坚成果同乡村振兴有效衔接", "long phrase", None),
    ("鄉村振興", "traditional", "乡村振兴"), ("醫療保障", "traditional", "医疗保障"),
    ("乡", "one character", None), ("衔", "one character", None), ("量子纠缠", "in no document", None),
]
PAGEFIND = {
    "乡村振兴": "2,039 pages (1,243 contain it)", "基准地价": "1,157 pages (307)", "峰度夏": "926 pages (317)",
    "医保基金监管": "1,927 pages (851)", "乡村振兴有效衔接": "0 pages quoted (306)", "鄉村振興": "619 pages (1,242)",
}

MEASURE = """
var query = arguments[0], done = arguments[arguments.length - 1];
performance.setResourceTimingBufferSize(1000000);
performance.clearResourceTimings();
var started = performance.now();
window.gazetteSearch(query, {limit: 10}).then(function (answer) {
  var ms = performance.now() - started;
  var bytes = performance.getEntriesByType('resource').reduce(function (sum, e) { return sum + e.encodedBodySize; }, 0);
  done({ms: ms, bytes: bytes, total: answer.total});
}, function (e) { done({error: String(e && e.message || e)}); });
"""

SCRIPTS = """
return performance.getEntriesByType('resource').filter(function (e) { return /\\.js$/.test(e.name); })
  .reduce(function (sum, e) { return sum + e.encodedBodySize; }, 0);
"""


DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


def decode(code):
    values, current = [], 0
    for ch in code:
        digit = DIGITS.index(ch)
        current = current * 32 + (digit & 31)
        if digit < 32:
            values.append(current)
            current = 0
    return values


def compare_formats(site):
    """Sizes of the posting records as written (PostingCode text in JSON), as JSON arrays of numbers, and
    as binary LEB128 varints, on every 20th record shard of all batches."""
    index = os.path.join(site, "search")
    batches = sorted((n for n in os.listdir(index) if n.isdigit()), key=int)
    shards = [os.path.join(index, batch, "records", name) for batch in batches
              for name in sorted(os.listdir(os.path.join(index, batch, "records")), key=lambda n: int(n.split(".")[0]))]
    shards = shards[::20]
    ours = arrays = binary = keys = 0
    for path in shards:
        records = json.load(open(path, encoding="utf-8"))
        for key, code in records.items():
            numbers = decode(code)
            keys += len(json.dumps(key, ensure_ascii=False).encode()) + 2
            ours += len(code) + 2
            arrays += len(json.dumps(numbers, separators=(",", ":")))
            binary += sum(max(1, (n.bit_length() + 6) // 7) for n in numbers)
    print(f"posting formats on {len(shards)} record shards: PostingCode in JSON {(keys + ours) / 1e6:.2f} MB,"
          f" JSON arrays {(keys + arrays) / 1e6:.2f} MB, binary varints {(keys + binary) / 1e6:.2f} MB"
          f" (keys included in each)")


def main():
    site = os.path.abspath(sys.argv[1])
    compare_formats(site)
    started = time.time()
    pages = truth_index(site)
    print(f"truth: {len(pages)} document pages read in {time.time() - started:.1f} s")
    # Persistent connections, as any production web server keeps them: a result page fetches about a dozen
    # small files, and a new connection for each would measure Python's server rather than the search.
    server, _ = serve(site, keep_alive=True)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    driver = start_browser()
    driver.set_script_timeout(120)
    try:
        class Browser:
            pass
        browser = Browser()
        browser.driver, browser.base = driver, base
        # The first query: a fresh page; scripts and everything the query fetched, manifest included.
        driver.get(base + "search.html")
        scripts = driver.execute_script(SCRIPTS)
        first = driver.execute_async_script(MEASURE, "乡村振兴")
        print(f"first query 乡村振兴: {(first['bytes'] + scripts) / 1024:.0f} KB fetched (scripts {scripts / 1024:.0f} KB),"
              f" {first['ms']:.0f} ms; Pagefind: 887 KB, 972 ms")
        print()
        print(f"{'query':<22} {'kind':<26} {'results':>7} {'truth':>6} {'exact':>5} {'KB':>7} {'ms':>6}  Pagefind")
        later_bytes, later_ms, exact_all = [], [], True
        for query, kind, simplified in QUERIES:
            driver.get(base + "search.html")  # a page that has answered another query: later queries
            driver.execute_async_script(MEASURE, "公报" if query != "公报" else "通知")
            m = driver.execute_async_script(MEASURE, query)
            answer = search(browser, query, {"limit": 10 ** 9})
            wanted = fold(simplified or query)
            truth = {url for url, pieces in pages.items() if any(wanted in p for p in pieces)}
            got = {path_of(r["url"], base) for r in answer["ok"]["results"]} if "ok" in answer else set()
            exact = got == truth and answer.get("ok", {}).get("total") == len(truth)
            exact_all = exact_all and exact
            later_bytes.append(m.get("bytes", 0))
            later_ms.append(m.get("ms", 0))
            print(f"{query[:20]:<22} {kind:<26} {m.get('total', m.get('error', '?')):>7} {len(truth):>6} "
                  f"{'yes' if exact else 'NO':>5} {m.get('bytes', 0) / 1024:>7.1f} {m.get('ms', 0):>6.0f}  "
                  f"{PAGEFIND.get(query, '')}")
        print()
        print(f"later queries: median {statistics.median(later_bytes) / 1024:.1f} KB, max {max(later_bytes) / 1024:.1f} KB;"
              f" median {statistics.median(later_ms):.0f} ms, max {max(later_ms):.0f} ms"
              f" (targets: median <= 50 KB, <= 500 KB, median <= 50 ms; Pagefind: 25-203 KB, 28-490 ms)")
        print(f"precision and recall 100% on every query: {'yes' if exact_all else 'NO'}")
    finally:
        driver.quit()
        server.shutdown()


if __name__ == "__main__":
    main()
