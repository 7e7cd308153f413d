import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads a process's memory and CPU time from /proc, so the tool can report what the server used
/// during a run without any help from the server itself. Linux only; elsewhere every read is nil.
struct ProcessProbe: Sendable {
    let pid: Int32

    /// Clock ticks per second, the unit of utime/stime in /proc/<pid>/stat.
    static let ticksPerSecond: Double = {
        let ticks = sysconf(Int32(_SC_CLK_TCK))
        return ticks > 0 ? Double(ticks) : 100
    }()

    /// Resident memory in KiB (VmRSS), or nil when the process is gone.
    func residentKiB() -> Int? { statusField("VmRSS:") }

    /// Peak resident memory in KiB (VmHWM).
    func peakResidentKiB() -> Int? { statusField("VmHWM:") }

    /// User plus system CPU seconds the process has used so far.
    func cpuSeconds() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return nil }
        // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After ')': state is field 3, so utime (14) and stime (15) are at offsets 11 and 12.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Self.ticksPerSecond
    }

    private func statusField(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            return line.dropFirst(name.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first
                .flatMap { Int($0) }
        }
        return nil
    }

    /// The process listening on a local TCP port: the socket's inode from /proc/net/tcp{,6}, then
    /// the process holding a descriptor to it. Needs permission to read other processes' fds.
    static func listener(port: Int) -> Int32? {
        var inodes: Set<String> = []
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let f = line.split(separator: " ", omittingEmptySubsequences: true)
                // local_address is HEX_IP:HEX_PORT; st 0A is LISTEN; the inode is field 10.
                guard f.count > 9, f[3] == "0A", let colon = f[1].lastIndex(of: ":"),
                    Int(f[1][f[1].index(after: colon)...], radix: 16) == port
                else { continue }
                inodes.insert("socket:[\(f[9])]")
            }
        }
        guard !inodes.isEmpty, let procs = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else {
            return nil
        }
        for entry in procs {
            guard let pid = Int32(entry) else { continue }
            let fdDir = "/proc/\(entry)/fd"
            guard let fds = try? FileManager.default.contentsOfDirectory(atPath: fdDir) else { continue }
            for fd in fds {
                if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(fdDir)/\(fd)"),
                    inodes.contains(target)
                {
                    return pid
                }
            }
        }
        return nil
    }
}

/// What the machine is and how busy it is, for the report: benchmark figures mean little without it.
enum MachineInfo {
    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    static func cpuModel() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "?" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return "?"
    }

    static func cores() -> Int { ProcessInfo.processInfo.activeProcessorCount }

    static func memoryGiB() -> Double {
        Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
    }

    /// CPU seconds this process (the load tool) has used, user plus system.
    static func selfCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Every connection is a file descriptor: lift the soft limit to the hard one.
    static func raiseOpenFiles() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}
