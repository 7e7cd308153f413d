/// The login and register form.
public struct LoginState: Sendable, Equatable {
    public enum Mode: Sendable, Equatable { case login, register }

    public enum Field: String, Sendable, Hashable, CaseIterable {
        case email, username, password, fullName

        public var label: String {
            switch self {
            case .email: "Email"
            case .username: "Username"
            case .password: "Password"
            case .fullName: "Full name"
            }
        }
    }

    /// What has the focus: a field, or one of the two buttons under the fields.
    public enum Focus: Sendable, Hashable {
        case field(Field)
        case submit
        case switchMode
    }

    public var mode: Mode = .login
    public var values: [Field: String] = [:]
    public var focus: Focus = .field(.username)
    public var fieldErrors: [Field: String] = [:]
    public var formError: String?
    public var busy = false
    public var info: String?

    public init(mode: Mode = .login) {
        self.mode = mode
        focus = .field(fields.first ?? .username)
    }

    public var fields: [Field] {
        mode == .login ? [.username, .password] : [.email, .username, .password, .fullName]
    }

    public var focusOrder: [Focus] { fields.map(Focus.field) + [.submit, .switchMode] }

    public func value(_ field: Field) -> String { values[field] ?? "" }

    /// Max characters a field takes: enough for any valid value, not enough to abuse.
    static func limit(_ field: Field) -> Int {
        switch field {
        case .email: 254
        case .username: 20
        case .password: 128
        case .fullName: 100
        }
    }
}
