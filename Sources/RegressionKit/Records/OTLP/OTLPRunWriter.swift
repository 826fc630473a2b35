/// One recorded run written as one OTLP/JSON line (an `ExportTraceServiceRequest`, as the
/// Collector's file exporter writes them): a trace per run, a root span for the run and a child
/// span per step, with the attributes the GenAI and OpenInference conventions name, so that a
/// Swift team's runs open in Jaeger or Phoenix and read back into the gate as the same steps.
///
/// - The resource holds `service.name` (`regressionkit-recorder`) and `service.version` (the
///   recorder's version); the root span `session.id` (the case) and `input.value` (the input).
/// - A step span ends when its record was written (its `timestamp`) and starts its latency
///   before; it holds `gen_ai.request.model`, `llm.token_count.total` and `output.value`. A
///   failed step has status ERROR and `error.type`. A step recorded without a latency is a span
///   of no length, and reads back as 0 ms.
/// - The trace id and the root's span id are derived from the run id and the recorder's salt,
///   so that a step recorded after its run's line was written (a run handle kept past `run`)
///   joins its run when read: the root is written again with the same id, and a reader keeps one.
struct OTLPRunWriter: Sendable {
    /// Random per recorder: two recorders' runs with the same run id are different traces.
    let salt: UInt64

    /// The line for `steps`, one run's records in the order they were written (at least one).
    func line(_ steps: [StepRecord], version: String) -> String {
        let runID = steps[0].runID
        let traceID = hex(hash(runID, seed: 1)) + hex(hash(runID, seed: 2))
        let rootID = hex(hash(runID, seed: 3) | 1)   // never all zeros: that means "no parent"
        var spans: [JSONValue] = []
        var first = UInt64.max, last = UInt64.min
        for (k, step) in steps.enumerated() {
            let endNano = step.timestamp.flatMap(LogTimestamp.init).map { UInt64(clamping: $0.microsecondsSinceEpoch) * 1000 } ?? 0
            let lengthNano = UInt64((step.latencyMS ?? 0) * 1_000_000 + 0.5)
            let startNano = endNano >= lengthNano ? endNano - lengthNano : 0
            first = min(first, startNano)
            last = max(last, endNano)
            var attributes: [JSONValue] = [Self.attribute("output.value", .string(step.outputSummary ?? ""))]
            if let model = step.modelName { attributes.append(Self.attribute("gen_ai.request.model", .string(model))) }
            if let tokens = step.tokenCount { attributes.append(Self.attribute("llm.token_count.total", .integer(tokens))) }
            var status: [String: JSONValue] = [:]
            if !step.success {
                status["code"] = .number(2)   // STATUS_CODE_ERROR
                if let type = step.errorType { attributes.append(Self.attribute("error.type", .string(type))) }
            }
            spans.append(.object([
                "traceId": .string(traceID), "spanId": .string(hex(hash(runID + "\u{0}\(k)\u{0}" + step.stepName, seed: 4) | 1)),
                "parentSpanId": .string(rootID), "name": .string(step.stepName), "kind": .number(1),
                "startTimeUnixNano": .string(String(startNano)), "endTimeUnixNano": .string(String(endNano)),
                "attributes": .array(attributes), "status": .object(status),
            ]))
        }
        var rootAttributes: [JSONValue] = []
        if let caseID = steps[0].caseID { rootAttributes.append(Self.attribute("session.id", .string(caseID))) }
        if let input = steps[0].inputSummary { rootAttributes.append(Self.attribute("input.value", .string(input))) }
        spans.insert(.object([
            "traceId": .string(traceID), "spanId": .string(rootID), "name": .string("run"), "kind": .number(1),
            "startTimeUnixNano": .string(String(first)), "endTimeUnixNano": .string(String(last)),
            "attributes": .array(rootAttributes), "status": .object([:]),
        ]), at: 0)
        let resource: JSONValue = .object(["attributes": .array([
            Self.attribute("service.name", .string("regressionkit-recorder")), Self.attribute("service.version", .string(version)),
        ])])
        let scope: JSONValue = .object(["name": .string("RegressionKit.Recorder"), "version": .string(RegressionKitVersion.current)])
        return JSONValue.object(["resourceSpans": .array([.object([
            "resource": resource, "scopeSpans": .array([.object(["scope": scope, "spans": .array(spans)])]),
        ])])]).compact
    }

    private static func attribute(_ key: String, _ value: AttributeValue) -> JSONValue {
        let typed: JSONValue = switch value {
        case .string(let s): .object(["stringValue": .string(s)])
        case .integer(let n): .object(["intValue": .string(String(n))])   // int64 as a string, as the mapping says
        }
        return .object(["key": .string(key), "value": typed])
    }

    private enum AttributeValue { case string(String), integer(Int) }

    /// FNV-1a over the salt, the seed and `text`: stable ids from a run id, not a secret.
    private func hash(_ text: String, seed: UInt64) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        for shift in stride(from: 0, to: 64, by: 8) { mix(UInt8(truncatingIfNeeded: salt >> UInt64(shift))) }
        mix(UInt8(seed))
        for byte in text.utf8 { mix(byte) }
        // A final avalanche (splitmix64's), so that close run ids give unrelated ids.
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
        return h ^ (h >> 31)
    }

    private func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
