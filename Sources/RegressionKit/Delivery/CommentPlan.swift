/// A comment already on the pull request: its id and text.
package struct ThreadComment: Sendable, Equatable {
    package var id: Int
    package var body: String

    package init(id: Int, body: String) {
        self.id = id
        self.body = body
    }
}

/// When `comment` posts: quiet by default.
package enum CommentWhen: String, Sendable, CaseIterable {
    /// Only a verdict that is not PASS is posted; a PASS only updates an earlier comment.
    case notPass = "not-pass"
    /// Every verdict is posted.
    case always
}

/// What to do about the one comment a gate keeps on a pull request.
package enum CommentPlan: Sendable, Equatable {
    case create
    case update(id: Int)
    /// Nothing to send; why, in words.
    case leaveAlone(String)

    /// The hidden first line that marks a gate's comment: `<!-- regress-gate:NAME -->`.
    package static func marker(id: String) -> String { "<!-- regress-gate:\(id) -->" }

    /// Whether `id` can name a gate in a marker: letters, digits, `.`, `_`, `-` (nothing that ends an HTML comment).
    package static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }

    /// The plan, given the comments on the pull request, the marker, whether the verdict is a
    /// PASS, when to post, and the body that would be posted.
    ///
    /// The gate's comment is the oldest whose first line is the marker (a comment that only
    /// quotes the marker further down is someone else's). It is updated in place, never
    /// duplicated; left alone when it already says `body`. A PASS with no earlier comment posts
    /// nothing unless `when` is `always`; a PASS after an earlier comment updates it, so a red
    /// comment never lingers after the fix.
    package static func decide(existing: [ThreadComment], marker: String, passes: Bool, when: CommentWhen, body: String) -> CommentPlan {
        let ours = existing.first { $0.body.hasPrefix(marker) }
        if let ours {
            return ours.body == body ? .leaveAlone("the comment already says this") : .update(id: ours.id)
        }
        if passes && when == .notPass { return .leaveAlone("PASS with no earlier comment: nothing to post") }
        return .create
    }
}
