#if canImport(Glibc)
import Glibc
#endif

/// Memory for the search index's large tables, read and written at random: in huge pages where the system allows
/// them. A table of 8 MB is 2,048 pages of 4 KB, more than the processor's cache of addresses holds, so a look-up
/// that missed the data cache also waited for the page's address.
enum LargeAllocation {
    static let hugePage = 2 << 20

    /// `byteCount` bytes, uninitialised, aligned to 64 bytes at least; free with `deallocate()`.
    static func allocate(byteCount: Int) -> UnsafeMutableRawPointer {
        guard byteCount >= hugePage else { return .allocate(byteCount: byteCount, alignment: 64) }
        let rounded = (byteCount + hugePage - 1) / hugePage * hugePage
        let memory = UnsafeMutableRawPointer.allocate(byteCount: rounded, alignment: hugePage)
        #if canImport(Glibc)
        // Advice only: without huge pages the memory works the same, more slowly.
        _ = madvise(memory, rounded, MADV_HUGEPAGE)
        #endif
        return memory
    }
}
