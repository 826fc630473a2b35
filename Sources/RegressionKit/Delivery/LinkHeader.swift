import Foundation

/// The `Link` header of a paginated answer (RFC 8288), as GitHub and GitLab send it:
/// `<https://api.github.com/…?page=2>; rel="next", <…?page=5>; rel="last"`.
package enum LinkHeader {
    /// The URL whose `rel` names `relation` (`next`), nil when there is none or it is not a URL.
    ///
    /// A `rel` may list several relations (`rel="next last"`), be unquoted (`rel=next`) and be
    /// written in any case; commas inside `<…>` do not split links.
    package static func url(_ header: String, relation: String = "next") -> URL? {
        for link in links(header) where link.relations.contains(relation.lowercased()) {
            return URL(string: link.target)
        }
        return nil
    }

    /// Each link's target and its relations, lower-cased.
    static func links(_ header: String) -> [(target: String, relations: [String])] {
        var result: [(String, [String])] = []
        var rest = Substring(header)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let target = String(rest[rest.index(after: open)..<close])
            let afterTarget = rest[rest.index(after: close)...]
            let end = afterTarget.firstIndex(of: ",") ?? afterTarget.endIndex   // parameters cannot hold "<"
            var relations: [String] = []
            for parameter in afterTarget[..<end].split(separator: ";") {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2, pair[0].lowercased() == "rel" else { continue }
                relations += pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased().split(separator: " ").map(String.init)
            }
            result.append((target, relations))
            rest = afterTarget[end...]
        }
        return result
    }
}
