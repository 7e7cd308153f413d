/// Where the login form's parts sit; shared by drawing and mouse hit-testing.
struct LoginLayout {
    var box: Rect
    var fieldRows: [LoginState.Field: Int]
    var fieldX: Int
    var fieldWidth: Int
    var buttonRow: Int
    var submitRange: Range<Int>
    var switchRange: Range<Int>
    var errorRow: Int

    static let labelWidth = 11

    init(size: Size, login: LoginState) {
        let fields = login.fields
        let height = fields.count * 2 + 8
        let width = min(size.width - 4, 56)
        let top = min(5, max(1, size.height - 3 - height))
        box = Rect(x: (size.width - width) / 2, y: top, width: width, height: height)
        var rows: [LoginState.Field: Int] = [:]
        for (index, field) in fields.enumerated() { rows[field] = box.y + 2 + index * 2 }
        fieldRows = rows
        fieldX = box.x + 3 + Self.labelWidth
        fieldWidth = box.maxX - 3 - fieldX
        buttonRow = box.y + 2 + fields.count * 2 + 1
        let submitLabel = login.mode == .login ? "[ Log in ]" : "[ Register ]"
        let switchLabel = login.mode == .login ? "[ Create an account ]" : "[ I have an account ]"
        let total = submitLabel.count + 4 + switchLabel.count
        let start = box.x + max(2, (box.width - total) / 2)
        submitRange = start..<(start + submitLabel.count)
        switchRange = (start + submitLabel.count + 4)..<(start + total)
        errorRow = buttonRow + 2
    }

    func focus(at point: Point) -> LoginState.Focus? {
        for (field, row) in fieldRows where row == point.y && point.x >= box.x && point.x < box.maxX {
            return .field(field)
        }
        if point.y == buttonRow {
            if submitRange.contains(point.x) { return .submit }
            if switchRange.contains(point.x) { return .switchMode }
        }
        return nil
    }
}

struct LoginView {
    var state: AppState
    var login: LoginState

    func render(into buffer: inout ScreenBuffer) {
        let layout = LoginLayout(size: buffer.size, login: login)
        let bannerRow = max(1, layout.box.y - 3)
        if layout.box.y >= 3 {
            buffer.putCentered("T I C T A C T O E   A R E N A", in: buffer.bounds, y: bannerRow, style: .accent)
            buffer.putCentered("server \(state.serverName)", in: buffer.bounds, y: bannerRow + 1, style: .muted)
        }
        buffer.drawBox(layout.box, title: login.mode == .login ? "Log in" : "Create an account")
        for field in login.fields {
            guard let row = layout.fieldRows[field] else { continue }
            let focused = login.focus == .field(field)
            let label = field == .fullName ? "Full name" : field.label
            buffer.put(label, x: layout.box.x + 2, y: row, style: focused ? .accent : .text)
            TextFieldView(
                value: login.value(field), width: layout.fieldWidth, focused: focused && !login.busy,
                masked: field == .password
            ).render(at: Point(x: layout.fieldX, y: row), into: &buffer)
            if let problem = login.fieldErrors[field] {
                buffer.put(
                    problem, x: layout.fieldX, y: row + 1, style: .error, maxWidth: layout.box.maxX - 2 - layout.fieldX)
            } else if field == .fullName {
                buffer.put("optional", x: layout.fieldX, y: row + 1, style: .muted)
            }
        }
        let submitLabel = login.mode == .login ? "[ Log in ]" : "[ Register ]"
        let switchLabel = login.mode == .login ? "[ Create an account ]" : "[ I have an account ]"
        buffer.put(
            submitLabel, x: layout.submitRange.lowerBound, y: layout.buttonRow,
            style: login.focus == .submit ? .selection : .accent)
        buffer.put(
            switchLabel, x: layout.switchRange.lowerBound, y: layout.buttonRow,
            style: login.focus == .switchMode ? .selection : .text)
        let messageWidth = layout.box.width - 4
        if login.busy {
            buffer.putCentered(
                login.info ?? (login.mode == .login ? "Logging in…" : "Creating your account…"), in: layout.box,
                y: layout.errorRow,
                style: .notice)
        } else if let error = login.formError {
            for (offset, line) in TextWrap.lines(error, width: messageWidth).prefix(2).enumerated() {
                buffer.putCentered(line, in: layout.box, y: layout.errorRow + offset, style: .error)
            }
        } else if let info = login.info {
            buffer.putCentered(info, in: layout.box, y: layout.errorRow, style: .notice)
        }
    }
}
