import Foundation

/// The attribute keys a decoder keeps: the others' values are skipped as they are read, so that
/// the spans of a large file cost no allocation for attributes no rule reads.
struct AttributeKeyFilter: Sendable {
    /// The kept keys' UTF-8 bytes, by length.
    private let byLength: [[[UInt8]]]

    init(_ keys: Set<String>) {
        var table = [[[UInt8]]](repeating: [], count: (keys.map(\.utf8.count).max() ?? 0) + 1)
        for key in keys { table[key.utf8.count].append(Array(key.utf8)) }
        byLength = table
    }

    /// The keys any default rule reads, on spans, resources and `exception` events.
    static func of(_ mapping: TraceMapping) -> AttributeKeyFilter {
        AttributeKeyFilter(mapping.spanKeys.union(mapping.resourceKeys).union([TraceMapping.exceptionTypeKey]))
    }

    /// Whether the key spelled by `bytes` (UTF-8) is kept.
    func keeps(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count < byLength.count, bytes.count > 0 else { return false }
        for key in byLength[bytes.count] where key.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) {
            return true
        }
        return false
    }

    func keeps(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { keeps($0) }
    }
}
