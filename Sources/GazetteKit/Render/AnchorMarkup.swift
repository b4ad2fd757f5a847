import Foundation

/// The link a part of a document carries to itself (its id and a visible mark), from the template
/// `anchor.html.mustache`, compiled once into pieces so that thousands of anchors cost a few appends.
struct AnchorMarkup: Sendable {
    /// The template's text between the places where the id and the label go.
    private let pieces: [String]
    private let slots: [Slot]

    private enum Slot: Sendable { case id, label }

    private static let idSentinel = "\u{E000}"
    private static let labelSentinel = "\u{E001}"

    init(templates: TemplateSet) throws {
        let rendered = templates.render(["id": Self.idSentinel, "label": Self.labelSentinel], with: .anchor)
            .trimmingCharacters(in: .newlines)
        guard rendered.contains(Self.idSentinel) else {
            throw SourceError("anchor.html.mustache must write {{id}}", at: SourceLocation(file: "anchor.html.mustache", line: 1))
        }
        var pieces = [""]
        var slots: [Slot] = []
        for character in rendered {
            switch String(character) {
            case Self.idSentinel: slots.append(.id); pieces.append("")
            case Self.labelSentinel: slots.append(.label); pieces.append("")
            default: pieces[pieces.count - 1].append(character)
            }
        }
        self.pieces = pieces
        self.slots = slots
    }

    /// The anchor of a part: `label` names it for a screen reader (`第五条`).
    func html(id: PartID, label: String) -> String {
        var result = pieces[0]
        for (index, slot) in slots.enumerated() {
            switch slot {
            case .id: result += id.fragment
            case .label: result += HTMLEscaper.escape(label)
            }
            result += pieces[index + 1]
        }
        return result
    }
}
