// Asks the processor to bring the cache line of an address in for writing, without waiting for it: the search
// index's postings touch a random table entry for nearly every character, and several loads in flight at once
// hide the memory latency that one at a time pays in full.
static inline void gazette_prefetch_for_writing(const void *address) {
    __builtin_prefetch(address, 1, 3);
}
