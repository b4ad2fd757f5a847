import Foundation
import GazetteKit

/// The real sample sources in `Content/` and the hand-checked facts about them.
enum Samples {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let content = packageRoot.appendingPathComponent("Content")
    static let templates = packageRoot.appendingPathComponent("Templates")

    /// Where each sample named in the ground truth lives in `Content/`.
    static let contentPaths = [
        "000_eaea1d1b9c0efc8a.txt": "gazettes/wulong/2022-03.txt",
        "002_0e5fc1904268e7be.txt": "gazettes/wulong/2021-03.txt",
        "001_0248936b79625ef7.txt": "documents/wulong-rural-revitalization-plan-copy.txt",
        "003_ae86d29fb66c2de9.txt": "documents/fuling-rural-revitalization-plan.txt",
        "004_d708d02e7dc45924.txt": "documents/chongqing-rural-revitalization-plan.txt",
    ]

    static func text(of sample: String) throws -> String {
        let url = content.appendingPathComponent(contentPaths[sample] ?? sample)
        return try SourceTextDecoder.decode([UInt8](Data(contentsOf: url)), file: url.path).text
    }

    static let converter = try! TraditionalToSimplified()

    /// The sample's lines as the build parses them: decoded, then repaired by OpenCC.
    static func lines(of sample: String) throws -> [SourceLine] {
        SourceNormalizer(converter: converter).normalize(SourceText.lines(of: try text(of: sample)))
    }

    static func issue(_ sample: String) throws -> IssueParser.Result {
        IssueParser(file: sample).parse(try lines(of: sample))
    }

    static let groundTruth: GroundTruth = {
        let url = Bundle.module.url(forResource: "Fixtures/ground-truth", withExtension: "json")!
        return try! JSONDecoder().decode(GroundTruth.self, from: Data(contentsOf: url))
    }()
}

/// `Fixtures/ground-truth.json`, copied from `shared/ground-truth/seeds.json`.
struct GroundTruth: Decodable {
    struct Issue: Decodable {
        var source: String
        var gazette: String
        var year: Int
        var issue: Int
        var totalIssue: Int
        var published: String
        var documents: [Document]
        var catalog: Catalog
    }

    struct Document: Decodable {
        var docNumber: String
        var issuer: String
        var title: String
        var date: String
        var tocPage: Int
    }

    struct Catalog: Decodable {
        var title: String
        var tocPage: Int
    }

    struct Standalone: Decodable {
        var source: String
        var title: String
        var issuer: String?
        var date: String?
        var docNumber: String?
    }

    /// Documents that belong together, named by their titles (a plan issued by a notice by the plan's title).
    struct Relation: Decodable {
        var from: String
        var to: String
    }

    var issues: [Issue]
    var standalone: [Standalone]
    var relations: [Relation]
}
