import Foundation

/// A printed title reduced to what identifies it, so that citations match however they are printed:
/// no spaces, no quotation marks or 《》, one form of brackets and dashes, no edition years
/// (`（2021—2025年）`); and the place the title starts with (重庆市, 武隆区), which must agree.
struct TitleKey: Sendable, Hashable {
    /// The normalised title, place included.
    var text: String
    /// `重庆市武隆区` in 重庆市武隆区人民政府办公室关于…; nil when the title starts with no place.
    var place: String?
    /// The title without its place.
    var rest: String

    init(_ title: String) {
        // By scalar: a switch over Characters compares through Unicode normalisation, many times slower.
        var normalized = String.UnicodeScalarView()
        for scalar in title.unicodeScalars {
            switch scalar {
            case _ where scalar.properties.isWhitespace: continue
            case "“", "”", "‘", "’", "\"", "'", "「", "」", "『", "』", "《", "》", "〈", "〉": continue
            case "（", "〔", "［", "【", "[": normalized.append("(")
            case "）", "〕", "］", "】", "]": normalized.append(")")
            case "—", "–", "－", "─", "~", "～": normalized.append("-")
            case "，": normalized.append(",")
            default: normalized.append(scalar)
            }
        }
        var text = String(normalized)
        if text.containsText("年)") { text = text.replacing(Self.editionYears, with: "") }
        self.text = text
        if let match = text.prefixMatch(of: Self.placePrefix), match.range.upperBound < text.endIndex {
            place = String(match.1)
            rest = String(text[match.range.upperBound...])
        } else {
            place = nil
            rest = text
        }
    }

    /// Whether two titles may name the same document as far as their places go: the same place, or one
    /// naming the other with its province or city before it (重庆市武隆区 and 武隆区).
    func placeAgrees(with other: TitleKey) -> Bool {
        guard let place, let otherPlace = other.place else { return true }
        return place == otherPlace || place.hasSuffix(otherPlace) || otherPlace.hasSuffix(place)
    }

    /// How alike two titles are, 0 to 1; 0 when their places disagree.
    func similarity(to other: TitleKey) -> Double {
        guard placeAgrees(with: other) else { return 0 }
        if text == other.text { return 1 }
        return TitleSimilarity.score(text, other.text)
    }

    /// The subject of a title: what follows 关于(印发) and precedes 的通知, without the place:
    /// 重庆市武隆区人民政府办公室关于印发武隆区…规划的通知 → …规划.
    var subject: String {
        var subject = Substring(text)
        if let about = subject.range(of: "关于") { subject = subject[about.upperBound...] }
        for verb in ["印发", "转发", "公布", "发布", "废止"] where subject.hasPrefix(verb) {
            subject = subject.dropFirst(verb.count)
        }
        if let ending = subject.firstMatch(of: Self.documentKindEnding) { subject = subject[..<ending.range.lowerBound] }
        let key = TitleKey(String(subject))
        return key.rest
    }

    nonisolated(unsafe) private static let editionYears = /\([0-9]{4}-[0-9]{4}年?\)|\([0-9]{4}年\)/
    nonisolated(unsafe) private static let placePrefix =
        /^((?:\p{Han}{1,6}?(?:自治区|自治州|自治县|省|市|区|县|州|旗|盟)){1,3})/
    nonisolated(unsafe) private static let documentKindEnding = /的(?:通知|决定|意见|批复|函|通告|公告|报告)$/
}
