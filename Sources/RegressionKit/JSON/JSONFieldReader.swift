/// Reads typed fields out of a parsed JSON object, with errors that name the field's path.
///
/// `try reader.integer("total", min: 0)` fails with
/// `steps.retrieval.total: expected an integer >= 0, found -3`.
struct JSONFieldReader {
    let members: [String: JSONValue]
    /// Dotted path of this object inside the document, "" at the top.
    let path: String

    init(_ value: JSONValue, path: String = "") throws(FieldError) {
        guard case .object(let members) = value else {
            throw FieldError(path: path.isEmpty ? "(document)" : path, message: "expected an object, found \(value.kindName)")
        }
        self.members = members
        self.path = path
    }

    /// A problem with one field of a JSON document.
    struct FieldError: Error, Sendable, Equatable {
        var path: String
        var message: String
        var description: String { "\(path): \(message)" }
    }

    func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func value(_ key: String) throws(FieldError) -> JSONValue {
        guard let v = members[key] else { throw FieldError(path: fieldPath(key), message: "missing") }
        return v
    }

    func string(_ key: String) throws(FieldError) -> String {
        guard case .string(let s) = try value(key) else { throw wrongType(key, "a string") }
        return s
    }

    func optionalString(_ key: String) throws(FieldError) -> String? {
        switch members[key] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        default: throw wrongType(key, "a string or null")
        }
    }

    func integer(_ key: String, min: Int = .min, max: Int = .max) throws(FieldError) -> Int {
        guard case .number(let text) = try value(key), let n = Int(text) else { throw wrongType(key, "an integer") }
        guard n >= min else { throw FieldError(path: fieldPath(key), message: "expected an integer >= \(min), found \(n)") }
        guard n <= max else { throw FieldError(path: fieldPath(key), message: "expected an integer <= \(max), found \(n)") }
        return n
    }

    /// A count: an integer from 0 up to `JSONFieldReader.maxCount`, small enough that the gate's
    /// exact arithmetic (products of two counts) cannot overflow.
    func count(_ key: String, min: Int = 0) throws(FieldError) -> Int {
        try integer(key, min: min, max: Self.maxCount)
    }

    /// The largest count a file may hold: 2^31 - 1 (two billion records is ~700 GB of logs).
    static let maxCount = Int(Int32.max)

    func double(_ key: String) throws(FieldError) -> Double {
        guard case .number(let text) = try value(key), let d = Double(text), d.isFinite else { throw wrongType(key, "a number") }
        return d
    }

    func optionalDouble(_ key: String) throws(FieldError) -> Double? {
        guard let v = members[key], v != .null else { return nil }
        guard case .number(let text) = v, let d = Double(text), d.isFinite else { throw wrongType(key, "a number") }
        return d
    }

    func object(_ key: String) throws(FieldError) -> JSONFieldReader {
        try JSONFieldReader(try value(key), path: fieldPath(key))
    }

    func optionalObject(_ key: String) throws(FieldError) -> JSONFieldReader? {
        guard let v = members[key], v != .null else { return nil }
        return try JSONFieldReader(v, path: fieldPath(key))
    }

    func array(_ key: String) throws(FieldError) -> [JSONValue] {
        guard case .array(let items) = try value(key) else { throw wrongType(key, "an array") }
        return items
    }

    /// Throws for any key not in `known`, so a typo in a hand-written file is caught, not ignored.
    func rejectUnknownKeys(_ known: Set<String>) throws(FieldError) {
        for key in members.keys.sorted() where !known.contains(key) {
            let suggestion = closestMatch(to: key, in: known).map { " (did you mean \"\($0)\"?)" } ?? ""
            throw FieldError(path: fieldPath(key), message: "unknown key\(suggestion)")
        }
    }

    private func wrongType(_ key: String, _ expected: String) -> FieldError {
        FieldError(path: fieldPath(key), message: "expected \(expected), found \(members[key]?.kindName ?? "nothing")")
    }
}

extension JSONValue {
    /// "a string", "an object", ... for error messages.
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number(let t): return "the number \(t)"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
