import Foundation
import RegressionKit

extension Commands {
    /// `regress-gate sql`: print the aggregates query for an engine.
    static func runSQL(_ options: ParsedOptions) throws -> ExitCode {
        var query = AggregatesQuery(dialect: SQLDialect(rawValue: options.value("dialect")!)!)
        query.table = options.value("table")!
        for mapping in options.list("column") {
            guard let equals = mapping.firstIndex(of: "="), !mapping[mapping.index(after: equals)...].trimmingCharacters(in: .whitespaces).isEmpty else {
                throw UsageError(message: "invalid value '\(mapping)' for '--column': expected KEY=EXPR, e.g. prompt_version=meta->>'version'", command: "sql")
            }
            let key = String(mapping[..<equals]).trimmingCharacters(in: .whitespaces)
            guard AggregatesQuery.keys.contains(key) else {
                let near = closestMatch(to: key, in: AggregatesQuery.keys).map { "; did you mean '\($0)'?" } ?? ""
                throw UsageError(message: "unknown key '\(key)' in '--column \(mapping)': expected one of \(AggregatesQuery.keys.joined(separator: ", "))\(near)", command: "sql")
            }
            query.columns[key] = String(mapping[mapping.index(after: equals)...])
        }
        query.filter = options.value("where")
        query.versions = options.list("version")
        query.order = options.value("order-by")
        query.timestampType = AggregatesQuery.TimestampType(rawValue: options.value("timestamp-type")!)!
        query.timezone = options.value("timezone")!
        let header = "-- regress-gate aggregates query, version \(AggregateTable.queryVersion), for \(query.dialect.rawValue): run the statements in order; the last returns the table --aggregates reads.\n"
        try Console.out(header + query.statements.map { $0 + ";\n" }.joined(separator: "\n"))
        return .success
    }
}
