@testable import GazetteKit
import Testing

/// The pair table OCR repair counts every pair of a source in gives the counts a dictionary gives, through growth
/// from a small table and with pairs that collide in their hash.
@Suite struct PairCountsTests {
    @Test func countsAreThoseOfADictionary() {
        var random = SplitMix(seed: 17)
        for capacity in [1, 100, 10_000] {
            var table = PairCounts(capacity: capacity)
            var expected: [UInt64: Int] = [:]
            // Common characters (a few hundred, as a text repeats its words) and rare ones of the whole block.
            for _ in 0..<50_000 {
                let common = random.next() % 4 != 0
                let first = UInt32(0x4E00 + random.next() % (common ? 300 : 0x5200))
                let second = UInt32(0x4E00 + random.next() % (common ? 300 : 0x5200))
                table.add(first, second)
                expected[UInt64(first) << 32 | UInt64(second), default: 0] += 1
            }
            for (pair, count) in expected {
                #expect(table.count(UInt32(pair >> 32), UInt32(truncatingIfNeeded: pair)) == count)
            }
            #expect(table.count(0x3007, 0x3007) == 0)
            #expect(table.count(0x4E00, 0xFFFF) == expected[0x4E00 << 32 | 0xFFFF, default: 0])
        }
    }
}
