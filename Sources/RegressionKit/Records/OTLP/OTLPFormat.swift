import Foundation

/// OpenTelemetry traces in OTLP: JSON (the Collector's file exporter, one request per line; or
/// documents pretty-printed or back to back), a binary protobuf request (`.pb`), or the
/// Collector's framed protobuf file. Each run is one trace, gathered by trace id over every
/// OTLP file read, and read into steps by `TraceMapping`.
///
/// Files are decoded into a `TraceSet` (`gather`); once all are read, each trace is mapped and its
/// steps handed on as records (`records(from:)`) in the order the traces were first seen, each
/// trace's steps in the order they started.
struct OTLPFormat: GatheringLogFormat {
    static let name = "OTLP"

    var mapping = TraceMapping.default

    static func detect(_ prefix: UnsafeBufferPointer<UInt8>) -> Bool { OTLPEncoding.of(prefix) != nil }

    func makeGathering() -> TraceSet { TraceSet(mapping: mapping) }

    func gather(
        _ file: LogFile, index: Int, into traces: inout TraceSet,
        report: (LogLineError) throws -> Void, onProgress: (_ bytesRead: Int) -> Void
    ) throws -> LogFileCounts {
        switch Self.encoding(of: file) {
        case .json:
            var documents = OTLPJSONDocuments(source: file.source, keeping: .of(mapping))
            try LineSplitter.split(fd: file.fd, source: file.source, head: file.head, onLine: { line in
                try documents.line(line, report: report) { batch, lineOf in traces.add(batch, file: index, line: lineOf) }
            }, onOverlong: {
                try report(LogLineError(source: file.source, line: documents.counts.lines + 1, column: nil,
                                        message: "line longer than \(LogReader.maxLineBytes >> 20) MiB"))
            }, onChunk: onProgress)
            try documents.finish(report: report)
            return documents.counts
        case .protobuf:
            var reader = OTLPProtobufFile(fd: file.fd, source: file.source, head: file.head[...], filter: .of(mapping))
            return try reader.readRaw(report: report, onProgress: onProgress) { batch, entry in
                traces.add(batch, file: index) { _ in entry }
            }
        case .protobufFramed:
            var reader = OTLPProtobufFile(fd: file.fd, source: file.source, head: file.head[...], filter: .of(mapping))
            return try reader.readFramed(report: report, onProgress: onProgress) { batch, entry in
                traces.add(batch, file: index) { _ in entry }
            }
        }
    }

    func records(
        from traces: TraceSet, sources: [String], report: (LogLineError) throws -> Void,
        _ body: (RawStepRecord, _ file: Int, _ line: Int) throws -> Void
    ) throws -> Int {
        var records = 0
        for t in traces.traces.indices {
            let id = traces.ids[t]
            switch mapping.run(of: id, spans: traces.traces[t]) {
            case .failure(let problem):
                let origin = problem.origin
                try report(LogLineError(source: sources[origin.file], line: origin.line, column: nil, message: problem.message(id), unit: .trace))
            case .success(let run):
                try TraceRecords.forEach(run) { raw, origin in try body(raw, origin.file, origin.line) }
                records += run.steps.count
            }
        }
        return records
    }

    /// The encoding of `file`, from its first bytes. A file the reader was told is OTLP
    /// (`LogFormatSettings.format`) but that looks like none of them is read as JSON when it
    /// starts like a JSON object, else as one protobuf request, so that its decoder says where
    /// and how it is not OTLP.
    static func encoding(of file: LogFile) -> OTLPEncoding {
        let prefix = file.firstBytes()
        if let encoding = prefix.withUnsafeBufferPointer({ OTLPEncoding.of($0) }) { return encoding }
        let first = prefix.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        return first == nil || first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? .json : .protobuf
    }
}
