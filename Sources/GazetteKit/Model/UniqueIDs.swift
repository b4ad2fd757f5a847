/// Hands out ids that are unique within one scope: a base taken already gets `-2`, `-3` ….
struct UniqueIDs: Sendable {
    private var used: Set<String> = []

    /// The base itself if it is free, else the base with the first free suffix.
    mutating func claim(_ base: String) -> String {
        var id = base
        var suffix = 2
        while !used.insert(id).inserted {
            id = "\(base)-\(suffix)"
            suffix += 1
        }
        return id
    }
}
