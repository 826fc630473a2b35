/// The frame of every HTML report: one self-contained file, inline CSS, no scripts, no
/// external resources (its Content-Security-Policy forbids them), readable on a phone
/// (fluid layout, tables that scroll sideways, charts that scale) and printable.
enum HTMLPage {
    /// A whole document around `body`; `title` is data.
    static func document(title: String, body: HTMLText) -> String {
        let page: HTMLText = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <meta name="generator" content="regress-gate \(RegressionKitVersion.current)">
        <title>\(title)</title>
        <style>
        \(trusted: style)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
        return page.string
    }

    static let style = """
    :root { --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --line: #d1d9e0;
      --pass: #1a7f37; --warning: #9a6700; --insufficient: #0969da; --regression: #cf222e; --baseline: #8c959f; }
    @media (prefers-color-scheme: dark) {
      :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #161b22; --line: #3d444d;
        --pass: #3fb950; --warning: #d29922; --insufficient: #4493f8; --regression: #f85149; --baseline: #6e7681; }
    }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--bg); color: var(--fg);
      font: 15px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; }
    main, .banner-inner { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
    .banner { color: #fff; padding: 1.25rem 0; background: var(--muted); }
    .banner .verdict { font-size: 1.9rem; font-weight: 700; margin: 0; letter-spacing: 0.02em; overflow-wrap: anywhere; }
    .banner .subject { margin: 0.25rem 0 0; font-size: 1.05rem; overflow-wrap: anywhere; }
    .banner.verdict-pass { background: var(--pass); }
    .banner.verdict-warning { background: var(--warning); }
    .banner.verdict-insufficient { background: var(--insufficient); }
    .banner.verdict-regression, .banner.verdict-error { background: var(--regression); }
    section { margin: 1.5rem 0; break-inside: avoid; }
    h2 { font-size: 1.2rem; margin: 0 0 0.5rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--line); }
    .note, figcaption, footer { color: var(--muted); font-size: 0.9rem; }
    ul.reasons { padding-left: 1.2rem; }
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
    th, td { padding: 0.35rem 0.6rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
    th { background: var(--panel); font-weight: 600; white-space: nowrap; }
    td.num, th.num { text-align: right; white-space: nowrap; }
    td.name { overflow-wrap: break-word; min-width: 6rem; }
    .tag { display: inline-block; padding: 0 0.45rem; border-radius: 1rem; font-size: 0.8rem; font-weight: 600;
      color: #fff; background: var(--muted); white-space: nowrap; }
    .tag.verdict-pass { background: var(--pass); }
    .tag.verdict-warning { background: var(--warning); }
    .tag.verdict-insufficient { background: var(--insufficient); }
    .tag.verdict-regression { background: var(--regression); }
    figure { margin: 0; }
    svg.chart { width: 100%; min-width: 26rem; height: auto; display: block; }
    svg.chart text { fill: var(--fg); font-size: 13px; }
    svg.chart .axis text { fill: var(--muted); font-size: 12px; }
    svg.chart .grid { stroke: var(--line); stroke-width: 1; }
    svg.chart .whisker { stroke: var(--fg); stroke-width: 1.5; }
    svg.chart .series-baseline { fill: var(--baseline); }
    svg.chart .verdict-pass { fill: var(--pass); }
    svg.chart .verdict-warning { fill: var(--warning); }
    svg.chart .verdict-insufficient { fill: var(--insufficient); }
    svg.chart .verdict-regression { fill: var(--regression); }
    svg.chart .series-daily { fill: var(--insufficient); }
    .legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; padding: 0; margin: 0.5rem 0; font-size: 0.9rem; }
    .legend span { display: inline-block; width: 0.8rem; height: 0.8rem; margin-right: 0.35rem; vertical-align: -0.1rem; border-radius: 2px; }
    .legend .series-baseline { background: var(--baseline); }
    .legend .verdict-pass { background: var(--pass); }
    .legend .verdict-warning { background: var(--warning); }
    .legend .verdict-insufficient { background: var(--insufficient); }
    .legend .verdict-regression { background: var(--regression); }
    .share { display: inline-block; height: 0.7rem; background: var(--regression); border-radius: 2px; vertical-align: middle; }
    details summary { cursor: pointer; font-weight: 600; }
    ol.cases { columns: 2 18rem; column-gap: 2rem; padding-left: 1.5rem; }
    ol.cases li { break-inside: avoid; overflow-wrap: anywhere; white-space: pre-wrap; }
    .error-message { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; background: var(--panel);
      padding: 0.75rem; border-left: 4px solid var(--regression); overflow-wrap: anywhere; white-space: pre-wrap; }
    footer { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
    @media (max-width: 600px) {
      body { font-size: 14px; }
      .banner .verdict { font-size: 1.4rem; }
      th, td { padding: 0.3rem 0.4rem; }
    }
    @media print {
      :root { --fg: #000; --muted: #444; --bg: #fff; --panel: #eee; --line: #bbb; }
      body { font-size: 10.5pt; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      .banner { padding: 0.5rem 0; }
      main, .banner-inner, footer { max-width: none; }
      .scroll { overflow: visible; }
      details > summary { list-style: none; }
      section, figure, tr { break-inside: avoid; }
      h2 { break-after: avoid; }
    }
    """
}
