// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "RegressionKit",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "RegressionKit", targets: ["RegressionKit"]),
        .executable(name: "regress-gate", targets: ["regress-gate"]),
        .library(name: "RegressionKitTesting", targets: ["RegressionKitTesting"]),
    ],
    targets: [
        .target(name: "RegressionKit"),
        .executableTarget(name: "regress-gate", dependencies: ["RegressionKit"]),
        .target(name: "RegressionKitTesting", dependencies: ["RegressionKit"]),
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
