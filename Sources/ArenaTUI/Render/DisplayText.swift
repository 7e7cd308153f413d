import CNcursesw
import Glibc

/// How many terminal columns text takes, and what of it is safe to send to the terminal.
///
/// The unit is the grapheme cluster (`Character`): a base with its combining marks, an emoji
/// with its modifiers. Widths come from the C library's `wcwidth` in a UTF-8 locale (held apart
/// from the process's own locale, so a test or a non-UTF-8 terminal measures the same way).
/// Control and format characters would move the terminal's cursor: they become `?`.
enum DisplayText {
    /// The character a cell holds: `?` for what must not reach the terminal.
    static func cell(for character: Character) -> Character {
        guard let first = character.unicodeScalars.first else { return " " }
        let value = first.value
        if value < 0x80 { return value < 0x20 || value == 0x7F ? "?" : character }
        if (0x80..<0xA0).contains(value) { return "?" }
        switch first.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .control, .unassigned, .surrogate, .privateUse,
            .nonspacingMark, .enclosingMark, .spacingMark:
            // A mark with no base (text that starts with one) has nothing to sit on.
            return "?"
        default:
            return scalarWidth(first) < 0 ? "?" : character
        }
    }

    /// A one-column character for a terminal whose locale shows only ASCII: a character it
    /// cannot show would be dropped and pull the rest of the row one column left.
    static func ascii(_ character: Character) -> Character {
        if character.isASCII { return character }
        switch character {
        case "…": return "."
        case "·", "–", "—": return "-"
        case "•", "●": return "*"
        case "→": return ">"
        case "‘", "’": return "'"
        case "“", "”": return "\""
        default: return "?"
        }
    }

    /// Columns a cell's character takes: 1 or 2. The widest of its scalars, 2 with an emoji
    /// presentation selector; a cluster of several visible scalars (a flag's two regional
    /// indicators, an Indic conjunct) takes what the terminal gives them side by side, at most 2.
    static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        if let first = scalars.first, scalars.count == 1, first.value >= 0x20, first.value < 0x7F { return 1 }
        var total = 0
        var emojiPresentation = false
        for scalar in scalars {
            if scalar.value == 0xFE0F { emojiPresentation = true }
            total += max(0, scalarWidth(scalar))
        }
        if emojiPresentation { return 2 }
        return min(2, max(1, total))
    }

    /// The display width of text as the buffer draws it.
    static func width(of text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += width(of: cell(for: character)) }
        return total
    }

    /// The longest prefix of `text` that fits in `columns`, and its width.
    static func prefix(of text: some StringProtocol, columns: Int) -> (text: Substring, width: Int) {
        let text = Substring(text)
        var used = 0
        var end = text.startIndex
        while end < text.endIndex {
            let next = width(of: cell(for: text[end]))
            if used + next > columns { break }
            used += next
            end = text.index(after: end)
        }
        return (text[..<end], used)
    }

    /// The longest suffix of `text` that fits in `columns` (a text field shows the end it types).
    static func suffix(of text: some StringProtocol, columns: Int) -> (text: Substring, width: Int) {
        let text = Substring(text)
        var used = 0
        var start = text.endIndex
        while start > text.startIndex {
            let previous = text.index(before: start)
            let next = width(of: cell(for: text[previous]))
            if used + next > columns { break }
            used += next
            start = previous
        }
        return (text[start...], used)
    }

    /// What to send the terminal for a character drawn `columns` wide. Terminals place each
    /// scalar by its own width, so visible scalars past the first `columns` are dropped (a
    /// family emoji shows its first person) and a character the terminal draws narrower than
    /// the buffer does (a heart with an emoji selector) is padded with spaces: the rest of the
    /// row then lands in the columns the buffer put it in.
    static func terminalText(for character: Character, columns: Int) -> String {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let first = scalars.first, first.value < 0x7F {
            return columns == 1 ? String(character) : String(character) + String(repeating: " ", count: columns - 1)
        }
        var out = String.UnicodeScalarView()
        var used = 0
        // Zero-width scalars (marks, selectors, joiners) go with the visible one before them.
        var keepMarks = false
        for scalar in scalars {
            let scalarColumns = max(0, scalarWidth(scalar))
            if scalarColumns == 0 {
                if keepMarks { out.append(scalar) }
            } else if used + scalarColumns <= columns {
                out.append(scalar)
                used += scalarColumns
                keepMarks = true
            } else {
                keepMarks = false
            }
        }
        // A joiner left with nothing after it could join the next cell's character.
        while out.last?.value == 0x200D { out.removeLast() }
        if used == 0 { return String(repeating: " ", count: columns) }
        return String(out) + String(repeating: " ", count: columns - used)
    }

    /// `wcwidth` of one scalar in a UTF-8 locale: -1 unprintable, 0 combining, 1, or 2.
    static func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
        if scalar.value >= 0x20, scalar.value < 0x7F { return 1 }
        if let locale = UTF8Locale.shared.handle {
            let previous = uselocale(locale)
            defer { uselocale(previous) }
            return Int(arena_wcwidth(scalar.value))
        }
        return fallbackWidth(scalar)
    }

    /// Used only where no UTF-8 locale exists: the East Asian wide and emoji blocks.
    private static func fallbackWidth(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return -1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1FAFF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}

/// A UTF-8 `LC_CTYPE` locale made once and used per thread (`uselocale`) only around `wcwidth`,
/// so widths never depend on the locale the process happens to run in.
private final class UTF8Locale: Sendable {
    static let shared = UTF8Locale()
    nonisolated(unsafe) let handle: locale_t?

    private init() {
        handle = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil) ?? newlocale(LC_CTYPE_MASK, "en_US.UTF-8", nil)
    }
}

extension StringProtocol {
    /// Terminal columns the text takes (`DisplayText.width`): what fitting and centring measure.
    var displayWidth: Int { DisplayText.width(of: self) }
}
