/// This build of RegressionKit and `regress-gate`.
public enum RegressionKitVersion {
    /// Semantic version, e.g. `0.1.0`.
    public static let current = "0.1.0"
}
