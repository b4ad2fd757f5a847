import ArgumentParser
import Foundation
import GazetteKit

extension GazetteCommand {
    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Builds the site from the content folder into the output folder.")

        func run() async throws {}
    }
}
