import Foundation

/// A bar chart of rates (0...1) as inline SVG: groups of bars, optional interval whiskers,
/// a percent axis. Scales to its container (viewBox, width 100 %); colours come from CSS
/// classes, so the page's light, dark and print styles apply. Each bar carries a `<title>`
/// (a tooltip, and what a screen reader reads). Its id, title, labels and tooltips are data,
/// escaped where they are written (`HTMLText`).
struct SVGBarChart {
    /// One bar.
    struct Bar {
        /// CSS classes after `bar`, e.g. `series-baseline` or `verdict-regression`.
        var cssClass: String
        /// The rate, 0...1.
        var value: Double
        /// The interval's bounds, 0...1, drawn as a whisker when both are given.
        var low: Double? = nil
        var high: Double? = nil
        /// The tooltip.
        var tooltip: String
    }

    /// Bars side by side under one label.
    struct Group {
        var label: String
        var bars: [Bar]
    }

    /// The `id` attribute, for tests and links.
    var id: String
    /// The chart's accessible name.
    var title: String
    var groups: [Group]
    var width = 640.0
    var height = 260.0

    var svg: HTMLText {
        let left = 48.0, right = 8.0, top = 12.0, bottom = 34.0
        let plotW = width - left - right, plotH = height - top - bottom
        let peak = groups.flatMap(\.bars).map { max($0.value, $0.high ?? 0) }.max() ?? 0
        let step = Self.tickStep(for: peak)
        let yMax = max(step, (peak / step).rounded(.up) * step)
        func y(_ rate: Double) -> Double { top + plotH * (1 - min(max(rate, 0), yMax) / yMax) }
        func n(_ v: Double) -> String { String(format: "%.1f", v) }

        var out: HTMLText = "<svg id=\"\(attribute: id)\" class=\"chart\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(attribute: title)\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        out += "<title>\(title)</title>\n<g class=\"axis\">\n"
        var tick = 0.0
        while tick <= yMax + 1e-9 {
            out += "<line class=\"grid\" x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(tick)))\" y2=\"\(n(y(tick)))\"/>"
            out += "<text x=\"\(n(left - 6))\" y=\"\(n(y(tick) + 4))\" text-anchor=\"end\">\(Self.percentLabel(tick, step: step))</text>\n"
            tick += step
        }
        let groupW = plotW / Double(max(groups.count, 1))
        let longest = Double(groups.map(\.label.count).max() ?? 1)
        let labelEvery = max(1, Int((longest * 7 + 8) / groupW) + 1)
        for (i, group) in groups.enumerated() where i % labelEvery == 0 {
            let x = left + groupW * (Double(i) + 0.5)
            out += "<text x=\"\(n(x))\" y=\"\(n(height - bottom + 16))\" text-anchor=\"middle\">\(group.label)</text>\n"
        }
        out += "</g>\n<g class=\"bars\">\n"
        for (i, group) in groups.enumerated() {
            let count = Double(max(group.bars.count, 1))
            let barW = min(56, groupW * 0.72 / count)
            var x = left + groupW * Double(i) + (groupW - barW * count) / 2
            for bar in group.bars {
                let top = y(bar.value), bottomY = y(0)
                out += "<rect class=\"bar \(attribute: bar.cssClass)\" x=\"\(n(x + 1))\" y=\"\(n(top))\" width=\"\(n(max(barW - 2, 1)))\" height=\"\(n(bottomY - top))\"><title>\(bar.tooltip)</title></rect>"
                if let low = bar.low, let high = bar.high {
                    let cx = x + barW / 2, cap = min(5, barW / 4)
                    out += "<path class=\"whisker\" d=\"M\(n(cx)),\(n(y(low)))V\(n(y(high)))M\(n(cx - cap)),\(n(y(low)))h\(n(2 * cap))M\(n(cx - cap)),\(n(y(high)))h\(n(2 * cap))\"/>"
                }
                out += "\n"
                x += barW
            }
        }
        out += "</g>\n</svg>"
        return out
    }

    /// A step giving at most about six ticks up to `peak`.
    static func tickStep(for peak: Double) -> Double {
        for step in [0.01, 0.02, 0.05, 0.1, 0.2, 0.25] where peak / step <= 6 { return step }
        return 0.25
    }

    static func percentLabel(_ rate: Double, step: Double) -> String {
        step < 0.01 ? String(format: "%.1f %%", rate * 100) : String(format: "%.0f %%", rate * 100)
    }
}
