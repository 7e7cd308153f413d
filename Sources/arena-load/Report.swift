import Foundation

/// The machine and moment of a run: every figure in BENCHMARKS.md is read next to these.
struct RunContext: Encodable, Sendable {
    var date: String
    var cores: Int
    var cpuModel: String
    var memoryGib: Double
    var loadAverageStart: String
    var loadAverageEnd: String = ""

    static func now() -> RunContext {
        RunContext(
            date: ISO8601DateFormatter().string(from: Date()), cores: MachineInfo.cores(),
            cpuModel: MachineInfo.cpuModel(), memoryGib: (MachineInfo.memoryGiB() * 10).rounded() / 10,
            loadAverageStart: MachineInfo.loadAverage())
    }
}

/// Writes a report: a table for people, then (with --json) the same data as one JSON line last.
enum ReportWriter {
    static func emit<R: Encodable>(table: [(String, String)], report: R, json: Bool) {
        let width = table.map(\.0.count).max() ?? 0
        var text = ""
        for (label, value) in table {
            text += label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value + "\n"
        }
        if json {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            if let data = try? encoder.encode(report) { text += String(decoding: data, as: UTF8.self) + "\n" }
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func ms(_ summary: LatencySummary) -> String {
        String(
            format: "p50 %.2f  p95 %.2f  p99 %.2f  max %.2f ms  (%d samples)", summary.p50, summary.p95,
            summary.p99, summary.max, summary.count)
    }

    static func usage(_ u: ServerSampler.Usage) -> String {
        guard let pid = u.pid else { return "not found (pass --server-pid)" }
        let rss = [u.rssMiBStart, u.rssMiBEnd, u.rssMiBMax].map { $0.map { String(format: "%.1f", $0) } ?? "?" }
        let cpu = u.cpuPercent.map { String(format: "%.0f%%", $0) } ?? "?"
        return "pid \(pid): RSS \(rss[0]) -> \(rss[1]) MiB (max \(rss[2])), CPU \(cpu) of one core"
    }
}
