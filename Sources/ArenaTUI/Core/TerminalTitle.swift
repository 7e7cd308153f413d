extension AppState {
    /// The terminal window's title: it says "Your move" when it is the player's turn, so a player
    /// who looked away sees it in the task bar or tab, together with the bell.
    public var terminalTitle: String {
        let app = "TicTacToe Arena"
        switch screen {
        case .game(let game):
            if game.isMyTurn(userID: user?.id), !game.spectating { return "Your move – \(app)" }
            if game.isFinished { return "Game over – \(app)" }
            if game.spectating { return "Watching – \(app)" }
            if game.isActive { return "Their move – \(app)" }
            return "Waiting for an opponent – \(app)"
        case .matchmaking:
            return "Finding an opponent – \(app)"
        default:
            return "\(screen.name) – \(app)"
        }
    }
}
