import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Prometheus' standard process metrics, read when `/metrics` is scraped: swift-prometheus does
/// not collect them. `process_cpu_seconds_total` is what `arena-load` divides by the moves it
/// counted to report the server's CPU per move, a figure a noisy machine cannot blur.
enum ProcessMetrics {
    static func text(startedAt: Date) -> String {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpu =
            Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
            + Double(usage.ru_stime.tv_usec) / 1e6
        var lines = [
            "# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.",
            "# TYPE process_cpu_seconds_total counter",
            "process_cpu_seconds_total \(cpu)",
            "# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.",
            "# TYPE process_start_time_seconds gauge",
            "process_start_time_seconds \(startedAt.timeIntervalSince1970)",
        ]
        if let resident = residentBytes() {
            lines += [
                "# HELP process_resident_memory_bytes Resident memory size in bytes.",
                "# TYPE process_resident_memory_bytes gauge",
                "process_resident_memory_bytes \(resident)",
            ]
        }
        if let fds = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            lines += [
                "# HELP process_open_fds Number of open file descriptors.",
                "# TYPE process_open_fds gauge",
                "process_open_fds \(fds.count)",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The second field of /proc/self/statm, in pages.
    private static func residentBytes() -> Int? {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
