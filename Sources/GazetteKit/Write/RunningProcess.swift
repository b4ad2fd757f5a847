public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a process still runs, for the files and folders a build names after its process id (staging folders,
/// the supervisor's temporary files): those of a process that runs are kept, those of one that ended are deleted.
public enum RunningProcess {
    /// Whether process `pid` runs: it exists (or belongs to another user, which signals cannot tell), and is not a
    /// zombie — a killed build whose parent died before reaping it stays one until the system reaps it, which some
    /// containers' first process does late or never, and its staging folder would be kept as a running build's.
    public static func runs(_ pid: pid_t) -> Bool {
        if pid == getpid() { return true }
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        #if os(Linux)
        // `PID (NAME) STATE …`: the state follows the last `)`, as the name may hold spaces and brackets.
        if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
           let nameEnd = stat.lastIndex(of: ")") {
            return stat[stat.index(after: nameEnd)...].drop { $0 == " " }.first != "Z"
        }
        #endif
        return true
    }
}
