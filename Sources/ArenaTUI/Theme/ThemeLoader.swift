import ArenaClient
import Foundation

/// Finds a theme file by name: the user's config dir first, then `themes/` beside the program
/// (or up to a few folders above it, as in a build tree), then the working directory.
public enum ThemeLoader {
    public enum Failure: Error, CustomStringConvertible {
        case notFound(String, searched: [String])
        case invalidName(String)

        public var description: String {
            switch self {
            case .notFound(let name, let searched):
                "No theme named \"\(name)\". Looked in: \(searched.joined(separator: ", "))"
            case .invalidName(let name): "\"\(name)\" is not a theme name."
            }
        }
    }

    public static func searchDirectories(paths: ClientPaths) -> [String] {
        var directories = [paths.themesDirectory]
        if let explicit = ProcessInfo.processInfo.environment["ARENA_THEMES_DIR"], !explicit.isEmpty {
            directories.insert(explicit, at: 0)
        }
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<5 {
            directories.append(folder.appendingPathComponent("themes").path)
            directories.append(folder.appendingPathComponent("share/arena/themes").path)
            folder.deleteLastPathComponent()
        }
        directories.append(FileManager.default.currentDirectoryPath + "/themes")
        return directories
    }

    public static func load(name: String, paths: ClientPaths) throws -> Theme {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw Failure.invalidName(name)
        }
        let directories = searchDirectories(paths: paths)
        for directory in directories {
            let path = directory + "/" + name
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                return Theme(name: name, parsing: text)
            }
        }
        if name == "classic" { return .classic }
        if name == "mono" { return .monochrome }
        throw Failure.notFound(name, searched: directories)
    }
}
