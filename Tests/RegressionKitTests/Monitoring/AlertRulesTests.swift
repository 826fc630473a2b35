import Foundation
import Testing
@testable import RegressionKit

@Suite("Alert rules and the webhook client")
struct AlertRulesTests {
    @Test func theWebhookURLIsMasked() {
        #expect(WebhookClient.mask(URL(string: "https://hooks.slack.com/services/T0/B0/abcd1234")!) == "https://hooks.slack.com/…1234")
        #expect(WebhookClient.mask(URL(string: "http://127.0.0.1:8080/hook?token=XYZW9")!) == "http://127.0.0.1:8080/…YZW9")
        #expect(WebhookClient.mask(URL(string: "https://example.com/short")!) == "https://example.com/…")
    }

    @Test func retryAfterIsSecondsOrADate() {
        #expect(WebhookClient.retryAfterSeconds("3") == 3)
        #expect(WebhookClient.retryAfterSeconds(" 0.5 ") == 0.5)
        #expect(WebhookClient.retryAfterSeconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0)   // in the past: retry now
        #expect(WebhookClient.retryAfterSeconds("soon") == nil)
    }

    @Test func consecutiveFailuresLookAtEachStepsLatestRecords() {
        var tracker = ConsecutiveFailures(count: 3)
        for ok in [false, false, true, false, false, false] {
            tracker.add(StepRecord(runID: "r", stepName: "citation", success: ok, promptVersion: "v"))
            tracker.add(StepRecord(runID: "r", stepName: "generation", success: !ok, promptVersion: "v"))
        }
        #expect(tracker.failingSteps == ["citation"])
        tracker.add(StepRecord(runID: "r", stepName: "citation", success: true, promptVersion: "v"))
        #expect(tracker.failingSteps.isEmpty)
    }
}
