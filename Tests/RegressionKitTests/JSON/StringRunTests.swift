import Testing
@testable import RegressionKit

/// `StringRun.find` (SSE2 on x86-64 for buffers of 16 bytes or more) and its portable 64-bit-word
/// version against a byte-by-byte reference.
@Suite("String run")
struct StringRunTests {
    /// The run the byte-by-byte way.
    static func reference(_ bytes: [UInt8], from start: Int) -> StringRun {
        var end = start, firstNonASCII = -1
        while end < bytes.count {
            let b = bytes[end]
            if b == 0x22 || b == 0x5C || b < 0x20 { break }
            if b >= 0x80 && firstNonASCII < 0 { firstNonASCII = end }
            end += 1
        }
        return StringRun(end: end, firstNonASCII: firstNonASCII < 0 ? end : firstNonASCII)
    }

    static func check(_ bytes: [UInt8], from start: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = reference(bytes, from: start)
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
            for (name, run) in [("find", StringRun.find(in: base, from: start, count: bytes.count)),
                                ("findSWAR", StringRun.findSWAR(in: base, from: start, count: bytes.count))] {
                #expect(run.end == expected.end && run.firstNonASCII == expected.firstNonASCII,
                        "\(name) from \(start) in \(bytes): \(run.end), \(run.firstNonASCII)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func agreesWithTheByteByByteReference() {
        var generator = SplitMix64(seed: 1)
        // Mostly plain ASCII, with now and then a byte that ends a run or is not ASCII.
        let rare: [UInt8] = [0x00, 0x09, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xBF, 0xC3, 0xE6, 0xFF]
        for _ in 0..<20_000 {
            let count = Int(generator.next() % 90)
            let density = generator.next() % 40 + 1
            let bytes = (0..<count).map { _ in
                generator.next() % density == 0 ? rare[Int(generator.next() % UInt64(rare.count))] : UInt8(0x23 + generator.next() % 0x39)
            }
            Self.check(bytes, from: Int(generator.next() % UInt64(count + 3)))
        }
    }

    @Test func findsEveryEndingByteAtEveryPosition() {
        for count in [1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 64, 65] {
            for position in 0..<count {
                for byte: UInt8 in [0x00, 0x1F, 0x22, 0x5C, 0x80, 0xFF] {
                    var bytes = [UInt8](repeating: 0x61, count: count)
                    bytes[position] = byte
                    for start in [0, 1, position, min(position + 1, count)] { Self.check(bytes, from: start) }
                }
            }
        }
    }
}
