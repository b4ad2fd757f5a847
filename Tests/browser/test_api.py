#!/usr/bin/env python3
"""Checks the JSON API and the files for machines of a built gazette site.

Usage: python3 Tests/browser/test_api.py SITE_FOLDER

Validates api/catalog.json and every api/documents/*.json against the JSON Schemas in docs/api/ (with PyPI's
jsonschema), checks that every part id the API gives is an id on the document's page, that every document of
the catalog has its API file, and that sitemap.xml, the Atom feeds and robots.txt are well-formed and lead to
pages of the site. Prints one line per check and closes with `api: N passed, M failed`.
"""

import glob
import json
import os
import re
import sys
import xml.etree.ElementTree as ElementTree

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

passed = 0
failed = 0


def check(name, ok, why=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok: {name}")
    else:
        failed += 1
        print(f"FAILED: {name}" + (f": {why}" if why else ""))
    return ok


def schema(name):
    with open(os.path.join(ROOT, "docs", "api", name), encoding="utf-8") as file:
        value = json.load(file)
    jsonschema.Draft202012Validator.check_schema(value)
    return jsonschema.Draft202012Validator(value)


def errors(validator, value):
    return ["/".join(str(p) for p in error.absolute_path) + ": " + error.message for error in validator.iter_errors(value)]


def part_ids(parts):
    for part in parts:
        yield part["id"]
        yield from part_ids(part.get("parts", []))


def base_url():
    """The base URL the feeds and sitemap use, read from the sitemap's first address (the home page)."""
    tree = ElementTree.parse(os.path.join(site, "sitemap.xml"))
    return tree.getroot().find(f"{SITEMAP}url/{SITEMAP}loc").text


def local(url, base):
    """The file of the site an absolute address of it leads to."""
    path = url[len(base):]
    if path == "" or path.endswith("/"):
        path += "index.html"
    return os.path.join(site, path)


site = sys.argv[1]
document_schema = schema("document.schema.json")
catalog_schema = schema("catalog.schema.json")

with open(os.path.join(site, "api", "catalog.json"), encoding="utf-8") as file:
    catalog = json.load(file)
check("api/catalog.json follows docs/api/catalog.schema.json", not errors(catalog_schema, catalog), errors(catalog_schema, catalog)[:3])
with open(os.path.join(site, "catalog.json"), encoding="utf-8") as file:
    check("catalog.json is the API's catalog", json.load(file) == catalog)

files = sorted(glob.glob(os.path.join(site, "api", "documents", "*.json")))
check("one API file per document of the catalog",
      sorted(os.path.join(site, entry["api"]) for entry in catalog["documents"]) == files,
      f"{len(files)} files, {len(catalog['documents'])} documents")
invalid = {}
missing_ids = {}
parts_total = 0
for path in files:
    with open(path, encoding="utf-8") as file:
        document = json.load(file)
    problems = errors(document_schema, document)
    if problems:
        invalid[os.path.basename(path)] = problems[:3]
        continue
    with open(os.path.join(site, document["url"], "index.html"), encoding="utf-8") as file:
        page_ids = set(re.findall(r'\bid="([^"]+)"', file.read()))
    ids = list(part_ids(document["parts"]))
    parts_total += len(ids)
    absent = [id for id in ids if id not in page_ids]
    if absent:
        missing_ids[document["id"]] = absent[:5]
    linked = document["links"]["cites"] + document["links"]["citedBy"] + document["links"]["related"]
    for other in linked:
        if not os.path.exists(os.path.join(site, "api", "documents", other + ".json")):
            missing_ids.setdefault(document["id"], []).append("links to unknown " + other)
check(f"every API document file follows docs/api/document.schema.json ({len(files)} files)", not invalid, invalid)
check(f"every part id of the API is an id on the document's page ({parts_total} parts)", not missing_ids and parts_total > 100, missing_ids)
with open(os.path.join(site, "api", "documents", "wu-long-fu-ban-fa-2022-47.json"), encoding="utf-8") as file:
    sample = json.load(file)
check("a document's API file has its facts, articles and text",
      sample["docNumber"] == "武隆府办发〔2022〕47号" and "article-5" in list(part_ids(sample["parts"]))
      and "第五条" in sample["text"] and sample["issue"]["gazetteId"] == "wulong", sample.get("docNumber"))

# Sitemap, feeds, robots.txt.
base = base_url()
check("the sitemap's addresses are absolute, from the base URL", re.match(r"^https?://[^/]+/", base) is not None, base)
urls = [loc.text for loc in ElementTree.parse(os.path.join(site, "sitemap.xml")).getroot().iter(f"{SITEMAP}loc")]
check(f"every address of the sitemap is a page of the site ({len(urls)})",
      all(url.startswith(base) and os.path.exists(local(url, base)) for url in urls),
      [url for url in urls if not os.path.exists(local(url, base))][:3])
check("the sitemap lists every document", all(base + entry["url"][: -len("index.html")] in urls for entry in catalog["documents"]))
feeds = sorted(glob.glob(os.path.join(site, "feeds", "*.xml")))
check("a feed for the site and one per gazette", [os.path.basename(f) for f in feeds] == ["all.xml", "wulong.xml"], feeds)
for path in feeds:
    root = ElementTree.parse(path).getroot()
    entries = root.findall(f"{ATOM}entry")
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    updated = [entry.find(f"{ATOM}updated").text for entry in entries]
    check(f"{os.path.basename(path)} is an Atom feed of {len(entries)} entries, newest first, leading to pages",
          root.tag == f"{ATOM}feed" and entries and all(os.path.exists(local(link, base)) for link in links)
          and updated == sorted(updated, reverse=True) and root.find(f"{ATOM}updated").text == updated[0]
          and all(entry.find(f"{ATOM}id") is not None and entry.find(f"{ATOM}title").text for entry in entries))
with open(os.path.join(site, "robots.txt"), encoding="utf-8") as file:
    robots = file.read()
check("robots.txt names the sitemap", f"Sitemap: {base}sitemap.xml" in robots, robots)

print(f"api: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
