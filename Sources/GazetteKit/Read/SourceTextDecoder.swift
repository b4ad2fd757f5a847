#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The character encoding a source file was found in.
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf16 = "UTF-16"
    case gb18030 = "GB18030"
}

/// The text of a source file after decoding.
public struct DecodedText: Sendable {
    /// The text without a byte order mark, every line ending as `"\n"`.
    public var text: String
    /// The encoding the bytes were decoded from.
    public var encoding: TextEncoding
    /// Something the caller should warn about, such as `"decoded as GB18030"`; `nil` for ordinary UTF-8.
    public var note: String?

    public init(text: String, encoding: TextEncoding, note: String? = nil) {
        self.text = text
        self.encoding = encoding
        self.note = note
    }
}

/// Turns the bytes of a source file into text, refusing binary files and guessing GB18030 for legacy Chinese files.
///
/// UTF-8 (with or without a byte order mark) and UTF-16 with a byte order mark are decoded strictly. Bytes that are
/// not valid UTF-8 are tried as GB18030 (a superset of GBK and GB2312) and accepted only if the result reads like
/// Chinese. Line endings are normalised to `"\n"`.
public enum SourceTextDecoder {
    /// Decodes `bytes` read from `file`, or throws an error naming the file and the line of the problem.
    public static func decode(_ bytes: [UInt8], file: String) throws(SourceError) -> DecodedText {
        func failure(_ message: String, line: Int) -> SourceError {
            SourceError(message, at: SourceLocation(file: file, line: line))
        }
        guard !bytes.isEmpty else { throw failure("empty source", line: 1) }

        var decoded: DecodedText
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            decoded = try decodeUTF16(bytes, fail: failure)
        } else if let guessed = guessUTF16(bytes) {
            decoded = guessed
        } else {
            if let offset = binaryOffset(bytes) {
                throw failure("binary file, not text", line: line(at: offset, in: bytes))
            }
            let bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            // A slice, not a copy: a source may be hundreds of megabytes.
            let body = bytes[bomLength...]
            if let text = String(validating: body, as: UTF8.self) {
                decoded = DecodedText(text: text, encoding: .utf8)
            } else {
                let invalid = firstInvalidOffset(body, as: UTF8.self) ?? 0
                let byte = "0x" + hex(body[bomLength + invalid])
                let line = line(at: bomLength + invalid, in: bytes)
                guard bomLength == 0 else {
                    throw failure("invalid UTF-8 (byte \(byte)) in a file marked as UTF-8 by its byte order mark", line: line)
                }
                guard let text = decodeGB18030(bytes), looksLikeChinese(text) else {
                    throw failure("not UTF-8 (invalid byte \(byte)) and not recognisable as GB18030", line: line)
                }
                decoded = DecodedText(text: text, encoding: .gb18030, note: "decoded as GB18030")
            }
        }

        if decoded.text.hasPrefix("\u{FEFF}") { decoded.text.removeFirst() }
        decoded.text = normalizingLineEndings(decoded.text)
        guard !decoded.text.allSatisfy({ $0.isWhitespace || $0 == "\u{FEFF}" }) else {
            throw failure("empty source", line: 1)
        }
        return decoded
    }

    /// Decodes UTF-16 that starts with a byte order mark, which tells its byte order.
    private static func decodeUTF16(
        _ bytes: [UInt8], fail: (String, Int) -> SourceError
    ) throws(SourceError) -> DecodedText {
        let bigEndian = bytes[0] == 0xFE
        let body = bytes.dropFirst(2)
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var index = body.startIndex
        while index + 1 < body.endIndex {
            let (first, second) = (UInt16(body[index]), UInt16(body[index + 1]))
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        if let offset = binaryOffset(units) {
            throw fail("binary file, not text", line(at: offset, in: units))
        }
        if let invalid = firstInvalidOffset(units, as: UTF16.self) {
            throw fail("invalid UTF-16 (unpaired surrogate 0x\(hex(units[invalid])))",
                       line(at: invalid, in: units))
        }
        guard body.count.isMultiple(of: 2) else {
            throw fail("truncated UTF-16 (odd number of bytes)", line(at: units.count, in: units))
        }
        return DecodedText(text: String(decoding: units, as: UTF16.self), encoding: .utf16)
    }

    /// UTF-16 without a byte order mark: the NUL byte of each ASCII character (line feeds at least) gives it away.
    /// Accepted in the byte order whose text has line feeds, no control characters and reads as Chinese.
    private static func guessUTF16(_ bytes: [UInt8]) -> DecodedText? {
        guard bytes.count >= 4, bytes.count.isMultiple(of: 2), bytes.contains(0) else { return nil }
        for bigEndian in [false, true] {
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            for index in stride(from: 0, to: bytes.count - 1, by: 2) {
                let (first, second) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
                units.append(bigEndian ? first << 8 | second : second << 8 | first)
            }
            let controls = units.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0C && $0 != 0x0D }
            guard !controls, units.contains(0x0A), firstInvalidOffset(units, as: UTF16.self) == nil else { continue }
            let text = String(decoding: units, as: UTF16.self)
            guard looksLikeChinese(text) else { continue }
            let order = bigEndian ? "big-endian" : "little-endian"
            return DecodedText(text: text, encoding: .utf16, note: "decoded as UTF-16 (\(order)) without a byte order mark")
        }
        return nil
    }

    /// The offset of the code unit that marks the data as binary, or `nil` for text.
    ///
    /// Binary means a NUL anywhere, or C0 control characters other than tab, line feed, carriage return and form
    /// feed making up more than 2% of the data; the offset is then that of the first such control.
    private static func binaryOffset<Unit: FixedWidthInteger>(_ units: [Unit]) -> Int? {
        // One pass over the buffer (every source is read through here): the first NUL ends it, controls are
        // counted on the way.
        units.withUnsafeBufferPointer { buffer in
            var controls = 0
            var firstControl: Int?
            var offset = 0
            while offset < buffer.count {
                // Bytes eight at a time: a word with no byte below 0x20 (most words of a text) is passed at once.
                var end = offset + 1
                if Unit.self == UInt8.self, offset + 8 <= buffer.count, let base = buffer.baseAddress {
                    let word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    guard (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 != 0 else {
                        offset += 8
                        continue
                    }
                    end = offset + 8
                }
                for index in offset..<end where buffer[index] < 0x20 {
                    let unit = buffer[index]
                    if unit == 0 { return index }
                    guard unit != 0x09 && unit != 0x0A && unit != 0x0C && unit != 0x0D else { continue }
                    controls += 1
                    if firstControl == nil { firstControl = index }
                }
                offset = end
            }
            return controls * 50 > buffer.count ? firstControl : nil
        }
    }

    /// The offset of the first code unit that does not start a valid scalar, or `nil` if all of `units` is valid.
    private static func firstInvalidOffset<Encoding: Unicode.Encoding, Units: Collection<Encoding.CodeUnit>>(
        _ units: Units, as _: Encoding.Type
    ) -> Int? {
        var parser = Encoding.ForwardParser()
        var iterator = units.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The 1-based line of the code unit at `offset`: one more than the line feeds before it.
    private static func line<Unit: FixedWidthInteger>(at offset: Int, in units: [Unit]) -> Int {
        units[..<min(offset, units.count)].count(where: { $0 == 0x0A }) + 1
    }

    /// Converts GB18030 to a string with iconv, or returns `nil` if any byte sequence is invalid or incomplete.
    private static func decodeGB18030(_ bytes: [UInt8]) -> String? {
        guard let converter = iconv_open("UTF-8", "GB18030"),
              converter != UnsafeMutableRawPointer(bitPattern: -1)
        else { return nil }
        defer { iconv_close(converter) }

        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 3 / 2)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = bytes
        let complete = input.withUnsafeMutableBytes { inputBuffer -> Bool in
            var inputPointer = inputBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
            var inputLeft = inputBuffer.count
            while true {
                let (status, produced, error) = chunk.withUnsafeMutableBytes { chunkBuffer in
                    var outputPointer = chunkBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                    var outputLeft = chunkBuffer.count
                    let status = iconv(converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
                    return (status, chunkBuffer.count - outputLeft, errno)
                }
                output.append(contentsOf: chunk[..<produced])
                if status != -1 { return inputLeft == 0 }
                if error != E2BIG { return false }
            }
        }
        return complete ? String(decoding: output, as: UTF8.self) : nil
    }

    /// Whether decoded text reads like Chinese: no private-use characters, and at least 30% of the non-ASCII
    /// characters are CJK ideographs or CJK and full-width punctuation.
    private static func looksLikeChinese(_ text: String) -> Bool {
        var nonASCII = 0
        var chinese = 0
        for scalar in text.unicodeScalars where !scalar.isASCII {
            switch scalar.value {
            case 0xE000...0xF8FF, 0xF0000...0x10FFFF:
                return false
            case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x3000...0x303F, 0xFF00...0xFFEF:
                chinese += 1
            default:
                break
            }
            nonASCII += 1
        }
        return nonASCII > 0 && chinese * 10 >= nonASCII * 3
    }

    /// Replaces CRLF and lone CR line endings with LF.
    private static func normalizingLineEndings(_ text: String) -> String {
        var text = text
        let normalized: String? = text.withUTF8 { utf8 in
            guard let firstCR = utf8.firstIndex(of: 0x0D) else { return nil }
            return String(unsafeUninitializedCapacity: utf8.count) { output in
                _ = output.initialize(fromContentsOf: utf8[..<firstCR])
                var written = firstCR
                var index = firstCR
                while index < utf8.count {
                    let byte = utf8[index]
                    if byte == 0x0D {
                        output[written] = 0x0A
                        if index + 1 < utf8.count && utf8[index + 1] == 0x0A { index += 1 }
                    } else {
                        output[written] = byte
                    }
                    written += 1
                    index += 1
                }
                return written
            }
        }
        return normalized ?? text
    }

    /// Upper-case hexadecimal, two digits per byte.
    private static func hex<Unit: FixedWidthInteger>(_ unit: Unit) -> String {
        let digits = String(unit, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, Unit.bitWidth / 4 - digits.count)) + digits
    }
}
