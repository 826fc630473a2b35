/// `maxBadLines`: report tolerated bad lines, fail on the first one too many.
struct BadLinePolicy {
    let limit: Int
    var count = 0

    mutating func accept(_ error: LogLineError, _ report: (LogLineError) -> Void) throws {
        count += 1
        if limit == 0 { throw LogReadError.badLine(error) }
        if count > limit { throw LogReadError.tooManyBadLines(limit: limit, last: error) }
        report(error)
    }
}
