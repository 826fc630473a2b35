import Foundation
import Testing
@testable import RegressionKit

/// The webhook address `alert` takes (from an option or the environment): refused before any
/// request unless it is an http(s) URL with a host, and never repeated in the refusal.
@Suite("Webhook URL")
struct WebhookURLTests {
    @Test(arguments: [
        "https://hooks.slack.com/services/T0/B0/abcd1234",
        "http://127.0.0.1:8080/hook?token=XYZW9",
        "HTTPS://hooks.example.com/x",
    ])
    func anHTTPOrHTTPSURLWithAHostIsTaken(text: String) throws {
        #expect(try WebhookClient.url(text).absoluteString == text)
    }

    @Test(arguments: [
        "ftp://hooks.example.com/T0/B0/s3cr3t-token",
        "file:///etc/s3cr3t-token",
        "hooks.slack.com/services/T0/B0/s3cr3t-token",   // the scheme forgotten
        "https:///s3cr3t-token",                          // no host
        "javascript:s3cr3t-token",
        "s3cr3t-token",
        "",
    ])
    func anythingElseIsRefusedWithoutRepeatingIt(text: String) {
        #expect(throws: InvalidWebhookURL()) { try WebhookClient.url(text) }
        let message = "\(InvalidWebhookURL())"
        #expect(message == "not an http(s) URL")
        #expect(!message.contains("s3cr3t"))
    }
}
