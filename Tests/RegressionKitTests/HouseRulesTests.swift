import Foundation
import Testing

/// The house plan (`DESIGN.md`), read from the code: which folder may know what. Each rule is one
/// a reviewer would otherwise check by hand on every change.
struct HouseRulesTests {
    let library = packageRoot.appendingPathComponent("Sources/RegressionKit")

    /// The Swift files under `folder` of the library, with their text.
    func sources(in folder: String) throws -> [(path: String, text: String)] {
        let root = library.appendingPathComponent(folder)
        let enumerator = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
        return try enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.map {
            ("\(folder)/" + $0.path.dropFirst(root.path.count + 1), try String(contentsOf: $0, encoding: .utf8))
        }
    }

    /// The types a folder's files declare at the top level (nested types are their owners' business).
    func topLevelTypes(in folder: String) throws -> Set<String> {
        let declaration = /^(?:public |package |internal |fileprivate |private |final )*(?:struct|enum|class|actor|protocol|typealias) ([A-Za-z_][A-Za-z0-9_]*)/
            .anchorsMatchLineEndings()
        return Set(try sources(in: folder).flatMap { file in file.text.matches(of: declaration).map { String($0.output.1) } })
    }

    /// Whether `text` names `identifier` as a whole word.
    func mentions(_ text: String, _ identifier: String) -> Bool {
        text.ranges(of: identifier).contains { range in
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            func isWord(_ c: Character?) -> Bool { c.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false }
            return !isWord(before) && !isWord(after)
        }
    }

    /// Each use of one of `types` in code under `folder` (comments may name anything).
    func references(from folder: String, to types: Set<String>) throws -> [String] {
        try sources(in: folder).flatMap { file in
            let code = file.text.split(separator: "\n").map { (line: Substring) -> String in
                String(line.firstRange(of: "//").map { line[..<$0.lowerBound] } ?? line)
            }.joined(separator: "\n")
            return types.sorted().filter { mentions(code, $0) }.map { "\(file.path) uses \($0)" }
        }
    }

    @Test func theGateKnowsNoReportFormat() throws {
        let reportTypes = try topLevelTypes(in: "Reports")
        #expect(reportTypes.contains("GateReportFormat"))   // the rule reads real declarations
        #expect(try references(from: "Gate", to: reportTypes) == [])
    }

    @Test func statisticsIsPureMathThatKnowsNoRecordsNorReports() throws {
        let types = try topLevelTypes(in: "Reports").union(topLevelTypes(in: "Records")).union(topLevelTypes(in: "Gate"))
        #expect(try references(from: "Statistics", to: types) == [])
    }

    /// The scanned record and the byte-keyed table are the reader's and the aggregates' working
    /// parts: the gate, the baseline and the reports work with names and counts.
    @Test func scannedRecordsStayInsideRecordsAndAggregates() throws {
        let working: Set = ["RawStepRecord", "RawString", "ByteTable", "NameTable"]
        for folder in ["Gate", "Baseline", "Reports", "Forensics", "Monitoring", "Expectations"] {
            #expect(try references(from: folder, to: working) == [], "\(folder)")
        }
    }

    /// A log format lives in one folder under Records: its parser, fast path and writer are not
    /// spread over the general JSON code.
    @Test func theFailureForensicsFormatLivesInItsFolder() throws {
        let format = try topLevelTypes(in: "Records/FailureForensics")
        #expect(format.isSuperset(of: ["FailureForensicsFormat", "FailureForensicsLayout", "LogLineParser", "UTF8Memo", "PythonFloat"]))
        #expect(try topLevelTypes(in: "JSON").isDisjoint(with: format))
    }

    @Test func foldersAreNamedForWhatTheyHold() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: library.path)
        #expect(!folders.contains("Stats"))
        #expect(folders.contains("RegressionKit.docc"))
    }

    @Test func theReadmeIsAFrontDoor() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.split(separator: "\n", omittingEmptySubsequences: false).count <= 200)
    }
}
