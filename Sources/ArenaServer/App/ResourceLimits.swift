#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum ResourceLimits {
    /// Every connection is a file descriptor; lift the soft limit to the hard one at start-up.
    static func raiseOpenFiles() {
        var limit = rlimit()
        #if canImport(Glibc)
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        #else
        guard getrlimit(RLIMIT_NOFILE, &limit) == 0 else { return }
        limit.rlim_cur = min(limit.rlim_max, 10240)
        _ = setrlimit(RLIMIT_NOFILE, &limit)
        #endif
    }

    /// Argon2 takes `argon2_memory_kib` (19 MiB by default) per hash. glibc raises its mmap
    /// threshold after the first such block is freed, after which every hash thread's arena keeps
    /// its 19 MiB: RSS grew from 180 to 474 MiB in one login storm. A fixed threshold keeps big
    /// blocks in their own mappings, returned to the system when freed.
    static func keepLargeAllocationsMapped() {
        #if canImport(Glibc)
        _ = glibcMallopt(glibcMmapThreshold, 1 << 20)
        #endif
    }
}

#if canImport(Glibc)
/// `mallopt` and `M_MMAP_THRESHOLD` live in <malloc.h>, which the Glibc module does not export.
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
private let glibcMmapThreshold: Int32 = -3
#endif
