import Foundation

/// What a pull-request comment says of a gate, read back from the JSON report `check` wrote
/// (`check --report json=FILE`): the verdict, the versions, the steps that decided it, the
/// latency findings, the newly failing cases and what was read.
package struct GateSummary: Sendable, Equatable {
    /// A failure-rate finding that is not a PASS: the overall rate's or a step's.
    package struct RateFinding: Sendable, Equatable {
        /// The step, nil for the overall (run) failure rate.
        package var name: String?
        package var verdict: Verdict
        /// The rise the verdict rests on (the estimate), else the raw difference, in pp.
        package var deltaPP: Double?
        package var ciLowPP: Double?
        package var ciHighPP: Double?
        package var adjustedP: Double?
        /// Candidate runs that would settle an undecided rate.
        package var candidateRunsNeeded: Int?
        /// Why the step was not judged (it is missing on one side), when so.
        package var note: String?
    }

    /// A step's latency finding that is not a PASS.
    package struct LatencyFinding: Sendable, Equatable {
        package var step: String
        package var verdict: Verdict
        package var slowdown: Double
        package var ratioLow: Double
        package var ratioHigh: Double
        package var adjustedP: Double
    }

    package var verdict: Verdict
    package var candidate: String
    package var baseline: String
    package var policy: String
    /// The overall rate, then each step whose rate is not a PASS.
    package var rates: [RateFinding]
    package var latency: [LatencyFinding]
    /// Cases run by both versions, nil when the logs have no cases.
    package var casesCompared: Int?
    package var newlyFailing: [String]
    package var records: Int
    package var files: Int
    package var badLines: Int
    package var candidateRuns: Int
    package var baselineRuns: Int

    /// A JSON report is not one `check` wrote (or not this format version).
    package struct ReadError: Error, Equatable, CustomStringConvertible {
        package var message: String
        package var description: String { message }
    }

    /// Reads the JSON report in `bytes`.
    package init(jsonReport bytes: [UInt8]) throws(ReadError) {
        let document: JSONValue
        do throws(JSONParseError) {
            document = try JSONValue.parse(bytes)
        } catch {
            throw ReadError(message: "not JSON (line \(error.line), column \(error.column): \(error.message))")
        }
        do throws(JSONFieldReader.FieldError) {
            let r = try JSONFieldReader(document)
            let version = try r.integer("format_version")
            guard version == GateReport.jsonFormatVersion else {
                throw JSONFieldReader.FieldError(path: "format_version", message: "expected \(GateReport.jsonFormatVersion), found \(version) (a report from another regress-gate version)")
            }
            verdict = try Self.verdict(r, "verdict")
            policy = try r.string("policy")
            let c = try r.object("candidate"), b = try r.object("baseline")
            candidate = try c.string("version")
            baseline = try b.string("version")
            candidateRuns = try c.count("runs")
            baselineRuns = try b.count("runs")
            rates = []
            if let o = try r.optionalObject("overall") {
                rates.append(try Self.rate(o, name: nil, verdict: try Self.verdict(o, "verdict")))
            }
            latency = []
            guard case .array(let steps) = try r.value("steps") else { throw JSONFieldReader.FieldError(path: "steps", message: "expected a list") }
            for (i, step) in steps.enumerated() {
                let s = try JSONFieldReader(step, path: "steps.\(i)")
                let name = try s.string("step")
                let stepVerdict = try Self.verdict(s, "verdict")
                if stepVerdict != .pass { rates.append(try Self.rate(s, name: name, verdict: stepVerdict)) }
                if let l = try s.optionalObject("latency") {
                    let latencyVerdict = try Self.verdict(l, "verdict")
                    if latencyVerdict != .pass {
                        latency.append(LatencyFinding(step: name, verdict: latencyVerdict, slowdown: try l.double("slowdown_ratio"),
                                                      ratioLow: try l.double("ratio_low"), ratioHigh: try l.double("ratio_high"),
                                                      adjustedP: try l.double("adjusted_p_value")))
                    }
                }
            }
            if let cases = try r.optionalObject("cases") {
                casesCompared = try cases.count("compared")
                guard case .array(let keys) = try cases.value("newly_failing") else { throw JSONFieldReader.FieldError(path: "cases.newly_failing", message: "expected a list") }
                newlyFailing = keys.compactMap { if case .string(let s) = $0 { s } else { nil } }
            } else {
                casesCompared = nil
                newlyFailing = []
            }
            let input = try r.object("input")
            records = try input.count("records")
            badLines = try input.count("bad_lines")
            guard case .array(let files) = try input.value("files") else { throw JSONFieldReader.FieldError(path: "input.files", message: "expected a list") }
            self.files = files.count
        } catch {
            throw ReadError(message: error.description)
        }
    }

    private static func verdict(_ r: JSONFieldReader, _ key: String) throws(JSONFieldReader.FieldError) -> Verdict {
        let text = try r.string(key)
        guard let verdict = Verdict(rawValue: text) else {
            throw JSONFieldReader.FieldError(path: r.fieldPath(key), message: "expected one of \(Verdict.allCases.map(\.rawValue).joined(separator: ", ")), found '\(text)'")
        }
        return verdict
    }

    /// A rate finding from the overall object (`name` nil) or a step's.
    private static func rate(_ r: JSONFieldReader, name: String?, verdict: Verdict) throws(JSONFieldReader.FieldError) -> RateFinding {
        let note: String? = name == nil ? nil : try r.optionalString("note")
        let raw = try r.optionalDouble("delta_pp")
        let estimate = try r.optionalDouble("estimate_pp")
        return RateFinding(name: name, verdict: verdict, deltaPP: estimate ?? raw,
                           ciLowPP: try r.optionalDouble("ci_low_pp"), ciHighPP: try r.optionalDouble("ci_high_pp"),
                           adjustedP: try r.optionalDouble("adjusted_p_value"),
                           candidateRunsNeeded: try r.optionalDouble("candidate_runs_needed").map { Int($0) }, note: note)
    }
}
