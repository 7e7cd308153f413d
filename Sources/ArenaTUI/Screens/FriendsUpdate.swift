import ArenaClient
import ArenaKit

extension AppState {
    mutating func openFriends() -> [Effect] {
        var friends = FriendsState()
        friends.loading = true
        screen = .friends(friends)
        return [.loadFriends]
    }

    mutating func friendsKey(_ key: Key) -> [Effect] {
        guard case .friends(var friends) = screen else { return [] }
        defer { if case .friends = screen { screen = .friends(friends) } }
        if let name = friends.adding { return addingKey(key, name: name, &friends) }
        if let name = friends.confirmRemove {
            friends.confirmRemove = nil
            guard bindings.matches(key, .yes) else { return [] }
            friends.busy = true
            friends.message = "Removing \(name)…"
            return [.friend(.remove(name))]
        }
        let actions: [Action] = [
            .back, .moveUp, .moveDown, .first, .last, .addFriend, .accept, .decline, .remove, .stats, .refresh,
        ]
        let selected = friends.selectedRow
        switch bindings.action(for: key, among: actions) {
        case .back:
            return backToLobby()
        case .moveUp:
            friends.selection = max(0, friends.selection - 1)
        case .moveDown:
            friends.selection = min(max(0, friends.rows.count - 1), friends.selection + 1)
        case .first:
            friends.selection = 0
        case .last:
            friends.selection = max(0, friends.rows.count - 1)
        case .addFriend:
            friends.adding = ""
            friends.message = nil
        case .accept:
            guard case .incoming(let request) = selected, !friends.busy else {
                friends.message = "Select a request to you to accept it."
                return []
            }
            friends.busy = true
            friends.message = "Accepting \(request.user.username)…"
            return [.friend(.accept(request.user.username))]
        case .decline:
            guard case .incoming(let request) = selected, !friends.busy else {
                friends.message = "Select a request to you to decline it."
                return []
            }
            friends.busy = true
            friends.message = "Declining \(request.user.username)…"
            return [.friend(.decline(request.user.username))]
        case .remove:
            switch selected {
            case .friend(let friend):
                friends.confirmRemove = friend.user.username
            case .outgoing(let request):
                friends.busy = true
                friends.message = "Withdrawing the request to \(request.user.username)…"
                return [.friend(.withdraw(request.user.username))]
            case .incoming(let request):
                friends.busy = true
                friends.message = "Declining \(request.user.username)…"
                return [.friend(.decline(request.user.username))]
            case nil:
                break
            }
        case .stats:
            guard let user = selected?.user else { return [] }
            return openPlayerCard(userID: user.id, username: user.username)
        case .refresh:
            friends.loading = true
            return [.loadFriends]
        default:
            break
        }
        return []
    }

    private mutating func addingKey(_ key: Key, name: String, _ friends: inout FriendsState) -> [Effect] {
        switch UsernamePrompt.handle(
            key, text: name, ownName: user?.username, selfRefusal: "You cannot befriend yourself.")
        {
        case .cancelled:
            friends.adding = nil
            friends.message = nil
        case .refused(let problem):
            friends.message = problem
        case .submitted(let username):
            friends.adding = nil
            friends.busy = true
            friends.message = "Asking \(username)…"
            return [.friend(.send(username))]
        case .editing(let text):
            friends.adding = text
            friends.message = nil
        }
        return []
    }

    mutating func friendsLoaded(_ result: Result<FriendListDTO, ArenaClientError>) -> [Effect] {
        guard case .friends(var friends) = screen else { return [] }
        friends.loading = false
        friends.loadedAt = now
        switch result {
        case .success(let list):
            let selectedID = friends.selectedRow?.user.id
            friends.list = list
            let rows = friends.rows
            friends.selection =
                rows.firstIndex { $0.user.id == selectedID } ?? min(friends.selection, max(0, rows.count - 1))
        case .failure(let error):
            if error == .sessionExpired { return sessionEnded(error.message) }
            friends.message = error.message
        }
        screen = .friends(friends)
        return []
    }

    mutating func friendDone(_ action: FriendAction, _ result: Result<Done, ArenaClientError>) -> [Effect] {
        guard case .friends(var friends) = screen else { return [] }
        friends.busy = false
        switch result {
        case .success:
            friends.message = Self.doneText(action)
        case .failure(let error):
            if error == .sessionExpired { return sessionEnded(error.message) }
            friends.message = error.message
        }
        friends.loading = true
        screen = .friends(friends)
        return [.loadFriends]
    }

    static func doneText(_ action: FriendAction) -> String {
        switch action {
        case .send(let name): "Friend request sent to \(name)."
        case .accept(let name): "You and \(name) are friends now."
        case .decline(let name): "Declined \(name)'s request."
        case .withdraw(let name): "Withdrew your request to \(name)."
        case .remove(let name): "\(name) is no longer your friend."
        }
    }

    mutating func friendsClick(_ point: Point) -> [Effect] {
        guard case .friends(var friends) = screen else { return [] }
        let layout = FriendsLayout(size: size)
        guard let index = layout.rowIndex(at: point, friends: friends) else { return [] }
        let again = index == friends.selection
        friends.selection = index
        screen = .friends(friends)
        guard again, let user = friends.selectedRow?.user else { return [] }
        return openPlayerCard(userID: user.id, username: user.username)
    }
}
