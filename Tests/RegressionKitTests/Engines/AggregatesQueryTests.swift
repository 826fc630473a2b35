import Testing
@testable import RegressionKit

/// The query quotes what users and data give it (table names, versions) so that each engine reads
/// exactly that text, and carries the sketch's parameters in its rows.
@Suite("Aggregates query")
struct AggregatesQueryTests {
    static let hostile = "v1' OR 1=1; DROP TABLE logs; --\"`\\\n\u{1}é"

    @Test func versionsAreQuotedAsDataInEachDialect() {
        #expect(SQLDialect.duckdb.literal(Self.hostile) == "'v1'' OR 1=1; DROP TABLE logs; --\"`\\\n\u{1}é'")
        #expect(SQLDialect.postgres.literal(Self.hostile) == "E'v1\\' OR 1=1; DROP TABLE logs; --\"`\\\\\\x0A\\x01é'")
        #expect(SQLDialect.clickhouse.literal(Self.hostile) == "'v1\\' OR 1=1; DROP TABLE logs; --\"`\\\\\\x0A\\x01é'")
        // Spark: the UTF-8 bytes in hex, so no character of the value reaches its parser.
        #expect(SQLDialect.spark.literal("v'1\\") == "decode(unhex('7627315C'), 'UTF-8')")
        #expect(SQLDialect.spark.literal(Self.hostile).allSatisfy { !"\"`\\\n".contains($0) })
    }

    @Test func tableNamesAreQuotedIdentifiersPartByPart() {
        #expect(SQLDialect.duckdb.qualifiedName("main.lo\"gs") == "\"main\".\"lo\"\"gs\"")
        #expect(SQLDialect.postgres.qualifiedName("x;DROP") == "\"x;DROP\"")
        #expect(SQLDialect.clickhouse.qualifiedName("db.lo`gs") == "`db`.`lo\\`gs`")
        #expect(SQLDialect.spark.qualifiedName("db.lo`gs") == "`db`.`lo``gs`")
    }

    @Test func theQueryFiltersOnQuotedVersionsAndCarriesTheSketchParameters() {
        for dialect in SQLDialect.allCases {
            var query = AggregatesQuery(dialect: dialect)
            query.table = "step records"
            query.versions = ["v2", Self.hostile]
            let sql = query.statements.last!
            #expect(sql.contains("IN (\(dialect.literal("v2")), \(dialect.literal(Self.hostile)))"))
            #expect(sql.contains("FROM \(dialect.identifier("step records"))"))
            #expect(sql.contains("'\(AggregateTable.sketchLogGamma)'"))   // the bucket of ln(latency), the sketch's gamma
            #expect(sql.contains("'0.01' AS") && sql.contains("'0.001' AS"))
            for kind in AggregateTable.Kind.allCases { #expect(sql.contains("'\(kind.rawValue)'"), "\(dialect) \(kind)") }
        }
    }

    @Test func columnsMapToExpressions() {
        var query = AggregatesQuery(dialect: .postgres)
        query.columns = ["prompt_version": "meta->>'version'"]
        #expect(query.statements.last!.contains("CAST((meta->>'version') AS TEXT) AS v"))
    }
}
