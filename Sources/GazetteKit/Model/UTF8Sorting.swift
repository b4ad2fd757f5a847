import Foundation

extension Collection where Element == String {
    /// The strings in the order of their UTF-8 bytes, which for text in NFC (every path and key the site writes) is
    /// the order of `<`.
    ///
    /// Sorting a hundred thousand paths with `<` went through the string comparison's checks for each pair and
    /// compared bytes scattered over as many allocations, again and again over the prefixes they share
    /// (`search/3/records/`); here the bytes are copied into one buffer and sorted by ``UTF8Sorter``, which reads
    /// each shared prefix about once.
    public func sortedByUTF8() -> [String] {
        let strings = Array(self)
        return strings.orderByUTF8().map { strings[$0] }
    }

    /// The positions of the strings (counted from 0) in the order of ``sortedByUTF8()``.
    public func orderByUTF8() -> [Int] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(count * 32)
        var entries: [UTF8Sorter.Entry] = []
        entries.reserveCapacity(count)
        for (index, string) in enumerated() {
            let start = buffer.count
            buffer.append(contentsOf: string.utf8)
            entries.append(UTF8Sorter.Entry(start: start, count: buffer.count - start, index: index))
        }
        buffer.withUnsafeBufferPointer { bytes in
            entries.withUnsafeMutableBufferPointer { entries in
                UTF8Sorter(bytes: bytes, entries: entries).sort(0..<entries.count, depth: 0)
            }
        }
        return entries.map(\.index)
    }
}

/// Sorts strings held in one buffer by their bytes with a three-way radix quicksort (Bentley and Sedgewick's
/// multikey quicksort): the strings are split by their byte at one depth into those below, at and above a pivot
/// byte, and only those at the pivot go on to the next byte, so a prefix many strings share is not compared again
/// for every pair of them. A string that ends sorts before every longer one it is a prefix of.
struct UTF8Sorter {
    /// A string: where its bytes are in the buffer, and its position in the collection sorted.
    struct Entry {
        var start: Int
        var count: Int
        var index: Int
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let entries: UnsafeMutableBufferPointer<Entry>

    /// Below this many strings, a range is sorted by comparing pairs.
    static let smallRange = 12

    /// The byte of `entry` at `depth`, or -1 past its end.
    func byte(_ entry: Entry, at depth: Int) -> Int {
        depth < entry.count ? Int(bytes[entry.start + depth]) : -1
    }

    /// Sorts `range` of the entries, whose strings agree on their first `depth` bytes.
    func sort(_ range: Range<Int>, depth: Int) {
        var range = range
        var depth = depth
        while range.count > 1 {
            if range.count < Self.smallRange {
                sortByPairs(range, depth: depth)
                return
            }
            let pivot = medianByte(of: range, at: depth)
            // entries[lower..<below]: byte < pivot; [below..<above]: == pivot; [above..<upper]: > pivot.
            var below = range.lowerBound
            var cursor = range.lowerBound
            var above = range.upperBound
            while cursor < above {
                let value = byte(entries[cursor], at: depth)
                if value < pivot {
                    entries.swapAt(below, cursor)
                    below += 1
                    cursor += 1
                } else if value > pivot {
                    above -= 1
                    entries.swapAt(cursor, above)
                } else {
                    cursor += 1
                }
            }
            sort(range.lowerBound..<below, depth: depth)
            sort(above..<range.upperBound, depth: depth)
            // The strings at the pivot byte: all ended (equal) when the pivot is the end, else on to the next byte.
            guard pivot >= 0 else { return }
            range = below..<above
            depth += 1
        }
    }

    /// The median of the bytes at `depth` of the first, middle and last entries of `range`.
    private func medianByte(of range: Range<Int>, at depth: Int) -> Int {
        let first = byte(entries[range.lowerBound], at: depth)
        let middle = byte(entries[range.lowerBound + range.count / 2], at: depth)
        let last = byte(entries[range.upperBound - 1], at: depth)
        return max(min(first, middle), min(max(first, middle), last))
    }

    /// Insertion sort of a small range, comparing the bytes from `depth` on.
    private func sortByPairs(_ range: Range<Int>, depth: Int) {
        for position in range.dropFirst() {
            let entry = entries[position]
            var hole = position
            while hole > range.lowerBound, precedes(entry, entries[hole - 1], from: depth) {
                entries[hole] = entries[hole - 1]
                hole -= 1
            }
            entries[hole] = entry
        }
    }

    private func precedes(_ first: Entry, _ second: Entry, from depth: Int) -> Bool {
        let common = min(first.count, second.count) - depth
        if common > 0, let base = bytes.baseAddress {
            let order = memcmp(base + first.start + depth, base + second.start + depth, common)
            if order != 0 { return order < 0 }
        }
        return first.count < second.count
    }
}
