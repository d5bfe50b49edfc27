#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's open-files limit (RLIMIT_NOFILE), which caps how many connections `dict serve` can hold.
enum OpenFilesLimit {
    /// Descriptors kept free for everything that is not a client connection: database files and their WAL and
    /// shared-memory files, the model's memory maps, the listening socket, log output.
    static let reserved = 64

    /// `requested`, or fewer when the soft limit leaves less room (never below 1).
    /// (An unlimited soft limit, RLIM_INFINITY, is `rlim_t.max`.)
    static func connectionsThatFit(_ requested: Int) -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return requested }
        let available = Int(clamping: limit.rlim_cur) - reserved
        return max(1, min(requested, available))
    }
}
