import Foundation
import Synchronization

/// The records of the search index, keyed by the string they are about, each a ``PostingCode`` text:
///
/// - `d` + a frequent string: for each document that contains it, the document (as a gap from the previous
///   one, the first from -1), the first position and the number of occurrences;
/// - `f` + a forward piece: for each occurrence, the document gap (0: same document) and the start
///   position (a gap from the previous one in the same document);
/// - `b` + a backward piece: the same with the position one past its end.
///
/// Made from the documents' texts in one slice a core; each slice writes its own codes and the
/// slices are joined in document order, so the result does not depend on the number of cores.
struct SearchPostings: Sendable {
    /// A record: its key in the index and where its codes are in the slices.
    struct Record: Sendable {
        enum Source: Sendable {
            case documents(node: Int)
            case forward(UInt64)
            case backward(UInt64)
        }

        var key: String
        var source: Source
    }

    private(set) var records: [Record] = []
    private let slices: [Slice]

    /// Takes `texts` (left empty): each slice lets a document's text go once it has walked it, so the coded texts
    /// are not held beside the complete postings.
    init<ID: CharacterID>(texts: inout [[ID]], strings: FrequentStrings, characters: [Unicode.Scalar]) {
        // One slice a core: a slice has its own code for every piece it sees, so more slices cost memory.
        // Slices of about the same number of characters, not of documents: the cores finish together.
        let sliceCount = max(1, min(texts.count, ProcessInfo.processInfo.activeProcessorCount))
        let total = texts.reduce(0) { $0 + $1.count }
        var ends: [Int] = []
        var counted = 0
        for (document, text) in texts.enumerated() {
            counted += text.count
            while ends.count < sliceCount - 1, counted * sliceCount >= total * (ends.count + 1) {
                ends.append(document + 1)
            }
        }
        ends.append(texts.count)
        let ranges = ends.indices.map { slice in (slice == 0 ? 0 : ends[slice - 1])..<ends[slice] }
        let queues = ranges.map { TextQueue(Array(texts[$0])) }
        texts = []
        slices = Array(ranges.indices).concurrentMap { slice in
            Slice(texts: queues[slice], range: ranges[slice], strings: strings)
        }
        func string(_ ids: [UInt32]) -> String {
            var view = String.UnicodeScalarView()
            for id in ids { view.append(characters[Int(id)]) }
            return String(view)
        }
        for node in 1..<strings.count where slices.contains(where: { $0.documents.contains(node) }) {
            records.append(Record(key: "d" + string(strings.characters(of: UInt32(node))), source: .documents(node: node)))
        }
        for key in Set(slices.flatMap(\.forward.keys)).sorted() {
            let text = strings.characters(of: UInt32(key >> 32)) + [UInt32(truncatingIfNeeded: key)]
            records.append(Record(key: "f" + string(text), source: .forward(key)))
        }
        for key in Set(slices.flatMap(\.backward.keys)).sorted() {
            let text = [UInt32(truncatingIfNeeded: key)] + strings.characters(of: UInt32(key >> 32))
            records.append(Record(key: "b" + string(text), source: .backward(key)))
        }
    }

    /// Appends the ``PostingCode`` of a record to `bytes`: its slices' codes joined in document order, each
    /// slice's first document written as a gap from the last document of the slice before.
    func appendCode(of record: Record, to bytes: inout [UInt8]) {
        var previous = -1
        for slice in slices {
            switch record.source {
            case .documents(let node):
                previous = slice.documents.appendCode(of: node, after: previous, to: &bytes)
            case .forward(let key):
                previous = slice.forward.appendCode(of: key, after: previous, to: &bytes)
            case .backward(let key):
                previous = slice.backward.appendCode(of: key, after: previous, to: &bytes)
            }
        }
    }

    /// The coded texts of one slice's documents, each taken out (and let go by the slice once walked) in turn.
    final class TextQueue<ID: CharacterID>: Sendable {
        private let texts: Mutex<[[ID]]>
        let characters: Int

        init(_ texts: [[ID]]) {
            characters = texts.reduce(0) { $0 + $1.count }
            self.texts = Mutex(texts)
        }

        /// The text at `offset`, no longer held here.
        func take(_ offset: Int) -> [ID] {
            texts.withLock { texts in
                var text: [ID] = []
                swap(&text, &texts[offset])
                return text
            }
        }
    }

    /// The records of the documents in one range.
    struct Slice: Sendable {
        let documents: StringDocuments
        let forward: Pieces
        let backward: Pieces

        init<ID: CharacterID>(texts: TextQueue<ID>, range: Range<Int>, strings: FrequentStrings) {
            // Each character starts one forward piece and ends one backward piece at most.
            let characters = texts.characters
            forward = Pieces(occurrences: characters)
            backward = Pieces(occurrences: characters)
            documents = StringDocuments(nodes: strings.count, bytes: characters)
            // Written for every character: buffers, not arrays, which check on every write that they are not shared.
            let seenIn = UnsafeMutableBufferPointer<Int>.allocate(capacity: strings.count)
            let first = UnsafeMutableBufferPointer<Int>.allocate(capacity: strings.count)
            let occurrences = UnsafeMutableBufferPointer<Int>.allocate(capacity: strings.count)
            seenIn.initialize(repeating: -1)
            first.initialize(repeating: 0)
            occurrences.initialize(repeating: 0)
            defer {
                for buffer in [seenIn, first, occurrences] { buffer.deallocate() }
            }
            var touched: [Int] = []
            // The nodes touched in a document by length, to pass their counts on to their parents.
            var touchedByDepth = Array(repeating: [Int](), count: (strings.depth.max() ?? 0) + 1)
            for document in range {
                let text = texts.take(document - range.lowerBound)
                touched.removeAll(keepingCapacity: true)
                // The walk stands at `node`, the frequent string text[start..<index]. The walk from the next start
                // goes on from the node of the same string without its first character (a substring of a frequent
                // string is frequent), so each character is read once, however long the frequent strings are.
                var node: UInt32 = 0
                var index = 0
                for start in text.indices where text[start] != 0 {
                    if index <= start {
                        node = 0
                        index = start
                    }
                    while true {
                        let character = index < text.count ? UInt32(text[index]) : 0
                        if character == 0 { break }
                        guard let next = strings.child(of: node, character) else {
                            forward.add(document, start, to: FrequentStrings.key(node, character))
                            break
                        }
                        node = next
                        // No earlier start reaches `index` (their walks stopped before it), so text[start...index]
                        // is the longest frequent string ending here: the backward piece ending here is it with the
                        // character before it, the same as a walk to the left from here would find.
                        if start > 0, text[start - 1] != 0 {
                            backward.add(document, index + 1, to: FrequentStrings.key(node, UInt32(text[start - 1])))
                        }
                        index += 1
                    }
                    if node == 0 {
                        // Not even the character is frequent: it is its own backward piece.
                        backward.add(document, start + 1, to: FrequentStrings.key(0, UInt32(text[start])))
                        continue
                    }
                    // The walk from `start` passed every prefix of `node`: counted here for `node` alone, passed
                    // on to the prefixes at the end of the document.
                    let slot = Int(node)
                    if seenIn[slot] != document {
                        seenIn[slot] = document
                        first[slot] = start
                        occurrences[slot] = 0
                        touched.append(slot)
                    }
                    occurrences[slot] += 1
                    node = strings.suffix[slot]
                }
                // Longest first: a node's count is complete before it is added to its parent's.
                for slot in touched { touchedByDepth[strings.depth[slot]].append(slot) }
                for length in stride(from: touchedByDepth.count - 1, through: 1, by: -1) {
                    for slot in touchedByDepth[length] where length > 1 {
                        let up = Int(strings.parent[slot])
                        if seenIn[up] != document {
                            seenIn[up] = document
                            first[up] = first[slot]
                            occurrences[up] = 0
                            touched.append(up)
                            touchedByDepth[length - 1].append(up)
                        } else {
                            first[up] = min(first[up], first[slot])
                        }
                        occurrences[up] += occurrences[slot]
                    }
                    touchedByDepth[length].removeAll(keepingCapacity: true)
                }
                // Each node's code is its own: the order they are visited in does not change them.
                // Each entry fetched a few nodes ahead: the nodes are scattered over a table larger than the cache.
                for (offset, slot) in touched.enumerated() {
                    if offset + 8 < touched.count { documents.prefetch(touched[offset + 8]) }
                    documents.add(document, to: slot, first: first[slot], occurrences: occurrences[slot])
                }
            }
            forward.finish()
            backward.finish()
        }
    }
}
