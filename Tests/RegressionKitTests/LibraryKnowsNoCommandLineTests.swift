import Foundation
import Testing

/// The library knows no command line (DESIGN.md): flag names and "what to do" hints that name
/// them live in `regress-gate`, which adds them to the library's values. A string literal in
/// Sources/RegressionKit that names a flag would show a library user, or a Swift test, an option
/// of a tool they may not run. Doc comments may name flags: they document the tool's use.
@Suite("The library knows no command line")
struct LibraryKnowsNoCommandLineTests {
    /// `--name` as text names it: after a space, a quote or a bracket, and before one or
    /// `=value`. A CSS custom property in the HTML report's style (`--fg: #1f2328`,
    /// `var(--fg)`) is not a flag.
    static func flags(in literals: [SwiftStringLiterals.Literal]) -> [(name: String, line: Int)] {
        let flag = try! Regex(#"(?:^|[\s'"`\[])(--[a-z][a-z0-9]*(?:-[a-z0-9]+)*)(?=$|[\s'"`=\],.;)])"#)
        return literals.flatMap { literal in
            literal.text.matches(of: flag).compactMap { match in match.output[1].substring.map { (String($0), literal.line) } }
        }
    }

    @Test func noStringLiteralInTheLibraryNamesAFlag() throws {
        let sources = packageRoot.appendingPathComponent("Sources/RegressionKit")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        #expect(files.count > 100)
        var found: [String] = []
        for file in files {
            let source = try String(contentsOf: file, encoding: .utf8)
            for (name, line) in Self.flags(in: SwiftStringLiterals.scan(source)) {
                found.append("\(file.path.dropFirst(packageRoot.path.count + 1)):\(line): \(name)")
            }
        }
        #expect(found.isEmpty, "flags named in the library (say what went wrong as a value; regress-gate names its flags):\n\(found.joined(separator: "\n"))")
    }

    /// What the check above would catch, and what it lets be.
    @Test func aFlagIsNamedInALiteralNotInACommentOrAStyle() {
        let source = #"""
        /// Pass `--baseline PATH`.   // a doc comment: allowed
        // --logs in a comment
        /* --format /* nested */ json */
        let a = "or pass --baseline PATH"
        let b = "skip them with --max-bad-lines=3, or \(x ? "--run-scope" : "") file"
        let c = #"raw "--fail-on" \(not) interpolated"#
        let d = """
            multi-line
            --output FILE
            """
        let e = ":root { --fg: #1f2328; } body { color: var(--fg); } i--; x -- y; ---"
        let f = "line\n--report x"
        """#
        let literals = SwiftStringLiterals.scan(source)
        #expect(literals.map(\.line) == [4, 5, 5, 5, 6, 7, 11, 12])
        #expect(Self.flags(in: literals).map(\.name)
                == ["--baseline", "--run-scope", "--max-bad-lines", "--fail-on", "--output", "--report"])
    }
}
