import Foundation

/// Cases that must pass: any failed run of one in the candidate is a regression, whatever the
/// statistics say ("I don't want to allow ANY test to be failing"). A must-pass case the
/// candidate never ran is a WARNING, since nothing shows it still passes.
///
/// Cases are named by their key (`case_id`, else `input_summary`), compared as `String`s are.
struct MustPassRule: Sendable, Equatable {
    /// The case keys, in the order the policy lists them (duplicates dropped).
    var cases: [String]

    init(cases: [String]) {
        var seen = Set<String>()
        self.cases = cases.filter { seen.insert($0).inserted }
    }

    /// How the candidate's must-pass cases fared.
    func judge(_ candidate: VersionStats) -> MustPassOutcome {
        var outcome = MustPassOutcome(cases: cases.count)
        for key in cases {
            guard let ran = candidate.cases[key] else {
                outcome.notRun.append(key)
                continue
            }
            if ran.failures > 0 { outcome.failed.append(MustPassFailure(caseKey: key, runs: ran.runs, failedRuns: ran.failures)) }
        }
        return outcome
    }

    /// `result` with the rule applied: its verdict raised to REGRESSION_DETECTED by a failed
    /// must-pass case and to at least WARNING by one never run, those reasons first.
    func apply(to result: GateResult, candidate: VersionStats) -> GateResult {
        guard !cases.isEmpty else { return result }
        let outcome = judge(candidate)
        var result = result
        result.mustPass = outcome
        if !outcome.failed.isEmpty {
            result.verdict = .regressionDetected
        } else if !outcome.notRun.isEmpty {
            result.verdict = max(result.verdict, .warning)
        }
        result.explanation = outcome.failed.map { .mustPassFailed(case: $0.caseKey, runs: $0.runs, failedRuns: $0.failedRuns) }
            + outcome.notRun.map { .mustPassNotRun(case: $0) } + result.explanation
        return result
    }
}

/// How the candidate fared on the policy's must-pass cases.
package struct MustPassOutcome: Sendable, Equatable {
    /// How many cases must pass.
    package var cases: Int
    /// The must-pass cases with a failed run, in the policy's order.
    package var failed: [MustPassFailure] = []
    /// The must-pass cases the candidate never ran, in the policy's order.
    package var notRun: [String] = []
}

/// A must-pass case that failed: its key, its runs and how many of them failed.
package struct MustPassFailure: Sendable, Equatable {
    package var caseKey: String
    package var runs: Int
    package var failedRuns: Int
}

/// A must-pass list as a file gives it: one case key per line; blank lines and lines starting
/// with `#` are skipped; a line's surrounding spaces and tabs are not part of its key.
package enum MustPassList {
    /// The case keys the file at `path` lists.
    package static func load(_ path: String) throws(PolicyError) -> [String] {
        let bytes: [UInt8]
        do throws(AtomicFile.Failure) {
            bytes = try AtomicFile.read(path)
        } catch {
            throw PolicyError(description: "cannot read must-pass file '\(path)': \(error.reason)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw PolicyError(description: "\(path): a must-pass file is UTF-8 text, one case key per line")
        }
        return parse(text)
    }

    /// The case keys `text` lists.
    package static func parse(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).compactMap { line in
            let key = line.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r"))
            return key.isEmpty || key.hasPrefix("#") ? nil : key
        }
    }
}
