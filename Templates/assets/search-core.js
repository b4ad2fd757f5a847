// Exact search over the index that `gazette build` writes into search/ (Sources/GazetteKit/Index/SearchIndex.swift).
// Exposes window.gazetteSearch(query, options) -> Promise<{ total, results, facets }>, and
// window.gazetteNormalize(text) -> Promise<string>, the rule of SearchNormalizer.swift.
(function () {
  "use strict";

  var script = document.currentScript;
  var siteRoot = new URL("..", script.src);           // this file is assets/search-core.js
  var indexRoot = new URL("search/", siteRoot);
  var MAX_QUERY = 100;                                  // characters after normalisation

  function SearchError(message) { this.name = "SearchError"; this.message = message; }
  SearchError.prototype = Object.create(Error.prototype);

  // --- files -------------------------------------------------------------------------------------------
  var files = new Map();
  // At most this many requests at once: a browser refuses thousands (a large `limit` asks for every result).
  var active = 0, waiting = [];
  function acquire() {
    return new Promise(function (resolve) { if (active < 16) { active++; resolve(); } else waiting.push(resolve); });
  }
  function release() {
    var next = waiting.shift();
    if (next) next(); else active--;
  }
  function load(path) {
    if (!files.has(path)) {
      var promise = acquire().then(function () {
        return fetch(new URL(path, indexRoot)).then(function (response) {
          if (!response.ok) throw new SearchError("检索索引文件 " + path + " 无法读取（HTTP " + response.status + "）");
          return response.text();
        }, function () {
          throw new SearchError("检索索引文件 " + path + " 无法读取");
        }).finally(release);
      }).then(function (text) {
        try { return JSON.parse(text); } catch (e) { throw new SearchError("检索索引文件 " + path + " 已损坏"); }
      });
      promise.catch(function () { files.delete(path); });
      files.set(path, promise);
    }
    return files.get(path);
  }

  // --- the normalisation rule (SearchNormalizer.swift) ----------------------------------------------------
  var OPENING = "〔[(【［（〖", CLOSING = "〕])】］）〗";
  var SPACE = /[\s\u0085\u200B\uFEFF]/u;
  var characterMap = null;
  function charactersReady() {
    if (!characterMap) {
      characterMap = load("chars.json").then(function (pairs) {
        var map = new Map(), list = Array.from(pairs);
        for (var i = 0; i + 1 < list.length; i += 2) map.set(list[i], list[i + 1]);
        return map;
      });
      characterMap.catch(function () { characterMap = null; });
    }
    return characterMap;
  }
  function normalizeWith(map, text) {
    var out = [];
    for (var ch of String(text)) {
      if (SPACE.test(ch)) continue;
      var c = map.get(ch) || ch, code = c.codePointAt(0);
      if (code >= 0xFF01 && code <= 0xFF5E) c = String.fromCodePoint(code - 0xFEE0);
      if (OPENING.indexOf(c) >= 0) c = "(";
      else if (CLOSING.indexOf(c) >= 0) c = ")";
      else if (c >= "A" && c <= "Z") c = c.toLowerCase();
      out.push(c);
    }
    return out;
  }

  // --- codes (PostingCode.swift) and shards (ShardHash.swift) --------------------------------------------
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT = {};
  for (var d = 0; d < 64; d++) DIGIT[DIGITS.charCodeAt(d)] = d;
  function decodeNumbers(text, what) {
    var values = [], current = 0, open = false;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT[text.charCodeAt(i)];
      if (digit === undefined) throw new SearchError("检索索引记录 " + what + " 已损坏");
      current = current * 32 + (digit & 31);
      open = digit >= 32;
      if (!open) { values.push(current); current = 0; }
    }
    if (open) throw new SearchError("检索索引记录 " + what + " 已损坏");
    return values;
  }
  function shardOf(key, count) {
    var hash = 0x811C9DC5;
    for (var i = 0; i < key.length; i++) { hash ^= key.charCodeAt(i); hash = Math.imul(hash, 0x01000193) >>> 0; }
    return hash % count;
  }

  // --- the manifest ---------------------------------------------------------------------------------------
  var manifestPromise = null;
  function manifestReady() {
    if (!manifestPromise) {
      manifestPromise = load("manifest.json").then(function (m) {
        if (!m || m.format !== 4 || !m.columns || !Array.isArray(m.batches) || !Array.isArray(m.dates)) {
          throw new SearchError("检索索引 manifest.json 已损坏");
        }
        var n = m.documentCount;
        // Each batch (SearchBatch.swift) is an index of its own, of the documents that follow the last batch's,
        // numbered from 0.
        var first = 0;
        var batches = m.batches.map(function (b, number) {
          var batch = { number: number, first: first, documents: b.documents, trieShards: m.trieShards,
                        recordShards: b.recordShards, frequent: new Set(Array.from(b.frequentCharacters)) };
          first += b.documents;
          return batch;
        });
        if (first !== n) throw new SearchError("检索索引 manifest.json 已损坏");
        var info = { m: m, batches: batches, year: new Array(n) };
        ["gazette", "issuer", "kind", "date", "length"].forEach(function (name) {
          info[name] = decodeNumbers(m.columns[name], name);
          if (info[name].length !== n) throw new SearchError("检索索引 manifest.json 已损坏");
        });
        // Documents are numbered in the order of their issues (SearchIndex.indexOrder): a document's date is its
        // place in m.dates (yyyymmdd, in order), so comparing places compares dates.
        for (var k = 0; k < n; k++) {
          var day = m.dates[info.date[k]];
          if (day === undefined) throw new SearchError("检索索引 manifest.json 已损坏");
          info.year[k] = Math.floor(day / 10000);
        }
        return info;
      });
      manifestPromise.catch(function () { manifestPromise = null; });
    }
    return manifestPromise;
  }

  // --- cutting a query into pieces (FrequentStrings.swift) ----------------------------------------------
  // The rest of each frequent string that starts (F) or ends (B) with the two characters of `key` in `batch`:
  // one trie for all batches, each string with the batches it is frequent in.
  function trieEntry(batch, key) {
    return load("trie/" + shardOf(key, batch.trieShards) + ".json").then(function (shard) {
      var entry = shard[key];
      if (!entry) return null;
      var members = new Set();
      for (var member in entry) if (entry[member].indexOf(batch.number) >= 0) members.add(member);
      return members;
    });
  }
  function record(batch, key) {
    return load(batch.number + "/records/" + shardOf(key, batch.recordShards) + ".json").then(function (shard) {
      return shard[key] === undefined ? null : decodeNumbers(shard[key], key);
    });
  }
  // Length of the shortest string at `offset` that is not frequent, or null when the rest is frequent.
  async function forwardPiece(batch, q, offset) {
    if (!batch.frequent.has(q[offset])) return 1;
    if (offset + 1 >= q.length) return null;
    var members = await trieEntry(batch, "F" + q[offset] + q[offset + 1]);
    for (var length = 2; offset + length <= q.length; length++) {
      if (!members || !members.has(q.slice(offset + 2, offset + length).join(""))) return length;
    }
    return null;
  }
  // Start of the shortest suffix of q that is not frequent.
  async function backwardPieceStart(batch, q) {
    var end = q.length;
    if (!batch.frequent.has(q[end - 1])) return end - 1;
    var members = end >= 2 ? await trieEntry(batch, "B" + q[end - 2] + q[end - 1]) : null;
    for (var start = end - 2; start >= 0; start--) {
      if (!members || !members.has(q.slice(start, end - 2).join(""))) return start;
    }
    return null;
  }
  async function isFrequent(batch, q) {
    if (q.length === 1) return batch.frequent.has(q[0]);
    var members = await trieEntry(batch, "F" + q[0] + q[1]);
    return !!members && members.has(q.slice(2).join(""));
  }

  // Map document -> { first, count } of every document whose text contains q: the answers of every batch joined.
  async function matches(info, q) {
    var answers = await Promise.all(info.batches.map(function (batch) { return matchesIn(batch, q); }));
    var found = new Map();
    answers.forEach(function (answer, number) {
      var first = info.batches[number].first;
      for (var [doc, hit] of answer) found.set(first + doc, hit);
    });
    return found;
  }

  // Map document of `batch` (numbered from 0) -> { first, count } of every document whose text contains q.
  async function matchesIn(batch, q) {
    var found = new Map();
    if (await isFrequent(batch, q)) {
      var numbers = await record(batch, "d" + q.join(""));
      if (!numbers) throw new SearchError("检索索引缺少记录 " + q.join(""));
      for (var i = 0, doc = -1; i + 2 < numbers.length; i += 3) {
        doc += numbers[i];
        found.set(doc, { first: numbers[i + 1], count: numbers[i + 2] });
      }
      return found;
    }
    var L = q.length, offsets = new Map();
    function piece(offset) {
      if (!offsets.has(offset)) offsets.set(offset, forwardPiece(batch, q, offset));
      return offsets.get(offset);
    }
    for (var o = 0; o < L; o++) piece(o).catch(function () {});   // fetch the trie files in parallel
    var first = await piece(0);
    var pieces = [{ key: "f" + q.slice(0, first).join(""), shift: 0 }];
    var covered = first;
    while (covered < L) {
      var best = null;
      for (var offset = 1; offset <= covered; offset++) {
        var length = await piece(offset);
        if (length !== null && offset + length > covered && (!best || offset + length > best.end)) {
          best = { offset: offset, end: offset + length };
        }
      }
      if (best) {
        pieces.push({ key: "f" + q.slice(best.offset, best.end).join(""), shift: best.offset });
        covered = best.end;
      } else {
        var start = await backwardPieceStart(batch, q);
        if (start === null || start > covered) throw new SearchError("检索索引与检索词不一致");
        pieces.push({ key: "b" + q.slice(start).join(""), shift: L });
        covered = L;
      }
    }
    var lists = await Promise.all(pieces.map(function (p) { return record(batch, p.key); }));
    var starts = null;
    for (var n = 0; n < pieces.length; n++) {
      if (!lists[n]) return found;                       // a piece that occurs nowhere
      var here = new Map(), list = lists[n], docId = -1, position = 0;
      for (var j = 0; j + 1 < list.length; j += 2) {
        if (list[j] === 0) position += list[j + 1]; else { docId += list[j]; position = list[j + 1]; }
        var set = here.get(docId);
        if (!set) { set = new Set(); here.set(docId, set); }
        set.add(position - pieces[n].shift);
      }
      if (!starts) { starts = here; continue; }
      for (var [docKey, kept] of starts) {
        var other = here.get(docKey);
        if (!other) { starts.delete(docKey); continue; }
        for (var s of kept) if (!other.has(s)) kept.delete(s);
        if (!kept.size) starts.delete(docKey);
      }
    }
    for (var [docNumber, positions] of starts) {
      found.set(docNumber, { first: Math.min.apply(null, Array.from(positions)), count: positions.size });
    }
    return found;
  }

  // --- ranking, facets, results -------------------------------------------------------------------------
  var FACETS = ["year", "gazette", "issuer", "kind"];
  function facetValue(info, name, doc) {
    if (name === "year") return String(info.year[doc] || "未注明");
    var list = info.m[name + "s"];
    return list[info[name][doc]];
  }
  function score(info, doc, hit) {
    var k1 = 1.2, b = 0.75;
    var length = Math.pow(2, info.length[doc] / 8) - 1, average = info.m.averageLength || 1;
    var tf = hit.count;
    var s = tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / average));
    if (hit.first < info.m.bodyStart) s += 2 * (k1 + 1);   // in the title or the 发文字号
    return s;
  }

  // The file of document `doc` that holds position `position` of its text (chunk 0 when there is no match):
  // the document's facts and that part of its text.
  function chunkOf(info, doc, position) {
    var batch = info.batches.find(function (b) { return doc >= b.first && doc < b.first + b.documents; });
    if (!batch) return Promise.reject(new SearchError("检索索引中没有第 " + doc + " 号文件"));
    var chunk = Math.floor(Math.max(0, position) / info.m.textChunk);
    var path = batch.number + "/text/" + (doc - batch.first) + "-" + chunk + ".json";
    return load(path).then(function (chunk) {
      if (!chunk || !chunk.facts || !Array.isArray(chunk.pieces)) throw new SearchError("检索索引文件 " + path + " 已损坏");
      return chunk;
    });
  }

  // The text around the first match, as the page shows it; the piece's text is normalised again,
  // character by character, to find where the match is.
  function snippetOf(map, chunk, doc, hit, length) {
    for (var piece of chunk.pieces) {
      var shown = Array.from(piece[2]), at = -1, end = -1, position = piece[0];
      for (var i = 0; i < shown.length; i++) {
        if (!normalizeWith(map, shown[i]).length) continue;
        if (position === hit.first) at = i;
        if (position === hit.first + length - 1) end = i + 1;
        position++;
      }
      if (at < 0) continue;
      if (end < 0) end = shown.length;                       // the match goes on in the next piece
      var from = Math.max(0, at - 30);
      return {
        anchor: piece[1],
        before: (from > 0 ? "…" : "") + shown.slice(from, at).join(""),
        match: shown.slice(at, end).join(""),
        after: shown.slice(end, end + 80).join("") + (end + 80 < shown.length ? "…" : ""),
      };
    }
    throw new SearchError("检索索引文本 text/" + doc + " 已损坏");
  }

  async function gazetteSearch(query, options) {
    options = options || {};
    var limit = options.limit === undefined ? 10 : options.limit, offset = options.offset || 0;
    var [info, map] = await Promise.all([manifestReady(), charactersReady()]);
    var q = normalizeWith(map, query || "");
    if (q.length > MAX_QUERY) throw new SearchError("检索词过长：请输入不超过 " + MAX_QUERY + " 个字");
    var hits;
    if (q.length) {
      hits = await matches(info, q);
    } else {
      var browsing = FACETS.some(function (f) { return options[f]; });
      if (!browsing) return { total: 0, results: [], facets: {}, query: "" };
      hits = new Map();
      for (var all = 0; all < info.m.documentCount; all++) hits.set(all, { first: -1, count: 0 });
    }
    var selected = FACETS.filter(function (f) { return options[f]; });
    function passes(doc, except) {
      return selected.every(function (f) { return f === except || facetValue(info, f, doc) === String(options[f]); });
    }
    var facets = {};
    FACETS.forEach(function (f) {
      var counts = new Map();
      for (var doc of hits.keys()) if (passes(doc, f)) {
        var v = facetValue(info, f, doc);
        counts.set(v, (counts.get(v) || 0) + 1);
      }
      facets[f] = Array.from(counts, function (e) { return { value: e[0], count: e[1] }; })
        .sort(function (a, b) { return b.count - a.count || (a.value < b.value ? -1 : 1); });
    });
    var docs = Array.from(hits.keys()).filter(function (doc) { return passes(doc); });
    var sort = options.sort || (q.length ? "relevance" : "date");
    function newer(a, b) { return info.date[b] - info.date[a] || b - a; }
    if (sort === "date") docs.sort(newer);
    else if (sort === "date-asc") docs.sort(function (a, b) { return newer(b, a); });
    else {
      var scores = new Map(docs.map(function (doc) { return [doc, score(info, doc, hits.get(doc))]; }));
      docs.sort(function (a, b) { return scores.get(b) - scores.get(a) || newer(a, b); });
    }
    var shown = docs.slice(offset, offset + limit);
    var results = await Promise.all(shown.map(async function (doc) {
      var hit = hits.get(doc);
      var chunk = await chunkOf(info, doc, hit.first), facts = chunk.facts;
      var snippet = q.length ? snippetOf(map, chunk, doc, hit, q.length) : null;
      var page = new URL(facts.url, siteRoot);
      if (q.length) page.search = "?highlight=" + encodeURIComponent(query);
      if (snippet && snippet.anchor) page.hash = "#" + encodeURIComponent(snippet.anchor);
      var number = facts.docNumber ? normalizeWith(map, facts.docNumber).join("") : "";
      return {
        url: page.href, title: facts.title, docNumber: facts.docNumber || "", date: facts.date || "",
        issue: facts.issue || "", issuer: facts.issuer || "",
        snippet: snippet ? snippet.before + snippet.match + snippet.after : "", snippetParts: snippet,
        exactNumber: q.length > 0 && number === q.join(""), occurrences: hit.count,
      };
    }));
    return { total: docs.length, results: results, facets: facets, query: q.join("") };
  }

  window.gazetteSearch = gazetteSearch;
  window.gazetteNormalize = function (text) {
    return charactersReady().then(function (map) { return normalizeWith(map, text).join(""); });
  };
  // The rule with its table loaded: resolves to a function from text to an array of normalised characters.
  window.gazetteNormalizer = function () {
    return charactersReady().then(function (map) { return function (text) { return normalizeWith(map, text); }; });
  };
})();
