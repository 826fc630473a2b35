/// The spans of every trace read so far, grouped by trace id across all files: an export batch
/// often splits a trace over lines, and a trace's spans may arrive in several files.
///
/// Each span is kept with only what the mapping reads (`GatheredSpan`), so memory grows with
/// the number of spans and the attributes the rules name, not with the size of the files.
struct TraceSet: Sendable {
    /// The spans of each trace, in the order read; traces in the order first seen.
    private(set) var traces: [[GatheredSpan]] = []
    /// Each trace's id, parallel to `traces`.
    private(set) var ids: [TraceID] = []
    private var index: [TraceID: Int] = [:]
    private let resourceKeys: Set<String>
    /// Spans added so far: breaks ties between spans that start at the same instant.
    private var sequence = 0

    init(mapping: TraceMapping = .default) {
        resourceKeys = mapping.resourceKeys
    }

    var isEmpty: Bool { traces.isEmpty }
    var spanCount: Int { sequence }

    /// Adds the spans of one decoded document or message, read from file `file`; `line` gives
    /// the line (or entry) of a span from its offset.
    mutating func add(_ batch: [OTLPResourceSpans], file: Int, line: (Int) -> Int) {
        var last: Int?   // the trace of the span before, in this batch (of this file)
        for resourceSpans in batch {
            // One filtered copy per resource, shared by its spans (arrays are copied on write).
            let resource = resourceSpans.resource.filter { resourceKeys.contains($0.key) }
            for k in resourceSpans.spans.indices {   // by index: `for span in` would copy each span first
                let gathered = GatheredSpan(resourceSpans.spans[k], resource: resource, sequence: sequence,
                                            origin: SpanOrigin(file: file, line: line(resourceSpans.spans[k].offset)))
                let traceID = resourceSpans.spans[k].traceID
                sequence += 1
                // A batch holds a trace's spans one after another: its index is looked up once.
                if let t = last, ids[t] == traceID {
                    traces[t].append(gathered)
                } else if let t = index[traceID] {
                    traces[t].append(gathered)
                    last = t
                } else {
                    index[traceID] = traces.count
                    last = traces.count
                    // Room for a few spans at once: a trace has several, and growing one at a time costs a copy each.
                    var spans: [GatheredSpan] = []
                    spans.reserveCapacity(4)
                    spans.append(gathered)
                    traces.append(spans)
                    ids.append(traceID)
                }
            }
        }
    }

    /// Adds the traces of `later`, read from the same file just after this set's spans (its
    /// lines numbered from 1, the `lineOffset` lines before it not counted), as if they had been
    /// read here: its spans follow this set's in read order, its traces after this set's.
    /// `later` is left empty: its spans are moved, not copied.
    mutating func append(_ later: inout TraceSet, lineOffset: Int) {
        let base = sequence
        index.reserveCapacity(traces.count + later.traces.count)
        for t in later.traces.indices {
            var spans: [GatheredSpan] = []
            swap(&spans, &later.traces[t])
            for k in spans.indices {
                spans[k].sequence += base
                spans[k].origin.line += lineOffset
            }
            let id = later.ids[t]
            if let existing = index[id] {
                traces[existing] += spans
            } else {
                index[id] = traces.count
                traces.append(spans)
                ids.append(id)
            }
        }
        sequence += later.sequence
        later = TraceSet()
    }

    /// Moves the spans of the traces `range` out of the set, each trace's with its id (the set
    /// keeps their places, empty): whoever takes them frees them.
    mutating func take(_ range: Range<Int>) -> (ids: ArraySlice<TraceID>, spans: [[GatheredSpan]]) {
        var taken: [[GatheredSpan]] = []
        taken.reserveCapacity(range.count)
        for t in range {
            taken.append([])
            swap(&taken[taken.count - 1], &traces[t])
        }
        return (ids[range], taken)
    }
}

/// Where a span was read: the reader's source index and the line (JSON) or entry (protobuf).
struct SpanOrigin: Sendable, Equatable {
    var file: Int
    var line: Int
}

/// A span as the mapping reads it: its place in the tree, times, status, the attributes the
/// rules name and the type of its last exception event.
struct GatheredSpan: Sendable {
    var spanID: SpanID
    var parentSpanID: SpanID?
    var name: String
    var startTimeUnixNano: UInt64
    var endTimeUnixNano: UInt64
    var isError: Bool
    var statusMessage: String
    /// The attributes the mapping reads, as written.
    var attributes: [OTLPAttribute]
    /// The resource's attributes the mapping reads.
    var resource: [OTLPAttribute]
    /// `exception.type` of the last `exception` event that has one.
    var lastExceptionType: String?
    /// The order the span was read in, over all files.
    var sequence: Int
    var origin: SpanOrigin

    init(_ span: OTLPSpan, resource: [OTLPAttribute], sequence: Int, origin: SpanOrigin) {
        spanID = span.spanID
        parentSpanID = span.parentSpanID
        name = span.name
        startTimeUnixNano = span.startTimeUnixNano
        endTimeUnixNano = span.endTimeUnixNano
        isError = span.status.isError
        statusMessage = span.status.message
        // The decoder has already dropped the keys no rule reads; the few it keeps that no span
        // rule reads (a resource's key, `exception.type`) are never looked up on the span.
        attributes = span.attributes
        self.resource = resource
        lastExceptionType = span.events.last { event in
            event.name == TraceMapping.exceptionEvent && event.attributes.contains { $0.key == TraceMapping.exceptionTypeKey }
        }.flatMap { event in event.attributes.last { $0.key == TraceMapping.exceptionTypeKey }?.value.text }
        self.sequence = sequence
        self.origin = origin
    }

    /// The last value of attribute `key` (a later duplicate wins, as in the SDKs' attribute maps).
    func attribute(_ key: String) -> OTLPValue? {
        attributes.last { $0.key == key }?.value
    }

    /// The latency in milliseconds.
    var latencyMS: Double { Double(endTimeUnixNano - startTimeUnixNano) / 1_000_000 }
}
