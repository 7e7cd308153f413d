/// Samples the server's resident memory during the window and its CPU time at both ends.
struct ServerSampler: Sendable {
    let probe: ProcessProbe?

    struct Usage: Sendable, Encodable {
        var pid: Int32?
        var rssMiBStart: Double?
        var rssMiBEnd: Double?
        var rssMiBMax: Double?
        /// Percent of one core, averaged over the window (200 = both cores of this machine).
        var cpuPercent: Double?

        enum CodingKeys: String, CodingKey {
            case pid
            case rssMiBStart = "rss_mib_start"
            case rssMiBEnd = "rss_mib_end"
            case rssMiBMax = "rss_mib_max"
            case cpuPercent = "cpu_percent"
        }
    }

    /// Runs until `until` (monotonic nanoseconds), sampling RSS every 250 ms.
    func sample(until end: UInt64) async -> Usage {
        guard let probe else { return Usage() }
        let start = Now.nanos()
        let cpuStart = probe.cpuSeconds()
        let rssStart = probe.residentKiB()
        var rssMax = rssStart ?? 0
        var rssLast = rssStart
        while Now.nanos() < end {
            try? await Task.sleep(for: .milliseconds(min(250, max(1, Int((end &- Now.nanos()) / 1_000_000)))))
            if let rss = probe.residentKiB() {
                rssMax = max(rssMax, rss)
                rssLast = rss
            }
        }
        let elapsed = Double(Now.nanos() - start) / 1e9
        func mib(_ kib: Int) -> Double { (Double(kib) / 1024 * 10).rounded() / 10 }
        var usage = Usage(pid: probe.pid)
        usage.rssMiBStart = rssStart.map(mib)
        usage.rssMiBEnd = rssLast.map(mib)
        usage.rssMiBMax = mib(rssMax)
        if let a = cpuStart, let b = probe.cpuSeconds(), elapsed > 0 {
            usage.cpuPercent = ((b - a) / elapsed * 100).rounded()
        }
        return usage
    }
}
