import CPrefetch

extension SearchPostings {
    /// The codes of the `d` records of one slice: for each frequent string (a node of ``FrequentStrings``), the
    /// documents that contain it with the first position and the number of occurrences. One
    /// ``GrowingCodes/Entry`` a node, by node number (an array of codes for each of thousands of nodes was a
    /// separate allocation checked for uniqueness on every document that touched it).
    final class StringDocuments: @unchecked Sendable {
        private typealias Entry = GrowingCodes.Entry
        private static let absent: UInt64 = 0
        private static let present: UInt64 = 1

        private let entries: UnsafeMutablePointer<Entry>
        private let count: Int
        private let codes: GrowingCodes

        /// Codes for the nodes `0..<nodes`, about `bytes` bytes in all.
        init(nodes: Int, bytes: Int) {
            count = nodes
            entries = GrowingCodes.allocateEntries(nodes, key: Self.absent)
            codes = GrowingCodes(bytes: bytes)
        }

        deinit { entries.deallocate() }

        /// Whether a document of the slice contains the string of `node`.
        func contains(_ node: Int) -> Bool { entries[node].key == Self.present }

        /// Starts fetching the entry of `node`, to be added to soon.
        @inline(__always)
        func prefetch(_ node: Int) {
            gazette_prefetch_for_writing(entries + node)
        }

        /// Adds `document` (after every document added before) to the documents of `node`.
        @inline(__always)
        func add(_ document: Int, to node: Int, first: Int, occurrences: Int) {
            let entry = entries + node
            if entry.pointee.key == Self.absent {
                // The first document's gap is written when slices are joined.
                entry.pointee = Entry(key: Self.present, document: document, position: 0)
            } else {
                codes.append(document - Int(entry.pointee.lastDocument), to: entry)
            }
            codes.append(first, to: entry)
            codes.append(occurrences, to: entry)
            entry.pointee.lastDocument = Int32(truncatingIfNeeded: document)
        }

        /// Appends the code of `node`, if a document of the slice contains it, after the slice's document gap from
        /// `previous` (the last document of the codes before); returns the last document now written.
        func appendCode(of node: Int, after previous: Int, to bytes: inout [UInt8]) -> Int {
            let entry = entries + node
            guard entry.pointee.key == Self.present else { return previous }
            PostingCode.append(Int(entry.pointee.firstDocument) - previous, to: &bytes)
            codes.appendCode(of: entry, to: &bytes)
            return Int(entry.pointee.lastDocument)
        }
    }
}
