import COpenCC
import Foundation

/// OpenCC could not load a conversion configuration.
public struct OpenCCConfigurationError: Error, CustomStringConvertible {
    /// The configuration that was asked for, e.g. `t2s.json`.
    public let configuration: String

    public var description: String {
        "OpenCC cannot open the configuration \"\(configuration)\" (tried it as given and in /usr/share/opencc)"
    }
}

/// Converts traditional Chinese to simplified Chinese with OpenCC, touching only sentences that need it.
///
/// Almost all gazette text is already simplified, and OpenCC is slow (about 9 MB/s), so
/// only sentences (split after line breaks and 。！？；!?;) that contain a *trigger*
/// character are sent to OpenCC, whole, so that its phrase dictionary still sees the
/// context. Everything else is returned byte for byte.
///
/// The triggers are derived from OpenCC at start-up: every character of U+3400–U+4DBF
/// and U+4E00–U+9FFF that the configuration changes when converted on its own, minus
/// ``legitimateSimplified``. A trigger found in a sentence converts the whole sentence,
/// so an excluded character is still converted when it stands next to a real traditional one.
///
/// The OpenCC handle is not documented as thread-safe, so every call takes a lock.
public final class TraditionalToSimplified: Sendable {
    /// Characters that `t2s` changes on their own although they are also correct simplified
    /// characters, so they must not make a simplified sentence go through OpenCC.
    ///
    /// These are the characters that OpenCC's own dictionaries keep in simplified output:
    /// TSCharacters lists 乾剋夥徵於薹麽 as their own alternative (乾隆, 於 as a surname,
    /// 蒜薹), and TSPhrases keeps 吒濛昇 (哪吒, 八濛山, 毕昇). The C API only returns the first
    /// candidate, so this cannot be read at run time; the list comes from dumping OpenCC 1.1.6's
    /// TSCharacters.ocd2 and TSPhrases.ocd2 with `opencc_dict -f ocd2 -t text`.
    static let legitimateSimplified: Set<Unicode.Scalar> = ["乾", "剋", "夥", "徵", "於", "薹", "麽", "吒", "濛", "昇"]

    private static let scannedRanges: [ClosedRange<UInt32>] = [0x3400...0x4DBF, 0x4E00...0x9FFF]
    private static let tableBase: UInt32 = 0x3400
    private static let boundaries: Set<Unicode.Scalar> = ["\n", "。", "！", "？", "；", "!", "?", ";"]

    private let lock = NSLock()
    nonisolated(unsafe) private let handle: UnsafeMutableRawPointer
    /// Whether U+3400 + i is a trigger.
    private let triggers: [Bool]
    /// What each trigger becomes when converted on its own, where that is one character: the character-level
    /// rule that search applies alike to the indexed text and to a reader's query (which has no phrase context).
    public let singleCharacterMap: [Unicode.Scalar: Unicode.Scalar]

    /// Opens an OpenCC configuration, by default traditional → simplified.
    ///
    /// - Throws: ``OpenCCConfigurationError`` when neither `configuration` nor
    ///   `/usr/share/opencc/<configuration>` can be opened.
    public init(configuration: String = "t2s.json") throws {
        let failed = UnsafeMutableRawPointer(bitPattern: -1)
        let paths = [configuration, "/usr/share/opencc/" + configuration]
        guard let handle = paths.lazy.compactMap({ (path: String) in opencc_open(path) }).first(where: { $0 != failed }) else {
            throw OpenCCConfigurationError(configuration: configuration)
        }
        self.handle = handle
        (triggers, singleCharacterMap) = Self.triggerTable(handle: handle)
    }

    deinit {
        opencc_close(handle)
    }

    /// Converts the sentences of `text` that contain traditional characters; returns `text` unchanged if there are none.
    public func convert(_ text: String) -> String {
        let scalars = text.unicodeScalars
        var output = ""
        var copied = scalars.startIndex
        var pending: Range<String.Index>?

        func flush() {
            guard let run = pending else { return }
            output += Substring(scalars[copied..<run.lowerBound])
            output += lock.withLock { Self.convert(Substring(scalars[run]), handle: handle) }
            copied = run.upperBound
            pending = nil
        }

        var sentenceStart = scalars.startIndex
        var sentenceHasTrigger = false
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            scalars.formIndex(after: &index)
            sentenceHasTrigger = sentenceHasTrigger || isTrigger(scalar)
            guard Self.boundaries.contains(scalar) || index == scalars.endIndex else { continue }
            if sentenceHasTrigger {
                if let run = pending, run.upperBound == sentenceStart {
                    pending = run.lowerBound..<index
                } else {
                    flush()
                    pending = sentenceStart..<index
                }
            }
            sentenceStart = index
            sentenceHasTrigger = false
        }
        flush()
        guard copied > scalars.startIndex else { return text }
        output += Substring(scalars[copied...])
        return output
    }

    /// Whether `text` contains a character that OpenCC would change (see ``legitimateSimplified`` for the exceptions).
    public func containsTraditional(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isTrigger)
    }

    /// The traditional characters of `text`, in order and with repeats, e.g. to count what is left after OCR.
    public func traditionalCharacters(in text: String) -> [Character] {
        text.filter { $0.unicodeScalars.contains(where: isTrigger) }.map { $0 }
    }

    private func isTrigger(_ scalar: Unicode.Scalar) -> Bool {
        let offset = Int(scalar.value) - Int(Self.tableBase)
        return triggers.indices.contains(offset) && triggers[offset]
    }

    /// Converts every scanned character on its own (one OpenCC call, one character per line) and marks those that
    /// change, with what the single-character ones become.
    private static func triggerTable(handle: UnsafeMutableRawPointer) -> ([Bool], [Unicode.Scalar: Unicode.Scalar]) {
        let characters = scannedRanges.joined().compactMap(Unicode.Scalar.init).map(Character.init)
        let converted = convert(Substring(characters.map(String.init).joined(separator: "\n")), handle: handle)
            .split(separator: "\n", omittingEmptySubsequences: false)
        precondition(converted.count == characters.count, "OpenCC changed the number of lines")
        var table = [Bool](repeating: false, count: Int(scannedRanges.last!.upperBound - tableBase) + 1)
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (character, result) in zip(characters, converted) where String(character) != result {
            let scalar = character.unicodeScalars.first!
            if !legitimateSimplified.contains(scalar) {
                table[Int(scalar.value - tableBase)] = true
                if result.unicodeScalars.count == 1 { map[scalar] = result.unicodeScalars.first! }
            }
        }
        return (table, map)
    }

    /// One OpenCC call; the caller holds the lock (or owns the handle). Returns `text` itself if OpenCC fails.
    private static func convert(_ text: Substring, handle: UnsafeMutableRawPointer) -> String {
        let text = String(text)
        return text.withCString { input in
            guard let output = opencc_convert_utf8(handle, input, text.utf8.count) else { return text }
            defer { opencc_convert_utf8_free(output) }
            return String(cString: output)
        }
    }
}
