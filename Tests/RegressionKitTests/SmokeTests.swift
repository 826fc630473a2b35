import Testing
@testable import RegressionKit
@Test func versionIsSet() { #expect(!RegressionKitVersion.current.isEmpty) }
