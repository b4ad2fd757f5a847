import Foundation
import GazetteKit
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A build with a cache writes only what changed, and gives the same site as a full build: after an edited source,
/// a new issue, a removed issue, a changed template and a damaged cache record.
@Suite struct IncrementalOutputTests {
    /// A file's bytes and the inode that holds them.
    struct FileState: Equatable {
        var data: Data
        var inode: UInt64
    }

    /// Every file under `folder` (folders too, as empty data and inode 0), by relative path.
    static func files(_ folder: URL) throws -> [String: FileState] {
        var result: [String: FileState] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            var info = stat()
            #expect(lstat(folder.path + "/" + path, &info) == 0)
            if (info.st_mode & S_IFMT) == S_IFDIR {
                result[path + "/"] = FileState(data: Data(), inode: 0)
            } else {
                result[path] = FileState(data: try Data(contentsOf: folder.appendingPathComponent(path)), inode: UInt64(info.st_ino))
            }
        }
        return result
    }

    /// A project with the sample templates and two of the sample sources.
    struct Project {
        let root: URL
        var content: URL { root.appendingPathComponent("Content") }
        var templates: URL { root.appendingPathComponent("Templates") }
        var output: URL { root.appendingPathComponent("Output") }
        /// About how many characters a batch of the search index holds.
        var searchBatchCharacters = SearchIndex.batchCharacters
        /// The builds with a cache hold the documents' text, or store it away (``StoredParts``) when this is 0.
        var heldTextLimit = SiteBuilder.Options.defaultHeldTextLimit

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-incremental-\(UUID().uuidString)")
            for folder in ["gazettes/wulong", "documents"] {
                try FileManager.default.createDirectory(at: content.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            try FileManager.default.copyItem(at: Samples.templates, to: templates)
            try copy("gazettes/wulong/2021-03.txt")
            try copy("documents/fuling-rural-revitalization-plan.txt")
            try copy("documents/fuling-rural-revitalization-plan.json")
        }

        func copy(_ path: String) throws {
            try FileManager.default.copyItem(at: Samples.content.appendingPathComponent(path), to: content.appendingPathComponent(path))
        }

        /// Builds into `output` with the cache beside it, or into a fresh folder without one.
        func build(into output: URL, cache: Bool, ledger: URL? = nil) throws -> SiteBuilder.Report {
            var options = SiteBuilder.Options(content: content, templates: templates, output: output, contentDisplayName: "Content")
            if cache { options.outputCache = SiteBuilder.Options.defaultCache(for: output) }
            options.ledger = ledger
            options.heldTextLimit = heldTextLimit
            options.configuration.searchBatchCharacters = searchBatchCharacters
            return try SiteBuilder(options: options).build()
        }

        /// Builds incrementally and in full; expects the same files, and every unchanged file left as it was.
        func expectIncrementalBuildIsFull(_ change: String) throws {
            let before = try IncrementalOutputTests.files(output)
            _ = try build(into: output, cache: true)
            let full = root.appendingPathComponent("Full-\(UUID().uuidString)")
            _ = try build(into: full, cache: false)
            let after = try IncrementalOutputTests.files(output), expected = try IncrementalOutputTests.files(full)
            #expect(after.mapValues(\.data) == expected.mapValues(\.data), "\(change): the incremental build is the full build")
            let differing = Set(after.keys).union(expected.keys).filter { path in after[path]?.data != expected[path]?.data }
            #expect(differing.isEmpty, "\(change): files that differ: \(differing.sorted().prefix(5))")
            let unchanged = after.filter { path, state in state.inode != 0 && before[path]?.data == state.data }
            let rewritten = unchanged.filter { path, state in before[path]?.inode != state.inode }
            #expect(rewritten.isEmpty, "\(change): unchanged files written again: \(rewritten.keys.sorted().prefix(5))")
            // The search index's shards and the lists of related documents make one change touch many files of a
            // site this small; the assets and styles at least stay.
            #expect(unchanged.keys.contains("assets/search-core.js"), "\(change): unchanged files are kept")
        }
    }

    /// With the documents' text held, and stored away in the cache and read back.
    @Test(arguments: [SiteBuilder.Options.defaultHeldTextLimit, 0])
    func incrementalBuildsGiveTheFullBuildAfterEachKindOfChange(heldTextLimit: Int) throws {
        var project = try Project()
        project.heldTextLimit = heldTextLimit
        defer { try? FileManager.default.removeItem(at: project.root) }
        _ = try project.build(into: project.output, cache: true)
        // The second build starts from links to the first one's files, the later ones from the spare copy.
        try project.expectIncrementalBuildIsFull("no change")

        let plan = project.content.appendingPathComponent("documents/fuling-rural-revitalization-plan.txt")
        let text = try String(contentsOf: plan, encoding: .utf8)
        let word = try #require(text.range(of: "农业"))
        try text.replacingCharacters(in: word, with: "农牧业").write(to: plan, atomically: true, encoding: .utf8)
        try project.expectIncrementalBuildIsFull("an edited source")

        try project.copy("gazettes/wulong/2022-03.txt")
        try project.expectIncrementalBuildIsFull("a new issue")

        // A title is shown on the pages of its neighbours, its issue, its source and the documents that name it.
        let issue = project.content.appendingPathComponent("gazettes/wulong/2021-03.txt")
        let printed = try String(contentsOf: issue, encoding: .utf8)
        #expect(printed.contains("关于废止部分区政府文件的决定"))
        try printed.replacingOccurrences(of: "关于废止部分区政府文件的决定", with: "关于废止部分区政府文件（第一批）的决定")
            .write(to: issue, atomically: true, encoding: .utf8)
        try project.expectIncrementalBuildIsFull("a title edited")

        try FileManager.default.removeItem(at: project.content.appendingPathComponent("gazettes/wulong/2021-03.txt"))
        try project.expectIncrementalBuildIsFull("a removed issue")

        let layout = project.templates.appendingPathComponent("layout.html.mustache")
        let template = try String(contentsOf: layout, encoding: .utf8)
        let changed = template.replacingOccurrences(of: "</body>", with: "<!-- 新模板 -->\n</body>")
        try changed.write(to: layout, atomically: true, encoding: .utf8)
        let before = try Self.files(project.output)
        _ = try project.build(into: project.output, cache: true)
        let full = project.root.appendingPathComponent("Full-template")
        _ = try project.build(into: full, cache: false)
        #expect(try Self.files(project.output).mapValues(\.data) == Self.files(full).mapValues(\.data), "a changed template")
        let after = try Self.files(project.output)
        #expect(after.count == before.count)
        // The documents did not change: the search index is not made again and its files are left as they were.
        let search = before.filter { $0.key.hasPrefix("search/") && $0.value.inode != 0 }
        #expect(search.count > 10 && search.allSatisfy { after[$0.key] == $0.value }, "the search index is kept")

        // A source edited outside what search reads (the masthead's running number): the same site as a full build,
        // and the search index's files stay as they were (kept by the fingerprint of its texts, the sources' key
        // having changed).
        let newest = project.content.appendingPathComponent("gazettes/wulong/2022-03.txt")
        let masthead = try String(contentsOf: newest, encoding: .utf8)
        #expect(masthead.contains("(总第156期)"))
        try masthead.replacingOccurrences(of: "(总第156期)", with: "(总第157期)")
            .write(to: newest, atomically: true, encoding: .utf8)
        let beforeEdit = try Self.files(project.output)
        try project.expectIncrementalBuildIsFull("a masthead edited")
        let afterEdit = try Self.files(project.output)
        let index = beforeEdit.filter { $0.key.hasPrefix("search/") && $0.value.inode != 0 }
        #expect(index.count > 10 && index.allSatisfy { afterEdit[$0.key] == $0.value }, "the index's files stay")
        // The API files of the issue's documents show the new number; every other document's file is left as it was
        // (kept with its page, never encoded again).
        var renumbered = 0
        for (path, state) in beforeEdit where path.hasPrefix("api/documents/") && state.inode != 0 {
            let after = try #require(afterEdit[path])
            let file = try #require(try JSONSerialization.jsonObject(with: after.data) as? [String: Any])
            if (file["issue"] as? [String: Any])?["totalNumber"] as? Int == 157 {
                renumbered += 1
                #expect(after.inode != state.inode, "\(path) is written again")
            } else {
                #expect(after == state, "\(path) is kept")
            }
        }
        #expect(renumbered > 0)
        let page = try String(contentsOf: project.output.appendingPathComponent("gazettes/wulong/2022-03/index.html"),
                              encoding: .utf8)
        #expect(page.contains("157"), "the issue's page shows the new number")
    }

    /// The search index is made in batches of documents in index order: an edited document makes only its batch
    /// again, and the files of the others are left as they were; the site is still the full build's.
    @Test(arguments: [SiteBuilder.Options.defaultHeldTextLimit, 0])
    func anEditedIssueMakesOnlyItsBatchOfTheSearchIndexAgain(heldTextLimit: Int) throws {
        var project = try Project()
        project.heldTextLimit = heldTextLimit
        defer { try? FileManager.default.removeItem(at: project.root) }
        project.searchBatchCharacters = 5_000
        try project.copy("gazettes/wulong/2022-03.txt")
        _ = try project.build(into: project.output, cache: true)
        let manifest = try JSONSerialization.jsonObject(
            with: Data(contentsOf: project.output.appendingPathComponent("search/manifest.json"))) as? [String: Any]
        let batches = try #require(manifest?["batches"] as? [Any]).count
        #expect(batches >= 3, "the project's documents make several batches")

        let newest = project.content.appendingPathComponent("gazettes/wulong/2022-03.txt")
        let text = try String(contentsOf: newest, encoding: .utf8)
        let words = try #require(text.range(of: "医疗保障等方面的优惠政策"))
        try text.replacingCharacters(in: words, with: "医疗保障等方面的优待政策")
            .write(to: newest, atomically: true, encoding: .utf8)
        let before = try Self.files(project.output)
        try project.expectIncrementalBuildIsFull("a document of the newest issue edited")
        let after = try Self.files(project.output)
        func batchFiles(_ batch: Int, in files: [String: FileState]) -> [String: FileState] {
            files.filter { $0.key.hasPrefix("search/\(batch)/") && $0.value.inode != 0 }
        }
        let changed = (0..<batches).filter { batch in
            let files = batchFiles(batch, in: before)
            #expect(files.count >= 3, "batch \(batch) has its files")
            return files.contains { after[$0.key] != $0.value } || batchFiles(batch, in: after).count != files.count
        }
        #expect(changed.count == 1, "one batch made again, the others left as they were: \(changed)")
    }

    /// With nothing changed since the last build, there is nothing to do: the same report, no file touched. Any
    /// change to a source, a template or the output itself means a build.
    @Test func aBuildWithNothingChangedDoesNothing() throws {
        let project = try Project()
        defer { try? FileManager.default.removeItem(at: project.root) }
        let first = try project.build(into: project.output, cache: true)
        let before = try Self.files(project.output)
        let again = try project.build(into: project.output, cache: true)
        #expect(again == first, "the same report, warnings included")
        #expect(try Self.files(project.output) == before, "no file touched")
        let record = SiteBuilder.Options.defaultCache(for: project.output).appendingPathComponent(BuildInputs.fileName)
        #expect(FileManager.default.fileExists(atPath: record.path))

        // A changed template is a change.
        let style = project.templates.appendingPathComponent("layout.html.mustache")
        let template = try String(contentsOf: style, encoding: .utf8)
        try template.replacingOccurrences(of: "</body>", with: "<!-- 改 -->\n</body>").write(to: style, atomically: true, encoding: .utf8)
        _ = try project.build(into: project.output, cache: true)
        let index = try String(contentsOf: project.output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("<!-- 改 -->"))

        // An output folder replaced by hand is not the one the record describes.
        try FileManager.default.removeItem(at: project.output)
        try FileManager.default.createDirectory(at: project.output, withIntermediateDirectories: true)
        _ = try project.build(into: project.output, cache: true)
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("index.html").path))

        // A new source is a change.
        try project.copy("documents/wulong-rural-revitalization-plan-copy.txt")
        try project.copy("documents/wulong-rural-revitalization-plan-copy.json")
        let grown = try project.build(into: project.output, cache: true)
        #expect(grown.sourceCount == first.sourceCount + 1)

        // Sources behind symbolic links (the content folder itself, a folder or a file in it) are read through them.
        let elsewhere = project.root.appendingPathComponent("Elsewhere")
        try FileManager.default.moveItem(at: project.content, to: elsewhere)
        try FileManager.default.createSymbolicLink(at: project.content, withDestinationURL: elsewhere)
        let linked = try project.build(into: project.output, cache: true)
        #expect(linked.sourceCount == grown.sourceCount)
        #expect(try project.build(into: project.output, cache: true) == linked)
        let plan = elsewhere.appendingPathComponent("documents/wulong-rural-revitalization-plan-copy.txt")
        let text = try String(contentsOf: plan, encoding: .utf8)
        try text.replacingOccurrences(of: "乡村振兴", with: "乡村全面振兴").write(to: plan, atomically: true, encoding: .utf8)
        _ = try project.build(into: project.output, cache: true)
        let pages = try FileManager.default.subpathsOfDirectory(atPath: project.output.appendingPathComponent("documents").path)
        let changed = try pages.filter { $0.hasSuffix(".html") }.contains { page in
            let url = project.output.appendingPathComponent("documents/" + page)
            return try String(contentsOf: url, encoding: .utf8).contains("乡村全面振兴")
        }
        #expect(changed, "a source changed behind a symbolic link is built again")

        // The address ledger the build writes into the content folder is not an input, whatever name reaches it.
        let ledger = elsewhere.appendingPathComponent(AddressLedger.fileName)
        try FileManager.default.createSymbolicLink(at: elsewhere.appendingPathComponent("ledger-link.tsv"),
                                                   withDestinationURL: ledger)
        _ = try project.build(into: project.output, cache: true, ledger: ledger)
        // Built once more: the first build with a ledger reads none and writes it (a change); this one reads it.
        let ledgered = try project.build(into: project.output, cache: true, ledger: ledger)
        let ledgerBefore = try Data(contentsOf: ledger)
        let beforeAgain = try Self.files(project.output)
        #expect(try project.build(into: project.output, cache: true, ledger: ledger) == ledgered)
        #expect(try Self.files(project.output) == beforeAgain, "no file touched")
        #expect(try Data(contentsOf: ledger) == ledgerBefore)
    }

    /// A record reads back what it wrote (split into lines by bytes), whatever its paths hold: Chinese, a tab, a
    /// combining mark.
    @Test func anOutputRecordReadsBackItsPaths() throws {
        let identity = try #require(OutputRecord.FolderIdentity.of(FileManager.default.temporaryDirectory))
        let paths = ["documents/武隆府办发-2022-44/index.html", "sources/a\tb.txt.html", "e\u{301}/index.html",
                     "search/0/text/12-0.json"]
        let files = Dictionary(uniqueKeysWithValues: paths.enumerated().map { number, path in
            (path, ContentFingerprint(text: "file \(number)"))
        })
        let record = OutputRecord(output: identity, spare: nil, files: files)
        let read = try #require(OutputRecord(text: record.text))
        #expect(read.files == files && read.output == identity && read.spare == nil)
        // The output folder alone, as a build with nothing changed reads it: only from a record whose check holds.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-record-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try record.write(to: file)
        #expect(OutputRecord.output(ofRecordAt: file) == identity)
        try Data(record.text.replacingOccurrences(of: "search/0", with: "search/1").utf8).write(to: file)
        #expect(OutputRecord.output(ofRecordAt: file) == nil)
    }

    /// A record that is damaged, or that describes another folder, is not trusted: every file is written.
    @Test func aDamagedRecordMeansAFullWrite() throws {
        let project = try Project()
        defer { try? FileManager.default.removeItem(at: project.root) }
        _ = try project.build(into: project.output, cache: true)
        _ = try project.build(into: project.output, cache: true)
        let record = SiteBuilder.Options.defaultCache(for: project.output).appendingPathComponent("output")
        var text = try String(contentsOf: record, encoding: .utf8)
        #expect(OutputRecord(text: text) != nil)
        // One fingerprint changed: the record's check no longer matches, so the file it names is not trusted.
        let line = try #require(text.split(separator: "\n").first { $0.contains("\tindex.html") })
        text = text.replacingOccurrences(of: String(line), with: "00000000000000000000000000000000\tindex.html")
        #expect(OutputRecord(text: text) == nil)
        try text.write(to: record, atomically: true, encoding: .utf8)
        let before = try Self.files(project.output)
        _ = try project.build(into: project.output, cache: true)
        let after = try Self.files(project.output)
        #expect(after.mapValues(\.data) == before.mapValues(\.data))
        let kept = after.filter { path, state in state.inode != 0 && before[path]?.inode == state.inode }
        #expect(kept.isEmpty, "every file written anew")
        #expect(OutputRecord.read(from: record) != nil, "the record is written again")
        // Cut short, or of another folder: not trusted either.
        #expect(OutputRecord(text: String(try String(contentsOf: record, encoding: .utf8).dropLast(40))) == nil)
    }

    @Test func fingerprintsTellContentsApart() {
        func fingerprint(_ text: String) -> ContentFingerprint { ContentFingerprint(text: text) }
        let texts = ["", "a", "b", "ab", "ba", "\u{0}", "\u{0}\u{0}", "乡村振兴", "乡村振兴 ", String(repeating: "x", count: 4096),
                     String(repeating: "x", count: 4095) + "y", "12345678", "123456789", "1234567\u{0}"]
        #expect(Set(texts.map(fingerprint)).count == texts.count)
        #expect(fingerprint("乡村振兴") == fingerprint("乡村振兴"))
        #expect(ContentFingerprint(hexadecimal: Substring(fingerprint("a").description)) == fingerprint("a"))
    }
}
