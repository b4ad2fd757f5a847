/// Links between pages of the output folder, relative so the site works from any folder of any server.
enum RelativeURL {
    /// The way back to the output folder's root from a page: `../../` for `documents/x/index.html`.
    static func root(from page: String) -> String {
        String(repeating: "../", count: page.split(separator: "/", omittingEmptySubsequences: false).count - 1)
    }

    /// A link from one page to another, both given by their path inside the output folder.
    static func link(from page: String, to target: String) -> String {
        root(from: page) + target
    }
}
