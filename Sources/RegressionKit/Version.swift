/// This build of RegressionKit and `regress-gate`.
package enum RegressionKitVersion {
    /// Semantic version, e.g. `0.1.0`.
    package static let current = "0.1.0"
}
