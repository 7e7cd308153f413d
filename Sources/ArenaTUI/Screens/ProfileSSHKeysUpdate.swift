import ArenaClient
import ArenaKit

extension AppState {
    mutating func openSSHKeys(_ profile: inout ProfileState) -> [Effect] {
        profile.sshKeys = SSHKeysPanel()
        return [.loadSSHKeys]
    }

    /// Keys while the panel is open: Tab moves between the paste field and the list, Enter links
    /// the pasted key, x / Delete removes the selected one (after y), Esc closes the panel.
    mutating func sshKeysKey(_ key: Key, _ panel: inout SSHKeysPanel) -> (close: Bool, effects: [Effect]) {
        if let doomed = panel.confirmRemove {
            panel.confirmRemove = nil
            guard bindings.matches(key, .yes) else {
                panel.message = nil
                return (false, [])
            }
            panel.busy = true
            panel.show("Removing the key…", error: false)
            return (false, [.unlinkSSHKey(id: doomed.id)])
        }
        guard !panel.busy else { return (key == .escape, []) }
        switch (key, panel.focus) {
        case (.escape, _):
            return (true, [])
        case (.tab, _), (.backTab, _):
            panel.focus = panel.focus == .field ? .list : .field
        case (.enter, .field):
            let line = panel.draft.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty else {
                panel.show("Paste a public key line, e.g. the contents of ~/.ssh/id_ed25519.pub.", error: true)
                return (false, [])
            }
            panel.busy = true
            panel.show("Linking the key…", error: false)
            return (false, [.linkSSHKey(line)])
        case (.backspace, .field):
            if !panel.draft.isEmpty { panel.draft.removeLast() }
        case (.control("u"), .field):
            panel.draft = ""
        case (.character(let character), .field):
            guard panel.draft.count < SSHKeysPanel.draftLimit else { return (false, []) }
            panel.draft.append(character)
            panel.message = nil
        case (.up, .list):
            panel.selected = max(0, panel.selected - 1)
        case (.down, .list):
            panel.selected = min(max(0, panel.keys.count - 1), panel.selected + 1)
        case (.delete, .list), (.backspace, .list):
            panel.confirmRemove = panel.selectedKey
        case (.character, .list):
            if bindings.matches(key, .remove) { panel.confirmRemove = panel.selectedKey }
            if bindings.matches(key, .back) { return (true, []) }
        default:
            break
        }
        return (false, [])
    }

    mutating func sshKeysLoaded(_ result: Result<[SSHKeyDTO], ArenaClientError>) -> [Effect] {
        if case .failure(let error) = result, error == .sessionExpired { return sessionEnded(error.message) }
        return updateSSHKeys { panel in
            panel.loaded = true
            switch result {
            case .success(let keys):
                panel.keys = keys
                panel.selected = min(panel.selected, max(0, keys.count - 1))
            case .failure(let error):
                panel.show(error.message, error: true)
            }
        }
    }

    mutating func sshKeyLinked(_ result: Result<SSHKeyDTO, ArenaClientError>) -> [Effect] {
        if case .failure(let error) = result, error == .sessionExpired { return sessionEnded(error.message) }
        return updateSSHKeys { panel in
            panel.busy = false
            switch result {
            case .success(let key):
                panel.keys.append(key)
                panel.selected = panel.keys.count - 1
                panel.draft = ""
                panel.show("Key linked: ssh to this server with it logs you in.", error: false)
            case .failure(let error):
                panel.show(error.message, error: true)
            }
        }
    }

    mutating func sshKeyUnlinked(id: String, _ result: Result<Done, ArenaClientError>) -> [Effect] {
        if case .failure(let error) = result, error == .sessionExpired { return sessionEnded(error.message) }
        return updateSSHKeys { panel in
            panel.busy = false
            switch result {
            case .success:
                panel.keys.removeAll { $0.id == id }
                panel.selected = min(panel.selected, max(0, panel.keys.count - 1))
                panel.show("Key removed.", error: false)
            case .failure(let error):
                panel.show(error.message, error: true)
            }
        }
    }

    private mutating func updateSSHKeys(_ change: (inout SSHKeysPanel) -> Void) -> [Effect] {
        guard case .profile(var profile) = screen, var panel = profile.sshKeys else { return [] }
        change(&panel)
        profile.sshKeys = panel
        screen = .profile(profile)
        return []
    }
}
