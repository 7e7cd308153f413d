/// Greedy word wrap to a column width (display columns: a CJK character takes two); words
/// longer than a line are split between characters, never inside one.
enum TextWrap {
    /// `continuationWidth` is the room on the lines after the first (a hanging indent takes the
    /// rest); it defaults to `width`.
    static func lines(_ text: String, width: Int, continuationWidth: Int? = nil) -> [String] {
        let later = continuationWidth ?? width
        guard width > 0, later > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        var room: Int { lines.isEmpty ? width : later }
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            var wordWidth = DisplayText.width(of: word)
            while wordWidth > room {
                if !current.isEmpty {
                    // A word that must be split anyway (CJK text has no spaces) first fills the
                    // rest of the line instead of leaving it empty.
                    let head = DisplayText.prefix(of: word, columns: room - currentWidth - 1)
                    if !head.text.isEmpty {
                        current += " " + head.text
                        word = word.dropFirst(head.text.count)
                        wordWidth -= head.width
                    }
                    lines.append(current)
                    current = ""
                    currentWidth = 0
                    continue
                }
                var head = DisplayText.prefix(of: word, columns: room)
                // A wide character on a one-column line: it goes alone (and is drawn cut short).
                if head.text.isEmpty { head = (word.prefix(1), DisplayText.width(of: word.prefix(1))) }
                lines.append(String(head.text))
                word = word.dropFirst(head.text.count)
                wordWidth -= head.width
            }
            if current.isEmpty {
                current = String(word)
                currentWidth = wordWidth
            } else if currentWidth + 1 + wordWidth <= room {
                current += " " + word
                currentWidth += 1 + wordWidth
            } else {
                lines.append(current)
                current = String(word)
                currentWidth = wordWidth
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
