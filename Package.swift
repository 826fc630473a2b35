// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "RegressionKit",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "RegressionKit", targets: ["RegressionKit"]),
        .executable(name: "regress-gate", targets: ["regress-gate"]),
        .library(name: "RegressionKitTesting", targets: ["RegressionKitTesting"]),
        .plugin(name: "RegressGatePlugin", targets: ["RegressGatePlugin"]),
    ],
    targets: [
        .target(name: "RegressionKit", dependencies: ["CCurlPost"]),
        // libcurl's easy interface for webhook posts on Linux (see CCurlPost.c for why).
        .target(name: "CCurlPost", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        .executableTarget(name: "regress-gate", dependencies: ["RegressionKit"]),
        .target(name: "RegressionKitTesting", dependencies: ["RegressionKit"]),
        .plugin(
            name: "RegressGatePlugin",
            capability: .command(
                // No declared permission, so check, stats and baseline show run without a flag (a declared
                // one must be granted on every run); `--allow-writing-to-package-directory` still lets
                // baseline update and --output write inside macOS's plugin sandbox.
                intent: .custom(verb: "regress-gate", description: "Run regress-gate (check, stats, baseline update/show) on this package")),
            dependencies: ["regress-gate"]),
        .executableTarget(name: "verdict-quality", dependencies: ["RegressionKit"], path: "scripts/VerdictQuality"),
        .executableTarget(name: "record-appender", dependencies: ["RegressionKit"], path: "Tests/RecordAppender"),
        .testTarget(
            name: "RegressionKitTests",
            dependencies: ["RegressionKit", "record-appender"]
        ),
        .testTarget(
            name: "RegressionKitTestingTests",
            dependencies: ["RegressionKitTesting", "RegressionKit"]
        ),
        .testTarget(
            name: "RegressGateCLITests",
            dependencies: ["RegressionKit", "regress-gate"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
