#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel to back a large, not yet touched allocation with transparent huge pages (Linux `madvise`,
/// `MADV_HUGEPAGE`; most distributions enable THP only for regions that ask). For WordNet's 315 MB matrix that is
/// about 150 faults of 2 MiB instead of 77,000 of 4 KiB while the index loads, and fewer TLB misses in every
/// scan. Only whole 2 MiB blocks inside the region are advised; elsewhere, or where THP is off, it does nothing.
enum HugePages {
    /// Regions smaller than this are left alone (a few 2 MiB pages would gain nothing).
    static let minimumBytes = 8 << 20
    static let pageBytes = 2 << 20

    static func advise(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        #if os(Linux)
        guard byteCount >= minimumBytes else { return }
        let start = (Int(bitPattern: pointer) + pageBytes - 1) & ~(pageBytes - 1)
        let end = (Int(bitPattern: pointer) + byteCount) & ~(pageBytes - 1)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        // Advice only: a kernel without THP answers EINVAL, and the memory works the same.
        _ = madvise(aligned, end - start, MADV_HUGEPAGE)
        #endif
    }
}
