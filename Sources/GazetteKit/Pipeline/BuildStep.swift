/// The steps of a build, in order: what progress reports and what an error names.
public enum BuildStep: String, CaseIterable, Sendable {
    /// `read` finds the sources (and reads the templates); `parse` reads each source, repairs and parses it, its
    /// text let go once parsed. `render` makes each page and writes it at once, with the site's other files
    /// (original texts, API, assets); `index` makes the search index once the site is let go; `write` swaps the new site in.
    case read, normalize, parse, link, render, index, write

    /// 1 for `read`, 7 for `write`.
    public var number: Int { Self.allCases.firstIndex(of: self)! + 1 }
}

/// An error that stopped the build, with the step it stopped in.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public var step: BuildStep
    public var error: any Error

    public init(step: BuildStep, error: any Error) {
        self.step = step
        self.error = error
    }

    /// The error as it names its file and line (`Templates/x.mustache:3: error: …`), or in words.
    public var description: String {
        (error as? SourceError)?.description ?? "error: \(ReadableError.describe(error))"
    }
}
