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
}
