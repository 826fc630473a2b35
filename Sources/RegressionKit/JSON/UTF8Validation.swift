/// Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
///
/// Hand-written rather than `String(validating:)` because the log reader calls it for every
/// non-ASCII string of every record, and this version is specialized and allocation-free.
enum UTF8Validation {
    /// Whether `bytes` is valid UTF-8.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count
        var i = 0
        while i < n {
            // ASCII fast path, eight bytes at a time.
            while i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            guard i < n else { return true }
            let b0 = base[i]
            if b0 < 0x80 { i += 1; continue }
            func continuation(_ k: Int) -> Bool { i + k < n && base[i + k] & 0xC0 == 0x80 }
            switch b0 {
            case 0xC2...0xDF:
                guard continuation(1) else { return false }
                i += 2
            case 0xE0...0xEF:
                guard continuation(1), continuation(2) else { return false }
                let b1 = base[i + 1]
                if b0 == 0xE0 && b1 < 0xA0 { return false }     // overlong
                if b0 == 0xED && b1 > 0x9F { return false }     // surrogates
                i += 3
            case 0xF0...0xF4:
                guard continuation(1), continuation(2), continuation(3) else { return false }
                let b1 = base[i + 1]
                if b0 == 0xF0 && b1 < 0x90 { return false }     // overlong
                if b0 == 0xF4 && b1 > 0x8F { return false }     // above U+10FFFF
                i += 4
            default:
                return false
            }
        }
        return true
    }
}
