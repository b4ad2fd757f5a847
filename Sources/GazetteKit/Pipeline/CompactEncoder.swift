/// Encodes a `Codable` value in a compact binary form, several times faster than `JSONEncoder` (which builds a
/// tree of JSON values before it writes a byte): for the build cache, where nobody reads the files but
/// ``CompactDecoder``, and for fingerprints of what a page is made from.
///
/// The form: the names of all keys first (a count, then each as a length and UTF-8 bytes), then the value.
/// A value starts with a ``Tag``: nil, false, true, a signed or unsigned integer (LEB128, signed ones zigzag),
/// a double (its 8 bytes), a string (length, bytes), or a keyed or unkeyed container (its byte length and number
/// of entries as two 4-byte numbers, so a decoder steps over a container without reading it; then the entries,
/// a keyed one's each preceded by the number of its key). Dictionaries whose keys can be ordered are written in
/// key order, so the same value always gives the same bytes.
///
/// Containers are written as they are filled: a value's containers must be filled one after the other, as
/// synthesised `Codable` code does. Writing into a container after a later one of its parent was started
/// is an error, never a wrong file.
struct CompactEncoder {
    init() {}

    func encode(_ value: some Encodable) throws -> [UInt8] {
        let writer = CompactWriter()
        try writer.encodeValue(value, depth: 0)
        writer.closeContainers(downTo: 0)
        if let failure = writer.failure { throw failure }
        var result: [UInt8] = []
        result.reserveCapacity(writer.body.count + writer.keyNames.count * 12 + 8)
        CompactWriter.appendNumber(UInt64(writer.keyNames.count), to: &result)
        for name in writer.keyNames {
            CompactWriter.appendNumber(UInt64(name.utf8.count), to: &result)
            result.append(contentsOf: name.utf8)
        }
        result.append(contentsOf: writer.body)
        return result
    }

    /// What starts each value.
    enum Tag: UInt8 {
        case null = 0, no, yes, signed, unsigned, double, string, keyed, unkeyed
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }
}

/// The bytes being written and the containers still open, shared by all the containers of one encoding.
///
/// Its properties are used for every value and only by the one encoding that made it, never across threads:
/// `@exclusivity(unchecked)` spares the runtime check of each access, which was a fifth of encoding.
final class CompactWriter {
    @exclusivity(unchecked) var body: [UInt8] = []
    @exclusivity(unchecked) var keyNames: [String] = []
    @exclusivity(unchecked) private var keyNumbers: [String: Int] = [:]
    /// The open containers, outermost first: where each one's header is, and how many entries it has.
    @exclusivity(unchecked) private var open: [(header: Int, count: UInt32)] = []
    /// Set when a container was written to out of turn, also where `Codable` gives no way to throw.
    private(set) var failure: CompactEncoder.Failure?

    init() {
        body.reserveCapacity(4096)
    }

    static func appendNumber(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    func number(_ value: UInt64) { Self.appendNumber(value, to: &body) }

    /// A signed number as an unsigned one as short as its magnitude: 0, -1, 1, -2 … → 0, 1, 2, 3 …
    static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    func tag(_ tag: CompactEncoder.Tag) { body.append(tag.rawValue) }

    func signed(_ value: Int64) {
        tag(.signed)
        number(Self.zigzag(value))
    }

    func unsigned(_ value: UInt64) {
        tag(.unsigned)
        number(value)
    }

    func double(_ value: Double) {
        tag(.double)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { body.append(contentsOf: $0) }
    }

    func string(_ value: String) {
        tag(.string)
        var value = value
        value.withUTF8 { utf8 in
            number(UInt64(utf8.count))
            body.append(contentsOf: utf8)
        }
    }

    func key(_ key: some CodingKey) {
        let name = key.stringValue
        if let known = keyNumbers[name] {
            number(UInt64(known))
        } else {
            keyNumbers[name] = keyNames.count
            number(UInt64(keyNames.count))
            keyNames.append(name)
        }
    }

    /// Opens a container as the value being written at `depth`; returns its depth.
    func openContainer(_ tag: CompactEncoder.Tag) -> Int {
        self.tag(tag)
        open.append((body.count, 0))
        body.append(contentsOf: repeatElement(0, count: 8))
        return open.count
    }

    /// Makes the container at `depth` (whose header is at `header`) the innermost open one, closing those
    /// inside it, and counts an entry into it.
    func enter(depth: Int, header: Int) throws {
        guard depth <= open.count, open[depth - 1].header == header else {
            let failure = CompactEncoder.Failure(description: "a container was written to after a later one was started")
            self.failure = failure
            throw failure
        }
        closeContainers(downTo: depth)
        open[depth - 1].count += 1
    }

    /// Closes the open containers deeper than `depth`, writing their lengths and counts.
    func closeContainers(downTo depth: Int) {
        while open.count > depth {
            let (header, count) = open.removeLast()
            let length = UInt32(body.count - header - 8)
            withUnsafeBytes(of: length.littleEndian) { bytes in
                for offset in 0..<4 { body[header + offset] = bytes[offset] }
            }
            withUnsafeBytes(of: count.littleEndian) { bytes in
                for offset in 0..<4 { body[header + 4 + offset] = bytes[offset] }
            }
        }
    }

    /// Writes `value` as the value at `depth` (the depth of the container it is in).
    func encodeValue<Value: Encodable>(_ value: Value, depth: Int) throws {
        // Types compared, not cast: a cast to each type in turn costs more than the encoding.
        if Value.self == String.self {
            string(unsafeBitCast(value, to: String.self))
        } else if Value.self == Int.self {
            signed(Int64(unsafeBitCast(value, to: Int.self)))
        } else if Value.self == Bool.self {
            tag(unsafeBitCast(value, to: Bool.self) ? .yes : .no)
        } else if Value.self is any OrderedEncodable.Type, let ordered = value as? any OrderedEncodable {
            try encodeThroughEncoder(depth: depth) { try ordered.encodeInKeyOrder(to: $0) }
        } else {
            try encodeThroughEncoder(depth: depth) { try value.encode(to: $0) }
        }
    }

    private func encodeThroughEncoder(depth: Int, _ body: (CompactValueEncoder) throws -> Void) throws {
        let start = self.body.count
        try body(CompactValueEncoder(writer: self, depth: depth))
        // A value that encodes nothing is an empty keyed container, as JSONEncoder writes `{}`.
        if self.body.count == start { _ = openContainer(.keyed) }
    }
}

/// The `Encoder` a value writes itself with, at one depth of the containers.
struct CompactValueEncoder: Encoder {
    let writer: CompactWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let inner = writer.openContainer(.keyed)
        let container = CompactKeyedEncodingContainer<Key>(writer: writer, depth: inner, header: header(inner))
        return KeyedEncodingContainer(container)
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let inner = writer.openContainer(.unkeyed)
        return CompactUnkeyedEncodingContainer(writer: writer, depth: inner, header: header(inner))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        CompactSingleValueEncodingContainer(writer: writer, depth: depth)
    }

    private func header(_ depth: Int) -> Int { writer.body.count - 8 }
}

struct CompactKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: CompactWriter
    let depth: Int
    let header: Int
    var codingPath: [any CodingKey] { [] }

    private func entry(_ key: Key) throws {
        try writer.enter(depth: depth, header: header)
        writer.key(key)
    }

    mutating func encodeNil(forKey key: Key) throws {
        try entry(key)
        writer.tag(.null)
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        try entry(key)
        writer.tag(value ? .yes : .no)
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        try entry(key)
        writer.string(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        try entry(key)
        writer.double(value)
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        try entry(key)
        writer.double(Double(value))
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        try entry(key)
        writer.signed(Int64(value))
    }

    mutating func encode(_ value: Int8, forKey key: Key) throws {
        try entry(key)
        writer.signed(Int64(value))
    }

    mutating func encode(_ value: Int16, forKey key: Key) throws {
        try entry(key)
        writer.signed(Int64(value))
    }

    mutating func encode(_ value: Int32, forKey key: Key) throws {
        try entry(key)
        writer.signed(Int64(value))
    }

    mutating func encode(_ value: Int64, forKey key: Key) throws {
        try entry(key)
        writer.signed(value)
    }

    mutating func encode(_ value: UInt, forKey key: Key) throws {
        try entry(key)
        writer.unsigned(UInt64(value))
    }

    mutating func encode(_ value: UInt8, forKey key: Key) throws {
        try entry(key)
        writer.unsigned(UInt64(value))
    }

    mutating func encode(_ value: UInt16, forKey key: Key) throws {
        try entry(key)
        writer.unsigned(UInt64(value))
    }

    mutating func encode(_ value: UInt32, forKey key: Key) throws {
        try entry(key)
        writer.unsigned(UInt64(value))
    }

    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        try entry(key)
        writer.unsigned(value)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try entry(key)
        try writer.encodeValue(value, depth: depth)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        // A container that cannot be entered makes the next write throw: the encoding fails, nothing is wrong.
        try? entry(key)
        return CompactValueEncoder(writer: writer, depth: depth).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        try? entry(key)
        return CompactValueEncoder(writer: writer, depth: depth).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        try? writer.enter(depth: depth, header: header)
        writer.key(CompactKey(stringValue: "super"))
        return CompactValueEncoder(writer: writer, depth: depth)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        try? entry(key)
        return CompactValueEncoder(writer: writer, depth: depth)
    }
}

struct CompactUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let writer: CompactWriter
    let depth: Int
    let header: Int
    private(set) var count = 0
    var codingPath: [any CodingKey] { [] }

    init(writer: CompactWriter, depth: Int, header: Int) {
        self.writer = writer
        self.depth = depth
        self.header = header
    }

    private mutating func entry() throws {
        try writer.enter(depth: depth, header: header)
        count += 1
    }

    mutating func encodeNil() throws {
        try entry()
        writer.tag(.null)
    }

    mutating func encode(_ value: Bool) throws {
        try entry()
        writer.tag(value ? .yes : .no)
    }

    mutating func encode(_ value: String) throws {
        try entry()
        writer.string(value)
    }

    mutating func encode(_ value: Double) throws {
        try entry()
        writer.double(value)
    }

    mutating func encode(_ value: Int) throws {
        try entry()
        writer.signed(Int64(value))
    }

    mutating func encode(_ value: Int64) throws {
        try entry()
        writer.signed(value)
    }

    mutating func encode(_ value: UInt64) throws {
        try entry()
        writer.unsigned(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try entry()
        try writer.encodeValue(value, depth: depth)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        try? entry()
        return CompactValueEncoder(writer: writer, depth: depth).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        try? entry()
        return CompactValueEncoder(writer: writer, depth: depth).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        try? entry()
        return CompactValueEncoder(writer: writer, depth: depth)
    }
}

struct CompactSingleValueEncodingContainer: SingleValueEncodingContainer {
    let writer: CompactWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { writer.tag(.null) }
    mutating func encode(_ value: Bool) throws { writer.tag(value ? .yes : .no) }
    mutating func encode(_ value: String) throws { writer.string(value) }
    mutating func encode(_ value: Double) throws { writer.double(value) }
    mutating func encode(_ value: Float) throws { writer.double(Double(value)) }
    mutating func encode(_ value: Int) throws { writer.signed(Int64(value)) }
    mutating func encode(_ value: Int8) throws { writer.signed(Int64(value)) }
    mutating func encode(_ value: Int16) throws { writer.signed(Int64(value)) }
    mutating func encode(_ value: Int32) throws { writer.signed(Int64(value)) }
    mutating func encode(_ value: Int64) throws { writer.signed(value) }
    mutating func encode(_ value: UInt) throws { writer.unsigned(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { writer.unsigned(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { writer.unsigned(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { writer.unsigned(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { writer.unsigned(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try writer.encodeValue(value, depth: depth) }
}

/// A key made from its name: the keys of dictionaries and of `superEncoder()`.
struct CompactKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = Int(stringValue)
    }

    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// A dictionary that encodes its entries in key order (the standard library writes them in hash order, which
/// changes from run to run), in the same containers `Dictionary`'s own `Decodable` reads.
protocol OrderedEncodable {
    func encodeInKeyOrder(to encoder: any Encoder) throws
}

extension Dictionary: OrderedEncodable where Key: Comparable & Encodable, Value: Encodable {
    func encodeInKeyOrder(to encoder: any Encoder) throws {
        // Types compared, not the keys cast: an empty list casts to any element type.
        if Key.self == String.self {
            var container = encoder.container(keyedBy: CompactKey.self)
            for key in self.keys.map({ unsafeBitCast($0, to: String.self) }).sortedByUTF8() {
                try container.encode(self[unsafeBitCast(key, to: Key.self)]!, forKey: CompactKey(stringValue: key))
            }
            return
        }
        let keys = self.keys.sorted()
        if Key.self == Int.self {
            var container = encoder.container(keyedBy: CompactKey.self)
            for key in keys { try container.encode(self[key]!, forKey: CompactKey(intValue: key as! Int)) }
        } else {
            var container = encoder.unkeyedContainer()
            for key in keys {
                try container.encode(key)
                try container.encode(self[key]!)
            }
        }
    }
}
