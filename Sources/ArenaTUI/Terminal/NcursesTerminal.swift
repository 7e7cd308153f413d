import CNcursesw
import Foundation

/// The real terminal through ncursesw. Not thread-safe (Debian's ncurses is the non-threaded
/// build): create, use and restore it on the run loop's thread only.
public final class NcursesTerminal: TerminalDevice {
    public private(set) var size: Size
    public let unicode: Bool
    public let inputDescriptor: Int32 = STDIN_FILENO
    private let theme: Theme
    private let colors: Bool
    private var previous: ScreenBuffer?
    private var restored = false
    private var cursorVisible: Int32 = -1
    private let titleCapable: Bool
    private var titlePushed = false

    /// Sets up the screen: call only after anything printed to the plain terminal is done.
    public init(theme: Theme, environment: [String: String] = ProcessInfo.processInfo.environment) {
        setlocale(LC_ALL, "")
        let codeset = arena_codeset().map { String(cString: $0) } ?? ""
        unicode = codeset.uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
        // Esc must answer at once; sequences from the terminal arrive well within 25 ms.
        if environment["ESCDELAY"] == nil { set_escdelay(25) }
        initscr()
        cbreak()
        noecho()
        nonl()
        keypad(arena_stdscr(), true)
        nodelay(arena_stdscr(), true)
        intrflush(arena_stdscr(), false)
        mousemask(arena_button1_pressed(), nil)
        mouseinterval(0)
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let wantsColor = !noColor && theme.name != "mono" && has_colors()
        if wantsColor {
            start_color()
            use_default_colors()
        }
        colors = wantsColor
        let term = (environment["TERM"] ?? "").lowercased()
        titleCapable = ["xterm", "screen", "tmux", "rxvt", "alacritty", "kitty", "foot", "wezterm", "st-"].contains {
            term.hasPrefix($0)
        }
        self.theme = wantsColor ? theme : .monochrome
        size = Size(width: Int(arena_getmaxx()), height: Int(arena_getmaxy()))
        if colors { definePairs() }
    }

    deinit { restore() }

    private func definePairs() {
        let available = Int(arena_colors())
        for (index, role) in Role.allCases.enumerated() {
            let entry = theme.entry(for: role)
            init_pair(
                Int16(index + 1), colorNumber(entry.foreground, available), colorNumber(entry.background, available))
        }
    }

    private func colorNumber(_ color: Theme.Color, _ available: Int) -> Int16 {
        switch color {
        case .terminalDefault: return -1
        case .index(let n):
            // Bright colours fall back to their base colour on 8-colour terminals.
            if n >= available { return n >= 8 && n < 16 ? Int16(n - 8) : -1 }
            return Int16(n)
        }
    }

    public func readEvents() -> [AppEvent] {
        var events: [AppEvent] = []
        var value: wint_t = 0
        // A paste can bring many keys at once; the cap keeps one frame from starving the rest.
        for _ in 0..<4096 {
            let result = get_wch(&value)
            if result == ERR { break }
            if result == KEY_CODE_YES {
                let code = Int32(bitPattern: value)
                if code == KEY_RESIZE {
                    events.append(.resized(refreshSize()))
                } else if code == KEY_MOUSE {
                    var mouse = MEVENT()
                    if getmouse(&mouse) == OK, mouse.bstate & arena_button1_pressed() != 0 {
                        events.append(.click(Point(x: Int(mouse.x), y: Int(mouse.y))))
                    }
                } else if let key = KeyDecoder.functionKey(code) {
                    events.append(.key(key))
                }
            } else if let key = KeyDecoder.character(UInt32(value)) {
                events.append(.key(key))
            }
        }
        return events
    }

    public func windowChanged() -> Size {
        var rows: Int32 = 0
        var cols: Int32 = 0
        if arena_winsize(STDOUT_FILENO, &rows, &cols) != 0 { resizeterm(rows, cols) }
        return refreshSize()
    }

    private func refreshSize() -> Size {
        size = Size(width: Int(arena_getmaxx()), height: Int(arena_getmaxy()))
        previous = nil
        clear()
        return size
    }

    public func draw(_ buffer: ScreenBuffer) {
        guard !restored else { return }
        let spans = buffer.changes(since: previous)
        for span in spans {
            let (attributes, pair) = attributes(for: span.style)
            attr_set(attributes, pair, nil)
            var wide = span.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
            wide.append(0)
            _ = mvaddnwstr(Int32(span.y), Int32(span.x), wide, Int32(wide.count - 1))
        }
        attr_set(arena_a_normal(), 0, nil)
        if let cursor = buffer.cursor {
            setCursor(1)
            move(Int32(cursor.y), Int32(cursor.x))
        } else {
            setCursor(0)
            move(Int32(max(0, buffer.height - 1)), 0)
        }
        refresh()
        previous = buffer
    }

    private func setCursor(_ visibility: Int32) {
        guard visibility != cursorVisible else { return }
        curs_set(visibility)
        cursorVisible = visibility
    }

    private func attributes(for style: Style) -> (attr_t, Int16) {
        let entry = theme.entry(for: style.role)
        var attributes = arena_a_normal()
        if style.bold || entry.bold { attributes |= arena_a_bold() }
        if style.underline || entry.underline { attributes |= arena_a_underline() }
        if entry.dim { attributes |= arena_a_dim() }
        // In colour, a role with its own background already stands out; reverse would undo it.
        let reverse = entry.reverse || (style.reverse && !(colors && entry.background != .terminalDefault))
        if reverse { attributes |= arena_a_reverse() }
        let pair: Int16 = colors ? Int16((Role.allCases.firstIndex(of: style.role) ?? 0) + 1) : 0
        return (attributes, pair)
    }

    public func bell() {
        if !restored { beep() }
    }

    /// OSC 0 sets the title on xterm-like terminals and tmux; the title stack (push on the first
    /// title, pop on restore) gives the player's own title back when the client ends.
    public func setTitle(_ title: String) {
        guard !restored, titleCapable else { return }
        let clean = String(title.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        var sequence = ""
        if !titlePushed {
            sequence += "\u{1B}[22;0t"
            titlePushed = true
        }
        sequence += "\u{1B}]0;\(clean)\u{07}"
        FileHandle.standardOutput.write(Data(sequence.utf8))
    }

    public func restore() {
        guard !restored else { return }
        restored = true
        curs_set(1)
        endwin()
        if titlePushed {
            FileHandle.standardOutput.write(Data("\u{1B}[23;0t".utf8))
        }
    }
}
