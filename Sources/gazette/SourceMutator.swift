import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes broken, hostile and huge sources out of real ones, the same for the same seed and case number.
struct SourceMutator {
    /// A seed source: its bytes and whether it is an issue (else a single document).
    struct Seed {
        var name: String
        var bytes: [UInt8]
        var isIssue: Bool
    }

    var seeds: [Seed]
    var seed: UInt64
    /// Divides the sizes of long lines, tiny documents and huge tables (10 for a quick run in the test suite).
    var scale = 1

    /// The kinds of damage, each named as the fuzz report counts them.
    static let kinds = [
        "cut", "shuffled-lines", "duplicated-lines", "invalid-utf8", "gbk", "utf16", "nul-bytes", "long-line",
        "tiny-documents", "deep-numbering", "huge-table", "headerless-before-catalogue", "hostile-payloads", "byte-flips",
        "digit-runs", "mixed",
    ]

    /// Case `index`: its seed's name, the kind of damage, whether it is an issue, and its bytes.
    func mutant(_ index: Int) -> (seed: String, kind: String, isIssue: Bool, bytes: [UInt8]) {
        var random = Random(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(index))
        let source = seeds[random.below(seeds.count)]
        let kind = Self.kinds[index % Self.kinds.count]
        var bytes = source.bytes
        if kind == "mixed" {
            for _ in 0..<(2 + random.below(3)) {
                bytes = apply(Self.kinds[random.below(Self.kinds.count - 1)], to: bytes, random: &random)
            }
        } else {
            bytes = apply(kind, to: bytes, random: &random)
        }
        return (source.name, kind, source.isIssue, bytes)
    }

    private func apply(_ kind: String, to bytes: [UInt8], random: inout Random) -> [UInt8] {
        var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func joined() -> [UInt8] { Array(lines.joined(separator: "\n").utf8) }
        func insert(_ text: String) {
            lines.insert(text, at: random.below(lines.count + 1))
        }
        switch kind {
        case "cut":
            let start = random.below(bytes.count)
            return Array(bytes[start..<min(bytes.count, start + 1 + random.below(max(1, bytes.count - start)))])
        case "shuffled-lines":
            for _ in 0..<(1 + random.below(max(1, lines.count / 4))) {
                lines.swapAt(random.below(lines.count), random.below(lines.count))
            }
            return joined()
        case "duplicated-lines":
            for _ in 0..<(1 + random.below(50)) {
                let from = random.below(lines.count)
                let run = lines[from..<min(lines.count, from + 1 + random.below(20))]
                lines.insert(contentsOf: run, at: random.below(lines.count + 1))
            }
            return joined()
        case "invalid-utf8":
            var result = bytes
            for _ in 0..<(1 + random.below(20)) {
                result.insert([0xFF, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0xE4, 0xB8][random.below(8)], at: random.below(result.count + 1))
            }
            return result
        case "gbk":
            return Self.encode(bytes, to: "GB18030") ?? bytes
        case "utf16":
            let units = Array(String(decoding: bytes, as: UTF8.self).utf16)
            let bigEndian = random.below(2) == 0
            let withMark = random.below(2) == 0
            let mark: [UInt16] = withMark ? [0xFEFF] : []
            return (mark + units).flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case "nul-bytes":
            var result = bytes
            for _ in 0..<(1 + random.below(5)) { result.insert(0, at: random.below(result.count + 1)) }
            return result
        case "long-line":
            let line = lines[random.below(lines.count)]
            insert(String(repeating: line.isEmpty ? "长" : line, count: 50_000 / scale / max(1, line.utf8.count) + 1))
            return joined()
        case "tiny-documents":
            var documents: [String] = []
            for number in 1...(20 + random.below(300 / scale)) {
                documents.append("重庆市武隆区人民政府办公室关于第\(number)项工作的通知\n（武隆府办〔2022〕\(number)号）\n各单位：\n\n做好工作。\n\n重庆市武隆区人民政府办公室\n2022年6月\(1 + number % 28)日")
            }
            lines.insert(documents.joined(separator: "\n"), at: random.below(lines.count + 1))
            return joined()
        case "deep-numbering":
            var text: [String] = []
            for chapter in 1...(5 + random.below(30)) {
                text.append("第\(chapter)章 总则\(chapter)")
                for section in 1...3 {
                    text.append("第\(section)节 分则")
                    text += ["一、甲", "（一）乙", "1. 丙", "（1）丁", "①戊", "第\(random.below(100_000))条 己", "专栏\(random.below(1000)) 庚"]
                }
            }
            lines.insert(contentsOf: text, at: random.below(lines.count + 1))
            return joined()
        case "huge-table":
            var rows = ["| 序号 | 项目 | 金额 |", "|---|---|---|"]
            for row in 0..<(500 / scale + random.below(5_000 / scale)) {
                rows.append(random.below(50) == 0 ? "| 序号 | 项目 | 金额 |" : "| \(row) | 项目\(row)\t甲 | \(row * 7) | 多 |")
            }
            lines.insert(contentsOf: rows, at: random.below(lines.count + 1))
            return joined()
        case "headerless-before-catalogue":
            let catalogue = lines.lastIndex { $0.contains("主要文件目录") } ?? lines.count
            lines.insert(contentsOf: ["重庆市武隆区人民政府办公室关于做好2022年", "防汛抗旱工作的通知", "（武隆府办发〔2022〕\(random.below(999))号）"],
                         at: min(catalogue, lines.count))
            return joined()
        case "hostile-payloads":
            for _ in 0..<(1 + random.below(10)) { insert(Self.payloads[random.below(Self.payloads.count)]) }
            return joined()
        case "byte-flips":
            var result = bytes
            for _ in 0..<(1 + random.below(50)) where !result.isEmpty { result[random.below(result.count)] = UInt8(random.below(256)) }
            return result
        case "digit-runs":
            for _ in 0..<(1 + random.below(10)) {
                let digits = String(repeating: "9", count: 10 + random.below(40))
                insert(["第\(digits)条 甲", "（\(digits)）乙", "\(digits). 丙", "\(digits)年\(digits)月\(digits)日", "武隆府办发〔\(digits)〕\(digits)号",
                        "第\(digits)期", "（总第\(digits)期）", "（下转第\(digits)页）"][random.below(8)])
            }
            return joined()
        default:
            return bytes
        }
    }

    static let payloads = [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<iframe src=\"javascript:alert(1)\">",
        "[链接](javascript:alert(1))", "<a href=\"javascript:alert(1)\">点</a>", "<!-- 注释 --><!--", "{{title}}{{{content}}}{{#x}}{{/x}}",
        "http://x.cn/<img src=x onerror=alert(1)>", "../../../etc/passwd", "<style>body{display:none}</style>", "<b><i>未闭合",
        "| a | b |\n|---|---|\n| <script>alert(1)</script> | c |", "\\<script\\>", "&lt;script&gt;", "<math><mi xlink:href=\"javascript:alert(1)\">",
    ]

    /// Re-encodes UTF-8 bytes with iconv, or `nil` when some character has no form in `encoding`.
    static func encode(_ bytes: [UInt8], to encoding: String) -> [UInt8]? {
        guard let converter = iconv_open(encoding, "UTF-8"), converter != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        let produced: Int? = input.withUnsafeMutableBytes { inputBuffer in
            output.withUnsafeMutableBytes { outputBuffer in
                var inputPointer = inputBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inputLeft = inputBuffer.count
                var outputPointer = outputBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outputLeft = outputBuffer.count
                guard iconv(converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft) != -1 else { return nil }
                return outputBuffer.count - outputLeft
            }
        }
        return produced.map { Array(output[..<$0]) }
    }
}

/// A small deterministic generator (SplitMix64): the same seed gives the same cases on every machine.
struct Random {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// A number in `0..<bound` (0 when `bound` is 0).
    mutating func below(_ bound: Int) -> Int {
        bound <= 0 ? 0 : Int(next() % UInt64(bound))
    }
}
