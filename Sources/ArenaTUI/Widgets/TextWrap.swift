/// Greedy word wrap to a column width; words longer than a line are split.
enum TextWrap {
    /// `continuationWidth` is the room on the lines after the first (a hanging indent takes the
    /// rest); it defaults to `width`.
    static func lines(_ text: String, width: Int, continuationWidth: Int? = nil) -> [String] {
        let later = continuationWidth ?? width
        guard width > 0, later > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        var room: Int { lines.isEmpty ? width : later }
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            while word.count > room {
                if !current.isEmpty {
                    lines.append(current)
                    current = ""
                    continue
                }
                let take = room
                lines.append(String(word.prefix(take)))
                word = word.dropFirst(take)
            }
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= room {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
