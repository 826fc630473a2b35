/// An SQL engine the `sql` command writes its query for: each one this project runs in its own
/// checks (`scripts/engine-parity`), with how it quotes names and text and spells its types.
package enum SQLDialect: String, Sendable, CaseIterable {
    case duckdb, postgres, clickhouse, spark

    /// `name` as a quoted identifier: any text, a quote in it doubled (DuckDB, PostgreSQL),
    /// or a backtick escaped (ClickHouse, Spark).
    package func identifier(_ name: String) -> String {
        switch self {
        case .duckdb, .postgres: "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        case .clickhouse: "`" + Self.backslashEscaped(name, quote: "`") + "`"
        case .spark: "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
        }
    }

    /// A dotted name (`schema.table`) as quoted identifiers, each part quoted on its own.
    package func qualifiedName(_ name: String) -> String {
        name.split(separator: ".", omittingEmptySubsequences: false).map { identifier(String($0)) }.joined(separator: ".")
    }

    /// `text` as a string literal that means exactly `text`, whatever it holds (data is hostile):
    /// DuckDB doubles a quote; PostgreSQL writes an escape string (`E'...'`, the same under any
    /// `standard_conforming_strings`); ClickHouse escapes backslashes, quotes and control bytes;
    /// Spark, whose parser reads escapes too, gets the UTF-8 bytes in hex (`unhex`), so no
    /// character of the value reaches its parser.
    package func literal(_ text: String) -> String {
        switch self {
        case .duckdb: "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .postgres: "E'" + Self.backslashEscaped(text, quote: "'") + "'"
        case .clickhouse: "'" + Self.backslashEscaped(text, quote: "'") + "'"
        case .spark: "decode(unhex('" + text.utf8.map { Self.hex($0) }.joined() + "'), 'UTF-8')"
        }
    }

    /// `text` with `\`, `quote` and every control byte written as backslash escapes (`\\`, `\'`,
    /// `\x0A`): what ClickHouse's and PostgreSQL's escape strings read back as `text`.
    private static func backslashEscaped(_ text: String, quote: Character) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case _ where Character(scalar) == quote: out += "\\" + String(quote)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += "\\x" + hex(UInt8(scalar.value))
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }

    /// The type names the query casts to.
    var text: String {
        switch self { case .duckdb: "VARCHAR"; case .postgres: "TEXT"; case .clickhouse: "String"; case .spark: "STRING" }
    }
    var integer: String {
        switch self { case .clickhouse: "Int64"; default: "BIGINT" }
    }
    var double: String {
        switch self { case .postgres: "DOUBLE PRECISION"; case .clickhouse: "Float64"; default: "DOUBLE" }
    }

    /// A typed NULL (every branch of the query's UNION names every column's type).
    func null(_ type: String) -> String {
        self == .clickhouse ? "CAST(NULL AS Nullable(\(type)))" : "CAST(NULL AS \(type))"
    }

    /// `expr` as text that orders by its bytes (PostgreSQL orders by its collation otherwise).
    func bytewise(_ expr: String) -> String {
        self == .postgres ? "(\(expr)) COLLATE \"C\"" : expr
    }

    /// Whether `expr` (text) matches the regular expression `pattern` (ASCII, no quotes).
    func matches(_ expr: String, _ pattern: String) -> String {
        switch self {
        case .duckdb: "regexp_matches(\(expr), '\(pattern)')"
        case .postgres: "(\(expr)) ~ '\(pattern)'"
        case .clickhouse: "match(\(expr), '\(pattern)')"
        case .spark: "(\(expr)) RLIKE '\(pattern)'"
        }
    }

    /// The first `n` characters of `expr`.
    func prefix(_ expr: String, _ n: Int) -> String {
        switch self {
        case .clickhouse: "substringUTF8(\(expr), 1, \(n))"
        default: "substr(\(expr), 1, \(n))"
        }
    }

    /// The characters `from` (1-based) to `from + n - 1` of `expr`, as an integer.
    /// `expr`'s characters `from` (1-based) to `from + n - 1` as an integer (null, never an
    /// error, where the engine can say so: the query asks only after a pattern matched).
    func digits(_ expr: String, from: Int, count n: Int) -> String {
        switch self {
        case .duckdb, .spark: "TRY_CAST(substr(\(expr), \(from), \(n)) AS BIGINT)"
        case .postgres: "CAST(substr(\(expr), \(from), \(n)) AS BIGINT)"
        case .clickhouse: "toInt64OrNull(substringUTF8(\(expr), \(from), \(n)))"
        }
    }
}
