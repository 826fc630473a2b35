import Foundation

/// Where a pull request's (or merge request's) comments live, and how that service's REST API
/// lists, creates and updates them: GitHub's issue comments or GitLab's merge-request notes.
package struct CommentThread: Sendable, Equatable {
    /// Which service: it decides the endpoints, the verbs and the token's header.
    package enum Service: String, Sendable, Equatable {
        case github = "GitHub"
        case gitlab = "GitLab"
    }

    package var service: Service
    /// The API root: `https://api.github.com`, `https://gitlab.example.com/api/v4`.
    package var apiURL: URL
    /// GitHub: `owner/name`; GitLab: the project id (a number, or the URL-encoded path).
    package var project: String
    /// The pull request's number, or the merge request's iid.
    package var number: Int
    /// The CI run that made the report, linked from the comment, when known.
    package var runURL: String?

    package init(service: Service, apiURL: URL, project: String, number: Int, runURL: String? = nil) {
        self.service = service
        self.apiURL = apiURL
        self.project = project
        self.number = number
        self.runURL = runURL
    }

    /// `GITHUB_REPOSITORY`-style `owner/name`: two parts of letters, digits, `-`, `_` and `.`.
    package static func isRepository(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { part in
            !part.isEmpty && part != "." && part != ".." && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        }
    }

    private func endpoint(_ path: String, query: String? = nil) -> URL {
        var text = apiURL.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return URL(string: text + path + (query.map { "?" + $0 } ?? ""))!
    }

    private var encodedProject: String {
        project.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? project
    }

    /// The first page of comments, 100 a page (the most either service gives), oldest first.
    package var listURL: URL {
        switch service {
        case .github: endpoint("/repos/\(project)/issues/\(number)/comments", query: "per_page=100")
        case .gitlab: endpoint("/projects/\(encodedProject)/merge_requests/\(number)/notes", query: "per_page=100&sort=asc&order_by=created_at")
        }
    }

    /// Where a new comment is POSTed.
    package var createURL: URL {
        switch service {
        case .github: endpoint("/repos/\(project)/issues/\(number)/comments")
        case .gitlab: endpoint("/projects/\(encodedProject)/merge_requests/\(number)/notes")
        }
    }

    /// Where comment `id` is updated, and with which verb.
    package func update(_ id: Int) -> (method: String, url: URL) {
        switch service {
        case .github: ("PATCH", endpoint("/repos/\(project)/issues/comments/\(id)"))
        case .gitlab: ("PUT", endpoint("/projects/\(encodedProject)/merge_requests/\(number)/notes/\(id)"))
        }
    }

    /// The headers every request carries, the token's among them (a secret: never printed).
    func headers(token: String) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = [("User-Agent", "regress-gate/\(RegressionKitVersion.current)")]
        switch service {
        case .github:
            headers += [("Accept", "application/vnd.github+json"), ("X-GitHub-Api-Version", "2022-11-28"), ("Authorization", "Bearer \(token)")]
        case .gitlab:
            headers += [("Accept", "application/json"), ("PRIVATE-TOKEN", token)]
        }
        return headers
    }

    /// Whether `url` (a `Link` header's next page) is on the API's own scheme, host and port:
    /// the token goes to no other server, whatever a header says.
    func isOwnServer(_ url: URL) -> Bool {
        url.scheme?.lowercased() == apiURL.scheme?.lowercased() && url.host?.lowercased() == apiURL.host?.lowercased()
            && (url.port ?? Self.defaultPort(url)) == (apiURL.port ?? Self.defaultPort(apiURL))
    }

    private static func defaultPort(_ url: URL) -> Int? { url.scheme?.lowercased() == "https" ? 443 : url.scheme?.lowercased() == "http" ? 80 : nil }
}
