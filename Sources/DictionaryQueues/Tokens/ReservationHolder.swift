import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who holds a token reservation. Workers name themselves `host:pid` (optionally followed by `/item/lang`), which
/// lets the ledger see that a holder on this host was killed and reclaim its reservation at once instead of after
/// its lifetime. Holders in any other form (a custom `--worker-id`, another host) are judged by lifetime only.
package enum ReservationHolder {
    /// This process's worker name, `host:pid`: the default lease owner and reservation holder.
    package static var currentProcess: String { "\(hostName):\(getpid())" }

    /// Whether `holder` names a process on this host that no longer exists.
    static func isDeadProcessOnThisHost(_ holder: String?) -> Bool {
        guard let holder, let owner = holder.split(separator: "/", maxSplits: 1).first,
              let colon = owner.lastIndex(of: ":"), owner[..<colon] == hostName,
              let pid = Int32(owner[owner.index(after: colon)...]), pid > 0, pid != getpid()
        else { return false }
        // Signal 0 checks existence only; ESRCH means no such process (EPERM means it exists under another user).
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// This host's name as `gethostname` reports it.
    package static let hostName: Substring = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "" }
        return Substring(String(cString: buffer))
    }()
}
