/// Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
///
/// Hand-written rather than `String(validating:)` because the log reader calls it for every
/// non-ASCII string of every record, and this version is specialized and allocation-free.
///
/// It runs a deterministic automaton whose transitions are packed in shifts (the "shift-based
/// DFA" of Per Vognsen, after Björn Höhrmann's decoder): a state is a bit offset, a multiple of
/// 6, and the table's word for a byte holds, at each state's offset, the offset of the state that
/// byte leads to. One step is `state = table[byte] >> state`, one load and one shift per byte,
/// with no branch on the byte.
enum UTF8Validation {
    /// The automaton's states. A state's raw value is its bit offset in a table word.
    private enum State: UInt64, CaseIterable {
        /// Invalid input was seen; no byte leaves it (its transitions are all zero bits).
        case error = 0
        /// Between characters: the only state in which the input may end.
        case accept = 6
        /// Inside a character, that many continuation bytes (0x80...0xBF) still to come.
        case one = 12, two = 18, three = 24
        /// After E0: the next byte must be A0...BF (lower ones are overlong), then one more.
        case afterE0 = 30
        /// After ED: the next byte must be 80...9F (higher ones encode surrogates), then one more.
        case afterED = 36
        /// After F0: the next byte must be 90...BF (lower ones are overlong), then two more.
        case afterF0 = 42
        /// After F4: the next byte must be 80...8F (higher ones are above U+10FFFF), then two more.
        case afterF4 = 48

        /// The state that `byte` leads to from this one.
        func next(_ byte: UInt8) -> State {
            let continuation = (0x80...0xBF).contains(byte)
            switch self {
            case .error: return .error
            case .accept:
                switch byte {
                case 0x00...0x7F: return .accept
                case 0xC2...0xDF: return .one
                case 0xE0: return .afterE0
                case 0xED: return .afterED
                case 0xE1...0xEF: return .two
                case 0xF0: return .afterF0
                case 0xF4: return .afterF4
                case 0xF1...0xF3: return .three
                default: return .error   // continuation bytes, C0, C1 (overlong), F5...FF
                }
            case .one: return continuation ? .accept : .error
            case .two: return continuation ? .one : .error
            case .three: return continuation ? .two : .error
            case .afterE0: return (0xA0...0xBF).contains(byte) ? .one : .error
            case .afterED: return (0x80...0x9F).contains(byte) ? .one : .error
            case .afterF0: return (0x90...0xBF).contains(byte) ? .two : .error
            case .afterF4: return (0x80...0x8F).contains(byte) ? .two : .error
            }
        }
    }

    /// For each byte value, the transitions of every state packed at the states' offsets.
    private static let table: [UInt64] = (0...255).map { byte in
        State.allCases.reduce(0) { row, state in row | state.next(UInt8(byte)).rawValue << state.rawValue }
    }

    /// Whether `bytes` is valid UTF-8.
    @inline(never)   // one copy, called with a whole string's bytes: the call is cheap next to them
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count
        return table.withUnsafeBufferPointer { table in
            let table = table.baseAddress!
            var state = State.accept.rawValue   // only its low 6 bits matter: shifts use them alone
            var i = 0
            while i + 4 <= n {
                state = table[Int(base[i])] &>> state
                state = table[Int(base[i + 1])] &>> state
                state = table[Int(base[i + 2])] &>> state
                state = table[Int(base[i + 3])] &>> state
                i += 4
            }
            while i < n {
                state = table[Int(base[i])] &>> state
                i += 1
            }
            return state & 63 == State.accept.rawValue
        }
    }
}
