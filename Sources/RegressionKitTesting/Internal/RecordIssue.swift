import XCTest

#if canImport(Testing)
import Testing
#endif

/// Reports a test failure at the caller's source location: a Swift Testing `Issue` while a
/// Swift Testing test is running, else an `XCTFail`. Every failure goes through here.
func recordIssue(_ message: String, fileID: StaticString, filePath: StaticString, line: UInt, column: UInt) {
    #if canImport(Testing)
    if Test.current != nil {
        Issue.record(
            Comment(rawValue: message),
            sourceLocation: SourceLocation(fileID: "\(fileID)", filePath: "\(filePath)", line: Int(line), column: Int(column)))
        return
    }
    #endif
    XCTFail(message, file: filePath, line: line)
}

/// The running Swift Testing test's function name (`ragDoesNotRegress()`), or `function` (XCTest).
func currentTestName(function: StaticString) -> String {
    #if canImport(Testing)
    if let test = Test.current { return test.name }
    #endif
    return "\(function)"
}
