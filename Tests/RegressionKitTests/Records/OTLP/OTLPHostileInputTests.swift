import Foundation
import Testing
@testable import RegressionKit

/// Data is hostile: every cut and thousands of corrupted copies of real requests decode or are
/// refused, never crash or hang, and a refusal's offset is inside the bytes.
struct OTLPHostileInputTests {
    /// The first request of the SDK's framed file (a few KB: every prefix is quick to try).
    static func smallProtobufRequest() throws -> [UInt8] {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: fixture("otlp/traceloop.binpb"))))
        let length = Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
        return Array(bytes[4..<(4 + length)])
    }

    static func firstJSONLine() throws -> [UInt8] {
        let text = try String(contentsOfFile: fixture("otlp/combined-1.otlp.jsonl"), encoding: .utf8)
        return Array(text.split(separator: "\n")[0].utf8)
    }

    func protobufOutcome(_ bytes: [UInt8]) -> Int? {
        do { return try decodeOTLPProtobuf(bytes).count } catch {
            #expect(error.offset >= 0 && error.offset <= bytes.count)
            return nil
        }
    }

    func jsonOutcome(_ bytes: [UInt8]) -> Int? {
        do { return try decodeOTLPJSON(String(decoding: bytes, as: UTF8.self)).count } catch {
            #expect(error.offset >= 0 && error.offset <= bytes.count + 3)
            return nil
        }
    }

    @Test func everyCutOfARealProtobufRequestIsDecodedOrRefused() throws {
        let request = try Self.smallProtobufRequest()
        #expect(protobufOutcome(request) == 1)
        for end in stride(from: 0, to: request.count, by: 1) { _ = protobufOutcome(Array(request[..<end])) }
    }

    @Test func corruptedProtobufRequestsAreDecodedOrRefused() throws {
        let request = try Self.smallProtobufRequest()
        var rng = SplitMix64(seed: 17)
        for _ in 0..<3000 {
            var bytes = request
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            _ = protobufOutcome(bytes)
        }
    }

    @Test func everyCutAndCorruptionOfARealJSONLineIsDecodedOrRefused() throws {
        let line = try Self.firstJSONLine()
        #expect(jsonOutcome(line) == 1)
        for end in stride(from: 0, to: line.count, by: 7) { #expect(jsonOutcome(Array(line[..<end])) == nil) }
        var rng = SplitMix64(seed: 18)
        let alphabet = Array("{}[]\":,\\0aAz\u{1}".utf8) + [0xFF, 0xC3]
        for _ in 0..<1000 {
            var bytes = line
            bytes[Int.random(in: 0..<bytes.count, using: &rng)] = alphabet.randomElement(using: &rng)!
            _ = jsonOutcome(bytes)
        }
    }

    @Test func corruptedFilesAreReadOrReportedByTheReader() throws {
        let dir = temporaryDirectory()
        let line = try Self.firstJSONLine()
        let pretty = Array("{\n  \"resourceSpans\": [\n".utf8) + Array(line.dropFirst(18).dropLast(2)) + Array("\n  ]\n}\n".utf8)
        var rng = SplitMix64(seed: 19)
        for k in 0..<200 {
            var bytes = k % 2 == 0 ? pretty : line + [0x0A] + line
            bytes[Int.random(in: 0..<bytes.count, using: &rng)] = [UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "\""), 0x0A, 0x00].randomElement(using: &rng)!
            let path = writeTemporary("c\(k).json", bytes, in: dir)
            _ = try? LogReader(sources: [.file(path)], maxBadLines: 1000).read({ _ in }, onBadLine: { error in
                #expect(error.line >= 1 && error.line <= bytes.count { $0 == 0x0A } + 1)
            })
        }
    }
}
