/// Makes text safe for a one-column-per-character grid: control characters would move the
/// terminal's cursor and wide characters would push the rest of the row over, so both become `?`.
enum DisplayText {
    static func cell(for character: Character) -> Character {
        guard let first = character.unicodeScalars.first else { return " " }
        let value = first.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return "?" }
        switch first.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .control, .unassigned, .surrogate, .privateUse:
            return "?"
        case .nonspacingMark, .enclosingMark:
            return "?"
        default:
            break
        }
        if isWide(value) { return "?" }
        return character
    }

    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F000...0x1FAFF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
