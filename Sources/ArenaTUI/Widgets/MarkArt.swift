import ArenaKit

/// X and O drawn as shapes for any square size, so they differ by form and not only by colour:
/// X as two crossing diagonals, O as a rounded frame.
enum MarkArt {
    static func lines(_ mark: Mark, width: Int, height: Int, unicode: Bool) -> [String] {
        guard width >= 3, height >= 1 else {
            return Array(repeating: String(repeating: " ", count: width), count: height)
        }
        var grid = Array(repeating: Array(repeating: Character(" "), count: width), count: height)
        let margin = width >= 11 ? 2 : 1
        let left = margin
        let right = width - 1 - margin
        switch mark {
        case .x:
            let down: Character = unicode ? "╲" : "\\"
            let up: Character = unicode ? "╱" : "/"
            let cross: Character = unicode ? "╳" : "X"
            let top = height >= 7 ? 1 : 0
            let bottom = height - 1 - top
            for row in top...bottom {
                let span = max(1, bottom - top)
                let a = left + (row - top) * (right - left) / span
                let b = right - (row - top) * (right - left) / span
                if a == b {
                    grid[row][a] = cross
                } else {
                    grid[row][a] = down
                    grid[row][b] = up
                }
            }
        case .o:
            let top = height >= 7 ? 1 : 0
            let bottom = height - 1 - top
            let (tl, tr, bl, br, h, v): (Character, Character, Character, Character, Character, Character) =
                unicode ? ("╭", "╮", "╰", "╯", "─", "│") : (".", ".", "'", "'", "-", "|")
            for column in left...right {
                grid[top][column] = h
                grid[bottom][column] = h
            }
            for row in top...bottom {
                grid[row][left] = v
                grid[row][right] = v
            }
            grid[top][left] = tl
            grid[top][right] = tr
            grid[bottom][left] = bl
            grid[bottom][right] = br
        }
        return grid.map { String($0) }
    }
}
