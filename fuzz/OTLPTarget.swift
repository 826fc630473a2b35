// libFuzzer target: the OTLP decoders. Any input is decoded as a binary protobuf request and as
// an OTLP/JSON document; each either decodes or is refused with an OTLPDecodingError whose offset
// lies within the input, never a trap. What decodes is gathered into traces and mapped into runs,
// which must hold the invariants the gate relies on (a run has a version and at least one step,
// latencies are finite and not negative).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOTLP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var batches: [[OTLPResourceSpans]] = []
    switch Result(catching: { () throws(OTLPDecodingError) in try OTLPProtobufDecoder.decode(bytes) }) {
    case .success(let batch): batches.append(batch)
    case .failure(let error): precondition(error.offset >= 0 && error.offset <= size, "protobuf offset \(error.offset) of \(size)")
    }
    // JSON with every attribute kept, and with only those the mapping reads (as the reader does).
    for filter in [nil, AttributeKeyFilter.of(.default)] {
        switch Result(catching: { () throws(OTLPDecodingError) in try OTLPJSONDecoder.decode(bytes, keeping: filter) }) {
        case .success(let (batch, end)):
            precondition(end <= size)
            batches.append(batch)
        case .failure(let error): precondition(error.offset >= 0 && error.offset <= size, "JSON offset \(error.offset) of \(size)")
        }
    }
    for batch in batches {
        var traces = TraceSet()
        traces.add(batch, file: 0) { _ in 1 }
        for t in traces.traces.indices {
            guard case .success(let run) = TraceMapping.default.run(of: traces.ids[t], spans: traces.traces[t]) else { continue }
            precondition(!run.version.isEmpty && !run.steps.isEmpty)
            for step in run.steps { precondition(step.latencyMS.isFinite && step.latencyMS >= 0) }
        }
    }
    return 0
}
