/// Board squares as a screen reader says them: columns A-C left to right, rows 1-3 top to
/// bottom ("B2" is the centre), or the digits 1-9 row by row as on the keypad-like board.
public enum Coordinates {
    public static func name(_ position: Int) -> String {
        guard (0..<9).contains(position) else { return "?" }
        return "\(["A", "B", "C"][position % 3])\(position / 3 + 1)"
    }

    /// "A1".."C3" in either order or case ("b2", "2B"), or "1".."9"; nil for anything else.
    public static func parse(_ text: String) -> Int? {
        let cleaned = text.trimmingCharacters(in: .whitespaces).uppercased()
        if let digit = Int(cleaned), (1...9).contains(digit) { return digit - 1 }
        let characters = Array(cleaned)
        guard characters.count == 2 else { return nil }
        let letter = characters.first { $0.isLetter }
        let number = characters.first { $0.isNumber }.flatMap { $0.wholeNumberValue }
        guard let letter, let number, (1...3).contains(number),
            let column = ["A", "B", "C"].firstIndex(of: letter)
        else { return nil }
        return (number - 1) * 3 + column
    }
}
