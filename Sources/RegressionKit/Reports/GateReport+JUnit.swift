/// The JUnit XML report, for a CI's test tab (Jenkins, GitLab, GitHub test-reporter actions).
///
/// One `<testsuite>` for the gate; one `<testcase>` for the gate's verdict (its reasons and the
/// newly failing cases), one for the overall rate, one per step's failure rate and one per
/// step's latency. A case whose verdict reaches `failOn` is a `<failure>` (type: the verdict,
/// message: the numbers); any other case passes, its verdict and numbers in `<system-out>`.
/// So the file has failures exactly when the gate exits 1 with the same `--fail-on`. Names are
/// stable from run to run (versions are in the properties), so test tabs track their history.
///
/// ```xml
/// <testsuite name="regress-gate check" tests="10" failures="4" errors="0" skipped="0" time="0">
///   <testcase classname="regress-gate" name="citation failure rate" time="0">
///     <failure type="REGRESSION_DETECTED" message="REGRESSION_DETECTED: citation failure rate 8.0 % (21/263) → 24.8 % (57/230), ...">...</failure>
///   </testcase>
/// ```
extension GateReport {
    /// The report as JUnit XML; `failOn` is the least severe verdict that fails (as `--fail-on`).
    func junitXML(failOn: Verdict = .regressionDetected) -> String {
        let r = result
        let metrics = [gateMetric] + reportedMetrics
        var cases: [JUnitCase] = []
        for m in metrics {
            var item = JUnitCase(name: m.name)
            let body = [m.summary] + m.details
            if m.verdict.fails(at: failOn) {
                item.outcome = .failure(type: m.verdict.rawValue, message: "\(m.verdict.rawValue): \(m.summary)", body: body)
            } else {
                item.systemOut = ["\(m.verdict.rawValue): " + m.summary] + m.details
            }
            cases.append(item)
        }
        var properties: [(String, String)] = [
            ("verdict", r.verdict.rawValue), ("policy", r.policy),
            ("baseline_version", r.baseline.version), ("baseline_file", baselinePath),
            ("candidate_version", r.candidate.version), ("fail_on", failOn.rawValue),
        ]
        if let alpha = r.alpha { properties.append(("alpha", format(alpha))) }
        if let m = r.familySize { properties.append(("family_size", String(m))) }
        let suite = JUnitSuite(name: "regress-gate check", properties: properties, cases: cases, systemOut: [input.textLine])
        return suite.xml
    }
}

/// One JUnit test case.
struct JUnitCase {
    /// How the case ended; a body is lines of text, each escaped on its own.
    enum Outcome {
        case passed
        case failure(type: String, message: String, body: [String])
        case error(type: String, message: String, body: [String])
    }

    var name: String
    var classname = "regress-gate"
    var outcome = Outcome.passed
    /// Lines of text, each escaped on its own.
    var systemOut: [String]?
}

/// A JUnit document of one suite, in the form every common consumer reads: `<testsuites>`
/// around one `<testsuite>`, counts on both, `time` in seconds (always 0: the gate takes no time
/// worth reporting, and equal input gives equal bytes).
struct JUnitSuite {
    var name: String
    var properties: [(String, String)] = []
    var cases: [JUnitCase]
    var systemOut: [String]?

    var xml: String {
        let failures = cases.filter { if case .failure = $0.outcome { true } else { false } }.count
        let errors = cases.filter { if case .error = $0.outcome { true } else { false } }.count
        let counts = "tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"0\" time=\"0\""
        let a = MarkupEscaping.attribute, t = MarkupEscaping.lines
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"regress-gate\" \(counts)>\n"
        out += "  <testsuite name=\"\(a(name))\" \(counts)>\n"
        if !properties.isEmpty {
            out += "    <properties>\n"
            for (key, value) in properties { out += "      <property name=\"\(a(key))\" value=\"\(a(value))\"/>\n" }
            out += "    </properties>\n"
        }
        for c in cases {
            out += "    <testcase classname=\"\(a(c.classname))\" name=\"\(a(c.name))\" time=\"0\""
            switch c.outcome {
            case .passed where c.systemOut == nil:
                out += "/>\n"
                continue
            case .passed:
                out += ">\n"
            case .failure(let type, let message, let body), .error(let type, let message, let body):
                let tag: String
                if case .failure = c.outcome { tag = "failure" } else { tag = "error" }
                out += ">\n      <\(tag) type=\"\(a(type))\" message=\"\(a(message))\">\(t(body))</\(tag)>\n"
            }
            if let systemOut = c.systemOut { out += "      <system-out>\(t(systemOut))</system-out>\n" }
            out += "    </testcase>\n"
        }
        if let systemOut { out += "    <system-out>\(t(systemOut))</system-out>\n" }
        out += "  </testsuite>\n</testsuites>\n"
        return MarkupEscaping.defuseCommands(out)   // a body line may start with data
    }
}
