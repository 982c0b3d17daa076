import Foundation
import PackagePlugin

/// Writes `GitRevision.swift` (`let gitRevision = "…"`) before every build: the checkout's
/// commit (`git rev-parse --short=12 HEAD`, `+dirty` when files differ from it), or "unknown"
/// outside a git checkout or without git. The file is rewritten only when the revision changes,
/// so an unchanged checkout does not rebuild the target.
@main
struct GitRevision: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
    let output = context.pluginWorkDirectoryURL.appending(path: "GitRevision.swift")
    let package = context.package.directoryURL.path
    let script = """
      cd '\(package)' 2>/dev/null || exit 0
      rev=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
      if [ "$rev" != unknown ] && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then rev="$rev+dirty"; fi
      text="/// The git commit akn was built from (written by the GitRevision plugin).
      let gitRevision = \\"$rev\\""
      if [ "$(cat '\(output.path)' 2>/dev/null)" != "$text" ]; then printf '%s\\n' "$text" > '\(output.path)'; fi
      """
    return [
      .prebuildCommand(
        displayName: "git revision for --version", executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", script], outputFilesDirectory: context.pluginWorkDirectoryURL)
    ]
  }
}
