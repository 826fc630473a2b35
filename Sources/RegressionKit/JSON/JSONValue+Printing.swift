/// Deterministic JSON text: object keys sorted, two-space indentation, arrays of
/// plain values on one line. Equal values always print to equal bytes, so files
/// we write diff cleanly in review.
extension JSONValue {
    /// Multi-line text ending in a newline, for files people read.
    var prettyPrinted: String {
        var out = ""
        write(to: &out, indent: 0)
        out.append("\n")
        return out
    }

    /// One line, no spaces, keys sorted: for JSONL records.
    var compact: String {
        var out = ""
        writeCompact(to: &out)
        return out
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .object(let members) where !members.isEmpty:
            out.append("{\n")
            let keys = members.keys.sorted()
            for (n, key) in keys.enumerated() {
                out.append(String(repeating: "  ", count: indent + 1))
                Self.writeString(key, to: &out)
                out.append(": ")
                members[key]!.write(to: &out, indent: indent + 1)
                out.append(n + 1 < keys.count ? ",\n" : "\n")
            }
            out.append(String(repeating: "  ", count: indent))
            out.append("}")
        case .array(let items) where !items.isEmpty && !items.allSatisfy(\.isScalar):
            out.append("[\n")
            for (n, item) in items.enumerated() {
                out.append(String(repeating: "  ", count: indent + 1))
                item.write(to: &out, indent: indent + 1)
                out.append(n + 1 < items.count ? ",\n" : "\n")
            }
            out.append(String(repeating: "  ", count: indent))
            out.append("]")
        case .array(let items):
            out.append("[")
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(", ") }
                item.writeCompact(to: &out)
            }
            out.append("]")
        default:
            writeCompact(to: &out)
        }
    }

    private func writeCompact(to out: inout String) {
        switch self {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .number(let text): out.append(text)
        case .string(let s): Self.writeString(s, to: &out)
        case .array(let items):
            out.append("[")
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(",") }
                item.writeCompact(to: &out)
            }
            out.append("]")
        case .object(let members):
            out.append("{")
            for (n, key) in members.keys.sorted().enumerated() {
                if n > 0 { out.append(",") }
                Self.writeString(key, to: &out)
                out.append(":")
                members[key]!.writeCompact(to: &out)
            }
            out.append("}")
        }
    }

    /// Writes `s` as a JSON string literal; non-ASCII stays as UTF-8 (like Python's `ensure_ascii=False`).
    static func writeString(_ s: String, to out: inout String) {
        out.append("\"")
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{08}": out.append("\\b")
            case "\u{0C}": out.append("\\f")
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
    }
}
