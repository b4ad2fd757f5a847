import ArgumentParser
import Foundation
import GazetteKit

extension GazetteCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Checks a built site: every internal link and anchor must lead somewhere.",
            discussion: """
                Crawls every page of the output folder, follows each relative link and anchor, and prints the \
                broken ones with the page that has them. Then prints the link stage's figures from \
                reports/links.json: citations found, resolved and unresolved, relation pairs, addresses \
                published and redirected, and the longest address. Exits with 1 when a link is broken. The site is \
                the output folder of `gazette build`: paths.output of gazette.toml, or --output.
                """)

        @OptionGroup var project: ProjectOptions

        func run() throws {
            let output = try project.configurationOrExit().output
            let site = URL(fileURLWithPath: output)
            let result = try LinkChecker(site: site).check()
            for broken in result.broken { FileHandle.standardError.write(Data("\(output)/\(broken)\n".utf8)) }
            print("pages: \(result.pages), internal links: \(result.links), anchors: \(result.anchors), broken: \(result.broken.count)")
            let reportFile = site.appendingPathComponent("reports/links.json")
            if let data = try? Data(contentsOf: reportFile) {
                let report = try JSONDecoder().decode(LinkReport.self, from: data)
                print("citations found: \(report.citationsFound), resolved: \(report.citationsResolved), "
                      + "unresolved: \(report.unresolved.count), naming their own document: \(report.selfCitations)")
                print("relation pairs: \(report.relationPairs), copies: \(report.copies), repealed: \(report.repealed)")
                print("addresses published: \(report.addressesPublished), redirected: \(report.addressesRedirected)")
                print("longest address: \(report.longestAddress) (\(report.longestAddress.count) characters)")
            }
            if !result.broken.isEmpty { throw ExitCode.failure }
        }
    }
}
