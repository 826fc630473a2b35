// record-appender: a test helper, not a product. Appends records to one JSONL file through a
// Recorder from several tasks, so that tests can run many of these processes against the
// same file at once (RecorderConcurrencyTests).
//
//   record-appender <file> <version> <tasks> <steps-per-task>
//
// Each record's output_summary is "<task>-<step>", so a reader can check that every line
// arrived once. Exits 0 when every append succeeded, 1 otherwise, 2 on bad arguments.
import Foundation
import RegressionKit

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 4, let tasks = Int(arguments[3]), let steps = Int(arguments[4]) else {
    FileHandle.standardError.write(Data("usage: record-appender <file> <version> <tasks> <steps-per-task>\n".utf8))
    exit(2)
}
let recorder: Recorder
do {
    recorder = try Recorder(version: arguments[2], appendingTo: arguments[1], keepsRecords: false)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
await withTaskGroup(of: Void.self) { group in
    for task in 0..<tasks {
        group.addTask {
            for step in 0..<steps {
                recorder.run(input: "task \(task) 🧪 " + String(repeating: "ü", count: step % 150)) { run in
                    run.record("step", success: step % 7 != 0, errorType: "timeout", latencyMS: Double(step) / 3, output: "\(task)-\(step)")
                }
            }
        }
    }
}
if let error = recorder.logError {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
