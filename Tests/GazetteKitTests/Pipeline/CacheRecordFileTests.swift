import Foundation
@testable import GazetteKit
import Testing

/// A record of the build cache is replaced whole through a temporary file, which is never left behind.
@Suite struct CacheRecordFileTests {
    @Test func aRecordIsReplacedWholeAndNothingElseIsLeft() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("citations")
        try CacheRecordFile.replace(file, with: Array("第一版".utf8))
        #expect(try Data(contentsOf: file) == Data("第一版".utf8))
        let longer = [UInt8](repeating: 0x41, count: 3_000_000)
        try CacheRecordFile.replace(file, with: longer)
        #expect(try Data(contentsOf: file) == Data(longer))
        try CacheRecordFile.replace(file, with: [])
        #expect(try Data(contentsOf: file).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["citations"])
        let record: [UInt8] = Array("记录".utf8)
        CacheRecordFile.write(bytes: record, named: "inputs", in: folder.url)
        #expect(CacheRecordFile.read(named: "inputs", in: folder.url) == record)
    }

    @Test func aFolderThatIsNotThereIsAnErrorNamingThePath() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("gone/record")
        let error = try #require(throws: StagedOutputError.self) { try CacheRecordFile.replace(file, with: [1, 2, 3]) }
        #expect(error.description.contains(folder.url.appendingPathComponent("gone").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }
}
