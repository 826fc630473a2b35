import Foundation

/// Why no comment thread could be found: said so that a user knows what to pass.
package enum CommentContextError: Error, Equatable, CustomStringConvertible {
    /// No repository: neither `--repo` nor `GITHUB_REPOSITORY`.
    case noRepository
    /// A repository that is not `owner/name`.
    case badRepository(String)
    /// No pull request: not a `pull_request` event and no `refs/pull/N/…` ref.
    case noPullRequest
    /// GitLab without `CI_PROJECT_ID` (or `--repo`).
    case noProject
    /// GitLab without `CI_MERGE_REQUEST_IID`: not a merge-request pipeline.
    case noMergeRequest
    /// An API URL that is not http(s) with a host; names the variable.
    case badAPIURL(variable: String)

    package var description: String {
        switch self {
        case .noRepository: "no repository: GITHUB_REPOSITORY is not set"
        case .badRepository(let text): "'\(text)' is not a repository OWNER/NAME"
        case .noPullRequest: "not in a pull request: the event at GITHUB_EVENT_PATH has no pull_request.number and GITHUB_REF is not refs/pull/N/merge"
        case .noProject: "no project: CI_PROJECT_ID is not set"
        case .noMergeRequest: "not in a merge request pipeline: CI_MERGE_REQUEST_IID is not set"
        case .badAPIURL(let variable): "\(variable) is not an http(s) URL"
        }
    }
}

extension CommentThread {
    /// The pull request a GitHub Actions job runs for, from its environment: `GITHUB_API_URL`
    /// (default `https://api.github.com`), `GITHUB_REPOSITORY`, the number from the event
    /// payload (`pull_request.number`, read by `eventPayload`, the file at `GITHUB_EVENT_PATH`)
    /// or from `GITHUB_REF` (`refs/pull/N/merge`), and the run's page from `GITHUB_SERVER_URL`,
    /// `GITHUB_REPOSITORY` and `GITHUB_RUN_ID`. `repository` and `number` (from the command
    /// line) win over the environment.
    package static func github(environment: [String: String], eventPayload: (String) -> [UInt8]?,
                               repository: String? = nil, number: Int? = nil) throws(CommentContextError) -> CommentThread {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let apiText = value("GITHUB_API_URL") ?? "https://api.github.com"
        guard let apiURL = httpURL(apiText) else { throw .badAPIURL(variable: "GITHUB_API_URL") }
        guard let repository = repository ?? value("GITHUB_REPOSITORY") else { throw .noRepository }
        guard isRepository(repository) else { throw .badRepository(repository) }
        guard let number = number ?? value("GITHUB_EVENT_PATH").flatMap(eventPayload).flatMap(pullRequestNumber(event:))
                ?? value("GITHUB_REF").flatMap(pullRequestNumber(ref:)) else { throw .noPullRequest }
        var runURL: String?
        if let server = value("GITHUB_SERVER_URL").flatMap(httpURL), let runID = value("GITHUB_RUN_ID"), runID.allSatisfy(\.isASCIIDigitCharacter),
           let own = value("GITHUB_REPOSITORY"), isRepository(own) {
            runURL = server.absoluteString.trimmingTrailingSlashes + "/\(own)/actions/runs/\(runID)"
        }
        return CommentThread(service: .github, apiURL: apiURL, project: repository, number: number, runURL: runURL)
    }

    /// The merge request a GitLab CI job runs for: `CI_API_V4_URL`, `CI_PROJECT_ID` (or
    /// `project`), `CI_MERGE_REQUEST_IID` (or `number`), and the job's page from `CI_JOB_URL`.
    package static func gitlab(environment: [String: String], project: String? = nil, number: Int? = nil) throws(CommentContextError) -> CommentThread {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        guard let apiURL = httpURL(value("CI_API_V4_URL") ?? "https://gitlab.com/api/v4") else { throw .badAPIURL(variable: "CI_API_V4_URL") }
        guard let project = project ?? value("CI_PROJECT_ID") else { throw .noProject }
        guard let number = number ?? value("CI_MERGE_REQUEST_IID").flatMap(positiveInteger) else { throw .noMergeRequest }
        return CommentThread(service: .gitlab, apiURL: apiURL, project: project, number: number, runURL: value("CI_JOB_URL").flatMap(httpURL)?.absoluteString)
    }

    /// `pull_request.number` of a GitHub event payload (`pull_request`, `pull_request_target`,
    /// `pull_request_review` events), or `issue.number` of a comment on a pull request.
    static func pullRequestNumber(event bytes: [UInt8]) -> Int? {
        guard case .object(let event)? = try? JSONValue.parse(bytes) else { return nil }
        if case .object(let pr)? = event["pull_request"], case .number(let text)? = pr["number"] { return positiveInteger(text) }
        if case .object(let issue)? = event["issue"], issue["pull_request"] != nil, case .number(let text)? = issue["number"] { return positiveInteger(text) }
        return nil
    }

    /// N of `refs/pull/N/merge` (or `/head`).
    static func pullRequestNumber(ref: String) -> Int? {
        let parts = ref.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "refs", parts[1] == "pull", ["merge", "head"].contains(parts[3]) else { return nil }
        return positiveInteger(String(parts[2]))
    }

    private static func positiveInteger(_ text: String) -> Int? {
        guard text.allSatisfy(\.isASCIIDigitCharacter), let n = Int(text), n > 0 else { return nil }
        return n
    }

    private static func httpURL(_ text: String) -> URL? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else { return nil }
        return url
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

extension String {
    fileprivate var trimmingTrailingSlashes: String {
        var text = self
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
