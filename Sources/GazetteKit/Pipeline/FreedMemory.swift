#if canImport(Glibc)
/// glibc's `malloc_trim`, which the Glibc module does not export.
@_silgen_name("malloc_trim")
private func mallocTrim(_ padding: Int) -> Int32
#endif

/// Memory the build has freed, given back to the system between its big steps.
///
/// glibc keeps freed heap memory for later use; but the big arrays and pages of the next step are mapped
/// anew, so a huge source's freed paragraphs, search text and pages still counted in the process's memory
/// while the next step ran (a 200 MB document peaked at 2.4 GB).
enum FreedMemory {
    static func giveBack() {
        #if canImport(Glibc)
        _ = mallocTrim(0)
        #endif
    }
}
