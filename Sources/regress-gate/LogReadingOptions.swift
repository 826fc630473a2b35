import Foundation
import RegressionKit

extension ParsedOptions {
    /// How `--logs` are read: `--max-bad-lines`, `--run-scope`, `--log-format` and the trace
    /// mapping (`--trace-mapping`, then `--version-attribute`, `--case-attribute` and
    /// `--step-attribute` over it).
    func logReading() throws -> LogReading {
        var mapping = TraceMapping.default
        if let path = value("trace-mapping") {
            let bytes: [UInt8]
            do { bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
                throw UsageError(message: "cannot read the trace mapping '\(path)' (--trace-mapping): \(error.localizedDescription)", command: spec.name)
            }
            do { mapping = try TraceMapping.load(json: bytes) } catch {
                throw UsageError(message: "\(path): \(error.problem); fix the trace mapping (--trace-mapping) and run again", command: spec.name)
            }
        }
        do {
            mapping = try mapping.overriding(
                version: value("version-attribute").map { [$0] }, caseID: value("case-attribute").map { [$0] },
                step: value("step-attribute"))
        } catch {
            throw UsageError(message: "\(error.problem) (--version-attribute, --case-attribute, --step-attribute)", command: spec.name)
        }
        return LogReading(
            maxBadLines: try count("max-bad-lines") ?? 0, runScope: runScope,
            format: value("log-format").flatMap(LogFormatID.init(name:)), traceMapping: mapping)
    }
}
