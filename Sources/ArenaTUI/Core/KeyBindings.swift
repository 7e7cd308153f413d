import ArenaClient

/// What a key does, independent of which key it is. Update asks the bindings which action a key
/// means, so a player on a non-QWERTY layout can move any action to any key in the config file
/// (`key.move_up = w`) without touching update.
public enum Action: String, CaseIterable, Sendable, Hashable {
    case moveUp = "move_up"
    case moveDown = "move_down"
    case moveLeft = "move_left"
    case moveRight = "move_right"
    case select
    case back
    case quit
    case help
    case chat
    case resign
    case rematch
    case declineRematch = "decline_rematch"
    case newGame = "new_game"
    case invite
    case matchmaking
    case bot
    case botEasy = "bot_easy"
    case botHard = "bot_hard"
    case cancelGame = "cancel_game"
    case refresh
    case leaderboard
    case friends
    case profile
    case watch
    case nextTab = "next_tab"
    case previousTab = "previous_tab"
    case nextPage = "next_page"
    case previousPage = "previous_page"
    case aroundMe = "around_me"
    case search
    case stats
    case addFriend = "add_friend"
    case accept
    case decline
    case remove
    case yes
    case no
    case first
    case last
}

/// The one table of key bindings. Keys that are not characters (arrows, Enter, Esc, Tab) stay
/// bound whatever the config says, so an edited file can never leave a screen without a way out.
public struct KeyBindings: Sendable, Equatable {
    public private(set) var keys: [Action: [Key]]

    public static let standard = KeyBindings(keys: [
        .moveUp: [.up, .character("k")],
        .moveDown: [.down, .character("j")],
        .moveLeft: [.left, .character("h")],
        .moveRight: [.right, .character("l")],
        .select: [.enter, .character(" ")],
        .back: [.escape, .character("q")],
        .quit: [.character("q")],
        .help: [.character("?")],
        .chat: [.tab],
        .resign: [.character("r")],
        .rematch: [.character("m")],
        .declineRematch: [.character("n")],
        .newGame: [.character("n")],
        .invite: [.character("i")],
        .matchmaking: [.character("m")],
        .bot: [.character("b")],
        .botEasy: [.character("e"), .character("1")],
        .botHard: [.character("h"), .character("2")],
        .cancelGame: [.character("x")],
        .refresh: [.character("r"), .control("r")],
        .leaderboard: [.character("l")],
        .friends: [.character("f")],
        .profile: [.character("p")],
        .watch: [.character("w")],
        .nextTab: [.tab],
        .previousTab: [.backTab],
        .nextPage: [.pageDown, .character("]")],
        .previousPage: [.pageUp, .character("[")],
        .aroundMe: [.character("a")],
        .search: [.character("s")],
        .stats: [.enter],
        .addFriend: [.character("+"), .character("s")],
        .accept: [.character("a")],
        .decline: [.character("d")],
        .remove: [.character("x"), .delete],
        .yes: [.character("y"), .character("Y")],
        .no: [.character("n"), .character("N"), .escape],
        .first: [.home, .character("g")],
        .last: [.end, .character("G")],
    ])

    init(keys: [Action: [Key]]) { self.keys = keys }

    /// The standard table with the config file's `key.ACTION = KEY[, KEY...]` lines applied.
    /// Returns what it could not read, so the launcher can say so.
    public static func from(config entries: [(key: String, value: String)]) -> (KeyBindings, [String]) {
        var bindings = standard
        var problems: [String] = []
        for (name, value) in entries where name.hasPrefix("key.") {
            let actionName = String(name.dropFirst(4))
            guard let action = Action(rawValue: actionName) else {
                problems.append("unknown action \"\(actionName)\"")
                continue
            }
            let parsed = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.map { KeyName.parse($0) }
            guard !parsed.isEmpty, !parsed.contains(nil) else {
                problems.append("cannot read \"\(name) = \(value)\"")
                continue
            }
            bindings.bind(action, to: parsed.compactMap { $0 })
        }
        return (bindings, problems)
    }

    /// Replaces the action's character keys; its non-character keys stay.
    public mutating func bind(_ action: Action, to newKeys: [Key]) {
        let fixed = (Self.standard.keys[action] ?? []).filter { $0.printable == nil && !newKeys.contains($0) }
        keys[action] = newKeys + fixed
    }

    public func keys(for action: Action) -> [Key] { keys[action] ?? [] }

    public func matches(_ key: Key, _ action: Action) -> Bool { keys(for: action).contains(key) }

    /// The first of `actions` the key is bound to: each screen passes the actions it knows, in
    /// the order that settles a key bound twice.
    public func action(for key: Key, among actions: [Action]) -> Action? {
        actions.first { matches(key, $0) }
    }

    /// How the help shows the keys of one or more actions: "n", "Esc/q", "↑↓/jk", "←↑↓→/hjkl".
    public func label(_ actions: Action...) -> String { label(actions) }

    public func label(_ actions: [Action]) -> String {
        let all = actions.flatMap { keys(for: $0) }
        let names = all.map(KeyName.label)
        if actions.count > 1 {
            let specials = all.filter { $0.printable == nil }.map(KeyName.label)
            let letters = all.compactMap(\.printable).filter { $0 != " " }.map(String.init)
            if specials.allSatisfy({ $0.count == 1 }) {
                return [specials.joined(), letters.joined()].filter { !$0.isEmpty }.joined(separator: "/")
            }
        }
        var seen: Set<String> = []
        return names.filter { $0 != "Space" && seen.insert($0).inserted }.joined(separator: "/")
    }

    /// The key the help line sends when its item is clicked.
    public func primaryKey(_ action: Action) -> Key? { keys(for: action).first }
}
