import Testing

@testable import ArenaKit

@Suite struct ValidationTests {
    // MARK: usernames

    @Test(arguments: [
        "abc", "alice", "Bob_99", "x-y_z", "ABC", "123", "a_b-c", "___", "---",
        "abcdefghijklmnopqrst",  // 20
        "player-one_2024",
    ])
    func validUsernames(name: String) {
        #expect(Validation.usernameProblem(name) == nil)
    }

    @Test(arguments: ["", "a", "ab", "abcdefghijklmnopqrstu", String(repeating: "z", count: 50)])
    func usernamesOfWrongLength(name: String) {
        #expect(Validation.usernameProblem(name) == "Username must be 3 to 20 characters.")
    }

    @Test(arguments: [
        "bob smith", " bob", "bob ", "bob\tx", "bob\n", "élodie", "Ünal", "名前です", "иван", "bob.smith",
        "bob@home", "bob!", "a+b", "semi;colon", "quo\"te", "zero\u{0}byte", "emoji😀", "ｆｕｌｌ",
    ])
    func usernamesWithForbiddenCharacters(name: String) {
        #expect(Validation.usernameProblem(name) == "Username may use only letters, digits, _ and -.")
    }

    @Test func usernameLengthBounds() {
        #expect(Validation.usernameLength == 3...20)
        #expect(Validation.usernameProblem(String(repeating: "a", count: 2)) != nil)
        #expect(Validation.usernameProblem(String(repeating: "a", count: 3)) == nil)
        #expect(Validation.usernameProblem(String(repeating: "a", count: 20)) == nil)
        #expect(Validation.usernameProblem(String(repeating: "a", count: 21)) != nil)
    }

    // MARK: emails

    @Test(arguments: [
        "a@b.co", "alice@example.com", "first.last+tag@sub.example.org", "UPPER@EXAMPLE.COM", "x_y-z@d-1.io",
        "1234@numbers.net",
    ])
    func validEmails(email: String) {
        #expect(Validation.emailProblem(email) == nil)
    }

    @Test(arguments: [
        "plainaddress", "@example.com", "alice@", "alice@example", "alice@@example.com", "a@b@c.com",
        "alice@.example.com", "alice@example.com.", "al ice@example.com", "alice@exa mple.com", " alice@example.com",
        "alice@example.com ", "alice@example.com\n", "alice\t@example.com",
    ])
    func invalidEmailShapes(email: String) {
        #expect(Validation.emailProblem(email) == "Email address is not valid.")
    }

    @Test func emailLengthLimits() {
        #expect(Validation.emailProblem("") == "Email must be 1 to 254 characters.")
        let domain = "@example.com"
        let longest = String(repeating: "a", count: 254 - domain.count) + domain
        #expect(longest.utf8.count == 254)
        #expect(Validation.emailProblem(longest) == nil)
        #expect(Validation.emailProblem("a" + longest) == "Email must be 1 to 254 characters.")
    }

    // MARK: passwords

    @Test func passwordLengthBounds() {
        #expect(Validation.passwordLength == 10...128)
        let tooShort = "Xk9#mQ2$p"  // 9
        #expect(tooShort.count == 9)
        #expect(Validation.passwordProblem(tooShort) == "Password must be 10 to 128 characters.")
        #expect(Validation.passwordProblem(tooShort + "w") == nil)
        #expect(Validation.passwordProblem("") == "Password must be 10 to 128 characters.")
        let longest = String(repeating: "Ab3$", count: 32)
        #expect(longest.count == 128)
        #expect(Validation.passwordProblem(longest) == nil)
        #expect(Validation.passwordProblem(longest + "z") == "Password must be 10 to 128 characters.")
    }

    @Test(arguments: [
        "password123", "PASSWORD123", "Password1234", "1234567890", "qwertyuiop", "QwertyUIOP", "iloveyou12",
        "tictactoe1", "0000000000", "aaaaaaaaaaaa", "abababababab", "AbAbAbAbAbAb", "1212121212",
    ])
    func obviousPasswordsAreRejected(password: String) {
        #expect(Validation.passwordProblem(password) == "That password is too easy to guess.")
    }

    @Test func everyListedObviousPasswordIsRejectedWhenLongEnough() {
        for password in Validation.obviousPasswords where password.count >= 10 {
            #expect(Validation.passwordProblem(password) == "That password is too easy to guess.", "\(password)")
        }
    }

    @Test(arguments: [
        ("alice", "alice-secret-42"), ("alice", "my-ALICE-pass!"), ("Bob_99", "xxbob_99yyzz"),
        ("carol", "1234carol5678"),
    ])
    func passwordContainingTheUsernameIsRejected(username: String, password: String) {
        #expect(Validation.passwordProblem(password, username: username) == "Password must not contain the username.")
        // Without a username the same password is fine.
        #expect(Validation.passwordProblem(password) == nil)
    }

    @Test func emptyUsernameDoesNotRejectEverything() {
        #expect(Validation.passwordProblem("correct horse battery", username: "") == nil)
        #expect(Validation.passwordProblem("correct horse battery", username: "dave") == nil)
    }

    @Test(arguments: [
        "correct horse battery staple", "Tr0ub4dor&3xyz", "пароль-надёжный-7", "パスワードは長いです12", "🔑🔒🗝️🚪🔐🏠🔓🧷🪪🛡️",
        "contraseña segura", "  spaced out pass  ",
    ])
    func goodPasswordsAreAccepted(password: String) {
        #expect(Validation.passwordProblem(password, username: "alice") == nil)
    }

    @Test func passwordLengthCountsCharactersNotBytes() {
        // Ten characters, far more than ten bytes.
        let tenCyrillic = "жзийклмнпр"
        #expect(tenCyrillic.count == 10)
        #expect(tenCyrillic.utf8.count > 10)
        #expect(Validation.passwordProblem(tenCyrillic) == nil)
        #expect(Validation.passwordProblem(String(tenCyrillic.dropLast())) == "Password must be 10 to 128 characters.")
    }

    // MARK: chat

    @Test func chatKeepsOrdinaryText() {
        #expect(Validation.sanitizedChat("good luck!") == "good luck!")
        #expect(Validation.sanitizedChat("héllo wörld 👋 日本") == "héllo wörld 👋 日本")
        #expect(Validation.sanitizedChat("a  b") == "a  b")
    }

    @Test func chatTrimsSurroundingWhitespace() {
        #expect(Validation.sanitizedChat("   hi   ") == "hi")
        #expect(Validation.sanitizedChat("\u{00A0}hi\u{3000}") == "hi")
        #expect(Validation.sanitizedChat(" \t\n hi there \r\n ") == "hi there")
    }

    @Test func chatRemovesControlCharacters() {
        #expect(Validation.sanitizedChat("be\u{7}ll") == "bell")
        #expect(Validation.sanitizedChat("nul\u{0}byte") == "nulbyte")
        #expect(Validation.sanitizedChat("back\u{8}space") == "backspace")
        #expect(Validation.sanitizedChat("del\u{7F}ete") == "delete")
        #expect(Validation.sanitizedChat("c1\u{85}\u{9B}x") == "c1x")
        #expect(Validation.sanitizedChat("line\u{2028}sep\u{2029}") == "linesep")
        // Format characters that reorder or hide text.
        #expect(Validation.sanitizedChat("\u{202E}evil\u{200B}") == "evil")
        #expect(Validation.sanitizedChat("a\nb\rc\td") == "a b c d")
    }

    @Test func chatRemovesTheEscapeOfANSISequences() throws {
        let red = try #require(Validation.sanitizedChat("\u{1B}[31mred\u{1B}[0m"))
        #expect(!red.unicodeScalars.contains { $0.properties.generalCategory == .control })
        #expect(!red.contains("\u{1B}"))
        #expect(red.contains("red"))
        // The gateway's integration test pins this exact result.
        #expect(Validation.sanitizedChat("  good\u{1B}[31m luck\u{7} ") == "good[31m luck")
        let clear = Validation.sanitizedChat("\u{1B}]0;title\u{7}\u{1B}c hi")
        #expect(clear?.contains("\u{1B}") == false)
        #expect(clear?.contains("\u{7}") == false)
    }

    @Test(arguments: ["", "   ", "\u{0}\u{1} ", "\u{1B}", "\n\t\r", "\u{200B}\u{FEFF}", " \u{7F} "])
    func chatWithNothingPrintableIsNil(text: String) {
        #expect(Validation.sanitizedChat(text) == nil)
    }

    @Test func chatLengthLimitConstant() {
        #expect(Validation.chatMaxLength == 500)
    }

    // MARK: full name and avatar

    @Test func fullNames() {
        #expect(Validation.fullNameProblem("") == nil)
        #expect(Validation.fullNameProblem("Ada Lovelace") == nil)
        #expect(Validation.fullNameProblem("José Ñúñez-O'Brien") == nil)
        #expect(Validation.fullNameProblem("王小明") == nil)
        #expect(Validation.fullNameProblem(String(repeating: "n", count: 100)) == nil)
        #expect(
            Validation.fullNameProblem(String(repeating: "n", count: 101)) == "Full name may be at most 100 characters."
        )
        #expect(Validation.fullNameProblem(String(repeating: "é", count: 100)) == nil)
    }

    @Test(arguments: ["Ada\nLovelace", "Ada\u{0}", "\u{1B}[2JAda", "tab\there", "rtl\u{202E}trick", "zw\u{200B}sp"])
    func fullNamesWithControlCharacters(name: String) {
        #expect(Validation.fullNameProblem(name) == "Full name may not contain control characters.")
    }

    @Test(arguments: [
        "", "https://example.com/a.png", "http://example.com/a.png", "https://cdn.example.org/u/1?size=64&x=y",
    ])
    func validAvatarURLs(url: String) {
        #expect(Validation.avatarURLProblem(url) == nil)
    }

    @Test(arguments: [
        "ftp://example.com/a.png", "javascript:alert(1)", "data:image/png;base64,AAAA", "example.com/a.png",
        "//example.com/a.png", "https://exa mple.com/a.png", "https://example.com/a.png\n", "HTTPS//x",
        "file:///etc/passwd",
    ])
    func invalidAvatarURLs(url: String) {
        #expect(Validation.avatarURLProblem(url) == "Avatar URL must be an http(s) address.")
    }

    @Test func avatarURLLengthLimit() {
        let prefix = "https://example.com/"
        let longest = prefix + String(repeating: "a", count: 500 - prefix.count)
        #expect(Validation.avatarURLProblem(longest) == nil)
        #expect(Validation.avatarURLProblem(longest + "a") == "Avatar URL may be at most 500 characters.")
    }
}
