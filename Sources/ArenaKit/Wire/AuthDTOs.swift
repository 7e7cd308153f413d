public struct RegisterRequest: Codable, Sendable {
    public var email: String
    public var username: String
    public var password: String
    public var fullName: String?

    public init(email: String, username: String, password: String, fullName: String? = nil) {
        self.email = email
        self.username = username
        self.password = password
        self.fullName = fullName
    }

    enum CodingKeys: String, CodingKey {
        case email, username, password
        case fullName = "full_name"
    }
}

public struct LoginRequest: Codable, Sendable {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}

public struct RefreshRequest: Codable, Sendable {
    public var refreshToken: String

    public init(refreshToken: String) { self.refreshToken = refreshToken }

    enum CodingKeys: String, CodingKey { case refreshToken = "refresh_token" }
}

public struct AuthResponse: Codable, Sendable {
    public var user: UserDTO
    public var accessToken: String
    public var refreshToken: String
    public var tokenType: String
    public var expiresIn: Int

    public init(user: UserDTO, accessToken: String, refreshToken: String, expiresIn: Int) {
        self.user = user
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.tokenType = "Bearer"
        self.expiresIn = expiresIn
    }

    enum CodingKeys: String, CodingKey {
        case user
        case accessToken = "access_token"
        case refreshToken = "refresh_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
    }
}

public struct ProfileUpdateRequest: Codable, Sendable {
    public var fullName: String?
    public var avatarURL: String?
    public var email: String?
    public var currentPassword: String?
    public var newPassword: String?

    public init(
        fullName: String? = nil, avatarURL: String? = nil, email: String? = nil, currentPassword: String? = nil,
        newPassword: String? = nil
    ) {
        self.fullName = fullName
        self.avatarURL = avatarURL
        self.email = email
        self.currentPassword = currentPassword
        self.newPassword = newPassword
    }

    enum CodingKeys: String, CodingKey {
        case email
        case fullName = "full_name"
        case avatarURL = "avatar_url"
        case currentPassword = "current_password"
        case newPassword = "new_password"
    }
}

public struct PasswordResetRequest: Codable, Sendable {
    public var email: String
    public init(email: String) { self.email = email }
}

public struct PasswordResetConfirm: Codable, Sendable {
    public var token: String
    public var newPassword: String

    public init(token: String, newPassword: String) {
        self.token = token
        self.newPassword = newPassword
    }

    enum CodingKeys: String, CodingKey {
        case token
        case newPassword = "new_password"
    }
}
