// Tests import RegressionKitTesting alone: Recorder, StepRecord, GatePolicy and the rest come with it.
@_exported import RegressionKit
