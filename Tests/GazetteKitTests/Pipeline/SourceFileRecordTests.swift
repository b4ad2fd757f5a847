import Foundation
@testable import GazetteKit
import Testing

/// A source whose file is still the one the last build read (same identity, and left alone for a while before
/// that build read it) is not read again: its entry of the record is carried over. An edited source, or one
/// changed just before the last build read it, is read again. The site is the full build's either way.
@Suite struct SourceFileRecordTests {
    @Test func aSourceLeftAloneIsNotReadAgain() throws {
        let project = try IncrementalOutputTests.Project()
        defer { try? FileManager.default.removeItem(at: project.root) }
        let (issue, plan) = ("gazettes/wulong/2021-03.txt", "documents/fuling-rural-revitalization-plan.txt")
        // The sources settle first (a file changed within ``FileIdentity/settled`` of its reading is read again).
        Thread.sleep(forTimeInterval: Double(FileIdentity.settled) / 1e9 + 0.2)
        _ = try project.build(into: project.output, cache: true)
        let cache = SiteBuilder.Options.defaultCache(for: project.output)
        let first = try #require(SourceFileRecord.read(from: cache))
        let issueRead = try #require(first.entries[issue]?.recorded)
        let planRead = try #require(first.entries[plan]?.recorded)
        #expect(first.entries.count == 2)
        #expect(first.entries[issue]?.kindFromText == .issue && first.entries[plan]?.kindFromText == .document)

        let file = project.content.appendingPathComponent(plan)
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "农业", with: "农牧业").write(to: file, atomically: true, encoding: .utf8)
        try project.expectIncrementalBuildIsFull("an edited source beside one not read")
        let second = try #require(SourceFileRecord.read(from: cache))
        #expect(second.entries[issue]?.recorded == issueRead, "the unchanged issue is not read again")
        let planReadAgain = try #require(second.entries[plan]?.recorded)
        #expect(planReadAgain > planRead, "the edited source is read")

        // The next build (a template changed) reads the plan again: it had changed just before it was read.
        let layout = project.templates.appendingPathComponent("layout.html.mustache")
        let template = try String(contentsOf: layout, encoding: .utf8)
        try template.replacingOccurrences(of: "</body>", with: "<!-- 新模板 -->\n</body>")
            .write(to: layout, atomically: true, encoding: .utf8)
        try project.expectIncrementalBuildIsFull("a changed template")
        let third = try #require(SourceFileRecord.read(from: cache))
        #expect(third.entries[issue]?.recorded == issueRead)
        #expect(try #require(third.entries[plan]?.recorded) > planReadAgain)
    }

    @Test func aDamagedRecordIsNoRecord() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(Data("not a record".utf8), to: SourceFileRecord.fileName)
        #expect(SourceFileRecord.read(from: folder.url) == nil)
    }
}

/// What a build reads to know whether anything changed: a file still the one the last build read is not read
/// again; an edit is seen even when it keeps the size and puts the modification time back (its status-change
/// time moves); a file changed just before it was recorded is read again.
@Suite struct FileFingerprintsTests {
    @Test func aFileLeftAloneIsKnownWithoutReadingAndAnEditIsAlwaysSeen() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(Data("第一条 原文。\n".utf8), to: "settled.txt")
        let settled = folder.url.appendingPathComponent("settled.txt").path
        Thread.sleep(forTimeInterval: Double(FileIdentity.settled) / 1e9 + 0.2)
        try folder.write(Data("第一条 新文。\n".utf8), to: "fresh.txt")
        let fresh = folder.url.appendingPathComponent("fresh.txt").path

        var record = FileFingerprints()
        for path in [settled, fresh] { record.entries[path] = record.fingerprint(ofFileAt: path).entry }
        let first = try #require(record.entries[settled])
        #expect(first.fingerprint == BuildInputs.fingerprint(ofFileAt: settled))
        // Known without reading: the entry comes back as it was recorded.
        #expect(record.fingerprint(ofFileAt: settled).entry?.recorded == first.recorded)
        // Changed just before it was recorded: read again.
        let freshEntry = try #require(record.entries[fresh])
        #expect(try #require(record.fingerprint(ofFileAt: fresh).entry?.recorded) > freshEntry.recorded)

        // The same size, the modification time put back: the status-change time still tells.
        let modified = try #require(try FileManager.default.attributesOfItem(atPath: settled)[.modificationDate])
        try Data("第一条 改文。\n".utf8).write(to: URL(fileURLWithPath: settled))
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: settled)
        let edited = record.fingerprint(ofFileAt: settled)
        #expect(edited.fingerprint != first.fingerprint)
        #expect(edited.fingerprint == BuildInputs.fingerprint(ofFileAt: settled))
    }
}
