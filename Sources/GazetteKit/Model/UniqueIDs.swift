/// Hands out ids that are unique within one scope: a base taken already gets `-2`, `-3` ….
struct UniqueIDs: Sendable {
    private var used: Set<String> = []
    /// For each base, the suffix to try first: every one below it is taken (and stays taken), so a base printed
    /// thousands of times does not try every suffix again each time.
    private var nextSuffix: [String: Int] = [:]

    /// The base itself if it is free, else the base with the first free suffix.
    mutating func claim(_ base: String) -> String {
        var id = base
        var suffix = nextSuffix[base] ?? 2
        while !used.insert(id).inserted {
            id = "\(base)-\(suffix)"
            suffix += 1
        }
        if id != base { nextSuffix[base] = suffix }
        return id
    }
}
