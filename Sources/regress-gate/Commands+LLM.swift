import Foundation
import RegressionKit

/// The `--llm` options `analyze`, `compare` and `check` share, and the one function that asks
/// the model: whatever happens there, the command's output and exit code stay the rules'.
extension Commands {
    static let llmOptions: [OptionSpec] = [
        OptionSpec(name: "llm", help: "Also ask a model (any OpenAI Chat Completions server) to explain; it decides nothing."),
        OptionSpec(name: "llm-url", valueName: "url", help: "The server's base URL; requests go to URL/chat/completions (default: $REGRESS_GATE_LLM_URL; key: $REGRESS_GATE_LLM_API_KEY)."),
        OptionSpec(name: "llm-model", valueName: "name", help: "The model (default: $REGRESS_GATE_LLM_MODEL)."),
        OptionSpec(name: "llm-timeout", valueName: "seconds", help: "Seconds to wait for the model's answer, per attempt.", defaultValue: "30", kind: .positive),
        OptionSpec(name: "llm-retries", valueName: "n", help: "Retries on 429 and 5xx answers (Retry-After honoured).", defaultValue: "2", kind: .integer(atLeast: 0)),
        OptionSpec(name: "llm-include-inputs", help: "Also send the 10 most frequent failing inputs, 200 characters each (off: no input leaves the machine)."),
        OptionSpec(name: "llm-cache", valueName: "folder", help: "Where answers are cached by request.", defaultValue: LLMCache.defaultDirectory),
        OptionSpec(name: "no-llm-cache", help: "Neither read nor write cached answers."),
    ]

    /// Usage errors in the `--llm` options: a `--llm-*` option without `--llm`, a URL that is not
    /// http(s), and `--llm-include-inputs` where it would read standard input a second time
    /// (`rereadsLogs`: the command reads the logs again for the inputs).
    static func checkLLMOptions(_ options: ParsedOptions, rereadsLogs: Bool = false) throws(UsageError) {
        let given = llmOptions.dropFirst().map(\.name).filter { options.flag($0) || options.isGiven($0) }
        if !options.flag("llm"), let first = given.first {
            throw UsageError(message: "--\(first) needs --llm", command: options.spec.name)
        }
        if let url = options.value("llm-url"), LLMServer(baseURL: url, model: "-", apiKey: nil) == nil {
            throw UsageError(message: "invalid value '\(url)' for '--llm-url': expected an http or https URL, e.g. http://127.0.0.1:11434/v1", command: options.spec.name)
        }
        if rereadsLogs, options.flag("llm-include-inputs"), options.list("logs").contains("-") {
            throw UsageError(message: "--llm-include-inputs reads the logs a second time, which standard input cannot give: pass the logs as files", command: options.spec.name)
        }
        if options.flag("no-llm-cache"), options.isGiven("llm-cache") {
            throw UsageError(message: "--llm-cache and --no-llm-cache contradict each other", command: options.spec.name)
        }
    }

    /// The model's explanation of `evidence`, or nil without `--llm`. Never throws: a missing
    /// server or model, or any failure to answer, is an `unavailable` explanation with its reason.
    static func llmExplanation(_ options: ParsedOptions, evidence: () throws -> LLMEvidence) throws -> LLMExplanation? {
        guard options.flag("llm") else { return nil }
        let environment = ProcessInfo.processInfo.environment
        let model = options.value("llm-model") ?? environment["REGRESS_GATE_LLM_MODEL"].flatMap { $0.isEmpty ? nil : $0 }
        guard let url = options.value("llm-url") ?? environment["REGRESS_GATE_LLM_URL"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            return .unavailable("no model server named: set REGRESS_GATE_LLM_URL or pass --llm-url (e.g. http://127.0.0.1:11434/v1 for Ollama)", model: model)
        }
        guard let model else {
            return .unavailable("no model named: set REGRESS_GATE_LLM_MODEL or pass --llm-model", model: nil)
        }
        guard let server = LLMServer(baseURL: url, model: model, apiKey: environment["REGRESS_GATE_LLM_API_KEY"]) else {
            return .unavailable("REGRESS_GATE_LLM_URL is not an http or https URL", model: model)
        }
        let request = try evidence().request(model: model)
        // For tests: a tiny first backoff keeps a run of retried 5xx answers short.
        let backoff = environment["REGRESS_GATE_BACKOFF_SECONDS"].flatMap(Double.init).flatMap { $0.isFinite && $0 >= 0 ? $0 : nil } ?? 1
        let client = LLMClient(server: server, transport: SystemHTTP.transport(timeoutSeconds: try options.number("llm-timeout") ?? 30),
                               policy: RetryPolicy(retries: try options.count("llm-retries") ?? 2, initialBackoffSeconds: backoff))
        let cache = options.flag("no-llm-cache") ? nil : LLMCache(directory: options.value("llm-cache") ?? LLMCache.defaultDirectory)
        let (explanation, cacheProblem) = waitFor { await client.explain(request, cache: cache) }
        if let cacheProblem { Console.err("warning: \(cacheProblem) (pass --llm-cache FOLDER, or --no-llm-cache)") }
        if explanation.cached, let cache { Console.err("note: the model's answer is the one cached in \(cache.path(for: request)); --no-llm-cache asks the model again") }
        return explanation
    }

    /// Says on stderr why the model's analysis is missing when the report on stdout cannot say
    /// it in a line a reader sees (JSON has it in `llm.reason`, for programs).
    static func noteUnavailable(_ explanation: LLMExplanation?, reportSaysIt: Bool) {
        guard let explanation, explanation.status == .unavailable, !reportSaysIt else { return }
        Console.err("note: the model's analysis is missing: \(explanation.reason ?? "no answer"); the rules' analysis stands")
    }

    /// The failing inputs to send with `--llm-include-inputs` (the most frequent first), nil without it.
    static func llmFailingInputs(_ options: ParsedOptions, versions: [String]) throws -> [LLMEvidence.FailingInput]? {
        // Inputs come from the logs; aggregates (--aggregates) hold counts only.
        guard options.flag("llm"), options.flag("llm-include-inputs"), !options.list("logs").isEmpty else { return nil }
        let (analysis, _) = try ForensicsAnalysis.read(
            options.list("logs").map(LogSource.init(argument:)), reading: try options.logReading())
        return LLMEvidence.mostFrequentInputs(of: analysis.failedRuns.filter { versions.contains($0.version) })
    }
}
