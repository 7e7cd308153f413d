import ArenaKit

/// The player's own profile: edit name, avatar and email, change the password, log out, link ssh keys.
public struct ProfileState: Sendable, Equatable {
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case fullName, avatarURL, email, currentPassword, newPassword

        public var label: String {
            switch self {
            case .fullName: "Full name"
            case .avatarURL: "Avatar URL"
            case .email: "Email"
            case .currentPassword: "Current"
            case .newPassword: "New"
            }
        }

        var masked: Bool { self == .currentPassword || self == .newPassword }

        var limit: Int {
            switch self {
            case .fullName: Validation.fullNameMaxLength
            case .avatarURL: Validation.avatarURLMaxLength
            case .email: Validation.emailMaxLength
            case .currentPassword, .newPassword: Validation.passwordLength.upperBound
            }
        }
    }

    public enum Focus: Sendable, Hashable {
        case field(Field)
        case save
        case changePassword
        case logout
        case logoutEverywhere
        case sshKeys
    }

    public static let focusOrder: [Focus] = [
        .field(.fullName), .field(.avatarURL), .field(.email), .save, .field(.currentPassword),
        .field(.newPassword), .changePassword, .logout, .logoutEverywhere, .sshKeys,
    ]

    public var values: [Field: String] = [:]
    public var focus: Focus = .field(.fullName)
    public var fieldErrors: [Field: String] = [:]
    public var loaded = false
    public var busy = false
    public var message: String?
    public var messageIsError = false
    public var confirmLogoutEverywhere = false
    /// Open while the player manages linked ssh keys; the form is hidden meanwhile.
    public var sshKeys: SSHKeysPanel?

    public init() {}

    public func value(_ field: Field) -> String { values[field] ?? "" }

    /// Fills the editable fields from the server's copy, leaving passwords alone.
    mutating func adopt(_ user: UserDTO) {
        values[.fullName] = user.fullName ?? ""
        values[.avatarURL] = user.avatarURL ?? ""
        values[.email] = user.email ?? ""
        loaded = true
    }
}
