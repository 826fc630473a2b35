import Foundation

/// Report requests from text (`junit=gate.xml`), and the files they may not share: what `check`
/// accepts before it reads anything. The errors are values; the tool phrases the spec's with
/// its option's name.
extension ReportRequest {
    /// What is wrong with a report spec.
    package enum SpecError: Error, Equatable {
        /// No `=`: the spec is not `FORMAT=PATH`.
        case notFormatEqualsPath(spec: String)
        /// No report has this format; `nearest` is a format's name close to it, if one is.
        case unknownFormat(name: String, spec: String, nearest: String?)
        /// Nothing after `=`.
        case missingPath(format: String, spec: String)
    }

    /// The request `spec` names: `FORMAT=PATH`, the path everything after the first `=` (it may
    /// hold another), as given.
    ///
    /// ```swift
    /// try ReportRequest(spec: "junit=gate.xml")   // .junit, "gate.xml"
    /// ```
    package init(spec: String) throws(SpecError) {
        guard let eq = spec.firstIndex(of: "=") else { throw .notFormatEqualsPath(spec: spec) }
        let name = String(spec[..<eq]), path = String(spec[spec.index(after: eq)...])
        guard let format = GateReportFormat(rawValue: name) else {
            throw .unknownFormat(name: name, spec: spec, nearest: closestMatch(to: name, in: GateReportFormat.all.map(\.rawValue)))
        }
        guard !path.isEmpty else { throw .missingPath(format: name, spec: spec) }
        self.init(format: format, path: path)
    }

    /// Two reports to one file would overwrite each other, and a report over an input (the
    /// baseline, a log) would destroy it.
    package enum Collision: Error, Equatable, CustomStringConvertible {
        /// `request`'s file is an input of the run.
        case overwritesInput(ReportRequest)
        /// `later`'s file is `earlier`'s.
        case sharedFile(earlier: ReportRequest, later: ReportRequest)

        package var description: String {
            switch self {
            case .overwritesInput(let request):
                "'\(request.path)' is an input of this check (the baseline or a log); write the \(request.format) report to another file"
            case .sharedFile(let earlier, let later):
                "'\(later.path)' is named for two reports (\(earlier.format) and \(later.format)); give each its own file"
            }
        }
    }

    /// Refuses `requests` when two name one file or one names an input: the first such request,
    /// in order. Paths are compared absolute, with symbolic links followed (a report is written
    /// through a link, to its target), so `a.json`, `./a.json` and a link to it are one file.
    package static func checkFiles(_ requests: [ReportRequest], inputs: [String]) throws(Collision) {
        let inputFiles = Set(inputs.map(ReportWriter.canonical))
        var seen: [String: ReportRequest] = [:]
        for request in requests {
            let file = ReportWriter.canonical(request.path)
            if inputFiles.contains(file) { throw .overwritesInput(request) }
            if let earlier = seen[file] { throw .sharedFile(earlier: earlier, later: request) }
            seen[file] = request
        }
    }
}
