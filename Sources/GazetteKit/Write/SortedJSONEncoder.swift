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
        let root = try SortedJSONNode.value(of: value)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4096)
        SortedJSONNode.write(root, to: &bytes, depth: 0, pretty: pretty)
        return Data(bytes)
    }

    struct Unsupported: Error, CustomStringConvertible {
        var type: String
        var description: String { "\(type) is not written by SortedJSONEncoder" }
    }
}

/// An object or list being encoded, filled by its containers; the strings, numbers and truth values in it are
/// kept as they are, without a node of their own.
final class SortedJSONNode {
    enum Value {
        case string(String)
        case integer(Int)
        /// JSON text: `true`, `false`, `null`, an integer of another type.
        case text(String)
        case node(SortedJSONNode)
    }

    enum Content {
        case object([(key: String, value: Value)])
        case list([Value])
        /// What a single-value container holds.
        case single(Value)
        /// Not filled yet: a value that encodes nothing is an empty object, as `JSONEncoder` writes `{}`.
        case empty
    }

    var content: Content = .empty

    /// `value` as a string, number or truth value when it is one, else as a node it encodes itself into.
    static func value<Encoded: Encodable>(of value: Encoded) throws -> Value {
        if Encoded.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if Encoded.self == Int.self { return .integer(unsafeBitCast(value, to: Int.self)) }
        if Encoded.self == Bool.self { return .text(unsafeBitCast(value, to: Bool.self) ? "true" : "false") }
        if Encoded.self == Double.self || Encoded.self == Float.self || Encoded.self == Date.self
            || Encoded.self == Data.self || Encoded.self == URL.self || Encoded.self == Decimal.self {
            throw SortedJSONEncoder.Unsupported(type: "\(Encoded.self)")
        }
        let node = SortedJSONNode()
        try value.encode(to: SortedJSONValueEncoder(node: node))
        // A value that wrote one string or number through a single-value container is that string or number.
        if case .single(let single) = node.content { return single }
        return .node(node)
    }

    static func write(_ value: Value, to bytes: inout [UInt8], depth: Int, pretty: Bool) {
        switch value {
        case .string(let text): writeString(text, to: &bytes)
        case .integer(let number): bytes.append(contentsOf: String(number).utf8)
        case .text(let text): bytes.append(contentsOf: text.utf8)
        case .node(let node): node.write(to: &bytes, depth: depth, pretty: pretty)
        }
    }

    func write(to bytes: inout [UInt8], depth: Int, pretty: Bool) {
        switch content {
        case .single(let value):
            Self.write(value, to: &bytes, depth: depth, pretty: pretty)
        case .empty:
            open(UInt8(ascii: "{"), close: UInt8(ascii: "}"), count: 0, depth: depth, pretty: pretty, to: &bytes) { _, _ in }
        case .object(let entries):
            let order = entries.lazy.map(\.key).orderByUTF8()
            open(UInt8(ascii: "{"), close: UInt8(ascii: "}"), count: entries.count, depth: depth, pretty: pretty,
                 to: &bytes) { index, bytes in
                let entry = entries[order[index]]
                Self.writeString(entry.key, to: &bytes)
                if pretty { bytes.append(UInt8(ascii: " ")) }
                bytes.append(UInt8(ascii: ":"))
                if pretty { bytes.append(UInt8(ascii: " ")) }
                Self.write(entry.value, to: &bytes, depth: depth + 1, pretty: pretty)
            }
        case .list(let items):
            open(UInt8(ascii: "["), close: UInt8(ascii: "]"), count: items.count, depth: depth, pretty: pretty,
                 to: &bytes) { index, bytes in
                Self.write(items[index], to: &bytes, depth: depth + 1, pretty: pretty)
            }
        }
    }

    /// An object or list: each entry on a line of its own, indented, when pretty.
    private func open(_ opening: UInt8, close: UInt8, count: Int, depth: Int, pretty: Bool, to bytes: inout [UInt8],
                      entry: (Int, inout [UInt8]) -> Void) {
        bytes.append(opening)
        if pretty { bytes.append(UInt8(ascii: "\n")) }
        for index in 0..<count {
            if index > 0 {
                bytes.append(UInt8(ascii: ","))
                if pretty { bytes.append(UInt8(ascii: "\n")) }
            }
            if pretty { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * (depth + 1))) }
            entry(index, &bytes)
        }
        if pretty {
            bytes.append(UInt8(ascii: "\n"))
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
        }
        bytes.append(close)
    }

    static func writeString(_ text: String, to bytes: inout [UInt8]) {
        JSONWriter.appendString(text, to: &bytes)
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

    private func add(_ value: SortedJSONNode.Value, for name: String) {
        guard case .object(var entries) = node.content else { preconditionFailure("a keyed container's node is an object") }
        node.content = .empty
        entries.append((name, value))
        node.content = .object(entries)
    }

    private func add(_ value: SortedJSONNode.Value, for key: Key) { add(value, for: key.stringValue) }

    /// A node for a container or encoder of its own at `key`.
    private func addNode(for name: String) -> SortedJSONNode {
        let child = SortedJSONNode()
        add(.node(child), for: name)
        return child
    }

    mutating func encodeNil(forKey key: Key) throws { add(.text("null"), for: key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { add(.text(value ? "true" : "false"), for: key) }
    mutating func encode(_ value: String, forKey key: Key) throws { add(.string(value), for: key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { add(.integer(value), for: key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { add(try SortedJSONNode.value(of: value), for: key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { add(try SortedJSONNode.value(of: value), for: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { add(.text(String(value)), for: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { add(.text(String(value)), for: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { add(.text(String(value)), for: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { add(.text(String(value)), for: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { add(.text(String(value)), for: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { add(.text(String(value)), for: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { add(.text(String(value)), for: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { add(.text(String(value)), for: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { add(.text(String(value)), for: key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        add(try SortedJSONNode.value(of: value), for: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        SortedJSONValueEncoder(node: addNode(for: key.stringValue)).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        SortedJSONValueEncoder(node: addNode(for: key.stringValue)).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { SortedJSONValueEncoder(node: addNode(for: "super")) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        SortedJSONValueEncoder(node: addNode(for: key.stringValue))
    }
}

struct SortedJSONUnkeyedContainer: UnkeyedEncodingContainer {
    let node: SortedJSONNode
    var codingPath: [any CodingKey] { [] }
    var count: Int {
        guard case .list(let items) = node.content else { return 0 }
        return items.count
    }

    private func add(_ value: SortedJSONNode.Value) {
        guard case .list(var items) = node.content else { preconditionFailure("an unkeyed container's node is a list") }
        node.content = .empty
        items.append(value)
        node.content = .list(items)
    }

    private func addNode() -> SortedJSONNode {
        let child = SortedJSONNode()
        add(.node(child))
        return child
    }

    mutating func encodeNil() throws { add(.text("null")) }
    mutating func encode(_ value: String) throws { add(.string(value)) }
    mutating func encode(_ value: Int) throws { add(.integer(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        add(try SortedJSONNode.value(of: value))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        SortedJSONValueEncoder(node: addNode()).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        SortedJSONValueEncoder(node: addNode()).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { SortedJSONValueEncoder(node: addNode()) }
}

struct SortedJSONSingleValueContainer: SingleValueEncodingContainer {
    let node: SortedJSONNode
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { node.content = .single(.text("null")) }
    mutating func encode(_ value: Bool) throws { node.content = .single(.text(value ? "true" : "false")) }
    mutating func encode(_ value: String) throws { node.content = .single(.string(value)) }
    mutating func encode(_ value: Int) throws { node.content = .single(.integer(value)) }
    mutating func encode(_ value: Double) throws { node.content = .single(try SortedJSONNode.value(of: value)) }
    mutating func encode(_ value: Float) throws { node.content = .single(try SortedJSONNode.value(of: value)) }
    mutating func encode(_ value: Int8) throws { node.content = .single(.text(String(value))) }
    mutating func encode(_ value: Int16) throws { node.content = .single(.text(String(value))) }
    mutating func encode(_ value: Int32) throws { node.content = .single(.text(String(value))) }
    mutating func encode(_ value: Int64) throws { node.content = .single(.text(String(value))) }
    mutating func encode(_ value: UInt) throws { node.content = .single(.text(String(value))) }
    mutating func encode(_ value: UInt8) throws { node.content = .single(.text(String(value))) }
    mutating func encode(_ value: UInt16) throws { node.content = .single(.text(String(value))) }
    mutating func encode(_ value: UInt32) throws { node.content = .single(.text(String(value))) }
    mutating func encode(_ value: UInt64) throws { node.content = .single(.text(String(value))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        node.content = .single(try SortedJSONNode.value(of: value))
    }
}
