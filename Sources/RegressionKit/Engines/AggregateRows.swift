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

    /// Reads `bytes` of the file at `path`, keeping every row (tests; the reader streams them).
    init(bytes: [UInt8], path: String) throws(AggregatesFileError) {
        var columns: [String] = [], rows: [[String: String]] = []
        isJSON = try Self.read(bytes: bytes, path: path, header: { columns = $0 }, row: { rows.append($0) })
        self.rows = rows
        self.columns = columns.isEmpty ? Array(Set(rows.flatMap(\.keys))).sorted() : columns
    }

    /// Reads `bytes` of the file at `path` one row at a time: `header` gets a CSV file's column
    /// names first, `row` each row's values by column (nil: null). Returns whether the file was
    /// JSON lines. Memory holds one row, whatever the file's size.
    static func read(bytes: [UInt8], path: String, header: ([String]) throws(AggregatesFileError) -> Void,
                     row: ([String: String]) throws(AggregatesFileError) -> Void) throws(AggregatesFileError) -> Bool {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let first = bytes[start...].first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        guard let first else { throw AggregatesFileError(path: path, message: "the file is empty: expected the query's result as CSV with a header or JSON lines") }
        guard String(validating: bytes[start...], as: UTF8.self) != nil else {
            throw AggregatesFileError(path: path, message: "the file is not UTF-8 text")
        }
        if first == UInt8(ascii: "{") {
            try jsonLines(bytes[start...], path: path, row: row)
            return true
        }
        try csv(bytes[start...], path: path, header: header, row: row)
        return false
    }

    private static func jsonLines(_ bytes: ArraySlice<UInt8>, path: String, row body: ([String: String]) throws(AggregatesFileError) -> Void) throws(AggregatesFileError) {
        var count = 0
        var line = 0
        for piece in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            line += 1
            var text = Array(piece)
            if text.last == 0x0D { text.removeLast() }
            if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let value: JSONValue
            do throws(JSONParseError) { value = try JSONValue.parse(text) } catch {
                throw AggregatesFileError(path: path, row: count + 1, message: "line \(line), column \(error.column): \(error.message)")
            }
            guard case .object(let object) = value else {
                throw AggregatesFileError(path: path, row: count + 1, message: "line \(line) is not a JSON object")
            }
            var row: [String: String] = [:]
            for (key, v) in object {
                switch v {
                case .null: continue
                case .string(let s): row[key] = s
                case .number(let n): row[key] = n
                case .bool(let b): row[key] = b ? "true" : "false"
                case .array, .object:
                    throw AggregatesFileError(path: path, row: count + 1, column: key, message: "expected a number or text, found a JSON \(v.isArray ? "array" : "object")")
                }
            }
            count += 1
            try body(row)
        }
    }

    private static func csv(_ bytes: ArraySlice<UInt8>, path: String, header: ([String]) throws(AggregatesFileError) -> Void,
                            row body: ([String: String]) throws(AggregatesFileError) -> Void) throws(AggregatesFileError) {
        var columns: [String]? = nil
        var count = 0
        /// Takes one record: the header first, then the rows.
        func take(_ record: [String?]) throws(AggregatesFileError) {
            guard let names = columns else {
                let names = record.map { $0 ?? "" }
                var seen = Set<String>()
                for name in names where !seen.insert(name).inserted || name.isEmpty {
                    throw AggregatesFileError(path: path, message: name.isEmpty ? "the header has an empty column name" : "the header names column \(name) twice")
                }
                columns = names
                try header(names)
                return
            }
            count += 1
            if record.count == 1, record[0] == nil { return }   // a blank line
            guard record.count == names.count else {
                throw AggregatesFileError(path: path, row: count, message: "\(record.count) fields where the header has \(names.count)")
            }
            var row: [String: String] = [:]
            for (name, value) in zip(names, record) where value != nil { row[name] = value }
            try body(row)
        }
        var field: [UInt8] = [], fields: [String?] = []
        var quoted = false, inQuotes = false, i = bytes.startIndex
        func endField() {
            let text = String(decoding: field, as: UTF8.self)
            fields.append(!quoted && (field.isEmpty || text == "\\N") ? nil : text)
            field = []
            quoted = false
        }
        while i < bytes.endIndex {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.endIndex, bytes[i + 1] == UInt8(ascii: "\"") { field.append(b); i += 1 } else { inQuotes = false }
                } else {
                    field.append(b)
                }
            } else if b == UInt8(ascii: "\""), field.isEmpty, !quoted {
                inQuotes = true
                quoted = true
            } else if b == UInt8(ascii: ",") {
                endField()
            } else if b == 0x0A || b == 0x0D {
                if b == 0x0D, i + 1 < bytes.endIndex, bytes[i + 1] == 0x0A { i += 1 }
                endField()
                try take(fields)
                fields = []
            } else {
                field.append(b)
            }
            i += 1
        }
        if inQuotes { throw AggregatesFileError(path: path, row: max(count, 1), message: "a quoted field is not closed before the end of the file") }
        if !field.isEmpty || quoted || !fields.isEmpty { endField(); try take(fields) }
        if columns == nil { throw AggregatesFileError(path: path, message: "no header line") }
    }
}

private extension JSONValue {
    var isArray: Bool { if case .array = self { return true } else { return false } }
}
