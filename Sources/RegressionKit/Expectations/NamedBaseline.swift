import Foundation

/// A baseline that is the wrong name for a file in the baselines directory.
package struct NamedBaselineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name given.
    var name: String
    /// What is wrong with it.
    var problem: String

    package var description: String {
        "baseline name '\(name)' \(problem); a name is a file name in baselines/, like \"rag-pipeline\" (pass baselineDirectory: to use another directory)"
    }
}

/// Where a named baseline lives: `baselines/<name>.json` in the package under test.
package struct BaselineLocation: Sendable, Equatable {
    /// The name, without `.json`.
    var name: String
    /// The file's absolute path.
    var path: String
    /// The path for messages: relative to the package root when inside it (`baselines/rag.json`).
    package var displayPath: String
    /// The package root (the directory holding `Package.swift`), when one was found.
    package var packageRoot: String?

    /// The directory named baselines live in, relative to the package root: `baselines`.
    static let defaultDirectory = "baselines"

    /// Resolves `name` to `<directory>/<name>.json`.
    ///
    /// - Parameters:
    ///   - name: a file name without directories: not empty, no `/` or `\`, not starting with
    ///     `.`, no control characters; a trailing `.json` is allowed and not doubled.
    ///   - directory: where baselines live: absolute, or relative to the package root;
    ///     `baselines` by default.
    ///   - filePath: the test file's path (`#filePath`); the package root is the nearest
    ///     directory above it that holds `Package.swift`.
    /// - Throws: `NamedBaselineError` for a name that would escape the directory, or when no
    ///   package root is found and `directory` is not absolute.
    package init(name: String, directory: String? = nil, filePath: String) throws(NamedBaselineError) {
        let base = name.hasSuffix(".json") ? String(name.dropLast(5)) : name
        func invalid(_ problem: String) -> NamedBaselineError { NamedBaselineError(name: name, problem: problem) }
        guard !base.isEmpty else { throw invalid("is empty") }
        guard !base.contains("/"), !base.contains("\\") else { throw invalid("contains a path separator") }
        guard !base.hasPrefix(".") else { throw invalid("starts with '.'") }
        guard !base.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw invalid("contains a control character")
        }
        guard base.utf8.count <= 200 else { throw invalid("is longer than 200 bytes") }

        let root = Self.packageRoot(above: filePath)
        let folder: String
        let chosen = directory ?? Self.defaultDirectory
        if chosen.hasPrefix("/") {
            folder = chosen
        } else if let root {
            folder = root + "/" + chosen
        } else {
            throw NamedBaselineError(name: name, problem: "has no package to live in: no Package.swift above \(filePath)")
        }
        self.name = base
        self.path = URL(fileURLWithPath: folder).appendingPathComponent(base + ".json").standardizedFileURL.path
        self.packageRoot = root
        if let root, path.hasPrefix(root + "/") {
            displayPath = String(path.dropFirst(root.count + 1))
        } else {
            displayPath = path
        }
    }

    /// The nearest directory above `filePath` that holds a `Package.swift`, or nil.
    static func packageRoot(above filePath: String) -> String? {
        var parts = URL(fileURLWithPath: filePath).standardizedFileURL.path.split(separator: "/").map(String.init)
        guard !parts.isEmpty else { return nil }
        parts.removeLast()   // the file itself
        while true {
            let directory = "/" + parts.joined(separator: "/")
            if FileManager.default.fileExists(atPath: directory + (parts.isEmpty ? "" : "/") + "Package.swift") {
                return directory
            }
            if parts.isEmpty { return nil }
            parts.removeLast()
        }
    }
}
