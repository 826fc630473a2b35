public enum RegressionKitVersion { public static let current = "0.1.0" }
