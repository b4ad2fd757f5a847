/// Reads back what ``CompactEncoder`` wrote. Bytes that are cut short, damaged or of another shape make it throw
/// `DecodingError.dataCorrupted`: a cache file that cannot be read is made again, never half-trusted.
struct CompactDecoder {
    init() {}

    func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        let reader = try CompactReader(bytes)
        return try reader.decodeValue(type, at: reader.bodyStart)
    }
}

/// The bytes of one encoding, with the names of its keys.
final class CompactReader {
    typealias Tag = CompactEncoder.Tag

    let bytes: [UInt8]
    // Written while the reader is made and read for every key of every container after: `@exclusivity(unchecked)`
    // spares the runtime check of each access (a reader is used by one decoding alone).
    @exclusivity(unchecked) private(set) var keyNames: [String] = []
    @exclusivity(unchecked) private var keyNumbers: [String: Int] = [:]
    @exclusivity(unchecked) private(set) var bodyStart = 0

    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        var offset = 0
        let count = try number(at: &offset)
        guard count < UInt64(bytes.count) else { throw Self.corrupted("too many keys") }
        for _ in 0..<count {
            let name = try string(at: &offset)
            keyNumbers[name] = keyNames.count
            keyNames.append(name)
        }
        bodyStart = offset
    }

    static func corrupted(_ reason: String) -> DecodingError {
        DecodingError.dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: "compact encoding: \(reason)"))
    }

    /// The number of the key called `name`, if the encoding has one.
    func keyNumber(_ name: String) -> Int? { keyNumbers[name] }

    func number(at offset: inout Int) throws -> UInt64 {
        guard let value = Self.number(in: bytes, before: bytes.count, at: &offset) else {
            throw Self.corrupted("a number is cut short")
        }
        return value
    }

    /// The LEB128 number at `offset` in `bytes`, ending before `end`; nil when it is cut short or too long.
    static func number(in bytes: [UInt8], before end: Int, at offset: inout Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end, shift < 64 else { return nil }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// ``CompactWriter/zigzag(_:)`` undone.
    static func unzigzag(_ coded: UInt64) -> Int64 {
        Int64(bitPattern: coded >> 1) ^ -Int64(bitPattern: coded & 1)
    }

    private func string(at offset: inout Int) throws -> String {
        let count = try number(at: &offset)
        guard count <= UInt64(bytes.count - offset) else { throw Self.corrupted("a string is cut short") }
        let end = offset + Int(count)
        defer { offset = end }
        return bytes.withUnsafeBufferPointer { bytes in
            String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
        }
    }

    func tag(at offset: Int) throws -> Tag {
        guard offset < bytes.count, let tag = Tag(rawValue: bytes[offset]) else { throw Self.corrupted("no value") }
        return tag
    }

    private func word(at offset: Int) throws -> Int {
        guard offset + 4 <= bytes.count else { throw Self.corrupted("a container is cut short") }
        return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3]) << 24
    }

    /// The container at `offset`: where its entries start and end, and how many there are.
    func container(_ expected: Tag, at offset: Int) throws -> (start: Int, end: Int, count: Int) {
        guard try tag(at: offset) == expected else { throw Self.corrupted("not a \(expected) container") }
        let length = try word(at: offset + 1), count = try word(at: offset + 5)
        let start = offset + 9
        guard length <= bytes.count - start else { throw Self.corrupted("a container is cut short") }
        return (start, start + length, count)
    }

    /// Where the value at `offset` ends.
    func end(ofValueAt offset: Int) throws -> Int {
        var next = offset + 1
        switch try tag(at: offset) {
        case .null, .no, .yes: break
        case .signed, .unsigned: _ = try number(at: &next)
        case .double: next += 8
        case .string:
            let count = try number(at: &next)
            guard count <= UInt64(bytes.count - next) else { throw Self.corrupted("a string is cut short") }
            next += Int(count)
        case .keyed, .unkeyed: next = try container(try tag(at: offset), at: offset).end
        }
        guard next <= bytes.count else { throw Self.corrupted("a value is cut short") }
        return next
    }

    func isNil(at offset: Int) throws -> Bool { try tag(at: offset) == .null }

    func bool(at offset: Int) throws -> Bool {
        switch try tag(at: offset) {
        case .yes: true
        case .no: false
        default: throw Self.corrupted("not a Boolean")
        }
    }

    func string(at offset: Int) throws -> String {
        guard try tag(at: offset) == .string else { throw Self.corrupted("not a string") }
        var next = offset + 1
        return try string(at: &next)
    }

    func double(at offset: Int) throws -> Double {
        guard try tag(at: offset) == .double, offset + 9 <= bytes.count else { throw Self.corrupted("not a double") }
        var pattern: UInt64 = 0
        for index in 0..<8 { pattern |= UInt64(bytes[offset + 1 + index]) << (8 * UInt64(index)) }
        return Double(bitPattern: pattern)
    }

    func integer<Value: FixedWidthInteger>(_ type: Value.Type, at offset: Int) throws -> Value {
        var next = offset + 1
        let result: Value?
        switch try tag(at: offset) {
        case .signed:
            let coded = try number(at: &next)
            result = Value(exactly: Self.unzigzag(coded))
        case .unsigned:
            result = Value(exactly: try number(at: &next))
        default:
            throw Self.corrupted("not an integer")
        }
        guard let result else { throw Self.corrupted("an integer out of the range of \(Value.self)") }
        return result
    }

    func decodeValue<Value: Decodable>(_ type: Value.Type, at offset: Int) throws -> Value {
        // Types compared, not cast, as in the encoder.
        if Value.self == String.self { return unsafeBitCast(try string(at: offset), to: Value.self) }
        if Value.self == Int.self { return unsafeBitCast(try integer(Int.self, at: offset), to: Value.self) }
        if Value.self == Bool.self { return unsafeBitCast(try bool(at: offset), to: Value.self) }
        return try Value(from: CompactValueDecoder(reader: self, offset: offset))
    }
}

/// The `Decoder` a value reads itself with: the value at one offset.
struct CompactValueDecoder: Decoder {
    let reader: CompactReader
    let offset: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try CompactKeyedDecodingContainer<Key>(reader: reader, offset: offset))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try CompactUnkeyedDecodingContainer(reader: reader, offset: offset)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        CompactSingleValueDecodingContainer(reader: reader, offset: offset)
    }
}

struct CompactKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: CompactReader
    /// The key number and value offset of each entry, in the order written.
    private let entries: [(key: Int, offset: Int)]
    var codingPath: [any CodingKey] { [] }

    init(reader: CompactReader, offset: Int) throws {
        self.reader = reader
        let (start, end, count) = try reader.container(.keyed, at: offset)
        guard count <= end - start else { throw CompactReader.corrupted("a container is cut short") }
        var entries: [(key: Int, offset: Int)] = []
        entries.reserveCapacity(count)
        var next = start
        for _ in 0..<count {
            let key = try reader.number(at: &next)
            guard key < UInt64(reader.keyNames.count) else { throw CompactReader.corrupted("an unknown key") }
            entries.append((Int(key), next))
            next = try reader.end(ofValueAt: next)
        }
        guard next == end else { throw CompactReader.corrupted("a container of another length") }
        self.entries = entries
    }

    var allKeys: [Key] { entries.compactMap { Key(stringValue: reader.keyNames[$0.key]) } }

    private func find(_ key: Key) -> Int? {
        guard let number = reader.keyNumber(key.stringValue) else { return nil }
        return entries.first { $0.key == number }?.offset
    }

    private func offset(_ key: Key) throws -> Int {
        guard let offset = find(key) else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(codingPath: [], debugDescription: "compact encoding"))
        }
        return offset
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }
    func decodeNil(forKey key: Key) throws -> Bool { try reader.isNil(at: offset(key)) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try reader.bool(at: offset(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try reader.string(at: offset(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try reader.double(at: offset(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try reader.double(at: offset(key))) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try reader.integer(type, at: offset(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try reader.integer(type, at: offset(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try reader.integer(type, at: offset(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try reader.integer(type, at: offset(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try reader.integer(type, at: offset(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try reader.integer(type, at: offset(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try reader.integer(type, at: offset(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try reader.integer(type, at: offset(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try reader.integer(type, at: offset(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try reader.integer(type, at: offset(key)) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try reader.decodeValue(type, at: offset(key))
    }

    /// One look-up instead of the three of the protocol's own version.
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let offset = find(key), try !reader.isNil(at: offset) else { return nil }
        return try reader.decodeValue(type, at: offset)
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let offset = find(key), try !reader.isNil(at: offset) else { return nil }
        return try reader.string(at: offset)
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard let offset = find(key), try !reader.isNil(at: offset) else { return nil }
        return try reader.integer(type, at: offset)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(try CompactKeyedDecodingContainer<NestedKey>(reader: reader, offset: offset(key)))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try CompactUnkeyedDecodingContainer(reader: reader, offset: offset(key))
    }

    func superDecoder() throws -> any Decoder {
        guard let number = reader.keyNumber("super"), let entry = entries.first(where: { $0.key == number }) else {
            throw CompactReader.corrupted("no super value")
        }
        return CompactValueDecoder(reader: reader, offset: entry.offset)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        CompactValueDecoder(reader: reader, offset: try offset(key))
    }
}

struct CompactUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let reader: CompactReader
    private let end: Int
    private var next: Int
    let count: Int?
    private(set) var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var isAtEnd: Bool { currentIndex >= count! }

    init(reader: CompactReader, offset: Int) throws {
        self.reader = reader
        let (start, end, count) = try reader.container(.unkeyed, at: offset)
        (self.next, self.end, self.count) = (start, end, count)
    }

    /// The offset of the next value; moves past it.
    private mutating func advance() throws -> Int {
        guard !isAtEnd else { throw CompactReader.corrupted("read past the end of a list") }
        let offset = next
        next = try reader.end(ofValueAt: offset)
        guard next <= end else { throw CompactReader.corrupted("a list is cut short") }
        currentIndex += 1
        return offset
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, try reader.isNil(at: next) else { return false }
        _ = try advance()
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try reader.bool(at: advance()) }
    mutating func decode(_ type: String.Type) throws -> String { try reader.string(at: advance()) }
    mutating func decode(_ type: Double.Type) throws -> Double { try reader.double(at: advance()) }
    mutating func decode(_ type: Float.Type) throws -> Float { Float(try reader.double(at: advance())) }
    mutating func decode(_ type: Int.Type) throws -> Int { try reader.integer(type, at: advance()) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try reader.integer(type, at: advance()) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try reader.integer(type, at: advance()) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try reader.integer(type, at: advance()) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try reader.integer(type, at: advance()) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try reader.integer(type, at: advance()) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try reader.integer(type, at: advance()) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try reader.integer(type, at: advance()) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try reader.integer(type, at: advance()) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try reader.integer(type, at: advance()) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.decodeValue(type, at: advance()) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(try CompactKeyedDecodingContainer<NestedKey>(reader: reader, offset: advance()))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try CompactUnkeyedDecodingContainer(reader: reader, offset: advance())
    }

    mutating func superDecoder() throws -> any Decoder {
        CompactValueDecoder(reader: reader, offset: try advance())
    }
}

struct CompactSingleValueDecodingContainer: SingleValueDecodingContainer {
    let reader: CompactReader
    let offset: Int
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { (try? reader.isNil(at: offset)) ?? false }
    func decode(_ type: Bool.Type) throws -> Bool { try reader.bool(at: offset) }
    func decode(_ type: String.Type) throws -> String { try reader.string(at: offset) }
    func decode(_ type: Double.Type) throws -> Double { try reader.double(at: offset) }
    func decode(_ type: Float.Type) throws -> Float { Float(try reader.double(at: offset)) }
    func decode(_ type: Int.Type) throws -> Int { try reader.integer(type, at: offset) }
    func decode(_ type: Int8.Type) throws -> Int8 { try reader.integer(type, at: offset) }
    func decode(_ type: Int16.Type) throws -> Int16 { try reader.integer(type, at: offset) }
    func decode(_ type: Int32.Type) throws -> Int32 { try reader.integer(type, at: offset) }
    func decode(_ type: Int64.Type) throws -> Int64 { try reader.integer(type, at: offset) }
    func decode(_ type: UInt.Type) throws -> UInt { try reader.integer(type, at: offset) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try reader.integer(type, at: offset) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try reader.integer(type, at: offset) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try reader.integer(type, at: offset) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try reader.integer(type, at: offset) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.decodeValue(type, at: offset) }
}
