import Foundation

/// A webhook address that is not an http(s) URL with a host.
///
/// It holds nothing of the address, and says nothing of it: a webhook URL is a secret (whoever
/// has it can post to the channel), and an error is printed, logged and kept in CI output.
package struct InvalidWebhookURL: Error, Equatable, CustomStringConvertible {
    package var description: String { "not an http(s) URL" }
}

extension WebhookClient {
    /// The webhook at `text`: an http or https URL (either case) with a host. Anything else is
    /// refused before any request is made: a typo, a `file:` or `ftp:` URL, a URL without its
    /// scheme.
    ///
    /// ```swift
    /// try WebhookClient.url("https://hooks.slack.com/services/T0/B0/abcd1234")
    /// ```
    package static func url(_ text: String) throws(InvalidWebhookURL) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              url.host != nil else { throw InvalidWebhookURL() }
        return url
    }
}
