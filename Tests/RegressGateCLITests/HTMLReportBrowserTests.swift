import Foundation
import Testing

/// The HTML report in a real headless browser (Debian's `chromium`; `.ci/run` installs it).
@Suite("HTML report in headless Chromium", .serialized,
       .enabled(if: ExternalTool.wanted(ExternalTool.chromium != nil), "needs chromium (apt-get install chromium); always runs when CI is set"))
struct HTMLReportBrowserTests {
    /// Runs chromium headless on a file with console logging on stderr.
    func chromium(_ page: URL, _ arguments: [String]) throws -> ToolRun {
        let profile = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: profile) }
        return try ExternalTool.run(ExternalTool.chromium ?? "chromium", [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0",
        ] + arguments + [page.absoluteString])
    }

    /// What the page logged to its console (errors, CSP violations); chromium prints them as `CONSOLE`.
    func consoleMessages(_ run: ToolRun) -> [Substring] {
        run.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
    }

    /// `<rect class="bar ...">` elements inside the `<svg id="ID">` of a serialized DOM.
    func bars(in dom: String, chart id: String) -> Int {
        guard let start = dom.range(of: "<svg id=\"\(id)\""), let end = dom[start.upperBound...].range(of: "</svg>") else { return -1 }
        return dom[start.lowerBound..<end.upperBound].components(separatedBy: "<rect class=\"bar ").count - 1
    }

    func fixtureReport() throws -> URL {
        let dir = temporaryDirectory()
        let run = try gate(fixtureCheck + ["--report", "html=\(dir.path)/gate.html"])
        #expect(run.status == 1, "\(run.stderr)")
        return dir.appendingPathComponent("gate.html")
    }

    @Test func rendersWithoutConsoleErrorsAndHasBothCharts() throws {
        let page = try fixtureReport()
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(!html.contains("<script") && !html.contains(" src=") && !html.contains(" href="))
        let run = try chromium(page, ["--dump-dom"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(consoleMessages(run).isEmpty, "\(consoleMessages(run))")
        // overall + 4 steps, baseline and candidate each; v3 logged on 5 days (8-12 Nov).
        #expect(bars(in: run.stdout, chart: "rates-chart") == 10)
        #expect(bars(in: run.stdout, chart: "daily-chart") == 5)
        #expect(run.stdout.contains("2026-11-10: 26.7 % (47/176 steps failed)"))
        #expect(run.stdout.contains("<section id=\"first-failures\">"))
        #expect(run.stdout.contains("<details id=\"newly-failing\" open=\"\"><summary>Newly failing (47)</summary>"))
    }

    @Test func theConsoleCheckCatchesAPageThatFails() throws {
        // The same check on a page with a script error and an external stylesheet behind our
        // Content-Security-Policy: both must show, or the test above proves nothing.
        let dir = temporaryDirectory()
        let page = dir.appendingPathComponent("broken.html")
        let html = try String(contentsOf: try fixtureReport(), encoding: .utf8)
            .replacingOccurrences(of: "</head>", with: "<link rel=\"stylesheet\" href=\"http://127.0.0.1:9/x.css\"></head>")
        try html.write(to: page, atomically: true, encoding: .utf8)
        try "<!DOCTYPE html><title>x</title><script>console.error('boom')</script>".write(to: dir.appendingPathComponent("script.html"), atomically: true, encoding: .utf8)
        #expect(consoleMessages(try chromium(page, ["--dump-dom"])).contains { $0.contains("Content Security Policy") })
        #expect(consoleMessages(try chromium(dir.appendingPathComponent("script.html"), ["--dump-dom"])).contains { $0.contains("boom") })
    }

    @Test(arguments: [(1000, 1600), (390, 844)])
    func screenshotOnDesktopAndPhone(width: Int, height: Int) throws {
        let page = try fixtureReport()
        let shot = page.deletingLastPathComponent().appendingPathComponent("shot-\(width).png")
        let run = try chromium(page, ["--screenshot=\(shot.path)", "--window-size=\(width),\(height)"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(consoleMessages(run).isEmpty)
        let png = try Data(contentsOf: shot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        func be32(_ at: Int) -> Int { png[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        #expect(be32(16) == width && be32(20) == height)      // IHDR
        #expect(png.count > 30_000)                            // a page with a chart, not a blank one
    }

    @Test func theErrorPageRendersToo() throws {
        let dir = temporaryDirectory()
        let run = try gate(["check", "--baseline", "nope.json", "--logs", fixture("requests.jsonl"), "--candidate", "v3", "--report", "html=gate.html"], in: dir)
        #expect(run.status == 2)
        let browser = try chromium(dir.appendingPathComponent("gate.html"), ["--dump-dom"])
        #expect(consoleMessages(browser).isEmpty)
        #expect(browser.stdout.contains("INPUT ERROR") && browser.stdout.contains("baseline file 'nope.json' does not exist"))
    }
}
