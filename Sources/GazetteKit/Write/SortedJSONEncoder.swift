public import Foundation

/// Encodes a value as JSON with sorted keys, byte for byte as `JSONEncoder` does with `.sortedKeys` and
/// `.withoutEscapingSlashes` (and `.prettyPrinted` when asked), at a fraction of its cost: the site's JSON files
/// (the API's documents, the catalog, the link report) took a tenth of a build's rendering and most of a one-issue
/// rebuild's writing through `JSONEncoder`, which wraps every value in a generic box and checks it against
/// each type it treats specially.
///
/// Keys are sorted by their UTF-8 bytes, as `JSONEncoder` sorts them; a pretty file indents by two spaces and
/// writes `"key" : value`, and an empty object or list over two lines. Floating-point numbers, dates, data and URLs
/// (which `JSONEncoder` writes in forms of its own) are refused with an error, never written otherwise.
/// `SortedJSONEncoderTests` compares both on the site's files.
public struct SortedJSONEncoder: Sendable {
    public var pretty: Bool

    public init(pretty: Bool) {
        self.pretty = pretty
    }

    /// A file of the site's JSON: pretty, with a line end after the last brace.
    public static func file(_ value: some Encodable) throws -> Data {
        var data = try SortedJSONEncoder(pretty: true).encode(value)
        data.append(0x0A)
        return data
    }

    public func encode(_ value: some Encodable) throws -> Data {
        let root = try SortedJSONNode.make(value)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4096)
        root.write(to: &bytes, depth: 0, pretty: pretty)
        return Data(bytes)
    }

    struct Unsupported: Error, CustomStringConvertible {
        var type: String
        var description: String { "\(type) is not written by SortedJSONEncoder" }
    }
}

/// A value being encoded: a scalar already written as JSON text, or an object or list filled by its containers.
final class SortedJSONNode {
    enum Content {
        case scalar([UInt8])
        case string(String)
        case object([(key: String, value: SortedJSONNode)])
        case list([SortedJSONNode])
        /// Not filled yet: a value that encodes nothing is an empty object, as `JSONEncoder` writes `{}`.
        case empty

        static func integer(_ value: some BinaryInteger) -> Content { .scalar(Array(String(value).utf8)) }
    }

    var content: Content = .empty
    /// Set when a value of an unsupported type was met, where `Codable` gives no way to throw.
    var failure: (any Error)?

    static func make<Value: Encodable>(_ value: Value) throws -> SortedJSONNode {
        let node = SortedJSONNode()
        try node.fill(with: value)
        if let failure = node.firstFailure { throw failure }
        return node
    }

    func fill<Value: Encodable>(with value: Value) throws {
        if Value.self == String.self {
            content = .string(unsafeBitCast(value, to: String.self))
        } else if Value.self == Int.self {
            content = .integer(unsafeBitCast(value, to: Int.self))
        } else if Value.self == Bool.self {
            content = .scalar(Array((unsafeBitCast(value, to: Bool.self) ? "true" : "false").utf8))
        } else if Value.self == Double.self || Value.self == Float.self || Value.self == Date.self
                    || Value.self == Data.self || Value.self == URL.self || Value.self == Decimal.self {
            throw SortedJSONEncoder.Unsupported(type: "\(Value.self)")
        } else {
            try value.encode(to: SortedJSONValueEncoder(node: self))
        }
    }

    private var firstFailure: (any Error)? {
        if let failure { return failure }
        switch content {
        case .object(let entries): return entries.lazy.compactMap(\.value.firstFailure).first
        case .list(let items): return items.lazy.compactMap(\.firstFailure).first
        case .scalar, .string, .empty: return nil
        }
    }

    func write(to bytes: inout [UInt8], depth: Int, pretty: Bool) {
        switch content {
        case .scalar(let text):
            bytes.append(contentsOf: text)
        case .string(let text):
            Self.writeString(text, to: &bytes)
        case .empty:
            open(UInt8(ascii: "{"), close: UInt8(ascii: "}"), count: 0, depth: depth, pretty: pretty, to: &bytes) { _, _ in }
        case .object(let entries):
            let sorted = entries.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            open(UInt8(ascii: "{"), close: UInt8(ascii: "}"), count: sorted.count, depth: depth, pretty: pretty,
                 to: &bytes) { index, bytes in
                Self.writeString(sorted[index].key, to: &bytes)
                bytes.append(contentsOf: pretty ? Array(" : ".utf8) : [UInt8(ascii: ":")])
                sorted[index].value.write(to: &bytes, depth: depth + 1, pretty: pretty)
            }
        case .list(let items):
            open(UInt8(ascii: "["), close: UInt8(ascii: "]"), count: items.count, depth: depth, pretty: pretty,
                 to: &bytes) { index, bytes in
                items[index].write(to: &bytes, depth: depth + 1, pretty: pretty)
            }
        }
    }

    /// An object or list: each entry on a line of its own, indented, when pretty.
    private func open(_ opening: UInt8, close: UInt8, count: Int, depth: Int, pretty: Bool, to bytes: inout [UInt8],
                      entry: (Int, inout [UInt8]) -> Void) {
        bytes.append(opening)
        if pretty { bytes.append(UInt8(ascii: "\n")) }
        for index in 0..<count {
            if index > 0 { bytes.append(contentsOf: pretty ? [UInt8(ascii: ","), UInt8(ascii: "\n")] : [UInt8(ascii: ",")]) }
            if pretty { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * (depth + 1))) }
            entry(index, &bytes)
        }
        if pretty {
            bytes.append(UInt8(ascii: "\n"))
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
        }
        bytes.append(close)
    }

    /// A JSON string as `JSONEncoder` writes it without escaping slashes: quotes, backslashes and control
    /// characters escaped (`\b \f \n \r \t`, the others as `\u00xx`), everything else as UTF-8.
    static func writeString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var run = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index]))
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
                case 0x08: bytes.append(contentsOf: [92, UInt8(ascii: "b")])
                case 0x0C: bytes.append(contentsOf: [92, UInt8(ascii: "f")])
                case 0x0A: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
                }
                run = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// The `Encoder` a value writes itself into one node with.
struct SortedJSONValueEncoder: Encoder {
    let node: SortedJSONNode
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.content {} else { node.content = .object([]) }
        return KeyedEncodingContainer(SortedJSONKeyedContainer<Key>(node: node))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .list = node.content {} else { node.content = .list([]) }
        return SortedJSONUnkeyedContainer(node: node)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SortedJSONSingleValueContainer(node: node)
    }
}

struct SortedJSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: SortedJSONNode
    var codingPath: [any CodingKey] { [] }

    private func add(_ key: Key) -> SortedJSONNode {
        let child = SortedJSONNode()
        guard case .object(var entries) = node.content else { preconditionFailure("a keyed container's node is an object") }
        node.content = .empty
        entries.append((key.stringValue, child))
        node.content = .object(entries)
        return child
    }

    mutating func encodeNil(forKey key: Key) throws { add(key).content = .scalar(Array("null".utf8)) }

    mutating func encode(_ value: Bool, forKey key: Key) throws { try add(key).fill(with: value) }
    mutating func encode(_ value: String, forKey key: Key) throws { add(key).content = .string(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { add(key).content = .integer(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try add(key).fill(with: value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try add(key).fill(with: value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { add(key).content = .integer(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { add(key).content = .integer(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { add(key).content = .integer(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { add(key).content = .integer(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { add(key).content = .integer(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { add(key).content = .integer(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { add(key).content = .integer(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { add(key).content = .integer(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { add(key).content = .integer(value) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try add(key).fill(with: value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        SortedJSONValueEncoder(node: add(key)).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        SortedJSONValueEncoder(node: add(key)).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let child = SortedJSONNode()
        guard case .object(var entries) = node.content else { preconditionFailure("a keyed container's node is an object") }
        entries.append(("super", child))
        node.content = .object(entries)
        return SortedJSONValueEncoder(node: child)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder { SortedJSONValueEncoder(node: add(key)) }
}

struct SortedJSONUnkeyedContainer: UnkeyedEncodingContainer {
    let node: SortedJSONNode
    var codingPath: [any CodingKey] { [] }
    var count: Int {
        guard case .list(let items) = node.content else { return 0 }
        return items.count
    }

    private func add() -> SortedJSONNode {
        let child = SortedJSONNode()
        guard case .list(var items) = node.content else { preconditionFailure("an unkeyed container's node is a list") }
        node.content = .empty
        items.append(child)
        node.content = .list(items)
        return child
    }

    mutating func encodeNil() throws { add().content = .scalar(Array("null".utf8)) }
    mutating func encode(_ value: String) throws { add().content = .string(value) }
    mutating func encode(_ value: Int) throws { add().content = .integer(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try add().fill(with: value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        SortedJSONValueEncoder(node: add()).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        SortedJSONValueEncoder(node: add()).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { SortedJSONValueEncoder(node: add()) }
}

struct SortedJSONSingleValueContainer: SingleValueEncodingContainer {
    let node: SortedJSONNode
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { node.content = .scalar(Array("null".utf8)) }
    mutating func encode(_ value: Bool) throws { try node.fill(with: value) }
    mutating func encode(_ value: String) throws { node.content = .string(value) }
    mutating func encode(_ value: Int) throws { node.content = .integer(value) }
    mutating func encode(_ value: Double) throws { try node.fill(with: value) }
    mutating func encode(_ value: Float) throws { try node.fill(with: value) }
    mutating func encode(_ value: Int8) throws { node.content = .integer(value) }
    mutating func encode(_ value: Int16) throws { node.content = .integer(value) }
    mutating func encode(_ value: Int32) throws { node.content = .integer(value) }
    mutating func encode(_ value: Int64) throws { node.content = .integer(value) }
    mutating func encode(_ value: UInt) throws { node.content = .integer(value) }
    mutating func encode(_ value: UInt8) throws { node.content = .integer(value) }
    mutating func encode(_ value: UInt16) throws { node.content = .integer(value) }
    mutating func encode(_ value: UInt32) throws { node.content = .integer(value) }
    mutating func encode(_ value: UInt64) throws { node.content = .integer(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try node.fill(with: value)
    }
}
