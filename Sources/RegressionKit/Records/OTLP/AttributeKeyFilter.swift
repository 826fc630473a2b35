import Foundation

/// The attribute keys a decoder keeps: the others' values are skipped as they are read, so that
/// the spans of a large file cost no allocation for attributes no rule reads.
///
/// A class, so that the decoders pass one reference down to every attribute they read.
final class AttributeKeyFilter: Sendable {
    /// The kept keys, and their bytes.
    private let keys: [String]
    private let set: ByteStringSet

    init(_ keys: Set<String>) {
        self.keys = keys.sorted()
        set = ByteStringSet(self.keys)
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
        set.value(of: bytes).map { keys[$0] }
    }

    func keeps(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { keeps($0) }
    }
}
