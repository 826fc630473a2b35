import Foundation
import RegressionKit

extension Commands {
    /// `regress-gate alert`: evaluate the rules, deliver each alert; exit 3 when one is not delivered.
    static func runAlert(_ options: ParsedOptions) throws -> ExitCode {
        let environment = ProcessInfo.processInfo.environment["REGRESS_GATE_WEBHOOK"].flatMap { $0.isEmpty ? nil : $0 }
        var client: WebhookClient?
        if let text = options.value("webhook") ?? environment {
            let url: URL
            do throws(InvalidWebhookURL) {
                url = try WebhookClient.url(text)
            } catch {
                let origin = options.value("webhook") != nil ? "--webhook" : "REGRESS_GATE_WEBHOOK"
                throw UsageError(message: "\(origin) is \(error)", command: "alert")   // never the URL: a secret
            }
            client = WebhookClient(url: url, timeoutSeconds: try options.number("timeout") ?? 10, retries: try options.count("retries") ?? 3)
        }
        var rules = AlertRules()
        rules.maxFailureRate = try options.number("max-failure-rate") ?? 0.25
        rules.anomalyThresholdPP = try options.number("anomaly-threshold-pp") ?? 20
        rules.consecutiveFailures = try options.count("consecutive") ?? 3
        rules.windowDays = try options.count("days") ?? 7
        let version = options.value("version")
        let alerts: [Alert], trend: TrendAnalysis, summary: LogReadSummary
        if let path = try aggregatesPath(options) {
            let aggregates = try readAggregates(path)
            (alerts, trend) = try rules.evaluate(aggregates: aggregates, version: version, asOf: try options.day("as-of"))
            summary = aggregates.summary
            Console.err("note: consecutive_failures is not judged from aggregates (it needs the records' order): pass --logs for it")
        } else {
            (alerts, trend, summary) = try rules.evaluate(
                options.list("logs").map(LogSource.init(argument:)), version: version, asOf: try options.day("as-of"),
                reading: try options.logReading(), onBadLine: Console.badLine)
            Console.noteSplitRuns(summary, scope: options.runScope)
        }

        var results: [(alert: Alert, delivery: WebhookDelivery?)] = []
        var failed: WebhookDelivery?
        for alert in alerts {
            guard let client, failed == nil else { results.append((alert, nil)); continue }
            let text = alert.text
            let delivery = waitFor { await client.post(text: text) }
            if !delivery.delivered { failed = delivery }
            results.append((alert, delivery))
        }
        let masked = client.map { WebhookClient.mask($0.url) }
        let report = AlertReport(alerts: results, webhook: masked, asOf: trend.asOf, version: version, input: summary)
        try Console.out(options.value("format") == "json" ? report.jsonText() : report.text())
        noteEmptyWindow(trend)
        if let failed, let masked {
            Console.err("error: alert delivery to \(masked) failed: \(failed.failure ?? "unknown"); \(report.undelivered) of \(alerts.count) alert\(alerts.count == 1 ? "" : "s") not delivered (check the webhook URL and the network, or raise --timeout / --retries)")
            return .deliveryFailed
        }
        return .success
    }
}
