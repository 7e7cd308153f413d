/// Input rules shared by server and client, so the client can say "too short" before a round trip.
/// Each check returns nil when the value is fine, or a human sentence saying what is wrong.
public enum Validation {
    public static let usernameLength = 3...20
    public static let passwordLength = 10...128
    public static let emailMaxLength = 254
    public static let fullNameMaxLength = 100
    public static let avatarURLMaxLength = 500
    public static let chatMaxLength = 500

    public static func usernameProblem(_ username: String) -> String? {
        guard usernameLength.contains(username.count) else {
            return "Username must be 3 to 20 characters."
        }
        let allowed = username.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                    || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
        }
        return allowed ? nil : "Username may use only letters, digits, _ and -."
    }

    public static func emailProblem(_ email: String) -> String? {
        guard !email.isEmpty, email.utf8.count <= emailMaxLength else {
            return "Email must be 1 to \(emailMaxLength) characters."
        }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last,
            !local.isEmpty, domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."),
            !email.contains(where: { $0.isWhitespace || $0.isNewline })
        else {
            return "Email address is not valid."
        }
        return nil
    }

    /// Common passwords that pass the length rule but are guessed first.
    static let obviousPasswords: Set<String> = [
        "password12", "password123", "password1234", "1234567890", "12345678910", "0123456789",
        "qwertyuiop", "qwerty12345", "iloveyou12", "letmein1234", "administrator", "abcdefghij",
        "passw0rd123", "welcome123", "trustno1234", "1111111111", "0000000000", "aaaaaaaaaa",
        "tictactoe1", "tictactoe123", "password!!",
    ]

    public static func passwordProblem(_ password: String, username: String? = nil) -> String? {
        guard passwordLength.contains(password.count) else {
            return "Password must be 10 to 128 characters."
        }
        let lowered = password.lowercased()
        if obviousPasswords.contains(lowered) || Set(lowered).count <= 2 {
            return "That password is too easy to guess."
        }
        if let username, !username.isEmpty, lowered.contains(username.lowercased()) {
            return "Password must not contain the username."
        }
        return nil
    }

    public static func fullNameProblem(_ name: String) -> String? {
        guard name.count <= fullNameMaxLength else { return "Full name may be at most 100 characters." }
        return name.unicodeScalars.contains(where: isControl) ? "Full name may not contain control characters." : nil
    }

    public static func avatarURLProblem(_ url: String) -> String? {
        if url.isEmpty { return nil }
        guard url.utf8.count <= avatarURLMaxLength else { return "Avatar URL may be at most 500 characters." }
        guard url.hasPrefix("https://") || url.hasPrefix("http://"),
            !url.contains(where: { $0.isWhitespace })
        else {
            return "Avatar URL must be an http(s) address."
        }
        return nil
    }

    /// Chat text with control characters removed and surrounding whitespace trimmed.
    /// Returns nil when nothing printable is left.
    public static func sanitizedChat(_ text: String) -> String? {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            // Line breaks and tabs become spaces so "a\nb" stays two words; other controls go.
            if scalar == "\n" || scalar == "\r" || scalar == "\t" {
                scalars.append(" ")
            } else if !isControl(scalar) {
                scalars.append(scalar)
            }
        }
        let cleaned = String(scalars).trimmingWhitespace()
        return cleaned.isEmpty ? nil : cleaned
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let trimmedStart = drop(while: { $0.isWhitespace })
        var end = trimmedStart.endIndex
        while end > trimmedStart.startIndex {
            let before = trimmedStart.index(before: end)
            guard trimmedStart[before].isWhitespace else { break }
            end = before
        }
        return String(trimmedStart[trimmedStart.startIndex..<end])
    }
}
