@testable import RegressionKitTesting
import XCTest

/// Wrapping `invokeTest` sets the record mode for every test of an XCTest case, async ones included.
final class InvokeTestScopeTests: XCTestCase {
    override func invokeTest() {
        withRegressionBaselines(record: .never) { super.invokeTest() }
    }

    func testSynchronousTestsSeeTheMode() {
        XCTAssertEqual(RegressionBaselinesConfiguration.current?.record, .never)
    }

    func testAsynchronousTestsSeeTheMode() async {
        XCTAssertEqual(RegressionBaselinesConfiguration.current?.record, .never)
    }
}
