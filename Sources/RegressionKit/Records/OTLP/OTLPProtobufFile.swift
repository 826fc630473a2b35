import Foundation

/// Reads a binary OTLP file: one raw `ExportTraceServiceRequest`, or the Collector file
/// exporter's `format: proto` (requests each preceded by a 4-byte big-endian length).
///
/// A problem is reported with its byte offset in the file and, as the line, the request's number
/// (1 for a raw request). A framed file whose length prefix is cut short or runs past the end
/// cannot be read further: the rest is reported as one problem.
struct OTLPProtobufFile {
    let fd: Int32
    let source: String
    /// Bytes of a pipe already read (`LogFile.head`), read before the descriptor's.
    var head: ArraySlice<UInt8> = []
    /// The attributes decoded (nil: all).
    var filter: AttributeKeyFilter?

    /// Reads a raw request (the whole file: a request is one message).
    mutating func readRaw(report: (LogLineError) throws -> Void, onProgress: (Int) -> Void,
                 onRequest: ([OTLPResourceSpans], _ entry: Int) throws -> Void) throws -> LogFileCounts {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: LineSplitter.chunkSize)
        while true {
            let n = try read(into: &chunk, count: chunk.count)
            if n == 0 { break }
            bytes += chunk[0..<n]
            onProgress(bytes.count)
        }
        try decode(bytes, at: 0, entry: 1, report: report, onRequest: onRequest)
        return LogFileCounts(lines: 1, records: 0, emptyLines: 0)
    }

    /// Reads a framed file, one request at a time.
    mutating func readFramed(report: (LogLineError) throws -> Void, onProgress: (Int) -> Void,
                    onRequest: ([OTLPResourceSpans], _ entry: Int) throws -> Void) throws -> LogFileCounts {
        var counts = LogFileCounts()
        var offset = 0
        var prefix = [UInt8](repeating: 0, count: 4)
        var message: [UInt8] = []
        while true {
            let got = try read(into: &prefix, count: 4)
            if got == 0 { break }
            counts.lines += 1
            guard got == 4 else {
                try report(problem("truncated length prefix: \(got) bytes at the end of the file, where a request's length takes 4",
                                   at: offset, entry: counts.lines))
                break
            }
            let length = Int(prefix[0]) << 24 | Int(prefix[1]) << 16 | Int(prefix[2]) << 8 | Int(prefix[3])
            message = [UInt8](repeating: 0, count: length)
            let body = try read(into: &message, count: length)
            guard body == length else {
                try report(problem("the length prefix says \(length) bytes but the file ends \(body) bytes after it",
                                   at: offset, entry: counts.lines))
                break
            }
            try decode(message, at: offset + 4, entry: counts.lines, report: report, onRequest: onRequest)
            offset += 4 + length
            onProgress(offset)
        }
        return counts
    }

    private func decode(_ bytes: [UInt8], at base: Int, entry: Int, report: (LogLineError) throws -> Void,
                        onRequest: ([OTLPResourceSpans], Int) throws -> Void) throws {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(OTLPDecodingError) in try OTLPProtobufDecoder.decode(buffer, base: base, keeping: filter) }
        }
        switch result {
        case .success(let batch): try onRequest(batch, entry)
        case .failure(let error): try report(problem(error.message, at: error.offset, entry: entry))
        }
    }

    private func problem(_ message: String, at offset: Int, entry: Int) -> LogLineError {
        LogLineError(source: source, line: entry, column: nil, message: "at byte \(offset) (request \(entry)): \(message)", unit: .protobufRequest)
    }

    /// Reads up to `count` bytes into `buffer`, fewer only at the end of the file.
    private mutating func read(into buffer: inout [UInt8], count: Int) throws -> Int {
        var total = 0
        if !head.isEmpty {
            total = min(count, head.count)
            buffer.replaceSubrange(0..<total, with: head.prefix(total))
            head = head.dropFirst(total)
        }
        while total < count {
            let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress! + total, count - total) }
            if n < 0 {
                if errno == EINTR { continue }
                throw LogReadError.readFailed(source: source, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            total += n
        }
        return total
    }
}
