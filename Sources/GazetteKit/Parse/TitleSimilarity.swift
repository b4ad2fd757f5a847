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
        score(Bigrams(a), Bigrams(b))
    }

    /// The bigrams of a text, made once for a text compared with many (a table's header with each of its rows).
    struct Bigrams {
        /// Pairs of adjacent letters or digits, each pair packed into one integer, sorted.
        let pairs: [UInt64]

        init(_ text: String) {
            var previous: UInt32?
            var pairs: [UInt64] = []
            pairs.reserveCapacity(text.utf8.count / 2)
            // By scalar (a combining mark is no letter, so it is skipped as part of its character would be):
            // Characters cost a grapheme break and a property look-up each.
            for scalar in text.unicodeScalars where TitleSimilarity.isLetterOrDigit(scalar) {
                if let previous { pairs.append(UInt64(previous) << 32 | UInt64(scalar.value)) }
                previous = scalar.value
            }
            self.pairs = pairs.sorted()
        }
    }

    static func score(_ a: Bigrams, _ b: Bigrams) -> Double {
        let left = a.pairs
        let right = b.pairs
        guard !left.isEmpty, !right.isEmpty else { return 0 }
        // Both lists are sorted: count the common bigrams (with repeats) in one pass.
        var shared = 0
        var i = 0
        var j = 0
        while i < left.count, j < right.count {
            if left[i] == right[j] {
                shared += 1
                i += 1
                j += 1
            } else if left[i] < right[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return 2 * Double(shared) / Double(left.count + right.count)
    }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        if (0x4E00...0x9FFF).contains(scalar.value) { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return scalar.properties.numericType != nil
        }
    }
}
