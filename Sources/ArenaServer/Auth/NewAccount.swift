import ArenaKit
import Foundation

/// The fields of an account about to be created, checked against ArenaKit's `Validation`. Both the
/// register endpoint and `arena-server admin create-admin` go through it, so the rules exist once.
struct NewAccount: Sendable {
    let email: String
    let username: String
    let password: String
    let fullName: String?

    init(email: String, username: String, password: String, fullName: String?) throws {
        if let problem = Validation.usernameProblem(username) { throw APIError.invalidField("username", problem) }
        if let problem = Validation.emailProblem(email) { throw APIError.invalidField("email", problem) }
        if let problem = Validation.passwordProblem(password, username: username) {
            throw APIError.invalidField("password", problem)
        }
        let name = fullName?.trimmingCharacters(in: .whitespaces)
        if let name, let problem = Validation.fullNameProblem(name) {
            throw APIError.invalidField("full_name", problem)
        }
        self.email = email
        self.username = username
        self.password = password
        self.fullName = name?.isEmpty == false ? name : nil
    }

    func record(passwordHash: String, role: Identity.Role, now: Date) -> UserRecord {
        let stamp = Timestamp.string(now)
        return UserRecord(
            id: UUID().uuidString.lowercased(), username: username, email: email, passwordHash: passwordHash,
            fullName: fullName, avatarURL: nil, role: role.rawValue, eloRating: EloRating.initial, gamesPlayed: 0,
            gamesWon: 0, gamesLost: 0, gamesDrawn: 0, ratingUpdatedAt: nil, lastActive: stamp, createdAt: stamp,
            updatedAt: stamp)
    }
}
