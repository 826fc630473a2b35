/// Writing a record as one log line, byte for byte as failure-forensics' `log_step` writes it.
extension StepRecord {
    /// The record as one JSONL line, without the newline, in failure-forensics' exact format:
    /// its eleven keys in its order, `json.dumps(record, ensure_ascii=False)` spacing (`", "`
    /// and `": "`), non-ASCII as UTF-8, numbers as Python prints them, then `case_id` when set.
    ///
    /// ```
    /// {"timestamp": "2026-06-04T05:50:00.123456+00:00", "run_id": "a1b2c3d4", "step_name": "retrieval",
    ///  "input_summary": "Şifremi nasıl sıfırlarım?", "output_summary": "", "latency_ms": 412.57,
    ///  "token_count": 0, "success": true, "error_type": null, "prompt_version": "v2", "model_name": null}
    /// ```
    /// (one line in the file). `nil` values are written as `null`; `latencyMS` is written as
    /// given (the recorder rounds it to 2 decimals first, as failure-forensics does). Every line this
    /// writes reads back, through `LogReader`, as an equal record, provided the latency is finite
    /// and not negative and the required strings are not empty.
    package var jsonLine: String {
        var out = "{"
        func key(_ name: String) {
            if out.utf8.count > 1 { out += ", " }
            out += "\"\(name)\": "
        }
        func string(_ name: String, _ value: String?) {
            key(name)
            if let value { JSONValue.writeString(value, to: &out) } else { out += "null" }
        }
        string("timestamp", timestamp)
        string("run_id", runID)
        string("step_name", stepName)
        string("input_summary", inputSummary)
        string("output_summary", outputSummary)
        key("latency_ms")
        out += latencyMS.map(PythonFloat.repr) ?? "null"
        key("token_count")
        out += tokenCount.map { String($0) } ?? "null"
        key("success")
        out += success ? "true" : "false"
        string("error_type", errorType)
        string("prompt_version", promptVersion)
        string("model_name", modelName)
        if let caseID { string("case_id", caseID) }
        out += "}"
        return out
    }
}
