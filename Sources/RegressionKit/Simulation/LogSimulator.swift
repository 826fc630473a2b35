import Foundation

/// Writes realistic logs of a 4-step RAG pipeline (retrieval, reranking, generation, citation)
/// in failure-forensics' exact record format: its keys in its order, `json.dumps` separators,
/// UTF-8 text, Python `isoformat()` timestamps, latencies rounded to 2 places.
///
/// Seeded and reproducible: the same settings give the same bytes (the generator is
/// SplitMix64; latencies use the platform's `exp`, `log` and `cos`, whose last bits may differ
/// between C libraries, so only then could a latency's last digit change).
/// Versions take a profile by their position in `versions`:
/// - the first is an older version (step failure rates 10 / 7 / 11 / 8 %);
/// - the second an improved one (7 / 5 / 6 / 7 %);
/// - every later one is regressed: citation fails 22 %, generation 9 % and 30 % slower.
/// Runs spread uniformly over `days` days from `startDay`; each picks one of 40 queries (in
/// several languages), so failing queries repeat. A failed step ends its run 70 % of the time.
/// On `anomalyDay` every step also hits API errors (timeout, 429, 503, rate_limit) 30 % of the time.
///
/// ```swift
/// var simulator = LogSimulator(seed: 42)
/// simulator.anomalyDay = LogDay("2026-11-07")
/// let summary = try simulator.write(to: "logs/requests.jsonl")
/// ```
package struct LogSimulator: Sendable {
    /// The `prompt_version`s, each with the profile of its position.
    package var versions: [String] = ["v1", "v2", "v3"]
    /// Runs per version.
    package var runsPerVersion = 100
    /// The first day, and how many days the runs spread over.
    package var startDay = LogDay("2026-11-01")!
    package var days = 7
    /// A day of API errors, when set.
    package var anomalyDay: LogDay?
    /// The seed: the same seed, the same file.
    package var seed: UInt64
    /// The `model_name` of every record.
    var modelName = "gemini-flash-latest"

    /// A simulator with the defaults: v1, v2, v3, 100 runs each, 7 days from 2026-11-01, no anomaly.
    package init(seed: UInt64 = 1) { self.seed = seed }

    /// What was written.
    package struct Summary: Sendable, Equatable {
        /// Records, runs and failed records written.
        package var records: Int
        package var runs: Int
        package var failedRecords: Int
    }

    static let steps = ["retrieval", "reranking", "generation", "citation"]
    static let stepErrors = [["no_results", "low_score"], ["json_parse", "rerank_failed"], ["hallucination", "empty_response"], ["no_citation", "citation_missing"]]
    static let apiErrors = ["timeout", "429", "503", "rate_limit"]
    static let medianLatencyMS: [Double] = [300, 700, 3000, 60]
    static let queries = [
        "How do I rotate my API key?", "How do I reset my password?", "Can I export all project data as CSV?",
        "Why was my card declined?", "How do I invite a teammate with read-only access?", "What is the SLA for the Business plan?",
        "Does the mobile app work offline?", "How are seats counted for guests?", "Where are the IP addresses I need to allowlist?",
        "How do I set up SCIM with Azure AD?", "What's the API version header called?", "Why am I getting 401 Unauthorized with a valid token?",
        "How long are audit logs kept?", "Can I move a workspace to another region?", "How do I cancel my subscription?",
        "What is the maximum upload size for attachments?", "How do I enable two-factor authentication?", "Is there a rate limit on the search API?",
        "How do I merge two accounts?", "Can I get an invoice with my VAT number?",
        "İki faktörlü doğrulamayı nasıl sıfırlarım?", "Faturamı PDF olarak nereden indirebilirim?",
        "Wie ändere ich die Rechnungsadresse?", "Straße und Hausnummer werden im Export abgeschnitten",
        "¿Por qué no recibo los correos de verificación?", "¿Cómo cambio el idioma de la interfaz?",
        "Comment supprimer définitivement mon compte ?", "Où trouver l'historique des factures ?",
        "Como faço para alterar o e-mail da conta?", "APIキーを再発行するには？", "為替レートはいつ更新されますか？",
        "如何导出所有项目数据？", "为什么我的付款失败了？", "비밀번호를 어떻게 재설정하나요?",
        "كيف أغير كلمة المرور؟", "export keeps failing 😤", "My export job has been 'pending' for 3 hours",
        "Can I run the CLI in a Docker container?", "path \"C:\\Users\\me\" is rejected", "SSO login loops back to the start page",
    ]

    /// Per-step failure probabilities, generation slowdown factor, for the version at `index`.
    static func profile(_ index: Int) -> (fail: [Double], slowdown: Double) {
        switch index {
        case 0: return ([0.10, 0.07, 0.11, 0.08], 1.0)
        case 1: return ([0.07, 0.05, 0.06, 0.07], 1.0)
        default: return ([0.09, 0.05, 0.09, 0.22], 1.3)
        }
    }

    /// Writes the log to `path` atomically.
    @discardableResult
    package func write(to path: String) throws -> Summary {
        var text = ""
        let summary = generate { text += $0; text += "\n" }
        do throws(AtomicFile.Failure) {
            try AtomicFile.write(text, to: path, missingDirectories: .createLast)
        } catch {
            throw SimulatorError(message: "cannot write '\(path)': \(error.reason)")
        }
        return summary
    }

    /// Calls `emit` with each JSONL line (no newline), in time order.
    @discardableResult
    func generate(_ emit: (String) -> Void) -> Summary {
        var rng = SplitMix64(seed: seed)
        let dayMicros: Int64 = 86_400_000_000
        let start = Int64(startDay.daysSinceEpoch) * dayMicros
        // Plan runs first (version, start instant), then play them in time order.
        var plan: [(version: Int, start: Int64)] = []
        for v in versions.indices {
            for _ in 0..<max(0, runsPerVersion) {
                plan.append((v, start + Int64(rng.unit() * Double(Int64(max(1, days)) * dayMicros))))
            }
        }
        plan.sort { $0.start != $1.start ? $0.start < $1.start : $0.version < $1.version }
        var usedIDs = Set<String>()
        var summary = Summary(records: 0, runs: 0, failedRecords: 0)
        for run in plan {
            var id = String(format: "%08x", UInt32(truncatingIfNeeded: rng.next()))
            while !usedIDs.insert(id).inserted { id = String(format: "%08x", UInt32(truncatingIfNeeded: rng.next())) }
            let profile = Self.profile(run.version)
            let query = Self.queries[Int(rng.next() % UInt64(Self.queries.count))]
            let onAnomalyDay = anomalyDay.map { Int64($0.daysSinceEpoch) == run.start / dayMicros } ?? false
            var now = run.start
            summary.runs += 1
            for (s, step) in Self.steps.enumerated() {
                var latency = Self.medianLatencyMS[s] * exp(0.35 * rng.normal()) * (s == 2 ? profile.slowdown : 1)
                var error: String?
                if onAnomalyDay && rng.unit() < 0.30 {
                    error = Self.apiErrors[Int(rng.next() % 4)]
                } else if rng.unit() < 0.005 {
                    error = Self.apiErrors[Int(rng.next() % 4)]
                } else if rng.unit() < profile.fail[s] {
                    error = Self.stepErrors[s][Int(rng.next() % 2)]
                }
                if error == "timeout" { latency = max(latency, 10_000 + 2_000 * rng.unit()) }
                let tokens = s == 2 && error == nil ? 300 + Int(rng.next() % 900) : 0
                let output: String
                if let error {
                    output = "\(error): \(step) failed"
                } else {
                    output = ["\(3 + Int(rng.next() % 5)) docs", "top 5 reranked", "answer, \(tokens) tokens", "\(1 + Int(rng.next() % 3)) citations"][s]
                }
                emit(Self.line(timestamp: now, runID: id, step: step, input: query, output: output, latencyMS: latency,
                               tokens: tokens, error: error, version: versions[run.version], model: modelName))
                summary.records += 1
                now += Int64(latency * 1000) + Int64(rng.next() % 20_000)
                if error != nil {
                    summary.failedRecords += 1
                    if rng.unit() < 0.70 { break }
                }
            }
        }
        return summary
    }

    /// One record exactly as failure-forensics' `logger.log_step` writes it (see `StepRecord.jsonLine`):
    /// inputs and outputs cut at 200 code points, the latency rounded to 2 places.
    static func line(timestamp: Int64, runID: String, step: String, input: String, output: String, latencyMS: Double,
                     tokens: Int, error: String?, version: String, model: String) -> String {
        StepRecord(runID: runID, stepName: step, success: error == nil, promptVersion: version, errorType: error,
                   latencyMS: (latencyMS * 100).rounded() / 100, tokenCount: tokens,
                   inputSummary: String(input.unicodeScalars.prefix(200)), outputSummary: String(output.unicodeScalars.prefix(200)),
                   timestamp: isoformat(timestamp), modelName: model).jsonLine
    }

    /// Python's `datetime.isoformat()` of a UTC instant: microseconds only when non-zero.
    static func isoformat(_ micros: Int64) -> String {
        let seconds = micros.floorDiv(1_000_000)
        return LogTimestamp.format(secondsSince1970: Int(seconds), microseconds: Int(micros - seconds * 1_000_000))
    }
}

/// The simulator could not write its file.
struct SimulatorError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    var message: String
    var description: String { message }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast, seedable generator whose output is the
/// same on every platform (Swift's `SystemRandomNumberGenerator` is neither seedable nor stable).
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), 53 bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Standard normal (Box-Muller).
    mutating func normal() -> Double {
        let u = max(unit(), 0x1.0p-53)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * unit())
    }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    func floorDiv(_ d: Int64) -> Int64 { self >= 0 ? self / d : -((-self + d - 1) / d) }
}
