/// The strings that occur often in the archive: the set that decides how search cuts text into pieces.
///
/// A string is frequent when a sample of the texts holds it more than `threshold` times (scaled to the
/// sample). Every substring of a frequent string is then frequent too, so the set is a trie read from the
/// left (``child(of:_:)``) and from the right (``childToTheLeft(of:_:)``). Search stores, for each frequent
/// string, the documents that contain it; for each position of the text, the shortest string starting there
/// that is not frequent (a forward piece) and the shortest ending there (a backward piece), with positions.
/// Pieces are rare, so their position lists are short. Which strings are frequent only changes sizes, never
/// answers.
struct FrequentStrings: Sendable {
    /// Node 0 is the empty string; node n is `parent[n]`'s string followed by character `last[n]`.
    private(set) var parent: [UInt32] = [0]
    private(set) var last: [UInt32] = [0]
    private(set) var depth: [Int] = [0]
    /// The node of the string without its first character (node 0 for single characters): where a walk that has
    /// read a frequent string from some start stands for the next start, without reading it again.
    private(set) var suffix: [UInt32] = [0]
    private var forward = IntegerTable()
    private var backward = IntegerTable()
    /// The nodes of the frequent single characters by character id (0: not frequent): the first step of every
    /// walk, the most frequent look-up, without hashing.
    private var characterNodes: [UInt32] = []

    var count: Int { parent.count }

    /// Finds the frequent strings of `texts` (character ids, 0 between segments), counting on every
    /// `sampleStep`-th text only.
    init<ID: CharacterID>(texts: [[ID]], threshold: Int, sampleStep: Int, maximumLength: Int = 48) {
        let sample = stride(from: 0, to: texts.count, by: max(1, sampleStep)).map { texts[$0] }
        let minimum = max(2, threshold / max(1, sampleStep))
        // Positions whose string of the current length is frequent, with its node, in text and position order;
        // how many of them each text has. Two arrays of 4 bytes an entry, filtered in place: an entry of 12 bytes
        // for every character of the sample, its filtered copy and the doubling growth made a 50 MB document's
        // build peak here at 960 MB (now 490 MB).
        var activeCount = sample.map { text in text.count { $0 != 0 } }
        var positions: [Int32] = []
        positions.reserveCapacity(activeCount.reduce(0, +))
        for text in sample {
            for position in text.indices where text[position] != 0 { positions.append(Int32(position)) }
        }
        var nodes = [UInt32](repeating: 0, count: positions.count)
        var length = 0
        while !positions.isEmpty, length < maximumLength {
            var counts = IntegerTable()
            var entry = 0
            for (index, text) in sample.enumerated() {
                for _ in 0..<activeCount[index] {
                    let at = Int(positions[entry]) + length
                    if at < text.count, text[at] != 0 { counts.add(1, to: Self.key(nodes[entry], UInt32(text[at]))) }
                    entry += 1
                }
            }
            // Sorted, so node ids (and the files written from them) do not depend on hashing order.
            for (key, count) in counts.entriesByKey where count >= minimum {
                let node = UInt32(parent.count)
                parent.append(UInt32(key >> 32))
                last.append(UInt32(truncatingIfNeeded: key))
                depth.append(length + 1)
                forward.insert(key, node)
            }
            length += 1
            // Keep the positions whose string one character longer is frequent.
            var kept = 0
            entry = 0
            for (index, text) in sample.enumerated() {
                var keptInText = 0
                for _ in 0..<activeCount[index] {
                    let at = Int(positions[entry]) + length - 1
                    if at < text.count, text[at] != 0, let node = forward[Self.key(nodes[entry], UInt32(text[at]))] {
                        positions[kept] = positions[entry]
                        nodes[kept] = node
                        kept += 1
                        keptInText += 1
                    }
                    entry += 1
                }
                activeCount[index] = keptInText
            }
            positions.removeLast(positions.count - kept)
            nodes.removeLast(nodes.count - kept)
        }
        let largest = Int(last.max() ?? 0)
        characterNodes = Array(repeating: 0, count: largest + 1)
        for node in 1..<parent.count where parent[node] == 0 { characterNodes[Int(last[node])] = UInt32(node) }
        // The same strings read from the right: the node of c + s, found from the node of s and c. Nodes come in
        // order of length, so a node's parent has its suffix and first character already.
        suffix = Array(repeating: 0, count: parent.count)
        var firstCharacter = Array(repeating: UInt32(0), count: parent.count)
        for node in 1..<parent.count {
            let up = Int(parent[node])
            if up == 0 {
                firstCharacter[node] = last[node]
            } else {
                // A substring of a frequent string is frequent: the suffix is in the trie.
                suffix[node] = forward[Self.key(suffix[up], last[node])]!
                firstCharacter[node] = firstCharacter[up]
            }
            backward.insert(Self.key(suffix[node], firstCharacter[node]), UInt32(node))
        }
    }

    static func key(_ node: UInt32, _ character: UInt32) -> UInt64 { UInt64(node) << 32 | UInt64(character) }

    /// The node of the string of `node` followed by `character`, if that string is frequent.
    @inline(__always)
    func child(of node: UInt32, _ character: UInt32) -> UInt32? {
        node == 0 ? characterNode(character) : forward[Self.key(node, character)]
    }

    /// The node of `character` followed by the string of `node`, if that string is frequent.
    func childToTheLeft(of node: UInt32, _ character: UInt32) -> UInt32? {
        node == 0 ? characterNode(character) : backward[Self.key(node, character)]
    }

    @inline(__always)
    private func characterNode(_ character: UInt32) -> UInt32? {
        let index = Int(character)
        guard index < characterNodes.count, characterNodes[index] != 0 else { return nil }
        return characterNodes[index]
    }

    /// The character ids of a node's string.
    func characters(of node: UInt32) -> [UInt32] {
        var result: [UInt32] = []
        var node = node
        while node != 0 {
            result.append(last[Int(node)])
            node = parent[Int(node)]
        }
        return result.reversed()
    }
}

/// The type of the characters of a coded text: each character of the archive as a small number, 0 between
/// segments (`UInt16` when the archive has at most 65,536 different characters, `UInt32` otherwise).
typealias CharacterID = FixedWidthInteger & UnsignedInteger & Sendable
