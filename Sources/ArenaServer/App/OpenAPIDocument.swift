import Foundation

/// Finds `openapi.yaml`: beside the configured path, the working directory, or the package root
/// the binary was built in (the repository), so `GET /openapi.yaml` works from a checkout.
enum OpenAPIDocument {
    static func text(near configured: String?) -> String? {
        var candidates: [String] = []
        if let configured { candidates.append(configured) }
        candidates.append(FileManager.default.currentDirectoryPath + "/openapi.yaml")
        // .build/<triple>/debug/arena-server -> repository root
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(dir.appendingPathComponent("openapi.yaml").path)
            dir = dir.deletingLastPathComponent()
        }
        for path in candidates {
            if let text = try? String(contentsOfFile: path, encoding: .utf8) { return text }
        }
        return nil
    }
}
