import ArenaClient
import ArenaKit
import Foundation

/// Accessible mode's brain: typed lines become the same keys and effects the full-screen client
/// uses, run through the same `AppState` and update; what changed comes back as sentences, one
/// line per event, for a screen reader. Pure: the loop around it does the reading and printing.
public struct PlainSession: Sendable {
    public private(set) var state: AppState
    /// Lines to print, oldest first; the loop takes them.
    public private(set) var output: [String] = []
    public private(set) var prompt: Prompt?
    /// Listings asked for, printed when their answer arrives.
    var wants = Wants()

    public enum Prompt: Sendable, Equatable {
        case loginUsername
        case loginPassword(username: String)
        case registerEmail
        case registerUsername(email: String)
        case registerPassword(email: String, username: String)
        case registerFullName(email: String, username: String, password: String)
        case currentPassword
        case newPassword(current: String)

        /// The question printed before reading the answer.
        public var question: String {
            switch self {
            case .loginUsername, .registerUsername: "Username:"
            case .loginPassword, .registerPassword: "Password (not shown):"
            case .registerEmail: "Email:"
            case .registerFullName: "Full name (optional, Enter to skip):"
            case .currentPassword: "Current password (not shown):"
            case .newPassword: "New password (not shown):"
            }
        }

        /// Whether the answer must not be echoed.
        public var isSecret: Bool {
            switch self {
            case .loginPassword, .registerPassword, .currentPassword, .newPassword: true
            default: false
            }
        }
    }

    struct Wants: Sendable, Equatable {
        var lobby = false
        var live = false
        var leaders = false
        var friends = false
        var profile = false
        var statsByName: String?
    }

    public init(state: AppState) {
        self.state = state
        if case .login(let form) = state.screen, form.busy, let resuming = form.info {
            say("TicTacToe Arena, plain mode, server \(state.serverName). \(resuming)")
        } else {
            say("TicTacToe Arena, plain mode, server \(state.serverName). Type login, register, or help.")
        }
    }

    public mutating func takeOutput() -> [String] {
        defer { output.removeAll() }
        return output
    }

    mutating func say(_ line: String) { output.append(line) }

    public var shouldQuit: Bool { state.shouldQuit }

    // MARK: events from the network and the clock

    public mutating func receive(_ event: AppEvent) -> [Effect] {
        let before = state
        var effects = state.apply(event)
        narrate(from: before, event: event)
        if case .response(let response) = event { effects += answer(response) }
        return effects
    }

    // MARK: typed lines

    public mutating func input(_ line: String) -> [Effect] {
        if let prompt {
            self.prompt = nil
            return answerPrompt(prompt, line)
        }
        let before = state
        let effects = run(PlainCommand.parse(line))
        narrate(from: before, event: nil)
        return effects
    }

    private mutating func answerPrompt(_ prompt: Prompt, _ line: String) -> [Effect] {
        let text = prompt.isSecret ? line : line.trimmingCharacters(in: .whitespaces)
        switch prompt {
        case .loginUsername:
            guard !text.isEmpty else { return cancelled() }
            ask(.loginPassword(username: text))
        case .loginPassword(let username):
            guard !text.isEmpty else { return cancelled() }
            return submitLogin(username: username, password: text)
        case .registerEmail:
            guard !text.isEmpty else { return cancelled() }
            ask(.registerUsername(email: text))
        case .registerUsername(let email):
            guard !text.isEmpty else { return cancelled() }
            ask(.registerPassword(email: email, username: text))
        case .registerPassword(let email, let username):
            guard !text.isEmpty else { return cancelled() }
            ask(.registerFullName(email: email, username: username, password: text))
        case .registerFullName(let email, let username, let password):
            var login = LoginState(mode: .register)
            login.values = [.email: email, .username: username, .password: password, .fullName: text]
            return submitForm(login)
        case .currentPassword:
            guard !text.isEmpty else { return cancelled() }
            ask(.newPassword(current: text))
        case .newPassword(let current):
            guard !text.isEmpty else { return cancelled() }
            if let problem = Validation.passwordProblem(text, username: state.user?.username) {
                say(problem)
                return []
            }
            say("Changing your password…")
            return [.changePassword(current: current, new: text)]
        }
        return []
    }

    private mutating func ask(_ next: Prompt) {
        prompt = next
        say(next.question)
    }

    private mutating func cancelled() -> [Effect] {
        say("Cancelled.")
        return []
    }

    private mutating func submitLogin(username: String, password: String) -> [Effect] {
        var login = LoginState(mode: .login)
        login.values = [.username: username, .password: password]
        return submitForm(login)
    }

    /// Fills the login form and presses Enter on it, so plain mode checks and sends exactly
    /// what the form would.
    private mutating func submitForm(_ form: LoginState) -> [Effect] {
        var form = form
        form.focus = .submit
        state.screen = .login(form)
        let effects = press(.enter)
        if case .login(let after) = state.screen, !after.busy {
            let problems = after.fields.compactMap { after.fieldErrors[$0].map { "\($0)" } }
            say(problems.isEmpty ? "Could not submit." : problems.joined(separator: " "))
        } else {
            say(form.mode == .login ? "Logging in…" : "Creating your account…")
        }
        return effects
    }

    /// Presses a key in the shared update.
    private mutating func press(_ key: Key) -> [Effect] { state.apply(.key(key)) }

    private mutating func press(_ action: Action) -> [Effect] {
        guard let key = state.bindings.primaryKey(action) else { return [] }
        return press(key)
    }

    private mutating func type(_ text: String) -> [Effect] {
        text.flatMap { press(.character($0)) }
    }

    // MARK: commands

    private mutating func run(_ command: PlainCommand) -> [Effect] {
        switch command {
        case .empty:
            return []
        case .help:
            for line in helpLines() { say(line) }
            return []
        case .unknown(let message):
            say(message.prefix(1).uppercased() + message.dropFirst() + ".")
            return []
        case .quit:
            say("Goodbye.")
            return state.apply(.terminate)
        default:
            break
        }
        if state.user == nil {
            switch command {
            case .login(let name):
                if let name { ask(.loginPassword(username: name)) } else { ask(.loginUsername) }
            case .register:
                ask(.registerEmail)
            default:
                say("Log in first: type login, or register for a new account.")
            }
            return []
        }
        switch command {
        case .login, .register:
            say("You are logged in as \(state.user?.username ?? "?"). Type logout first.")
            return []
        case .lobby:
            guard leaveForLobby() else { return [] }
            wants.lobby = true
            return lobbyReload()
        case .join(let number), .watch(.some(let number)):
            guard case .lobby(var lobby) = state.screen else {
                say("Go to the lobby first: type lobby.")
                return []
            }
            guard lobby.entries.indices.contains(number - 1) else {
                say("There is no game \(number): type lobby to list them.")
                return []
            }
            lobby.selection = number - 1
            state.screen = .lobby(lobby)
            return press(.enter)
        case .watch(nil):
            guard leaveForLobby() else { return [] }
            wants.live = true
            return lobbyReload()
        case .newGame:
            return inLobby { $0.press(.newGame) }
        case .invite(let name):
            return inLobby { session in
                session.press(.invite) + session.type(name) + session.press(.enter)
            }
        case .queue:
            return inLobby { $0.press(.matchmaking) }
        case .bot(let level):
            return inLobby { session in session.press(.bot) + session.press(level == "hard" ? .botHard : .botEasy) }
        case .cancel:
            guard case .matchmaking = state.screen else {
                say("You are not in the matchmaking queue.")
                return []
            }
            return press(.escape)
        case .move(let square):
            guard case .game = state.screen else {
                say("You are not in a game.")
                return []
            }
            return press(.character(Character("\(square + 1)")))
        case .say(let text):
            guard let game = state.gameState, !game.spectating else {
                say(state.gameState == nil ? "You are not in a game." : "Only the players can chat.")
                return []
            }
            return press(.tab) + type(text) + press(.enter) + press(.tab)
        case .resign:
            guard let game = state.gameState, game.isActive, !game.spectating else {
                say("There is no game of yours to resign.")
                return []
            }
            return press(.resign) + press(.yes)
        case .rematch:
            guard let game = state.gameState, game.isFinished else {
                say("A rematch can be offered when a game is over.")
                return []
            }
            return press(.rematch)
        case .decline:
            guard case .offeredToMe = state.gameState?.rematch else {
                say("Nobody offers you a rematch.")
                return []
            }
            return press(.declineRematch)
        case .leave:
            switch state.screen {
            case .game(let game):
                let effects = press(.escape)
                return game.isActive && !game.spectating ? effects + press(.yes) : effects
            case .matchmaking:
                return press(.escape)
            default:
                say("You are in the lobby.")
                return []
            }
        case .board:
            guard let game = state.gameState else {
                say("You are not in a game.")
                return []
            }
            for line in PlainNarrator.boardLines(game, me: state.user?.id) { say(line) }
            return []
        case .leaders(let page):
            wants.leaders = true
            return [.loadLeaderboard(.global, limit: Self.pageSize, offset: (page - 1) * Self.pageSize)]
        case .around:
            guard let me = state.user else { return [] }
            wants.leaders = true
            return [.loadLeaderboard(.around(userID: me.id, radius: 5), limit: Self.pageSize, offset: 0)]
        case .search(let prefix):
            wants.leaders = true
            return [.loadLeaderboard(.search(prefix), limit: Self.pageSize, offset: 0)]
        case .stats(let name):
            guard let name, name.lowercased() != state.user?.username.lowercased() else {
                return state.user.map { [.loadStats(userID: $0.id)] } ?? []
            }
            wants.statsByName = name
            return [.loadLeaderboard(.search(name), limit: 20, offset: 0)]
        case .friends:
            wants.friends = true
            return [.loadFriends]
        case .friend(let action):
            return [.friend(action)]
        case .profile:
            wants.profile = true
            return [.loadProfile]
        case .setProfile(let field, let value):
            guard let user = state.user else { return [] }
            var fullName = user.fullName ?? ""
            var avatar = user.avatarURL ?? ""
            var email = user.email ?? ""
            switch field {
            case "name": fullName = value
            case "avatar": avatar = value
            default: email = value
            }
            if let problem = field == "email" ? Validation.emailProblem(email) : nil {
                say(problem)
                return []
            }
            say("Saving…")
            return [.saveProfile(fullName: fullName, avatarURL: avatar, email: email)]
        case .password:
            ask(.currentPassword)
            return []
        case .logout(let everywhere):
            say(everywhere ? "Logging out on every device…" : "Logging out…")
            return [everywhere ? .logoutEverywhere : .logout]
        case .help, .unknown, .quit, .empty:
            return []
        }
    }

    static let pageSize = 10

    private mutating func inLobby(_ body: (inout PlainSession) -> [Effect]) -> [Effect] {
        guard case .lobby = state.screen else {
            say(
                state.gameState != nil
                    ? "You are in a game: type leave first." : "Go to the lobby first: type lobby.")
            return []
        }
        return body(&self)
    }

    /// Gets back to the lobby from a finished or watched game or the queue; false (with the
    /// reason said) from a game still being played.
    private mutating func leaveForLobby() -> Bool {
        switch state.screen {
        case .lobby:
            return true
        case .game(let game) where game.isActive && !game.spectating:
            say("You are in a game: type leave to leave it (it keeps running), or resign.")
            return false
        default:
            return true
        }
    }

    private mutating func lobbyReload() -> [Effect] {
        if case .lobby(var lobby) = state.screen {
            lobby.loading = true
            state.screen = .lobby(lobby)
            return [.loadLobby]
        }
        var effects: [Effect] = []
        if let game = state.gameState {
            effects.append(.send(ClientEnvelope(message: .leaveGame(gameID: game.gameID))))
        }
        if case .matchmaking = state.screen { effects.append(.leaveQueue) }
        return effects + state.backToLobby()
    }

    func helpLines() -> [String] {
        guard state.user != nil else {
            return [
                "Commands: login [NAME], register, help, quit.",
                "Squares are A1 to C3: column letter A-C, row number 1-3; or 1 to 9 row by row.",
            ]
        }
        return [
            "Lobby: lobby (list games), join N, watch (list live games), watch N, new, invite NAME, queue, cancel, bot easy|hard.",
            "Game: move A1 (or just A1 or 1-9), say TEXT, board, resign, rematch, decline, leave.",
            "Squares: columns A-C left to right, rows 1-3 top to bottom; B2 is the centre.",
            "Players: leaders [PAGE], around, search PREFIX, stats [NAME], friends, friend add|accept|decline|withdraw|remove NAME.",
            "You: profile, profile name|email|avatar VALUE, password, logout, logout all, quit.",
        ]
    }

    // MARK: answers only plain mode asked for

    private mutating func answer(_ response: Response) -> [Effect] {
        switch response {
        case .leaderboardLoaded(let board, _, let result):
            if let name = wants.statsByName, case .search = board {
                wants.statsByName = nil
                guard case .success(let page) = result,
                    let entry = page.entries.first(where: { $0.username.lowercased() == name.lowercased() })
                else {
                    say("No player named \(name).")
                    return []
                }
                return [.loadStats(userID: entry.userID)]
            }
            guard wants.leaders else { return [] }
            wants.leaders = false
            switch result {
            case .success(let page):
                for line in PlainNarrator.leaderboardLines(page, board: board, me: state.user?.id) { say(line) }
            case .failure(let error):
                say(error.code == "not_ranked" ? "You have no rated game yet." : error.message)
            }
        case .statsLoaded(_, let result):
            switch result {
            case .success(let stats): for line in PlainNarrator.statsLines(stats) { say(line) }
            case .failure(let error): say(error.message)
            }
        case .friendsLoaded(let result):
            guard wants.friends else { return [] }
            wants.friends = false
            switch result {
            case .success(let list): for line in PlainNarrator.friendLines(list) { say(line) }
            case .failure(let error): say(error.message)
            }
        case .friendDone(let action, let result):
            switch result {
            case .success: say(AppState.doneText(action))
            case .failure(let error): say(error.message)
            }
        case .profileLoaded(let result):
            guard wants.profile else { return [] }
            wants.profile = false
            if case .success(let user) = result { for line in PlainNarrator.profileLines(user) { say(line) } }
        case .profileSaved(let result):
            switch result {
            case .success: say("Profile saved.")
            case .failure(let error): say(error.message)
            }
        case .passwordChanged(let result):
            switch result {
            case .success: say("Password changed. Your other sessions were logged out.")
            case .failure(let error): say(error.message)
            }
        case .lobbyLoaded(.success):
            guard case .lobby(let lobby) = state.screen else { return [] }
            if wants.lobby {
                wants.lobby = false
                for line in PlainNarrator.lobbyLines(lobby, me: state.user?.id) { say(line) }
            } else if wants.live {
                wants.live = false
                let live = lobby.entries.enumerated().filter { $0.element.kind == .live }
                if live.isEmpty { say("No games are being played right now.") }
                for (index, entry) in live {
                    say("\(index + 1). \(PlainNarrator.describe(entry, me: state.user?.id)). Type watch \(index + 1).")
                }
            }
        default:
            break
        }
        return []
    }

    // MARK: narration

    private mutating func narrate(from before: AppState, event: AppEvent?) {
        for line in PlainNarrator.lines(before: before, after: state, event: event) { say(line) }
    }
}
