/// A rating history as one row of block characters, lowest to highest.
enum Sparkline {
    static let unicodeLevels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiLevels: [Character] = ["_", ".", "-", "~", "=", "+", "*", "#"]

    static func render(_ values: [Int], unicode: Bool) -> String {
        let levels = unicode ? unicodeLevels : asciiLevels
        guard let low = values.min(), let high = values.max() else { return "" }
        // A flat history sits in the middle rather than on the floor.
        guard high > low else { return String(repeating: levels[levels.count / 2 - 1], count: values.count) }
        return String(
            values.map { value in
                let index = (value - low) * (levels.count - 1) / (high - low)
                return levels[min(levels.count - 1, max(0, index))]
            })
    }
}
