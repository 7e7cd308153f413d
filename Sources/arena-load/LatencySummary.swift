/// Percentiles of a set of latency samples in microseconds, by sorting: a run holds at most a few
/// million samples, which sort in well under a second, and exact percentiles need no bucket maths.
struct LatencySummary: Sendable, Encodable {
    var count: Int
    var p50: Double
    var p95: Double
    var p99: Double
    var max: Double
    var mean: Double

    /// Samples are microseconds; the summary is milliseconds.
    init(microseconds samples: [UInt32]) {
        let sorted = samples.sorted()
        count = sorted.count
        func at(_ q: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            // Nearest rank: the smallest sample with at least q of all samples at or below it.
            let rank = Int((q * Double(sorted.count)).rounded(.up))
            return Double(sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]) / 1000
        }
        p50 = at(0.50)
        p95 = at(0.95)
        p99 = at(0.99)
        max = Double(sorted.last ?? 0) / 1000
        mean = sorted.isEmpty ? 0 : Double(sorted.reduce(0) { $0 + Int($1) }) / Double(sorted.count) / 1000
    }

    enum CodingKeys: String, CodingKey { case count, p50, p95, p99, max, mean }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        // Three decimals: microsecond resolution, without float noise in the JSON.
        func r(_ v: Double) -> Double { (v * 1000).rounded() / 1000 }
        try c.encode(count, forKey: .count)
        try c.encode(r(p50), forKey: .p50)
        try c.encode(r(p95), forKey: .p95)
        try c.encode(r(p99), forKey: .p99)
        try c.encode(r(max), forKey: .max)
        try c.encode(r(mean), forKey: .mean)
    }
}

/// Errors by kind: the code of an error frame, or what went wrong on the tool's side.
struct ErrorTally: Sendable {
    private(set) var counts: [String: Int] = [:]

    var total: Int { counts.values.reduce(0, +) }

    mutating func add(_ kind: String, _ n: Int = 1) { counts[kind, default: 0] += n }

    mutating func merge(_ other: ErrorTally) {
        for (kind, n) in other.counts { add(kind, n) }
    }
}
