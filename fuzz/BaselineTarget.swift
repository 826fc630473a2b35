// libFuzzer target: the baseline and policy readers. Any input is either a snapshot that
// re-encodes and re-reads to itself, or a BaselineError / PolicyError; never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBaseline(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let snapshot = try? BaselineSnapshot(jsonBytes: bytes, path: "fuzz.json") {
        let again = try? BaselineSnapshot(jsonBytes: Array(snapshot.jsonText().utf8), path: "fuzz.json")
        precondition(again == snapshot, "a baseline must round-trip")
        _ = Gate.evaluate(baseline: snapshot.stats, candidate: snapshot.stats, policy: .statistical())
        _ = Gate.evaluate(baseline: snapshot.stats, candidate: snapshot.stats, policy: .thresholds())
    }
    _ = try? GatePolicy.parse(bytes, path: "fuzz-policy.json")
    _ = try? JSONValue.parse(bytes)
    return 0
}
