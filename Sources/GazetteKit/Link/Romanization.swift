import Foundation

/// Turns printed Chinese into the ASCII words of an address: 武隆府办发 → `wu-long-fu-ban-fa`.
///
/// Han characters become their Mandarin reading without tones (Foundation's `mandarinToLatin`), Latin
/// letters and digits stay (lower-cased), everything else separates words. A reading that a later
/// Foundation gives differently never moves an address: the ledger keeps what was published.
enum Romanization {
    static func words(_ text: String) -> [String] {
        words(ofPlain: plain([text])[0])
    }

    /// Makes the transforms ready: ICU compiles the rules of Han-Latin the first time a process uses them (0.13 s)
    /// and keeps them. A build does it on another core while its sources are read, before the link step needs them.
    static func prepareTransforms() {
        _ = transformed("汉字")
    }

    /// The slugs of many texts (``slug(_:)`` of each), read in one pass of the transforms: each pass builds an ICU
    /// transliterator from its rules, which took a tenth of a second for the ten codes of an archive.
    static func slugs(_ texts: [String]) -> [String] {
        plain(texts).map { words(ofPlain: $0).joined(separator: "-") }
    }

    /// The texts in Latin letters without diacritics. ASCII is its own reading, without the transforms; the others
    /// go through them together, a line each (no reading joins characters across a line end).
    private static func plain(_ texts: [String]) -> [String] {
        var result = texts
        let chinese = texts.indices.filter { !texts[$0].utf8.allSatisfy { $0 < 0x80 } }
        if chinese.isEmpty { return result }
        // A text with a line end of its own (never an address's) is read alone.
        if chinese.count > 1, !chinese.contains(where: { texts[$0].contains("\n") }) {
            let lines = transformed(chinese.map { texts[$0] }.joined(separator: "\n"))
                .split(separator: "\n", omittingEmptySubsequences: false)
            if lines.count == chinese.count {
                for (index, line) in zip(chinese, lines) { result[index] = String(line) }
                return result
            }
        }
        for index in chinese { result[index] = transformed(texts[index]) }
        return result
    }

    private static func transformed(_ text: String) -> String {
        let latin = text.applyingTransform(.mandarinToLatin, reverse: false) ?? text
        return latin.applyingTransform(.stripDiacritics, reverse: false) ?? latin
    }

    private static func words(ofPlain plain: String) -> [String] {
        plain.lowercased().unicodeScalars
            .split { !($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
            .map { String(String.UnicodeScalarView($0)) }
    }

    /// The words joined by hyphens: `wu-long-fu-ban-fa`.
    static func slug(_ text: String) -> String {
        words(text).joined(separator: "-")
    }

    /// The first letter of each word, for long titles: 关于印发乡村振兴规划的通知 → `gyyfxczxghdtz`.
    static func initials(_ text: String) -> String {
        String(words(text).compactMap(\.first))
    }
}
