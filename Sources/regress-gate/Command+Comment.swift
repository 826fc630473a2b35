import Foundation
import RegressionKit

extension Commands {
    /// `regress-gate comment`: keep one comment on the pull request (or merge request) current
    /// with a JSON report; exit 3 when it cannot be delivered. The verdict's exit code is `check`'s.
    static func runComment(_ options: ParsedOptions) throws -> ExitCode {
        let environment = ProcessInfo.processInfo.environment
        let id = options.value("id") ?? "default"
        guard CommentPlan.isValidID(id) else {
            throw UsageError(message: "invalid value '\(id)' for '--id': expected letters, digits, '.', '_' or '-' (at most 64)", command: "comment")
        }
        let when = CommentWhen(rawValue: options.value("when") ?? "not-pass") ?? .notPass
        let path = options.value("report")!
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw UsageError(message: "cannot read report '\(path)' (write it with 'regress-gate check ... --report json=\(path)')", command: "comment")
        }
        let summary: GateSummary
        do throws(GateSummary.ReadError) {
            summary = try GateSummary(jsonReport: Array(bytes))
        } catch {
            throw UsageError(message: "'\(path)' is not a JSON report from 'regress-gate check': \(error)", command: "comment")
        }

        let gitlab = options.flag("gitlab") || (!options.flag("github") && environment["GITLAB_CI"] == "true")
        let thread: CommentThread
        let number = try options.count("pr")
        do throws(CommentContextError) {
            thread = gitlab
                ? try CommentThread.gitlab(environment: environment, project: options.value("repo"), number: number)
                : try CommentThread.github(environment: environment, eventPayload: { path in FileManager.default.contents(atPath: path).map(Array.init) },
                                           repository: options.value("repo"), number: number)
        } catch {
            let hint = gitlab ? "run in a merge request pipeline, or pass --pr IID" : "run on a pull_request event, or pass --pr N (and --repo OWNER/NAME)"
            throw UsageError(message: "\(error) (\(hint))", command: "comment")
        }
        let marker = CommentPlan.marker(id: id)
        let body = summary.comment(marker: marker, runURL: thread.runURL)
        if options.flag("dry-run") {
            try Console.out(body)
            return .success
        }

        let tokenVariable = options.value("token-env") ?? (gitlab ? "GITLAB_TOKEN" : "GITHUB_TOKEN")
        guard let token = environment[tokenVariable], !token.isEmpty else {
            throw UsageError(message: "no token: \(tokenVariable) is not set (pass the token in the environment, never on the command line)", command: "comment")
        }
        // For tests: a tiny first backoff keeps a run of retried 5xx answers short.
        let backoff = environment["REGRESS_GATE_BACKOFF_SECONDS"].flatMap(Double.init).flatMap { $0.isFinite && $0 >= 0 ? $0 : nil } ?? 1
        let client = CommentClient(thread: thread, token: token, transport: SystemHTTP.transport(timeoutSeconds: try options.number("timeout") ?? 10),
                                   policy: RetryPolicy(retries: try options.count("retries") ?? 4, initialBackoffSeconds: backoff))
        let place = thread.service == .github ? "\(thread.project)#\(thread.number)" : "merge request !\(thread.number) of project \(thread.project)"
        let result: Result<CommentOutcome, CommentDeliveryError> = waitFor {
            do throws(CommentDeliveryError) {
                return .success(try await client.publish(body: body, marker: marker, passes: summary.verdict == .pass, when: when))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(.created(let commentID)):
            try Console.out("created comment \(commentID) on \(place) (\(summary.verdict.rawValue))\n")
        case .success(.updated(let commentID)):
            try Console.out("updated comment \(commentID) on \(place) (\(summary.verdict.rawValue))\n")
        case .success(.leftAlone(let why)):
            let hint = summary.verdict == .pass && when == .notPass ? " (--when always posts it)" : ""
            try Console.out("no comment sent to \(place): \(why)\(hint)\n")
        case .failure(let error):
            Console.err("error: comment on \(place): \(error) (check the token's permission to write \(gitlab ? "merge request notes" : "pull-request comments"), and the network; or raise --timeout / --retries)")
            return .deliveryFailed
        }
        return .success
    }
}
