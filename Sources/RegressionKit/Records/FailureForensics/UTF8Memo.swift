import Foundation

/// The last non-ASCII string the log-line fast path validated as UTF-8, so that the same bytes
/// are not validated again: every step of a run repeats its `input_summary`, and validation is
/// the costliest part of scanning such a string. Exact, since equal bytes are equally valid.
/// One per reading thread; it lives as long as the read.
struct UTF8Memo {
    /// The bytes last found valid (at most `maxBytes`).
    private var valid: [UInt8] = []
    /// Longer strings are validated every time (copying them would cost what it saves).
    static let maxBytes = 512

    /// Whether `text` (not empty) is valid UTF-8, remembering it when it is.
    @inline(__always)
    mutating func isValid(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        if text.count == valid.count,
           valid.withUnsafeBufferPointer({ memcmp($0.baseAddress!, text.baseAddress!, text.count) == 0 }) {
            return true
        }
        return validate(text)
    }

    private mutating func validate(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard UTF8Validation.isValid(text) else { return false }
        if text.count <= Self.maxBytes {
            valid.removeAll(keepingCapacity: true)
            valid.append(contentsOf: text)
        }
        return true
    }
}
