import ArenaClient
import ArenaKit

extension AppState {
    mutating func openProfile() -> [Effect] {
        var profile = ProfileState()
        if let user, user.email != nil { profile.adopt(user) }
        screen = .profile(profile)
        return [.loadProfile]
    }

    mutating func profileKey(_ key: Key) -> [Effect] {
        guard case .profile(var profile) = screen else { return [] }
        defer { if case .profile = screen { screen = .profile(profile) } }
        if var panel = profile.sshKeys {
            let (close, effects) = sshKeysKey(key, &panel)
            profile.sshKeys = close ? nil : panel
            return effects
        }
        if profile.confirmLogoutEverywhere {
            profile.confirmLogoutEverywhere = false
            guard bindings.matches(key, .yes) else {
                profile.message = nil
                return []
            }
            profile.busy = true
            profile.message = "Logging out everywhere…"
            return [.logoutEverywhere]
        }
        guard !profile.busy else { return [] }
        let order = ProfileState.focusOrder
        let index = order.firstIndex(of: profile.focus) ?? 0
        switch key {
        case .escape:
            return backToLobby()
        case .tab, .down:
            profile.focus = order[(index + 1) % order.count]
        case .backTab, .up:
            profile.focus = order[(index + order.count - 1) % order.count]
        case .enter:
            return activate(profile.focus, &profile)
        case .backspace:
            if case .field(let field) = profile.focus, !profile.value(field).isEmpty {
                profile.values[field]?.removeLast()
                profile.fieldErrors[field] = nil
            }
        case .control("u"):
            if case .field(let field) = profile.focus { profile.values[field] = "" }
        case .character(let character):
            guard case .field(let field) = profile.focus else {
                if character == " " { return activate(profile.focus, &profile) }
                if bindings.matches(key, .back) { return backToLobby() }
                return []
            }
            guard profile.value(field).count < field.limit else { return [] }
            profile.values[field, default: ""].append(character)
            profile.fieldErrors[field] = nil
            profile.message = nil
        default:
            break
        }
        return []
    }

    private mutating func activate(_ focus: ProfileState.Focus, _ profile: inout ProfileState) -> [Effect] {
        profile.message = nil
        switch focus {
        case .field(let field):
            switch field {
            case .fullName, .avatarURL, .email: return activate(.save, &profile)
            case .currentPassword: profile.focus = .field(.newPassword)
            case .newPassword: return activate(.changePassword, &profile)
            }
            return []
        case .save:
            let fullName = profile.value(.fullName).trimmingCharacters(in: .whitespaces)
            let avatar = profile.value(.avatarURL).trimmingCharacters(in: .whitespaces)
            let email = profile.value(.email).trimmingCharacters(in: .whitespaces)
            profile.fieldErrors = [:]
            if !fullName.isEmpty { profile.fieldErrors[.fullName] = Validation.fullNameProblem(fullName) }
            if !avatar.isEmpty { profile.fieldErrors[.avatarURL] = Validation.avatarURLProblem(avatar) }
            profile.fieldErrors[.email] = Validation.emailProblem(email)
            profile.fieldErrors = profile.fieldErrors.compactMapValues { $0 }
            if let first = [ProfileState.Field.fullName, .avatarURL, .email].first(where: {
                profile.fieldErrors[$0] != nil
            }) {
                profile.focus = .field(first)
                return []
            }
            profile.busy = true
            profile.message = "Saving…"
            profile.messageIsError = false
            return [.saveProfile(fullName: fullName, avatarURL: avatar, email: email)]
        case .changePassword:
            let current = profile.value(.currentPassword)
            let new = profile.value(.newPassword)
            profile.fieldErrors[.currentPassword] = current.isEmpty ? "Enter your current password." : nil
            profile.fieldErrors[.newPassword] = Validation.passwordProblem(new, username: user?.username)
            if profile.fieldErrors[.currentPassword] != nil {
                profile.focus = .field(.currentPassword)
                return []
            }
            if profile.fieldErrors[.newPassword] != nil {
                profile.focus = .field(.newPassword)
                return []
            }
            profile.busy = true
            profile.message = "Changing the password…"
            profile.messageIsError = false
            return [.changePassword(current: current, new: new)]
        case .logout:
            profile.busy = true
            profile.message = "Logging out…"
            return [.logout]
        case .logoutEverywhere:
            profile.confirmLogoutEverywhere = true
            return []
        case .sshKeys:
            return openSSHKeys(&profile)
        }
    }

    mutating func profileClick(_ point: Point) -> [Effect] {
        guard case .profile(var profile) = screen, !profile.busy, profile.sshKeys == nil else { return [] }
        let layout = ProfileLayout(size: size)
        guard let target = layout.focus(at: point) else { return [] }
        profile.focus = target
        screen = .profile(profile)
        if case .field = target { return [] }
        return profileKey(.enter)
    }

    mutating func profileSaved(_ result: Result<UserDTO, ArenaClientError>, passwordChange: Bool) -> [Effect] {
        if case .success(let updated) = result { user = updated }
        guard case .profile(var profile) = screen else { return [] }
        profile.busy = false
        switch result {
        case .success(let updated):
            if passwordChange {
                profile.values[.currentPassword] = ""
                profile.values[.newPassword] = ""
                profile.message = "Password changed. Your other sessions were logged out."
            } else {
                profile.adopt(updated)
                profile.message = "Profile saved."
            }
            profile.messageIsError = false
        case .failure(let error):
            if error == .sessionExpired { return sessionEnded(error.message) }
            profile.messageIsError = true
            profile.message = error.message
            if passwordChange {
                let field: ProfileState.Field = error.code == "wrong_password" ? .currentPassword : .newPassword
                profile.fieldErrors[field] = error.message
                profile.focus = .field(field)
                if field == .currentPassword { profile.values[.currentPassword] = "" }
            } else if error.code.contains("email") {
                profile.fieldErrors[.email] = error.message
                profile.focus = .field(.email)
            }
        }
        screen = .profile(profile)
        return []
    }
}
