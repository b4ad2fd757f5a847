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
        // By scalar: a switch over Characters compares through Unicode normalisation, many times slower. Written as
        // UTF-8 into one buffer: appending scalars to a string one at a time took most of the time.
        var normalized: [UInt8] = []
        normalized.reserveCapacity(title.utf8.count)
        for scalar in title.unicodeScalars {
            switch scalar {
            case _ where scalar.isWhiteSpace: continue
            case "“", "”", "‘", "’", "\"", "'", "「", "」", "『", "』", "《", "》", "〈", "〉": continue
            case "（", "〔", "［", "【", "[": normalized.append(UInt8(ascii: "("))
            case "）", "〕", "］", "】", "]": normalized.append(UInt8(ascii: ")"))
            case "—", "–", "－", "─", "~", "～": normalized.append(UInt8(ascii: "-"))
            case "，": normalized.append(UInt8(ascii: ","))
            default: normalized.append(contentsOf: scalar.utf8)
            }
        }
        var text = String(decoding: normalized, as: UTF8.self)
        if text.containsText("年)") { text = text.replacing(Self.editionYears, with: "") }
        self.text = text
        let scalars = text.unicodeScalars
        let placeLength = Self.placeLength(Array(scalars))
        if placeLength > 0, placeLength < scalars.count {
            let end = scalars.index(scalars.startIndex, offsetBy: placeLength)
            place = String(scalars[..<end])
            rest = String(scalars[end...])
        } else {
            place = nil
            rest = text
        }
    }

    /// Whether two titles may name the same document as far as their places go: the same place, or one
    /// naming the other with its province or city before it (重庆市武隆区 and 武隆区).
    func placeAgrees(with other: TitleKey) -> Bool {
        guard let place, let otherPlace = other.place else { return true }
        return place == otherPlace || place.hasTextSuffix(otherPlace) || otherPlace.hasTextSuffix(place)
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
        if let about = subject.firstRange(of: "关于") { subject = subject[about.upperBound...] }
        for verb in ["印发", "转发", "公布", "发布", "废止"] where subject.hasTextPrefix(verb) {
            subject = subject.dropFirst(verb.count)
        }
        // What `的(?:通知|决定|…)$` matched, by hand: Swift's regular expression tried every position of the title.
        for kind in Self.documentKinds where subject.hasTextSuffix("的" + kind) {
            subject = subject.dropLast(kind.count + 1)
            break
        }
        let key = TitleKey(String(subject))
        return key.rest
    }

    nonisolated(unsafe) private static let editionYears = /\([0-9]{4}-[0-9]{4}年?\)|\([0-9]{4}年\)/
    /// How many characters the place at the start of a title takes (0: none): one to three places, each one to six
    /// Han characters, as few as can be, then the kind of place (重庆市 武隆区, 恩施土家族苗族自治州 …). What the
    /// regular expression `^(?:\p{Han}{1,6}?(?:自治区|自治州|自治县|省|市|区|县|州|旗|盟)){1,3}` matches, by hand:
    /// Swift's regular expressions took most of the time of linking.
    static func placeLength(_ scalars: [Unicode.Scalar]) -> Int {
        func kindLength(at index: Int) -> Int? {
            guard index < scalars.count else { return nil }
            switch scalars[index] {
            case "省", "市", "区", "县", "州", "旗", "盟":
                return 1
            case "自":
                guard index + 2 < scalars.count, scalars[index + 1] == "治" else { return nil }
                switch scalars[index + 2] {
                case "区", "州", "县": return 3
                default: return nil
                }
            default:
                return nil
            }
        }
        var end = 0
        for _ in 0..<3 {
            var found: Int?
            var length = 1
            while length <= 6, end + length <= scalars.count, scalars[end + length - 1].isHan {
                if let kind = kindLength(at: end + length) {
                    found = end + length + kind
                    break
                }
                length += 1
            }
            guard let found else { break }
            end = found
        }
        return end
    }

    /// The kinds of document a subject is stripped of, with the 的 before them: …规划的通知 → …规划.
    static let documentKinds = ["通知", "决定", "意见", "批复", "函", "通告", "公告", "报告"]
}
