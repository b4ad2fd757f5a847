import Foundation

/// Turns printed Chinese into the ASCII words of an address: 武隆府办发 → `wu-long-fu-ban-fa`.
///
/// Han characters become their Mandarin reading without tones (Foundation's `mandarinToLatin`), Latin
/// letters and digits stay (lower-cased), everything else separates words. A reading that a later
/// Foundation gives differently never moves an address: the ledger keeps what was published.
enum Romanization {
    static func words(_ text: String) -> [String] {
        // ASCII is its own reading, without the two transforms (each builds an ICU transliterator from its rules).
        let plain: String
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            plain = text
        } else {
            let latin = text.applyingTransform(.mandarinToLatin, reverse: false) ?? text
            plain = latin.applyingTransform(.stripDiacritics, reverse: false) ?? latin
        }
        return plain.lowercased().unicodeScalars
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
