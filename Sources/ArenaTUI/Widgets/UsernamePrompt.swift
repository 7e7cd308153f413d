import ArenaKit
import Foundation

/// The one-line "type a player's name" prompt shared by inviting and befriending: editing keys,
/// the length cap, and the checks made before anything is sent.
enum UsernamePrompt {
    enum Outcome: Equatable {
        /// Still typing; the text as it now stands.
        case editing(String)
        case cancelled
        /// Enter on a valid name that is not the player's own.
        case submitted(String)
        /// Enter on a name that cannot be sent; the sentence says why.
        case refused(String)
    }

    static func handle(_ key: Key, text: String, ownName: String?, selfRefusal: String) -> Outcome {
        var text = text
        switch key {
        case .escape:
            return .cancelled
        case .backspace:
            if !text.isEmpty { text.removeLast() }
        case .control("u"):
            text = ""
        case .enter:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let problem = Validation.usernameProblem(trimmed) { return .refused(problem) }
            if trimmed.lowercased() == ownName?.lowercased() { return .refused(selfRefusal) }
            return .submitted(trimmed)
        case .character(let character):
            if text.count < Validation.usernameLength.upperBound { text.append(character) }
        default:
            break
        }
        return .editing(text)
    }
}
