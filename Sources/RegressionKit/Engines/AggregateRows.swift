import Foundation

/// The rows of an aggregates file, each a value (nil: null) by column name, as read from CSV with a
/// header (DuckDB's, PostgreSQL's `COPY ... CSV HEADER`, ClickHouse's `CSVWithNames`, Spark's) or
/// from JSON lines (one object a line, as DuckDB, ClickHouse's `JSONEachRow` and Spark write them).
///
/// In CSV an unquoted empty field or `\N` is null, a quoted one (`""`) is the empty text. In JSON
/// a missing key is null (Spark leaves nulls out); an integer may be a string of digits
/// (ClickHouse quotes 64-bit integers).
struct AggregateRows {
    var columns: [String]
    var rows: [[String: String]]
    /// Read from JSON lines (where a null column may be left out), not CSV.
    var isJSON = false

    /// Reads `bytes` of the file at `path`.
    init(bytes: [UInt8], path: String) throws(AggregatesFileError) {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let first = bytes[start...].first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        guard let first else { throw AggregatesFileError(path: path, message: "the file is empty: expected the query's result as CSV with a header or JSON lines") }
        guard String(validating: bytes[start...], as: UTF8.self) != nil else {
            throw AggregatesFileError(path: path, message: "the file is not UTF-8 text")
        }
        if first == UInt8(ascii: "{") {
            try self.init(jsonLines: Array(bytes[start...]), path: path)
        } else {
            try self.init(csv: Array(bytes[start...]), path: path)
        }
    }

    private init(jsonLines bytes: [UInt8], path: String) throws(AggregatesFileError) {
        var rows: [[String: String]] = []
        var columns: [String] = []
        var seen = Set<String>()
        var line = 0
        for piece in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            line += 1
            var text = Array(piece)
            if text.last == 0x0D { text.removeLast() }
            if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let value: JSONValue
            do throws(JSONParseError) { value = try JSONValue.parse(text) } catch {
                throw AggregatesFileError(path: path, row: rows.count + 1, message: "line \(line), column \(error.column): \(error.message)")
            }
            guard case .object(let object) = value else {
                throw AggregatesFileError(path: path, row: rows.count + 1, message: "line \(line) is not a JSON object")
            }
            var row: [String: String] = [:]
            for (key, v) in object {
                if seen.insert(key).inserted { columns.append(key) }
                switch v {
                case .null: continue
                case .string(let s): row[key] = s
                case .number(let n): row[key] = n
                case .bool(let b): row[key] = b ? "true" : "false"
                case .array, .object:
                    throw AggregatesFileError(path: path, row: rows.count + 1, column: key, message: "expected a number or text, found a JSON \(v.isArray ? "array" : "object")")
                }
            }
            rows.append(row)
        }
        self.columns = columns
        self.rows = rows
        self.isJSON = true
    }

    private init(csv bytes: [UInt8], path: String) throws(AggregatesFileError) {
        var records: [[String?]] = []
        var field: [UInt8] = [], fields: [String?] = []
        var quoted = false, inQuotes = false, i = 0
        func endField() {
            let text = String(decoding: field, as: UTF8.self)
            fields.append(!quoted && (field.isEmpty || text == "\\N") ? nil : text)
            field = []
            quoted = false
        }
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") { field.append(b); i += 1 } else { inQuotes = false }
                } else {
                    field.append(b)
                }
            } else if b == UInt8(ascii: "\""), field.isEmpty, !quoted {
                inQuotes = true
                quoted = true
            } else if b == UInt8(ascii: ",") {
                endField()
            } else if b == 0x0A || b == 0x0D {
                if b == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                endField()
                records.append(fields)
                fields = []
            } else {
                field.append(b)
            }
            i += 1
        }
        if inQuotes { throw AggregatesFileError(path: path, row: max(records.count, 1), message: "a quoted field is not closed before the end of the file") }
        if !field.isEmpty || quoted || !fields.isEmpty { endField(); records.append(fields) }
        guard let header = records.first else { throw AggregatesFileError(path: path, message: "no header line") }
        let columns = header.map { $0 ?? "" }
        var seen = Set<String>()
        for name in columns where !seen.insert(name).inserted || name.isEmpty {
            throw AggregatesFileError(path: path, message: name.isEmpty ? "the header has an empty column name" : "the header names column \(name) twice")
        }
        var rows: [[String: String]] = []
        for (n, record) in records.dropFirst().enumerated() {
            if record.count == 1, record[0] == nil { continue }   // a blank line
            guard record.count == columns.count else {
                throw AggregatesFileError(path: path, row: n + 1, message: "\(record.count) fields where the header has \(columns.count)")
            }
            var row: [String: String] = [:]
            for (name, value) in zip(columns, record) where value != nil { row[name] = value }
            rows.append(row)
        }
        self.columns = columns
        self.rows = rows
    }
}

private extension JSONValue {
    var isArray: Bool { if case .array = self { return true } else { return false } }
}
