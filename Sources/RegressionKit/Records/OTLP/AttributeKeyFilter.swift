import Foundation

/// The attribute keys a decoder keeps: the others' values are skipped as they are read, so that
/// the spans of a large file cost no allocation for attributes no rule reads.
struct AttributeKeyFilter: Sendable {
    /// The kept keys' UTF-8 bytes and the keys, by length.
    private let byLength: [[(bytes: [UInt8], key: String)]]

    init(_ keys: Set<String>) {
        var table = [[(bytes: [UInt8], key: String)]](repeating: [], count: (keys.map(\.utf8.count).max() ?? 0) + 1)
        for key in keys.sorted() { table[key.utf8.count].append((Array(key.utf8), key)) }
        byLength = table
    }

    /// The keys any default rule reads, on spans, resources and `exception` events.
    static func of(_ mapping: TraceMapping) -> AttributeKeyFilter {
        AttributeKeyFilter(mapping.spanKeys.union(mapping.resourceKeys).union([TraceMapping.exceptionTypeKey]))
    }

    /// Whether the key spelled by `bytes` (UTF-8) is kept.
    func keeps(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { key(bytes) != nil }

    /// The kept key spelled by `bytes` (UTF-8), or nil. The same `String` for every span, so that
    /// the spans held until all files are read share one copy of each key.
    func key(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count < byLength.count, bytes.count > 0 else { return nil }
        for entry in byLength[bytes.count] where entry.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) {
            return entry.key
        }
        return nil
    }

    func keeps(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { keeps($0) }
    }
}
