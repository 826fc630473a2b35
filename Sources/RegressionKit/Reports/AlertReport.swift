/// What `regress-gate alert` did: the alerts that fired and where each went.
package struct AlertReport: Sendable {
    /// One alert and its delivery (nil when printed to the console or not attempted).
    var alerts: [(alert: Alert, delivery: WebhookDelivery?)]
    /// The masked webhook URL, nil when alerts went to the console.
    var webhook: String?
    /// The day judged.
    var asOf: LogDay
    /// Only this version's records, when given.
    var version: String?
    /// What reading the logs saw.
    var input: LogReadSummary

    /// A report of what happened to each alert.
    package init(alerts: [(alert: Alert, delivery: WebhookDelivery?)], webhook: String?, asOf: LogDay, version: String?, input: LogReadSummary) {
        self.alerts = alerts
        self.webhook = webhook
        self.asOf = asOf
        self.version = version
        self.input = input
    }

    /// Alerts delivered to the webhook.
    var delivered: Int { alerts.filter { $0.delivery?.delivered == true }.count }
    /// Alerts meant for the webhook that did not reach it (failed or not attempted after a failure).
    package var undelivered: Int { webhook == nil ? 0 : alerts.count - delivered }

    /// `{"format_version": 1, "as_of", "alerts": [...], "webhook" (masked), "delivered", "undelivered", "input"}`.
    package func jsonText() -> String {
        JSONValue.object([
            "format_version": .number(1),
            "as_of": .string(asOf.description),
            "version": .string(version),
            "webhook": .string(webhook),
            "alerts": .array(alerts.map { item in
                var members: [String: JSONValue] = [
                    "rule": .string(item.alert.rule.rawValue), "level": .string(item.alert.level),
                    "message": .string(item.alert.message), "text": .string(item.alert.text),
                ]
                if let d = item.delivery {
                    members["delivery"] = .object([
                        "delivered": .bool(d.delivered), "attempts": .number(d.attempts),
                        "status": d.status.map { .number($0) } ?? .null, "error": .string(d.failure),
                    ])
                } else {
                    members["delivery"] = webhook == nil ? .string("console") : .string("not attempted")
                }
                return .object(members)
            }),
            "delivered": .number(delivered),
            "undelivered": .number(undelivered),
            "input": input.jsonValue,
        ]).prettyPrinted
    }

    /// Without a webhook, the alerts themselves (`[ALERT] ...`); with one, what was delivered.
    package func text() -> String {
        let scope = version.map { ", \($0)" } ?? ""
        var out: TerminalText = ""
        if alerts.isEmpty {
            out += "no alerts for \(asOf)\(scope)\n"
        } else if webhook == nil {
            for item in alerts { out += "[ALERT] \(trusted: Alert.prefix)\(item.alert.message)\n" }
        } else {
            out += "\(alerts.count) alert\(alerts.count == 1 ? "" : "s") for \(asOf)\(scope) to \(webhook!):\n"
            for item in alerts {
                let state: String
                switch item.delivery {
                case let d? where d.delivered: state = "delivered" + (d.attempts > 1 ? " (\(d.attempts) attempts)" : "")
                case let d?: state = "FAILED: \(d.failure ?? "")"
                case nil: state = "not sent"
                }
                out += ReportFormat.wrap("\(item.alert.rule.rawValue): \(state)", indent: "  ", hanging: "    ")
            }
        }
        out += "\(input.textLine)\n"
        return out.string
    }
}
