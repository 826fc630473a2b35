import Foundation
import Testing
@testable import RegressionKit

/// Every file the tool writes (baselines, reports, candidates, simulated logs) goes through
/// `AtomicFile.write`: through a symbolic link to its target, and into a folder only as asked.
@Suite("Atomic writes: links and missing folders")
struct AtomicWriteTests {
    func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }
    func isLink(_ url: URL) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil
    }

    @Test func aLinkIsWrittenThroughToItsTargetAndStaysALink() throws {
        let dir = temporaryDirectory()
        let shared = dir.appendingPathComponent("shared"), repo = dir.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: false)
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: false)
        try "old\n".write(to: shared.appendingPathComponent("b.json"), atomically: false, encoding: .utf8)
        chmod(shared.appendingPathComponent("b.json").path, 0o600)
        // repo/link.json -> repo/hop.json -> ../shared/b.json: a chain of relative links
        try FileManager.default.createSymbolicLink(atPath: repo.appendingPathComponent("hop.json").path, withDestinationPath: "../shared/b.json")
        try FileManager.default.createSymbolicLink(atPath: repo.appendingPathComponent("link.json").path, withDestinationPath: "hop.json")

        let written = try AtomicFile.write("new\n", to: repo.appendingPathComponent("link.json").path, missingDirectories: .refuse)

        #expect(written == shared.resolvingSymlinksInPath().appendingPathComponent("b.json").path)
        #expect(try text(shared.appendingPathComponent("b.json")) == "new\n")
        #expect(isLink(repo.appendingPathComponent("link.json")) && isLink(repo.appendingPathComponent("hop.json")))
        #expect(try text(repo.appendingPathComponent("link.json")) == "new\n")
        let mode = try FileManager.default.attributesOfItem(atPath: shared.appendingPathComponent("b.json").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)   // the replaced file keeps its permissions
        #expect(try FileManager.default.contentsOfDirectory(atPath: shared.path) == ["b.json"])   // no temporary file left
        #expect(try FileManager.default.contentsOfDirectory(atPath: repo.path).sorted() == ["hop.json", "link.json"])
    }

    @Test func aPlainFileIsNamedAsGivenAndALinkToNothingCreatesItsTarget() throws {
        let dir = temporaryDirectory()
        let plain = dir.appendingPathComponent("plain.json").path
        #expect(try AtomicFile.write("x", to: plain, missingDirectories: .refuse) == plain)
        let link = dir.appendingPathComponent("dangling.json")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "made.json")
        let written = try AtomicFile.write("y", to: link.path, missingDirectories: .refuse)
        #expect(written.hasSuffix("/made.json"))
        #expect(isLink(link))
        #expect(try text(dir.appendingPathComponent("made.json")) == "y")
    }

    @Test func aLinkLoopIsAnErrorNotAHang() throws {
        let dir = temporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("a").path, withDestinationPath: "b")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("b").path, withDestinationPath: "a")
        #expect {
            try AtomicFile.write("x", to: dir.appendingPathComponent("a").path, missingDirectories: .refuse)
        } throws: { ($0 as? AtomicFile.Failure)?.reason == "too many levels of symbolic links" }
    }

    @Test func missingFoldersAreCreatedOnlyAsAsked() throws {
        let dir = temporaryDirectory()
        let one = dir.appendingPathComponent("one/file.json").path
        let deep = dir.appendingPathComponent("a/b/file.json").path
        func missing(_ path: String, _ mode: MissingDirectories) -> String? {
            do {
                try AtomicFile.write("x", to: path, missingDirectories: mode)
                return nil
            } catch {
                return error.missingDirectory
            }
        }
        #expect(missing(one, .refuse) == dir.appendingPathComponent("one").path)
        #expect(missing(deep, .createLast) == dir.appendingPathComponent("a").path)   // the highest missing level is named
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)   // nothing made on the way
        #expect(missing(one, .createLast) == nil)
        #expect(missing(deep, .createAll) == nil)
        #expect(FileManager.default.fileExists(atPath: one) && FileManager.default.fileExists(atPath: deep))
        #expect(MissingDirectories(rawValue: "create-last") == .createLast && MissingDirectories(rawValue: "mkdir") == nil)
    }

    @Test func aDirectoryInTheWayIsAnError() throws {
        let dir = temporaryDirectory()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("taken"), withIntermediateDirectories: false)
        #expect {
            try AtomicFile.write("x", to: dir.appendingPathComponent("taken").path, missingDirectories: .refuse)
        } throws: { ($0 as? AtomicFile.Failure)?.reason == "it is a directory, not a file" }
        #expect {
            try AtomicFile.write("x", to: dir.path + "/", missingDirectories: .refuse)
        } throws: { ($0 as? AtomicFile.Failure)?.reason == "it names a directory, not a file" }
    }
}
