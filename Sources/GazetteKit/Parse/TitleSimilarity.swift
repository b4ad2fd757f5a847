/// How alike two printed titles are, ignoring spaces, punctuation and quotation marks: the share of
/// character bigrams they have in common (Dice coefficient), from 0 to 1.
///
/// Tables of contents abbreviate and misprint titles (…管理的通知 for …管理办法的通知), so an exact
/// comparison would miss them.
enum TitleSimilarity {
    /// Whether a table of contents entry names a document: titles of one issue share their issuer's
    /// long name, so what follows 关于 must be alike too.
    static func names(_ entry: String, _ title: String) -> Bool {
        guard score(entry, title) >= 0.6 else { return false }
        guard let left = entry.range(of: "关于"), let right = title.range(of: "关于") else { return true }
        return score(String(entry[left.upperBound...]), String(title[right.upperBound...])) >= 0.7
    }

    static func score(_ a: String, _ b: String) -> Double {
        let left = bigrams(a)
        let right = bigrams(b)
        guard !left.isEmpty, !right.isEmpty else { return 0 }
        let shared = left.reduce(0) { total, entry in total + min(entry.value, right[entry.key] ?? 0) }
        return 2 * Double(shared) / Double(left.values.reduce(0, +) + right.values.reduce(0, +))
    }

    private static func bigrams(_ text: String) -> [String: Int] {
        let characters = text.filter { $0.isLetter || $0.isNumber }.map { $0 }
        var counts: [String: Int] = [:]
        for index in characters.indices.dropLast() {
            counts[String([characters[index], characters[index + 1]]), default: 0] += 1
        }
        return counts
    }
}
