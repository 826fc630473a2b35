import Testing
@testable import RegressionKit

@Suite("Log line parser")
struct LogLineParserTests {
    let ancestorLine = #"{"timestamp": "2026-06-11T01:53:53.961023+00:00", "run_id": "3f9a1c2b", "step_name": "retrieval", "input_summary": "Aynı sorgu iki kere patladı", "output_summary": "", "latency_ms": 412.57, "token_count": 0, "success": false, "error_type": "no_results", "prompt_version": "v2", "model_name": "gemini-flash-latest"}"#

    @Test func readsEveryKeyOfTheAncestorsRecord() throws {
        let r = try parseLine(ancestorLine)
        #expect(r.timestamp == "2026-06-11T01:53:53.961023+00:00")
        #expect(r.runID == "3f9a1c2b")
        #expect(r.stepName == "retrieval")
        #expect(r.inputSummary == "Aynı sorgu iki kere patladı")
        #expect(r.outputSummary == "")
        #expect(r.latencyMS == 412.57)
        #expect(r.tokenCount == 0)
        #expect(r.success == false)
        #expect(r.errorType == "no_results")
        #expect(r.promptVersion == "v2")
        #expect(r.modelName == "gemini-flash-latest")
        #expect(r.caseKey == "Aynı sorgu iki kere patladı")
    }

    @Test func nullErrorTypeAndUnknownKeysAreAccepted() throws {
        let r = try parseLine(#"{"run_id":"a","step_name":"s","success":true,"error_type":null,"prompt_version":"v1","extra":{"deep":[1,2,{"x":null}]},"case_id":"c-7"}"#)
        #expect(r.errorType == nil)
        #expect(r.caseKey == "c-7")
        #expect(r.latencyMS == nil)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let r = try parseLine(#"{"run_id":"a\"b\\c","step_name":"s","success":true,"prompt_version":"v1","input_summary":"tab\there \u00e9 \ud83d\ude00 \/"}"#)
        #expect(r.runID == "a\"b\\c")
        #expect(r.inputSummary == "tab\there é 😀 /")
    }

    @Test func duplicateKeysKeepTheLastValueAsPythonDoes() throws {
        let r = try parseLine(#"{"run_id":"a","step_name":"s","success":true,"success":false,"prompt_version":"v1"}"#)
        #expect(r.success == false)
    }

    @Test(arguments: [
        (#"{"step_name":"s","success":true,"prompt_version":"v1"}"#, #"missing required key "run_id""#),
        (#"{"run_id":"a","success":true,"prompt_version":"v1"}"#, #"missing required key "step_name""#),
        (#"{"run_id":"a","step_name":"s","prompt_version":"v1"}"#, #"missing required key "success""#),
        (#"{"run_id":"a","step_name":"s","success":true}"#, #"missing required key "prompt_version""#),
        (#"{"run_id":"a","step_name":"s","success":"yes","prompt_version":"v1"}"#, #""success" must be true or false, found the string "yes""#),
        (#"{"run_id":"a","step_name":"s","success":1,"prompt_version":"v1"}"#, #""success" must be true or false, found the number 1"#),
        (#"{"run_id":7,"step_name":"s","success":true,"prompt_version":"v1"}"#, #""run_id" must be a string, found the number 7"#),
        (#"{"run_id":"a","step_name":"s","success":true,"prompt_version":"v1","latency_ms":"fast"}"#, #""latency_ms" must be a number"#),
        (#"{"run_id":"a","step_name":"s","success":true,"prompt_version":"v1","latency_ms":NaN}"#, "NaN and Infinity are not valid JSON numbers"),
        (#"{"run_id":"a","step_name":"s","success":true,"prompt_version":"v1","token_count":1.5}"#, #""token_count" must be an integer"#),
        (#"{"run_id":"a","step_name":"s","success":true,"prompt_version":"v1","token_count":9223372036854775808}"#,
         #""token_count" 9223372036854775808 is out of range (at most 19 digits, -9223372036854775808 to 9223372036854775807)"#),
        (#"["a"]"#, "not a JSON object"),
        (#"{"run_id":"a","step_name":"s","success":true,"prompt_version":"v1"} x"#, "after the end of the object"),
        (#"{"run_id":"a","step_name":"s","success":tru"#, "expected a JSON value"),
        (#"{"run_id":"a","step_name":"s","success":true,"prompt_version":"v1","input_summary":"\ud800"}"#, "lone high surrogate"),
        (#"{"run_id":"","step_name":"s","success":true,"prompt_version":"v1"}"#, #""run_id" is empty"#),
    ])
    func rejectsInvalidRecordsWithAReason(line: String, reason: String) {
        #expect {
            _ = try parseLine(line)
        } throws: { error in
            (error as? LogLineProblem)?.message.contains(reason) == true
        }
    }

    /// Every `Int` the record writer can write reads back, the smallest included.
    @Test func tokenCountsReadBackAtBothEnds() throws {
        for n in [Int.min, Int.min + 1, -1, 0, Int.max] {
            let line = StepRecord(runID: "r", stepName: "s", success: true, promptVersion: "v", tokenCount: n).jsonLine
            #expect(try parseLine(line).tokenCount == n)
            #expect(try parseLine(line.replacingOccurrences(of: ", \"", with: ",\"")).tokenCount == n)   // the general parser too
        }
    }

    @Test func rejectsInvalidUTF8() {
        var bytes = Array(#"{"run_id":"a","step_name":"s","success":true,"prompt_version":"v"#.utf8)
        bytes += [0xC3, 0x28] + Array(#""}"#.utf8)
        #expect(throws: LogLineProblem.self) { try LogLineParser.parse(bytes) }
    }

    @Test func boundsNestingOfUnknownKeys() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect {
            _ = try parseLine(#"{"run_id":"a","step_name":"s","success":true,"prompt_version":"v1","x":\#(deep)}"#)
        } throws: { ($0 as? LogLineProblem)?.message.contains("nesting deeper") == true }
    }
}
