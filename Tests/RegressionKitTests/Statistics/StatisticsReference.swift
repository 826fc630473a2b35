import Foundation
import Testing

/// The reference values in `fixtures/statistics/reference.json`, written by
/// `scripts/statistics-reference.py` (scipy / statsmodels / numpy / mpmath /
/// exact rational arithmetic / published tables).
struct StatisticsReference: Decodable {
    struct Quantile: Decodable { var p: Double; var x: Double }
    struct CDF: Decodable { var x: Double; var cdf: Double; var survival: Double }
    struct Normal: Decodable { var quantile: [Quantile]; var cdf: [CDF] }
    struct StudentTQuantile: Decodable { var degreesOfFreedom: Double; var p: Double; var x: Double }
    struct StudentTCDF: Decodable { var degreesOfFreedom: Double; var x: Double; var cdf: Double; var survival: Double }
    struct StudentTValues: Decodable { var quantile: [StudentTQuantile]; var cdf: [StudentTCDF] }
    struct Fisher: Decodable { var x0: Int; var n0: Int; var x1: Int; var n1: Int; var pValue: Double }
    struct McNemar: Decodable { var b: Int; var c: Int; var pValue: Double }
    struct Wilson: Decodable { var x: Int; var n: Int; var alpha: Double; var z: Double; var low: Double; var high: Double }
    struct Unpaired: Decodable {
        var x0: Int; var n0: Int; var x1: Int; var n1: Int; var z: Double
        var alpha: Double?; var estimate: Double?; var low: Double; var high: Double
    }
    struct Paired: Decodable {
        var a: Int; var b: Int; var c: Int; var d: Int; var z: Double
        var alpha: Double?; var estimate: Double?; var low: Double; var high: Double
    }
    struct Holm: Decodable { var pValues: [Double]; var adjusted: [Double] }
    struct MannWhitney: Decodable { var name: String; var candidate: Sample; var baseline: Sample; var u: Double; var pValue: Double }
    struct HodgesLehmann: Decodable {
        var name: String; var candidate: Sample; var baseline: Sample; var alpha: Double; var z: Double
        var estimate: Double; var low: Double; var high: Double
    }
    struct ClusteredPaired: Decodable {
        var name: String; var alpha: Double; var cases: [[Int]]; var degreesOfFreedom: Int
        var estimate: Double; var low: Double; var high: Double; var pValue: Double
    }
    struct ClusteredUnpaired: Decodable {
        var name: String; var alpha: Double; var baseline: [[Int]]; var candidate: [[Int]]; var degreesOfFreedom: Int
        var estimate: Double; var low: Double; var high: Double; var pValue: Double
    }
    struct SampleSize: Decodable { var margin: Double; var p0: Double; var alpha: Double; var runs: Int? }

    var normal: Normal
    var studentT: StudentTValues
    var fisher: [Fisher]
    var mcnemar: [McNemar]
    var wilson: [Wilson]
    var newcombeUnpaired: [Unpaired]
    var newcombeUnpairedPublished: [Unpaired]
    var newcombePaired: [Paired]
    var newcombePairedPublished: [Paired]
    var holm: [Holm]
    var mannWhitney: [MannWhitney]
    var hodgesLehmann: [HodgesLehmann]
    var clusteredPaired: [ClusteredPaired]
    var clusteredUnpaired: [ClusteredUnpaired]
    var sampleSize: [SampleSize]

    /// Reads the fixture, located from this source file: up three levels to
    /// the package root, then `fixtures/statistics/reference.json`.
    static func load(filePath: String = #filePath) throws -> StatisticsReference {
        let root = URL(fileURLWithPath: filePath)
            .deletingLastPathComponent()  // Statistics
            .deletingLastPathComponent()  // RegressionKitTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
        let url = root.appendingPathComponent("fixtures/statistics/reference.json")
        return try JSONDecoder().decode(StatisticsReference.self, from: Data(contentsOf: url))
    }
}

/// A sample stored either inline or as the script's "modular" generator:
/// `value_i = ((i * multiplier + increment) % modulus) / divisor`.
enum Sample: Decodable {
    case values([Double])
    case modular(count: Int, multiplier: Int, increment: Int, modulus: Int, divisor: Int)

    private enum Keys: String, CodingKey { case count, multiplier, increment, modulus, divisor }

    init(from decoder: Decoder) throws {
        if let values = try? decoder.singleValueContainer().decode([Double].self) {
            self = .values(values)
            return
        }
        let spec = try decoder.container(keyedBy: Keys.self)
        self = .modular(
            count: try spec.decode(Int.self, forKey: .count),
            multiplier: try spec.decode(Int.self, forKey: .multiplier),
            increment: try spec.decode(Int.self, forKey: .increment),
            modulus: try spec.decode(Int.self, forKey: .modulus),
            divisor: try spec.decode(Int.self, forKey: .divisor))
    }

    var values: [Double] {
        switch self {
        case .values(let values):
            return values
        case let .modular(count, multiplier, increment, modulus, divisor):
            return (0..<count).map { Double(($0 * multiplier + increment) % modulus) / Double(divisor) }
        }
    }
}

/// `|actual - expected| <= tolerance * |expected|`, or both zero.
func isRelativelyClose(_ actual: Double, _ expected: Double, _ tolerance: Double) -> Bool {
    if expected == 0 { return actual == 0 }
    return abs(actual - expected) <= tolerance * abs(expected)
}

/// `|actual - expected| <= tolerance`; equal infinities also count as close.
func isAbsolutelyClose(_ actual: Double, _ expected: Double, _ tolerance: Double) -> Bool {
    if actual == expected { return true }
    return abs(actual - expected) <= tolerance
}
