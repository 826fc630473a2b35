import Foundation
import Testing
@testable import RegressionKit

/// `check --report FORMAT=PATH`, without the tool: what a spec means, and which files no two
/// reports (or a report and an input) may share. The tool's wording is pinned in
/// RegressGateCLITests/ReportFilesTests.swift.
@Suite("Report specs")
struct ReportRequestSpecTests {
    @Test func aSpecIsAFormatThenAPathAfterTheFirstEqualsSign() throws {
        #expect(try ReportRequest(spec: "junit=gate.xml") == ReportRequest(format: .junit, path: "gate.xml"))
        #expect(try ReportRequest(spec: "markdown=out/a=b.md") == ReportRequest(format: .markdown, path: "out/a=b.md"))
        #expect(try ReportRequest(spec: "html=-") == ReportRequest(format: .html, path: "-"))
        for format in GateReportFormat.all {
            #expect(try ReportRequest(spec: "\(format)=r").format == format)
        }
    }

    @Test func aMistakeIsAValueNamingWhatIsWrong() {
        #expect(throws: ReportRequest.SpecError.notFormatEqualsPath(spec: "junit")) { try ReportRequest(spec: "junit") }
        #expect(throws: ReportRequest.SpecError.missingPath(format: "html", spec: "html=")) { try ReportRequest(spec: "html=") }
        #expect(throws: ReportRequest.SpecError.unknownFormat(name: "junt", spec: "junt=x.xml", nearest: "junit")) {
            try ReportRequest(spec: "junt=x.xml")
        }
        #expect(throws: ReportRequest.SpecError.unknownFormat(name: "JUnit", spec: "JUnit=x.xml", nearest: "junit")) {
            try ReportRequest(spec: "JUnit=x.xml")   // names are exact; the nearest is offered
        }
        #expect(throws: ReportRequest.SpecError.unknownFormat(name: "pdf", spec: "pdf=x.pdf", nearest: nil)) {
            try ReportRequest(spec: "pdf=x.pdf")
        }
        #expect(throws: ReportRequest.SpecError.unknownFormat(name: "", spec: "=x", nearest: nil)) { try ReportRequest(spec: "=x") }
    }

    @Test func twoReportsToOneFileAreRefused() throws {
        let dir = temporaryDirectory().path
        let json = ReportRequest(format: .json, path: "\(dir)/a.json")
        let junit = ReportRequest(format: .junit, path: "\(dir)/./out/../a.json")
        #expect(throws: ReportRequest.Collision.sharedFile(earlier: json, later: junit)) {
            try ReportRequest.checkFiles([json, junit], inputs: [])
        }
        #expect("\(ReportRequest.Collision.sharedFile(earlier: json, later: junit))"
                == "'\(dir)/./out/../a.json' is named for two reports (json and junit); give each its own file")

        // A link is its target: a report written through it would overwrite the other.
        #expect(FileManager.default.createFile(atPath: "\(dir)/a.json", contents: Data()))
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/link.html", withDestinationPath: "a.json")
        let linked = ReportRequest(format: .html, path: "\(dir)/link.html")
        #expect(throws: ReportRequest.Collision.sharedFile(earlier: json, later: linked)) {
            try ReportRequest.checkFiles([json, linked], inputs: [])
        }
        // Two of one format to two files are fine; so is a relative path to another file.
        try ReportRequest.checkFiles([json, ReportRequest(format: .json, path: "\(dir)/b.json"), ReportRequest(format: .json, path: "a.json")], inputs: [])
    }

    @Test func aReportOverAnInputIsRefused() throws {
        let dir = temporaryDirectory().path
        let inputs = ["\(dir)/baseline.json", "\(dir)/logs.jsonl"]
        let overLog = ReportRequest(format: .json, path: "\(dir)/./logs.jsonl")
        #expect(throws: ReportRequest.Collision.overwritesInput(overLog)) {
            try ReportRequest.checkFiles([ReportRequest(format: .junit, path: "\(dir)/gate.xml"), overLog], inputs: inputs)
        }
        #expect("\(ReportRequest.Collision.overwritesInput(overLog))"
                == "'\(dir)/./logs.jsonl' is an input of this check (the baseline or a log); write the json report to another file")
    }
}
