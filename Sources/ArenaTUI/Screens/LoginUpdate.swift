import ArenaClient
import ArenaKit

extension AppState {
    mutating func loginKey(_ key: Key) -> [Effect] {
        guard case .login(var login) = screen else { return [] }
        defer { if case .login = screen { screen = .login(login) } }
        if login.busy {
            if key == .escape {
                shouldQuit = true
                return [.quit]
            }
            return []
        }
        let order = login.focusOrder
        let index = order.firstIndex(of: login.focus) ?? 0
        switch key {
        case .escape:
            shouldQuit = true
            return [.quit]
        case .tab, .down:
            login.focus = order[(index + 1) % order.count]
        case .backTab, .up:
            login.focus = order[(index + order.count - 1) % order.count]
        case .control("r"):
            login.switchMode()
        case .enter:
            switch login.focus {
            case .field(let field):
                if field == login.fields.last { return submit(&login) }
                login.focus = order[index + 1]
            case .submit:
                return submit(&login)
            case .switchMode:
                login.switchMode()
            }
        case .backspace:
            if case .field(let field) = login.focus, !login.value(field).isEmpty {
                login.values[field]?.removeLast()
                login.fieldErrors[field] = nil
            }
        case .control("u"):
            if case .field(let field) = login.focus { login.values[field] = "" }
        case .character(let character):
            guard case .field(let field) = login.focus else {
                if character == " " { return loginKey(.enter) }
                return []
            }
            guard login.value(field).count < LoginState.limit(field), character != "\t" else { return [] }
            login.values[field, default: ""].append(character)
            login.fieldErrors[field] = nil
            login.formError = nil
        default:
            break
        }
        return []
    }

    mutating func loginClick(_ point: Point) -> [Effect] {
        guard case .login(var login) = screen else { return [] }
        let layout = LoginLayout(size: size, login: login)
        guard let target = layout.focus(at: point) else { return [] }
        login.focus = target
        screen = .login(login)
        if target == .submit || target == .switchMode { return loginKey(.enter) }
        return []
    }

    private mutating func submit(_ login: inout LoginState) -> [Effect] {
        login.formError = nil
        login.info = nil
        login.fieldErrors = login.problems()
        if let first = login.fields.first(where: { login.fieldErrors[$0] != nil }) {
            login.focus = .field(first)
            return []
        }
        login.busy = true
        let username = login.value(.username).trimmingCharacters(in: .whitespaces)
        switch login.mode {
        case .login:
            return [.login(username: username, password: login.value(.password))]
        case .register:
            let fullName = login.value(.fullName).trimmingCharacters(in: .whitespaces)
            return [
                .register(
                    email: login.value(.email).trimmingCharacters(in: .whitespaces), username: username,
                    password: login.value(.password), fullName: fullName.isEmpty ? nil : fullName)
            ]
        }
    }

    /// Start-up with a remembered session: the login screen waits, busy, for the server's answer.
    public mutating func resumeSession(username: String) -> [Effect] {
        var login = LoginState()
        login.values[.username] = username
        login.focus = .field(.password)
        login.busy = true
        login.info = "Resuming \(username)'s session…"
        screen = .login(login)
        return [.resumeSession]
    }

    mutating func sessionResumed(_ result: Result<UserDTO, ArenaClientError>) -> [Effect] {
        guard case .login(var login) = screen else { return [] }
        switch result {
        case .success(let profile):
            let effects = loginFinished(result)
            showNotice("Welcome back, \(profile.username).")
            return effects
        case .failure(let error):
            // The file is already gone when the server refused the token; any other failure
            // (the server unreachable) keeps it for the next start.
            login.busy = false
            login.info = nil
            login.formError =
                error == .sessionExpired ? "Your saved session has ended: please log in." : error.message
            screen = .login(login)
            return []
        }
    }

    mutating func loginFinished(_ result: Result<UserDTO, ArenaClientError>) -> [Effect] {
        guard case .login(var login) = screen else { return [] }
        switch result {
        case .success(let profile):
            user = profile
            connection = .connecting
            var lobby = LobbyState()
            lobby.loading = true
            screen = .lobby(lobby)
            return [.connectGateway, .loadLobby]
        case .failure(let error):
            login.busy = false
            if let field = login.field(for: error) {
                login.fieldErrors[field] = error.message
                login.focus = .field(field)
            } else {
                login.formError = error.message
            }
            if login.mode == .login, error.status == 401 {
                login.values[.password] = ""
                login.focus = .field(.password)
            }
            screen = .login(login)
            return []
        }
    }
}

extension LoginState {
    mutating func switchMode() {
        let kept = values
        self = LoginState(mode: mode == .login ? .register : .login)
        values = kept
    }

    /// The checks the server would make, done first so a typo costs no round trip.
    func problems() -> [Field: String] {
        var problems: [Field: String] = [:]
        let username = value(.username).trimmingCharacters(in: .whitespaces)
        switch mode {
        case .login:
            if username.isEmpty { problems[.username] = "Enter your username or email." }
            if value(.password).isEmpty { problems[.password] = "Enter your password." }
        case .register:
            problems[.email] = Validation.emailProblem(value(.email).trimmingCharacters(in: .whitespaces))
            problems[.username] = Validation.usernameProblem(username)
            problems[.password] = Validation.passwordProblem(value(.password), username: username)
            problems[.fullName] = Validation.fullNameProblem(value(.fullName))
        }
        return problems.compactMapValues { $0 }
    }

    /// Which field a server error is about, judged by its code, so it shows under that field.
    func field(for error: ArenaClientError) -> Field? {
        let code = error.code.lowercased()
        for field in fields where field != .fullName {
            if code.contains(field.rawValue) { return field }
        }
        if code.contains("full_name") { return mode == .register ? .fullName : nil }
        return nil
    }
}
