import Foundation
import Testing

@Suite("regress-gate alert", .serialized)
struct AlertCommandTests {
    /// A log whose last day (2026-11-03) fails 40 % of 100 records after two days at 10 %, with
    /// citation failing its last 3 records.
    func alertingLog(_ dir: URL) throws {
        var lines: [String] = []
        for day in 1...3 {
            for i in 0..<100 {
                let step = i >= 97 ? "citation" : "generation"
                // 10 generation failures a day, 37 on the last day, when all 3 citations fail too.
                let fails = step == "generation" ? i < (day == 3 ? 37 : 10) : day == 3
                lines.append(#"{"timestamp": "2026-11-0\#(day)T10:\#(10 + i / 60):\#(10 + i % 40).5+00:00", "run_id": "r\#(day)-\#(i)", "step_name": "\#(step)", "success": \#(!fails), "error_type": \#(fails ? "\"timeout\"" : "null"), "prompt_version": "v1"}"#)
            }
        }
        try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("logs.jsonl"), atomically: true, encoding: .utf8)
    }

    @Test func eachAlertReachesTheWebhookAsSlackJSON() throws {
        let dir = temporaryDirectory()
        try alertingLog(dir)
        let server = try LocalHTTPServer(replies: [.status(200)])
        defer { server.stop() }
        let run = try gate(["alert", "--logs", "logs.jsonl", "--webhook", server.url(), "--format", "json"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let bodies = server.receivedBodies
        #expect(bodies.count == 3)
        let texts = try bodies.map { try json($0) }
        #expect(texts.allSatisfy { $0.keys.sorted() == ["text"] })
        let messages = texts.map { $0["text"] as! String }
        #expect(messages[0] == "🔴 *[regress-gate]* failure rate 40.0 % (40/100 step records) on 2026-11-03 is above the 25.0 % threshold")
        #expect(messages[1].hasPrefix("🔴 *[regress-gate]* anomaly on 2026-11-03: failure rate 40.0 % vs 10.0 % on the 2 days before (+30.0 pp"))
        #expect(messages[2] == "🔴 *[regress-gate]* step 'citation' failed 3 times in a row (its latest records up to 2026-11-03)")
        let report = try json(run.stdout)
        #expect(report["delivered"] as? Int == 3)
        #expect(report["webhook"] as? String == "http://127.0.0.1:\(server.port)/…en42")
        #expect(!(run.stdout + run.stderr).contains("s3cr3tToken42"))
    }

    @Test func aWebhookAnswering500Then200GetsTheAlertOnce() throws {
        let dir = temporaryDirectory()
        try alertingLog(dir)
        let server = try LocalHTTPServer(replies: [.status(500), .status(200)])
        defer { server.stop() }
        let run = try gate(["alert", "--logs", "logs.jsonl", "--consecutive", "9", "--max-failure-rate", "0.5", "--format", "json"], in: dir,
                           environment: ["REGRESS_GATE_WEBHOOK": server.url()])
        #expect(run.status == 0, "\(run.stderr)")
        let bodies = server.receivedBodies
        #expect(bodies.count == 2)   // the 500, then the same alert once more: delivered once
        #expect(bodies[0] == bodies[1])
        let alerts = try json(run.stdout)["alerts"] as! [[String: Any]]
        #expect(alerts.map { $0["rule"] as! String } == ["anomaly"])
        let delivery = alerts[0]["delivery"] as! [String: Any]
        #expect(delivery["delivered"] as? Bool == true && delivery["attempts"] as? Int == 2 && delivery["status"] as? Int == 200)
    }

    @Test func aWebhookThatNeverAnswersTimesOutAndExitsThree() throws {
        let dir = temporaryDirectory()
        try alertingLog(dir)
        let server = try LocalHTTPServer(replies: [.silence])
        defer { server.stop() }
        let run = try gate(["alert", "--logs", "logs.jsonl", "--webhook", server.url(), "--timeout", "1", "--retries", "0"], in: dir)
        #expect(run.status == 3)
        #expect(server.receivedBodies.count == 1)   // after the failure, the other alerts are not sent
        #expect(run.stderr.hasPrefix("error: alert delivery to http://127.0.0.1:\(server.port)/…en42 failed: no answer within 1 s (timed out) (1 attempt); 3 of 3 alerts not delivered"))
        #expect(run.stdout.contains("failure_rate: FAILED: no answer within 1 s (timed out)"))
        #expect(!(run.stdout + run.stderr).contains("s3cr3tToken42"))
    }

    /// Waiting for a slow webhook must not use the CPU. Wall-clock timing on purpose: the CPU
    /// the tool used over the time it waited (through URLSession it used 2.5 s of CPU in 3 s).
    @Test func waitingForASlowWebhookUsesNoCPU() throws {
        let dir = temporaryDirectory()
        try alertingLog(dir)
        let server = try LocalHTTPServer(replies: [.silence])
        defer { server.stop() }
        let cost = try measuredGate(["alert", "--logs", dir.appendingPathComponent("logs.jsonl").path, "--webhook", server.url(),
                                     "--timeout", "3", "--retries", "0"])
        #expect(cost.status == 3, "\(cost.stderr)")
        #expect(cost.stderr.contains("no answer within 3 s (timed out)"), "\(cost.stderr)")
        #expect(cost.wallSeconds >= 3)
        #expect(cost.cpuSeconds <= 0.10 * cost.wallSeconds,
                "used \(cost.cpuSeconds) s of CPU in \(cost.wallSeconds) s waiting for the webhook")
    }

    @Test func withoutAWebhookAlertsArePrinted() throws {
        let dir = temporaryDirectory()
        try alertingLog(dir)
        let run = try gate(["alert", "--logs", "logs.jsonl", "--as-of", "2026-11-02"], in: dir, environment: ["REGRESS_GATE_WEBHOOK": ""])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("no alerts for 2026-11-02\n"))
        let today = try gate(["alert", "--logs", "logs.jsonl"], in: dir, environment: ["REGRESS_GATE_WEBHOOK": ""])
        #expect(today.stdout.split(separator: "\n").filter { $0.hasPrefix("[ALERT] 🔴 *[regress-gate]* ") }.count == 3)
    }

    /// The URL check is the library's (WebhookURLTests); the tool names where the URL came from,
    /// exits 2 before reading the logs, and never prints the URL.
    @Test func aWebhookThatIsNotAnHTTPURLIsAUsageErrorNamingItsOrigin() throws {
        let secret = "ftp://hooks.example.com/T0/B0/s3cr3t"
        let given = try gate(["alert", "--logs", "missing.jsonl", "--webhook", secret], in: temporaryDirectory())
        #expect(given.status == 2 && given.stdout.isEmpty)
        #expect(given.stderr == "error: --webhook is not an http(s) URL (see 'regress-gate help alert')\n")
        let inherited = try gate(["alert", "--logs", "missing.jsonl"], in: temporaryDirectory(), environment: ["REGRESS_GATE_WEBHOOK": secret])
        #expect(inherited.status == 2)
        #expect(inherited.stderr == "error: REGRESS_GATE_WEBHOOK is not an http(s) URL (see 'regress-gate help alert')\n")
    }
}
