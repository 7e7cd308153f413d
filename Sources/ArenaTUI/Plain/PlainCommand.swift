/// One line typed in plain mode, parsed.
public enum PlainCommand: Sendable, Equatable {
    case help
    case login(String?)
    case register
    case lobby
    case join(Int)
    case watch(Int?)
    case newGame
    case invite(String)
    case queue
    case cancel
    case bot(String)
    case move(Int)
    case say(String)
    case resign
    case rematch
    case decline
    case leave
    case board
    case leaders(page: Int)
    case around
    case search(String)
    case stats(String?)
    case friends
    case friend(FriendAction)
    case profile
    case setProfile(field: String, value: String)
    case password
    case logout(everywhere: Bool)
    case quit
    case empty
    case unknown(String)

    /// Words are case-insensitive; text after `say`, names and values keep their case.
    public static func parse(_ line: String) -> PlainCommand {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return .empty }
        let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
        let word = parts[0].lowercased()
        let rest = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        let restWords = rest.split(separator: " ").map(String.init)
        if let square = Coordinates.parse(trimmed) { return .move(square) }
        switch word {
        case "help", "?", "h", "commands": return .help
        case "login", "signin": return .login(restWords.first)
        case "register", "signup": return .register
        case "lobby", "list", "games", "l", "ls": return .lobby
        case "join", "open", "accept-invite":
            guard let number = Int(rest), number >= 1 else {
                return .unknown("join needs a number from the lobby list")
            }
            return .join(number)
        case "watch", "spectate":
            if rest.isEmpty { return .watch(nil) }
            guard let number = Int(rest), number >= 1 else {
                return .unknown("watch needs a number from the lobby list")
            }
            return .watch(number)
        case "new", "create": return .newGame
        case "invite":
            guard let name = restWords.first else { return .unknown("invite needs a username") }
            return .invite(name)
        case "queue", "match", "matchmaking", "find": return .queue
        case "cancel", "stop": return .cancel
        case "bot":
            let level = (restWords.first ?? "easy").lowercased()
            guard level == "easy" || level == "hard" else { return .unknown("bot easy or bot hard") }
            return .bot(level)
        case "move", "play", "m", "p":
            guard let square = Coordinates.parse(rest) else {
                return .unknown("say a square: A1 to C3 (column then row) or 1 to 9")
            }
            return .move(square)
        case "say", "chat", "s":
            guard !rest.isEmpty else { return .unknown("say needs some text") }
            return .say(rest)
        case "resign": return .resign
        case "rematch": return .rematch
        case "decline": return .decline
        case "leave", "back", "exit-game": return .leave
        case "board", "b", "look": return .board
        case "leaders", "leaderboard", "top":
            return .leaders(page: max(1, Int(restWords.first ?? "") ?? 1))
        case "around", "me": return .around
        case "search", "find-player":
            guard let prefix = restWords.first else { return .unknown("search needs the start of a name") }
            return .search(prefix)
        case "stats", "player": return .stats(restWords.first)
        case "friends": return .friends
        case "friend":
            guard restWords.count == 2 else {
                return .unknown("friend add|accept|decline|withdraw|remove NAME")
            }
            let name = restWords[1]
            switch restWords[0].lowercased() {
            case "add", "ask", "request": return .friend(.send(name))
            case "accept": return .friend(.accept(name))
            case "decline": return .friend(.decline(name))
            case "withdraw": return .friend(.withdraw(name))
            case "remove", "unfriend": return .friend(.remove(name))
            default: return .unknown("friend add|accept|decline|withdraw|remove NAME")
            }
        case "profile":
            guard let field = restWords.first?.lowercased() else { return .profile }
            let value = rest.split(separator: " ", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
            guard ["name", "email", "avatar"].contains(field) else {
                return .unknown("profile name|email|avatar VALUE")
            }
            return .setProfile(field: field, value: value.trimmingCharacters(in: .whitespaces))
        case "password", "passwd": return .password
        case "logout", "signout":
            return .logout(everywhere: ["all", "everywhere"].contains(restWords.first?.lowercased() ?? ""))
        case "quit", "exit", "q", "bye": return .quit
        default: return .unknown("unknown command \"\(word)\": type help")
        }
    }
}
