import Foundation

/// Populates a freshly allocated buffer's pages on another thread (`madvise(MADV_POPULATE_WRITE)`, Linux 5.14+)
/// while the caller fills it from the front, so the kernel's page faults and zeroing of new memory (a third of a
/// large index load) run on the spare core. Where the call is unsupported it does nothing and the caller's own
/// writes fault the pages in, as before.
enum MemoryPrefault {
    /// Starts populating the whole pages inside `byteCount` bytes at `base`; wait for the result before the buffer
    /// can be freed. Nil when there are fewer than 16 pages (not worth a thread).
    static func start(_ base: UnsafeMutableRawPointer, byteCount: Int) -> BackgroundResult<Void>? {
        let page = max(Int(sysconf(Int32(_SC_PAGESIZE))), 4096)
        let start = (Int(bitPattern: base) + page - 1) / page * page
        let end = (Int(bitPattern: base) + byteCount) / page * page
        guard end - start >= 16 * page else { return nil }
        return BackgroundResult {
            #if os(Linux)
            _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, 23) // MADV_POPULATE_WRITE
            #endif
        }
    }
}
