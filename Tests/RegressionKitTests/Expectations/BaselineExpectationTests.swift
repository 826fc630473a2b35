import Foundation
import Testing
@testable import RegressionKit

@Suite("Record modes and named baselines")
struct BaselineExpectationTests {
    @Test(arguments: [
        ("all", BaselineRecordMode.all), (" Failed ", .failed), ("MISSING", .missing), ("never", .never),
    ])
    func modesReadFromText(text: String, mode: BaselineRecordMode) {
        #expect(BaselineRecordMode(rawValue: text) == mode)
        #expect(mode.rawValue == text.trimmingCharacters(in: .whitespaces).lowercased())
    }

    @Test func unknownModesAreNil() {
        #expect(BaselineRecordMode(rawValue: "yes") == nil)
        #expect(BaselineRecordMode(rawValue: "") == nil)
    }

    @Test func theArgumentWinsThenTheScopeThenTheEnvironmentThenCI() throws {
        let env = ["REGRESSION_RECORD": "failed", "CI": "true"]
        #expect(try RecordModeChoice.resolve(argument: .all, scoped: .never, environment: env) == .init(mode: .all, source: .argument))
        #expect(try RecordModeChoice.resolve(argument: nil, scoped: .never, environment: env) == .init(mode: .never, source: .scope))
        #expect(try RecordModeChoice.resolve(argument: nil, scoped: nil, environment: env) == .init(mode: .failed, source: .environment))
        #expect(try RecordModeChoice.resolve(argument: nil, scoped: nil, environment: ["CI": "true"]) == .init(mode: .never, source: .continuousIntegration))
        #expect(try RecordModeChoice.resolve(argument: nil, scoped: nil, environment: [:]) == .init(mode: .missing, source: .default))
        #expect(try RecordModeChoice.resolve(argument: nil, scoped: nil, environment: ["REGRESSION_RECORD": ""]) == .init(mode: .missing, source: .default))
    }

    @Test(arguments: [("true", true), ("1", true), ("yes", true), ("", false), ("false", false), ("0", false), ("FALSE", false), ("no", false)])
    func ciCountsWhenSetToAnythingButFalse(value: String, isCI: Bool) throws {
        let mode = try RecordModeChoice.resolve(argument: nil, scoped: nil, environment: ["CI": value]).mode
        #expect(mode == (isCI ? .never : .missing))
    }

    @Test func aBadEnvironmentValueIsAnError() {
        #expect(throws: InvalidRecordModeError(value: "true")) {
            try RecordModeChoice.resolve(argument: nil, scoped: nil, environment: ["REGRESSION_RECORD": "true"])
        }
    }

    @Test func aNameIsAFileInTheBaselinesDirectoryOfThePackage() throws {
        let here = #filePath
        let location = try BaselineLocation(name: "rag", filePath: here)
        #expect(location.packageRoot == packageRoot.path)
        #expect(location.path == packageRoot.path + "/baselines/rag.json")
        #expect(location.displayPath == "baselines/rag.json")
        #expect(try BaselineLocation(name: "rag.json", filePath: here).displayPath == "baselines/rag.json")
        #expect(try BaselineLocation(name: "rag v2 (ünicode)", filePath: here).displayPath == "baselines/rag v2 (ünicode).json")
        #expect(try BaselineLocation(name: "rag", directory: "Tests/baselines", filePath: here).displayPath == "Tests/baselines/rag.json")
        #expect(try BaselineLocation(name: "rag", directory: "/tmp/b", filePath: here).displayPath == "/tmp/b/rag.json")
    }

    @Test(arguments: [
        ("", "is empty"), (".json", "is empty"), ("../rag", "contains a path separator"), ("a/b", "contains a path separator"),
        ("/etc/passwd", "contains a path separator"), ("a\\b", "contains a path separator"), ("..", "starts with '.'"),
        (".", "starts with '.'"), (".hidden", "starts with '.'"), ("tab\there", "contains a control character"),
        (String(repeating: "x", count: 201), "is longer than 200 bytes"),
    ])
    func namesThatWouldEscapeTheDirectoryAreRefused(name: String, problem: String) {
        #expect(throws: NamedBaselineError(name: name, problem: problem)) {
            try BaselineLocation(name: name, filePath: #filePath)
        }
    }

    @Test func withoutAPackageARelativeDirectoryIsAnError() throws {
        let file = temporaryDirectory().appendingPathComponent("Test.swift").path
        #expect(throws: NamedBaselineError(name: "rag", problem: "has no package to live in: no Package.swift above \(file)")) {
            try BaselineLocation(name: "rag", filePath: file)
        }
        #expect(try BaselineLocation(name: "rag", directory: "/tmp/b", filePath: file).path == "/tmp/b/rag.json")
    }
}
