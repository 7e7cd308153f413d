import ArenaKit
import Foundation
import GRDB
import Logging

/// The Accounts service: registration, login, rotating sessions, profiles, password reset and roles.
/// Routes (`AuthRoutes`) only decode and encode; every rule lives here.
public struct AuthService: Sendable {
    let context: ServerContext
    let hasher: PasswordHasher
    public let tokens: AccessTokens
    let revoked: RevokedSessions
    let throttle: LoginThrottle
    let notifier: any PlayerNotifier
    /// Verified against when the login names no account, so "no such user" costs what "wrong
    /// password" costs and the timing tells nothing.
    private let dummyHash: String

    var config: ServerConfig { context.config }
    var database: AppDatabase { context.database }

    public init(context: ServerContext, notifier: any PlayerNotifier) async throws {
        self.context = context
        self.notifier = notifier
        hasher = PasswordHasher(config: context.config)
        let now = context.clock.now()
        let lifetime = TimeInterval(context.config.accessTokenSeconds)
        let recent = try await context.database.read { db in
            try SessionStore.revokedSince(now.addingTimeInterval(-lifetime), db: db)
        }
        revoked = RevokedSessions(accessTokenLifetime: lifetime, now: now, loaded: recent)
        tokens = AccessTokens(
            secret: try JWTSecret.load(config: context.config), lifetimeSeconds: context.config.accessTokenSeconds,
            clock: context.clock, revoked: revoked)
        throttle = LoginThrottle(
            baseSeconds: context.config.loginLockoutBaseSeconds, maxSeconds: context.config.loginLockoutMaxSeconds)
        dummyHash = try await hasher.hash(OpaqueToken.make())
    }

    // MARK: Sessions

    func register(_ request: RegisterRequest) async throws -> AuthResponse {
        let account = try NewAccount(
            email: request.email, username: request.username, password: request.password,
            fullName: request.fullName)
        // Refuse a taken name before paying for a hash; the insert checks again inside its transaction.
        try await database.read { db in
            try AccountStore.checkAvailable(username: account.username, email: account.email, db: db)
        }
        let at = now()
        let user = account.record(passwordHash: try await hasher.hash(account.password), role: .player, now: at)
        let lifetime = config.refreshTokenSeconds
        let session = try await database.write { db in
            try AccountStore.insert(user, db: db)
            return try SessionStore.start(userID: user.id, now: at, lifetimeSeconds: lifetime, db: db)
        }
        context.logger.info("account registered", metadata: ["user_id": .string(user.id)])
        return try await response(user: user, sessionID: session.sessionID, refreshToken: session.refreshToken)
    }

    func login(_ request: LoginRequest, ip: String) async throws -> AuthResponse {
        let login = request.username.trimmingCharacters(in: .whitespaces)
        guard !login.isEmpty, login.utf8.count <= Validation.emailMaxLength else {
            throw APIError.invalidField("username", "Enter your username or email (at most 254 characters).")
        }
        guard !request.password.isEmpty, request.password.count <= Validation.passwordLength.upperBound else {
            throw APIError.invalidField(
                "password", "Enter your password (at most \(Validation.passwordLength.upperBound) characters).")
        }
        let user = try await database.read { db in try AccountStore.user(login: login, db: db) }
        let key = LoginThrottle.key(account: user?.id ?? login.lowercased(), ip: ip)
        if let wait = throttle.retryAfter(key, now: now()) {
            throw APIError.rateLimited(retryAfter: wait, "Too many failed sign-ins; wait \(wait) s and try again.")
        }
        // An account without an Argon2 hash (a bot) can never sign in, but costs the same to refuse.
        let stored = user.map(\.passwordHash).flatMap { $0.hasPrefix("$argon2id$") ? $0 : nil }
        let matches = try await hasher.verify(request.password, against: stored ?? dummyHash) && stored != nil
        guard let user, matches else {
            throttle.recordFailure(key, now: now())
            context.logger.info("login failed", metadata: ["remote": .string(ip)])
            throw APIError.unauthorized("invalid_credentials", "Wrong username or password.")
        }
        throttle.recordSuccess(key)
        let upgraded = hasher.needsRehash(user.passwordHash) ? try await hasher.hash(request.password) : nil
        let at = now()
        let lifetime = config.refreshTokenSeconds
        let session = try await database.write { db in
            if let upgraded { try AccountStore.setPasswordHash(upgraded, userID: user.id, now: at, db: db) }
            try AccountStore.touch(userID: user.id, now: at, db: db)
            return try SessionStore.start(userID: user.id, now: at, lifetimeSeconds: lifetime, db: db)
        }
        var current = user
        current.lastActive = Timestamp.string(at)
        return try await response(user: current, sessionID: session.sessionID, refreshToken: session.refreshToken)
    }

    /// A new login session for a player the ssh listener recognised by a linked public key: what a
    /// password login issues, for a caller that has already proven who the player is. Nil when
    /// the account no longer exists.
    public func issueSession(userID: String) async throws -> (username: String, refreshToken: String)? {
        let at = now()
        let lifetime = config.refreshTokenSeconds
        return try await database.write { db in
            guard let user = try UserRecord.fetchOne(db, key: userID) else { return nil }
            try AccountStore.touch(userID: user.id, now: at, db: db)
            let session = try SessionStore.start(userID: user.id, now: at, lifetimeSeconds: lifetime, db: db)
            return (user.username, session.refreshToken)
        }
    }

    private enum RefreshOutcome: Sendable {
        case issued(UserRecord, sessionID: String, refreshToken: String)
        case reused(sessionID: String, userID: String)
        case invalid
    }

    /// Rotates a refresh token. A spent token shown again within the grace is a client racing itself
    /// (two requests with the same token) and gets a fresh pair of the same session; shown later, it
    /// was copied, so the whole session ends.
    func refresh(_ token: String) async throws -> AuthResponse {
        let invalid = APIError.unauthorized("invalid_refresh_token", "The refresh token is not valid; sign in again.")
        guard !token.isEmpty, token.utf8.count <= OpaqueToken.maxLength else { throw invalid }
        let at = now()
        let (grace, lifetime) = (TimeInterval(config.refreshReuseGraceSeconds), config.refreshTokenSeconds)
        let outcome = try await database.write { db -> RefreshOutcome in
            guard let record = try SessionStore.token(token, db: db), record.revokedAt == nil,
                let expiry = Timestamp.date(record.expiresAt), at < expiry,
                try !SessionStore.isRevoked(familyID: record.familyID, db: db),
                var user = try UserRecord.fetchOne(db, key: record.userID)
            else { return .invalid }
            if let spent = record.spentAt.flatMap(Timestamp.date) {
                guard at.timeIntervalSince(spent) <= grace else {
                    try SessionStore.revoke(families: [record.familyID], userID: record.userID, now: at, db: db)
                    return .reused(sessionID: record.familyID, userID: record.userID)
                }
            } else {
                try SessionStore.markSpent(record, now: at, db: db)
            }
            let next = try SessionStore.addToken(
                familyID: record.familyID, userID: user.id, now: at, lifetimeSeconds: lifetime, db: db)
            try AccountStore.touch(userID: user.id, now: at, db: db)
            user.lastActive = Timestamp.string(at)
            return .issued(user, sessionID: record.familyID, refreshToken: next)
        }
        switch outcome {
        case .issued(let user, let sessionID, let next):
            return try await response(user: user, sessionID: sessionID, refreshToken: next)
        case .reused(let sessionID, let userID):
            context.logger.warning(
                "refresh token reused; session revoked",
                metadata: ["user_id": .string(userID), "session_id": .string(sessionID)])
            await ended(sessions: [sessionID], at: at)
            throw APIError.unauthorized(
                "refresh_token_reused", "This refresh token was already used; the session has been ended for safety.")
        case .invalid:
            throw invalid
        }
    }

    /// Ends the caller's session: the one of the access token, and the one of the refresh token if
    /// given. With no access token the refresh token alone must name a session.
    func logout(identity: Identity?, refreshToken: String?) async throws {
        if identity == nil, refreshToken == nil {
            throw APIError.unauthorized("unauthorized", "Send an access token or a refresh_token to sign out.")
        }
        let at = now()
        let sessions = try await database.write { db -> [String]? in
            var sessions: [(family: String, user: String)] = []
            if let identity { sessions.append((identity.sessionID, identity.userID)) }
            if let refreshToken {
                guard refreshToken.utf8.count <= OpaqueToken.maxLength,
                    let record = try SessionStore.token(refreshToken, db: db)
                else { return identity == nil ? nil : sessions.map(\.family) }
                sessions.append((record.familyID, record.userID))
            }
            for session in sessions {
                try SessionStore.revoke(families: [session.family], userID: session.user, now: at, db: db)
            }
            return sessions.map(\.family)
        }
        guard let sessions else {
            throw APIError.unauthorized("invalid_refresh_token", "The refresh token is not valid.")
        }
        await ended(sessions: sessions, at: at)
    }

    /// Ends every session of the caller, on every device.
    func logoutAll(_ identity: Identity) async throws {
        let at = now()
        let sessions = try await database.write { db in
            let open = Set(try SessionStore.openFamilies(userID: identity.userID, db: db) + [identity.sessionID])
            try SessionStore.revoke(families: Array(open), userID: identity.userID, now: at, db: db)
            return Array(open)
        }
        revoked.insert(sessions, at: at)
        await notifier.disconnect(userID: identity.userID)
    }

    // MARK: Profile

    func profile(_ identity: Identity) async throws -> UserDTO {
        try await currentUser(identity).dto(includeEmail: true)
    }

    func updateProfile(_ identity: Identity, _ request: ProfileUpdateRequest) async throws -> UserDTO {
        var user = try await currentUser(identity)
        if let fullName = request.fullName?.trimmingCharacters(in: .whitespaces) {
            if let problem = Validation.fullNameProblem(fullName) { throw APIError.invalidField("full_name", problem) }
            user.fullName = fullName.isEmpty ? nil : fullName
        }
        if let avatarURL = request.avatarURL?.trimmingCharacters(in: .whitespaces) {
            if let problem = Validation.avatarURLProblem(avatarURL) {
                throw APIError.invalidField("avatar_url", problem)
            }
            user.avatarURL = avatarURL.isEmpty ? nil : avatarURL
        }
        if let email = request.email {
            if let problem = Validation.emailProblem(email) { throw APIError.invalidField("email", problem) }
            user.email = email
        }
        let newHash = try await newPasswordHash(for: user, request)
        let at = now()
        let changed = user
        let ended = try await database.write { db -> [String] in
            try AccountStore.updateProfile(
                userID: changed.id, fullName: changed.fullName, avatarURL: changed.avatarURL, email: changed.email,
                now: at, db: db)
            guard let newHash else { return [] }
            try AccountStore.setPasswordHash(newHash, userID: changed.id, now: at, db: db)
            let others = try SessionStore.openFamilies(userID: changed.id, db: db).filter { $0 != identity.sessionID }
            try SessionStore.revoke(families: others, userID: changed.id, now: at, db: db)
            return others
        }
        if !ended.isEmpty { await self.ended(sessions: ended, at: at) }
        user.updatedAt = Timestamp.string(at)
        return user.dto(includeEmail: true)
    }

    // MARK: Password reset

    /// Always succeeds from the caller's view; whether the email names an account is not revealed,
    /// not even by timing: the token is made after the answer has gone.
    func requestPasswordReset(email: String) throws {
        if let problem = Validation.emailProblem(email) { throw APIError.invalidField("email", problem) }
        let (database, lifetime, logger, devMode) = (
            database, config.passwordResetSeconds, context.logger, config.devMode
        )
        let at = now()
        Task {
            do {
                let issued = try await database.write { db -> (UserRecord, String)? in
                    guard let user = try AccountStore.user(email: email, db: db) else { return nil }
                    return (
                        user, try PasswordResetStore.issue(userID: user.id, now: at, lifetimeSeconds: lifetime, db: db)
                    )
                }
                guard let (user, token) = issued else { return }
                // There is no mail delivery: in dev mode the operator reads the token from the log and
                // hands it over. This is the one place a secret is logged, deliberately, and only in dev mode.
                if devMode {
                    logger.notice(
                        "password reset token",
                        metadata: [
                            "username": .string(user.username), "user_id": .string(user.id),
                            "reset_token": .string(token), "expires_in_seconds": .stringConvertible(lifetime),
                        ])
                } else {
                    logger.info("password reset requested", metadata: ["user_id": .string(user.id)])
                }
            } catch {
                logger.error("password reset request failed", metadata: ["error": "\(error)"])
            }
        }
    }

    func confirmPasswordReset(_ request: PasswordResetConfirm) async throws {
        let invalid = APIError.badRequest("invalid_reset_token", "The reset token is unknown, used or expired.")
        guard !request.token.isEmpty, request.token.utf8.count <= OpaqueToken.maxLength else { throw invalid }
        let at = now()
        let user = try await database.read { db -> UserRecord? in
            guard let id = try PasswordResetStore.redeemableUser(token: request.token, now: at, db: db) else {
                return nil
            }
            return try UserRecord.fetchOne(db, key: id)
        }
        guard let user else { throw invalid }
        if let problem = Validation.passwordProblem(request.newPassword, username: user.username) {
            throw APIError.invalidField("new_password", problem)
        }
        let hash = try await hasher.hash(request.newPassword)
        let sessions = try await database.write { db -> [String]? in
            // Checked again inside the transaction: two confirms racing must not both succeed.
            guard try PasswordResetStore.redeemableUser(token: request.token, now: at, db: db) == user.id else {
                return nil
            }
            try PasswordResetStore.markUsed(token: request.token, now: at, db: db)
            try AccountStore.setPasswordHash(hash, userID: user.id, now: at, db: db)
            let sessions = try SessionStore.openFamilies(userID: user.id, db: db)
            try SessionStore.revoke(families: sessions, userID: user.id, now: at, db: db)
            return sessions
        }
        guard let sessions else { throw invalid }
        context.logger.info("password reset", metadata: ["user_id": .string(user.id)])
        revoked.insert(sessions, at: at)
        await notifier.disconnect(userID: user.id)
    }

    // MARK: Roles

    func setRole(username: String, role: String, by admin: Identity) async throws -> UserDTO {
        let role = try AccountStore.role(named: role)
        guard username.lowercased() != admin.username.lowercased() else {
            throw APIError.forbidden("You cannot change your own role.")
        }
        let at = now()
        let change = try await database.write { db in
            try AccountStore.changeRole(username: username, to: role, now: at, db: db)
        }
        context.logger.notice(
            "role changed",
            metadata: ["user_id": .string(change.user.id), "role": .string(role.rawValue), "by": .string(admin.userID)])
        if !change.endedSessions.isEmpty {
            revoked.insert(change.endedSessions, at: at)
            await notifier.disconnect(userID: change.user.id)
        }
        return change.user.dto()
    }

    // MARK: Helpers

    /// The hash of the requested new password, or nil when none is asked for. Changing the password
    /// needs the current one, so a stolen session alone cannot lock its owner out.
    private func newPasswordHash(for user: UserRecord, _ request: ProfileUpdateRequest) async throws -> String? {
        guard let newPassword = request.newPassword else { return nil }
        guard let current = request.currentPassword else {
            throw APIError.badRequest(
                "missing_field", "The field \"current_password\" is required to change the password.")
        }
        guard current.count <= Validation.passwordLength.upperBound,
            try await hasher.verify(current, against: user.passwordHash)
        else { throw APIError.forbidden("The current password is wrong.", code: "wrong_password") }
        if let problem = Validation.passwordProblem(newPassword, username: user.username) {
            throw APIError.invalidField("new_password", problem)
        }
        return try await hasher.hash(newPassword)
    }

    private func now() -> Date { context.clock.now() }

    private func currentUser(_ identity: Identity) async throws -> UserRecord {
        guard let user = try await database.read({ db in try UserRecord.fetchOne(db, key: identity.userID) }) else {
            throw APIError.notFound("Your account")
        }
        return user
    }

    /// Makes ended sessions take effect at once: their access tokens stop verifying and their
    /// gateway connections close.
    private func ended(sessions: [String], at: Date) async {
        revoked.insert(sessions, at: at)
        for session in sessions { await notifier.disconnect(sessionID: session) }
    }

    private func response(user: UserRecord, sessionID: String, refreshToken: String) async throws -> AuthResponse {
        let access = try tokens.issue(
            userID: user.id, username: user.username, role: user.role, sessionID: sessionID)
        return AuthResponse(
            user: user.dto(includeEmail: true), accessToken: access, refreshToken: refreshToken,
            expiresIn: config.accessTokenSeconds)
    }
}
