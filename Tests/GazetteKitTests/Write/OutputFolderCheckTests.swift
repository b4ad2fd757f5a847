import Foundation
import GazetteKit
import Testing

/// The output folder is replaced as a whole: it may never be, hold or sit inside what the site is built from.
@Suite struct OutputFolderCheckTests {
    /// A project folder with sample content and templates, and a build of it into `output` (relative to the folder).
    func build(into output: String, in folder: TemporaryFolder) throws -> SiteBuilder.Report {
        try SiteBuilder(options: .init(
            content: folder.url.appendingPathComponent("Content"), templates: folder.url.appendingPathComponent("Templates"),
            output: folder.url.appendingPathComponent(output), contentDisplayName: "Content",
            templatesDisplayName: "Templates")).build()
    }

    func project() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write(BadInputTests.fixture("small-issue.txt"), to: "Content/gazettes/wulong/2022-03.txt")
        try FileManager.default.copyItem(at: Samples.templates, to: folder.url.appendingPathComponent("Templates"))
        return folder
    }

    @Test(arguments: [
        ("Content", "is the content folder Content"),
        ("Content/gazettes", "lies inside the content folder Content"),
        ("Templates", "is the templates folder Templates"),
        ("Templates/assets/site", "lies inside the templates folder Templates"),
        (".", "contains the content folder Content"),
        ("Content/../Content/.", "is the content folder Content"),
        ("link-to-content", "is the content folder Content"),
        ("link-to-content/new/site", "lies inside the content folder Content"),
    ])
    func anOutputFolderThatWouldReplaceTheSourcesIsRefusedAndNothingIsDeleted(output: String, message: String) throws {
        let folder = try project()
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(
            atPath: folder.url.appendingPathComponent("link-to-content").path, withDestinationPath: "Content")
        let before = try folder.snapshot(of: ".")
        let error = #expect(throws: SourceError.self) { try build(into: output, in: folder) }
        let text = error?.description ?? ""
        #expect(text.contains(message), "\(text)")
        // Both paths are named as the file system resolves them.
        let real = folder.url.resolvedPath
        #expect(text.contains("(\(real)/"), "\(text)")
        #expect(try folder.snapshot(of: ".") == before)
    }

    @Test func anOutputFolderBesideTheSourcesIsBuilt() throws {
        let folder = try project()
        defer { folder.remove() }
        let report = try build(into: "Output", in: folder)
        #expect(report.documentCount == 2)
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Output/index.html").path))
    }

    @Test func theProjectFolderMayHoldTheOutputButNeverBeOrLieInsideIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let project = OutputFolderCheck.Protected(url: folder.url.appendingPathComponent("project"), displayName: "project folder",
                                                  mayContainOutput: true)
        try OutputFolderCheck.check(output: folder.url.appendingPathComponent("project/Output"), outputDisplayName: "Output",
                                    protecting: [project])
        for output in ["project", "project/.", "."] {
            #expect(throws: SourceError.self) {
                try OutputFolderCheck.check(output: folder.url.appendingPathComponent(output), outputDisplayName: output,
                                            protecting: [project])
            }
        }
    }
}

@Suite struct OutputLockTests {
    @Test func aSecondBuildIntoTheSameOutputStopsAndNamesTheFirst() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(BadInputTests.fixture("small-issue.txt"), to: "Content/gazettes/wulong/2022-03.txt")
        let output = folder.url.appendingPathComponent("Output")
        let first = try OutputLock(for: output, displayName: "Output")
        let error = #expect(throws: SourceError.self) {
            try SiteBuilder(options: .init(content: folder.url.appendingPathComponent("Content"), templates: Samples.templates,
                                           output: output, contentDisplayName: "Content")).build()
        }
        #expect(error?.description.contains(": error: another build (process \(getpid()), started ") == true, "\(String(describing: error))")
        #expect(!FileManager.default.fileExists(atPath: output.path))
        first.release()
        let report = try SiteBuilder(options: .init(content: folder.url.appendingPathComponent("Content"), templates: Samples.templates,
                                                    output: output, contentDisplayName: "Content")).build()
        #expect(report.documentCount == 2)
    }
}
