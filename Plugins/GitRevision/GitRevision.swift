import Foundation
import PackagePlugin

/// Writes `GitRevision.swift` (`let gitRevision = "…"`): the checkout's commit
/// (`git rev-parse --short=12 HEAD`), or "unknown" outside a git checkout or without git. The
/// command runs again whenever HEAD moves (a commit, a checkout, a merge, a reset), since its
/// inputs are the git folder's `HEAD` and `logs/HEAD` (the reflog every move of HEAD appends to).
@main
struct GitRevision: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
    let output = context.pluginWorkDirectoryURL.appending(path: "GitRevision.swift")
    let package = context.package.directoryURL
    let inputs =
      Self.gitFolder(of: package).map { folder in
        [folder.appending(path: "HEAD"), folder.appending(path: "logs/HEAD")].filter {
          FileManager.default.fileExists(atPath: $0.path)
        }
      } ?? []
    let script = """
      rev=$(cd '\(package.path)' 2>/dev/null && git rev-parse --short=12 HEAD 2>/dev/null) || rev=unknown
      [ -n "$rev" ] || rev=unknown
      printf '/// The git commit akn was built from (written by the GitRevision plugin).\\nlet gitRevision = "%s"\\n' "$rev" > '\(output.path)'
      """
    return [
      .buildCommand(
        displayName: "git revision for --version", executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", script], inputFiles: inputs, outputFiles: [output])
    ]
  }

  /// The checkout's git folder: `.git` itself, or the folder a worktree's `.git` file names.
  static func gitFolder(of package: URL) -> URL? {
    let dotGit = package.appending(path: ".git")
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isFolder) else { return nil }
    if isFolder.boolValue { return dotGit }
    guard let text = try? String(contentsOf: dotGit, encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("gitdir: ") })
    else { return nil }
    let path = String(line.dropFirst("gitdir: ".count))
    return path.hasPrefix("/") ? URL(fileURLWithPath: path) : package.appending(path: path)
  }
}
