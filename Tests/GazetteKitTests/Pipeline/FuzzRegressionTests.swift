import Foundation
import GazetteKit
import Testing

/// Every input that once broke the build (kept in `Fixtures/fuzz-crashes/`) now builds, or is rejected with an
/// error naming its file: never a crash, and never a source lost without an error.
@Suite struct FuzzRegressionTests {
    static let folder = Bundle.module.url(forResource: "Fixtures/fuzz-crashes", withExtension: nil)!
    static let inputs = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()

    @Test func thereAreRegressionInputs() {
        #expect(Self.inputs.count >= 2)
    }

    @Test(arguments: inputs)
    func aFormerCrashIsBuiltOrRejectedByName(_ name: String) throws {
        let temporary = try TemporaryFolder()
        defer { temporary.remove() }
        // `gazette fuzz` marks the inputs that were standalone documents with `-document`; the others were issues.
        let isDocument = name.hasSuffix("-document.txt")
        let path = isDocument ? "Content/documents/\(name)" : "Content/gazettes/fuzz/\(name)"
        try temporary.write(Data(contentsOf: Self.folder.appendingPathComponent(name)), to: path)
        let prepared = try temporary.prepareSite()
        let built = isDocument ? !prepared.site.documents.isEmpty : !prepared.site.issues.isEmpty
        let errors = prepared.diagnostics.filter { $0.severity == .error }
        #expect(built || !errors.isEmpty)
        #expect(errors.allSatisfy { $0.location.file == path }, "\(errors)")
    }
}
