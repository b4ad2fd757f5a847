/// The records of the search index, keyed by the string they are about, each a ``PostingCode`` text:
///
/// - `d` + a frequent string: for each document that contains it, the document (as a gap from the previous
///   one, the first from -1), the first position and the number of occurrences;
/// - `f` + a forward piece: for each occurrence, the document gap (0: same document) and the start
///   position (a gap from the previous one in the same document);
/// - `b` + a backward piece: the same with the position one past its end.
///
/// Made from the documents' texts in a few slices on all cores; each slice writes its own codes and the
/// slices are joined in document order, so the result does not depend on the number of cores.
struct SearchPostings: Sendable {
    private(set) var records: [(key: String, code: [UInt8])] = []

    init(texts: [[UInt32]], strings: FrequentStrings, characters: [Unicode.Scalar]) {
        let sliceCount = min(texts.count, 16)
        let slices = (0..<sliceCount).map { slice in
            (texts.count * slice / sliceCount)..<(texts.count * (slice + 1) / sliceCount)
        }
        let parts = slices.concurrentMap { range in Slice(texts: texts, range: range, strings: strings) }
        func string(_ ids: [UInt32]) -> String {
            var view = String.UnicodeScalarView()
            for id in ids { view.append(characters[Int(id)]) }
            return String(view)
        }
        var records: [(key: String, code: [UInt8])] = []
        for node in 1..<strings.count {
            let code = Self.join(parts.map { $0.documents[node] })
            if !code.isEmpty { records.append(("d" + string(strings.characters(of: UInt32(node))), code)) }
        }
        for (prefix, keyPath) in [("f", \Slice.forward), ("b", \Slice.backward)] {
            let keys = Set(parts.flatMap { $0[keyPath: keyPath].keys }).sorted()
            for key in keys {
                let node = UInt32(key >> 32)
                let character = UInt32(truncatingIfNeeded: key)
                let text = prefix == "f" ? strings.characters(of: node) + [character] : [character] + strings.characters(of: node)
                records.append((prefix + string(text), Self.join(parts.map { $0[keyPath: keyPath][key] })))
            }
        }
        self.records = records
    }

    /// The code of one slice: the first document gap is written when slices are joined.
    struct Code: Sendable {
        var firstDocument: Int
        var lastDocument: Int
        var lastPosition: Int
        var bytes: [UInt8]
    }

    private static func join(_ codes: [Code?]) -> [UInt8] {
        var result: [UInt8] = []
        var previous = -1
        for code in codes {
            guard let code else { continue }
            PostingCode.append(code.firstDocument - previous, to: &result)
            result += code.bytes
            previous = code.lastDocument
        }
        return result
    }

    /// The records of the documents in one range.
    struct Slice: Sendable {
        var documents: [Code?]
        var forward: [UInt64: Code] = [:]
        var backward: [UInt64: Code] = [:]

        init(texts: [[UInt32]], range: Range<Int>, strings: FrequentStrings) {
            documents = Array(repeating: nil, count: strings.count)
            var seenIn = Array(repeating: -1, count: strings.count)
            var first = Array(repeating: 0, count: strings.count)
            var occurrences = Array(repeating: 0, count: strings.count)
            var touched: [Int] = []
            for document in range {
                let text = texts[document]
                touched.removeAll(keepingCapacity: true)
                for start in text.indices where text[start] != 0 {
                    var node: UInt32 = 0
                    var index = start
                    while true {
                        let character = index < text.count ? text[index] : 0
                        if character == 0 { break }
                        guard let next = strings.child(of: node, character) else {
                            Self.add(document, start, to: &forward[FrequentStrings.key(node, character)])
                            break
                        }
                        node = next
                        let slot = Int(node)
                        if seenIn[slot] != document {
                            seenIn[slot] = document
                            first[slot] = start
                            occurrences[slot] = 0
                            touched.append(slot)
                        }
                        occurrences[slot] += 1
                        index += 1
                    }
                }
                for end in text.indices where text[end] != 0 {
                    var node: UInt32 = 0
                    var index = end
                    while true {
                        let character = index >= 0 ? text[index] : 0
                        if character == 0 { break }
                        guard let next = strings.childToTheLeft(of: node, character) else {
                            Self.add(document, end + 1, to: &backward[FrequentStrings.key(node, character)])
                            break
                        }
                        node = next
                        index -= 1
                    }
                }
                for slot in touched.sorted() {
                    // Mutated in place: a copy of the code would copy its bytes on every document.
                    if documents[slot] == nil {
                        // The first document's gap is written when slices are joined.
                        documents[slot] = Code(firstDocument: document, lastDocument: document, lastPosition: 0, bytes: [])
                    } else {
                        PostingCode.append(document - documents[slot]!.lastDocument, to: &documents[slot]!.bytes)
                    }
                    PostingCode.append(first[slot], to: &documents[slot]!.bytes)
                    PostingCode.append(occurrences[slot], to: &documents[slot]!.bytes)
                    documents[slot]!.lastDocument = document
                }
            }
        }

        /// Adds one occurrence of a piece: document gap (0 for the same document), then the position or its gap.
        private static func add(_ document: Int, _ position: Int, to code: inout Code?) {
            guard code != nil else {
                var bytes: [UInt8] = []
                PostingCode.append(position, to: &bytes)
                code = Code(firstDocument: document, lastDocument: document, lastPosition: position, bytes: bytes)
                return
            }
            if code!.lastDocument == document {
                PostingCode.append(0, to: &code!.bytes)
                PostingCode.append(position - code!.lastPosition, to: &code!.bytes)
            } else {
                PostingCode.append(document - code!.lastDocument, to: &code!.bytes)
                PostingCode.append(position, to: &code!.bytes)
            }
            code!.lastDocument = document
            code!.lastPosition = position
        }
    }
}
