import ArenaKit

/// Where the profile form's parts sit; shared by drawing and mouse hit-testing.
struct ProfileLayout {
    var box: Rect
    var summaryRow: Int
    var fieldRows: [ProfileState.Field: Int]
    var labelX: Int
    var fieldX: Int
    var fieldWidth: Int
    var saveRow: Int
    var passwordRuleRow: Int
    var changeRow: Int
    var logoutRow: Int
    var messageRow: Int
    var buttons: [ProfileState.Focus: Range<Int>]

    static let saveLabel = "[ Save ]"
    static let changeLabel = "[ Change password ]"
    static let logoutLabel = "[ Log out ]"
    static let logoutEverywhereLabel = "[ Log out everywhere ]"
    static let sshKeysLabel = "[ SSH keys ]"

    init(size: Size) {
        let width = min(size.width - 2, 70)
        let height = min(size.height - 3, 19)
        box = Rect(x: (size.width - width) / 2, y: 1, width: width, height: height)
        summaryRow = box.y + 1
        labelX = box.x + 3
        fieldX = labelX + 12
        fieldWidth = max(8, box.maxX - 3 - fieldX)
        var rows: [ProfileState.Field: Int] = [:]
        rows[.fullName] = box.y + 3
        rows[.avatarURL] = box.y + 5
        rows[.email] = box.y + 7
        saveRow = box.y + 8
        passwordRuleRow = box.y + 9
        rows[.currentPassword] = box.y + 10
        rows[.newPassword] = box.y + 12
        changeRow = box.y + 13
        logoutRow = box.y + 15
        messageRow = box.y + 17
        fieldRows = rows
        let logoutX = labelX
        let sshKeysX = logoutX + Self.logoutLabel.count + 3 + Self.logoutEverywhereLabel.count + 3
        buttons = [
            .save: fieldX..<(fieldX + Self.saveLabel.count),
            .changePassword: fieldX..<(fieldX + Self.changeLabel.count),
            .logout: logoutX..<(logoutX + Self.logoutLabel.count),
            .logoutEverywhere:
                (logoutX + Self.logoutLabel.count + 3)..<(logoutX + Self.logoutLabel.count + 3
                + Self.logoutEverywhereLabel.count),
            .sshKeys: sshKeysX..<(sshKeysX + Self.sshKeysLabel.count),
        ]
    }

    func row(of focus: ProfileState.Focus) -> Int {
        switch focus {
        case .field(let field): fieldRows[field] ?? 0
        case .save: saveRow
        case .changePassword: changeRow
        case .logout, .logoutEverywhere, .sshKeys: logoutRow
        }
    }

    func focus(at point: Point) -> ProfileState.Focus? {
        for (field, row) in fieldRows where row == point.y && point.x >= box.x && point.x < box.maxX {
            return .field(field)
        }
        for (focus, range) in buttons where row(of: focus) == point.y && range.contains(point.x) { return focus }
        return nil
    }
}

struct ProfileView {
    var state: AppState
    var profile: ProfileState

    func render(into buffer: inout ScreenBuffer) {
        let layout = ProfileLayout(size: buffer.size)
        if let panel = profile.sshKeys {
            SSHKeysView(panel: panel, typing: !state.showHelp).render(in: layout.box, into: &buffer)
            return
        }
        buffer.drawBox(layout.box, title: "Your profile")
        if let user = state.user {
            let joined = String(user.createdAt.prefix(10))
            buffer.put(
                "\(user.username) · \(user.role) · rating \(user.eloRating) · \(user.gamesPlayed) games · since \(joined)",
                x: layout.labelX, y: layout.summaryRow, style: .accent, maxWidth: layout.box.width - 6)
        }
        let typing = !profile.busy && !profile.confirmLogoutEverywhere && !state.showHelp
        for field in ProfileState.Field.allCases {
            guard let row = layout.fieldRows[field] else { continue }
            let focused = profile.focus == .field(field)
            buffer.put(field.label, x: layout.labelX, y: row, style: focused ? .accent : .text)
            TextFieldView(
                value: profile.value(field), width: layout.fieldWidth, focused: focused && typing,
                masked: field.masked
            ).render(at: Point(x: layout.fieldX, y: row), into: &buffer)
            if let problem = profile.fieldErrors[field] {
                buffer.put(
                    problem, x: layout.fieldX, y: row + 1, style: .error, maxWidth: layout.box.maxX - 2 - layout.fieldX)
            }
        }
        button(ProfileLayout.saveLabel, .save, layout, &buffer)
        buffer.drawDivider(in: layout.box, y: layout.passwordRuleRow)
        buffer.put(" Change password ", x: layout.box.x + 2, y: layout.passwordRuleRow, style: .title)
        button(ProfileLayout.changeLabel, .changePassword, layout, &buffer)
        buffer.drawDivider(in: layout.box, y: layout.logoutRow - 1)
        button(ProfileLayout.logoutLabel, .logout, layout, &buffer)
        button(ProfileLayout.logoutEverywhereLabel, .logoutEverywhere, layout, &buffer)
        button(ProfileLayout.sshKeysLabel, .sshKeys, layout, &buffer)
        if profile.confirmLogoutEverywhere {
            buffer.putCentered(
                "Log out on every device, this one too? y / n", in: layout.box, y: layout.messageRow, style: .error)
        } else if let message = profile.message {
            buffer.putCentered(
                message, in: layout.box.inset(1), y: layout.messageRow, style: profile.messageIsError ? .error : .notice
            )
        } else if !profile.loaded {
            buffer.putCentered("Loading your profile…", in: layout.box, y: layout.messageRow, style: .muted)
        }
    }

    private func button(
        _ label: String, _ focus: ProfileState.Focus, _ layout: ProfileLayout, _ buffer: inout ScreenBuffer
    ) {
        guard let range = layout.buttons[focus] else { return }
        let style: Style = profile.focus == focus ? .selection : .accent
        buffer.put(label, x: range.lowerBound, y: layout.row(of: focus), style: style)
    }
}
