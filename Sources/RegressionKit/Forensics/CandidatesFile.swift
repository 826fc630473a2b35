import Foundation

/// A `candidates.jsonl` file: read, merged with new candidates, written back atomically.
///
/// Merging never overwrites what a person edited. For a query already in the file, only the
/// counted fields move: `failure_count` becomes the larger of the file's and the logs' (the
/// same logs read twice do not double it), `first_seen` the earlier, `last_seen` the later,
/// and `auto_add_eligible` turns true at the threshold (a person's `true` stays). The
/// category and any key a person added stay as written, lines keep their order, and a line
/// that did not change keeps its exact bytes. New candidates are appended. Lines are written
/// like failure-forensics' (`json.dumps(..., ensure_ascii=False)`: its key order, `", "` and `": "`).
package struct CandidatesFile: Sendable {
    /// What happened to one candidate in a merge.
    enum Change: String, Sendable {
        /// Not in the file before.
        case new
        /// In the file; its counts moved.
        case updated
        /// In the file and in the logs, nothing to change.
        case unchanged
        /// In the file only (not failing in these logs): left as it was.
        case kept
    }

    /// The merged candidates with what happened to each, in file order.
    var entries: [(candidate: EvalCandidate, change: Change)] = []
    /// The file's original lines by query, to keep unchanged lines byte for byte.
    private var originalLines: [String: String] = [:]

    /// An empty file.
    init() {}

    /// Reads `path`; a missing file is empty. A line that is not a candidate object fails with its line number.
    package static func read(_ path: String) throws(CandidatesFileError) -> CandidatesFile {
        let bytes: [UInt8]
        do throws(AtomicFile.Failure) {
            bytes = try AtomicFile.read(path)
        } catch {
            if error.isMissing { return CandidatesFile() }
            throw CandidatesFileError(path: path, line: nil, message: "cannot read: \(error.reason)")
        }
        return try parse(bytes, path: path)
    }

    /// The candidates in `bytes`, the text of the file at `path` (named in errors).
    static func parse(_ bytes: [UInt8], path: String) throws(CandidatesFileError) -> CandidatesFile {
        var file = CandidatesFile()
        var seen = Set<String>()
        for (n, slice) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            var line = Array(slice)
            if line.last == 0x0D { line.removeLast() }
            if n == 0, line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let candidate: EvalCandidate
            do {
                candidate = try decode(line)
            } catch let error as JSONParseError {
                throw CandidatesFileError(path: path, line: n + 1, message: "not valid JSON: \(error.message)")
            } catch let error as JSONFieldReader.FieldError {
                throw CandidatesFileError(path: path, line: n + 1, message: error.description)
            } catch {
                throw CandidatesFileError(path: path, line: n + 1, message: "\(error)")
            }
            guard seen.insert(candidate.query).inserted else {
                throw CandidatesFileError(path: path, line: n + 1, message: "the query \"\(ReportFormat.clip(candidate.query, 40))\" is listed twice")
            }
            file.entries.append((candidate, .kept))
            file.originalLines[candidate.query] = String(decoding: line, as: UTF8.self)
        }
        return file
    }

    /// Merges candidates found in the logs (see the type's documentation).
    package mutating func merge(_ found: [EvalCandidate], eligibleAt: Int = 3) {
        var index: [String: Int] = [:]
        for (i, e) in entries.enumerated() { index[e.candidate.query] = i }
        for c in found {
            guard let i = index[c.query] else {
                index[c.query] = entries.count
                entries.append((c, .new))
                continue
            }
            var merged = entries[i].candidate
            merged.failureCount = max(merged.failureCount, c.failureCount)
            if Self.earlier(c.firstSeen, than: merged.firstSeen) { merged.firstSeen = c.firstSeen }
            if Self.earlier(merged.lastSeen, than: c.lastSeen) { merged.lastSeen = c.lastSeen }
            merged.autoAddEligible = merged.autoAddEligible || merged.failureCount >= eligibleAt
            entries[i] = (merged, merged == entries[i].candidate ? .unchanged : .updated)
        }
    }

    /// The file's text: one line per candidate, unchanged lines as they were.
    func text() -> String {
        entries.map { entry in
            if entry.change == .kept || entry.change == .unchanged, let original = originalLines[entry.candidate.query] {
                return original + "\n"
            }
            return Self.line(entry.candidate) + "\n"
        }.joined()
    }

    /// Writes the file atomically (through a symbolic link, its target) and returns the path of
    /// the file replaced. Its folder is created when the folder above it exists. What was written
    /// is read back before it replaces anything and must give these candidates again: a file the
    /// next run could not merge into is never written.
    @discardableResult
    package func write(to path: String, missingDirectories: MissingDirectories = .createLast) throws(CandidatesFileError) -> String {
        let candidates = entries.map(\.candidate)
        do throws(AtomicFile.Failure) {
            return try AtomicFile.write(text(), to: path, missingDirectories: missingDirectories) { bytes throws(AtomicFile.Failure) in
                let read: CandidatesFile
                do throws(CandidatesFileError) {
                    read = try Self.parse(bytes, path: path)
                } catch {
                    throw AtomicFile.Failure(reason: "what was written would not read back (line \(error.line ?? 0): \(error.message))")
                }
                guard read.entries.map(\.candidate) == candidates else {
                    throw AtomicFile.Failure(reason: "what was written reads back as other candidates")
                }
            }
        } catch {
            throw CandidatesFileError(path: path, line: nil, message: "cannot write: \(error.reason); the previous file, if any, is unchanged")
        }
    }

    /// One candidate as failure-forensics writes it: its keys in its order, then a person's keys sorted.
    static func line(_ c: EvalCandidate) -> String {
        var out = "{"
        func key(_ k: String) { JSONValue.writeString(k, to: &out); out += ": " }
        key("query"); JSONValue.writeString(c.query, to: &out)
        out += ", "; key("failure_count"); out += "\(c.failureCount)"
        out += ", "; key("root_cause_category"); JSONValue.writeString(c.rootCauseCategory, to: &out)
        out += ", "; key("first_seen"); JSONValue.writeString(c.firstSeen, to: &out)
        out += ", "; key("last_seen"); JSONValue.writeString(c.lastSeen, to: &out)
        out += ", "; key("auto_add_eligible"); out += c.autoAddEligible ? "true" : "false"
        for k in c.extra.keys.sorted() {
            out += ", "; key(k); out += c.extra[k]!.compact
        }
        return out + "}"
    }

    static let knownKeys: Set<String> = ["query", "failure_count", "root_cause_category", "first_seen", "last_seen", "auto_add_eligible"]

    private static func decode(_ line: [UInt8]) throws -> EvalCandidate {
        let value = try JSONValue.parse(line)
        let r = try JSONFieldReader(value)
        var c = EvalCandidate(
            query: try r.string("query"), failureCount: try r.integer("failure_count", min: 0),
            rootCauseCategory: try r.optionalString("root_cause_category") ?? "UNKNOWN",
            firstSeen: try r.optionalString("first_seen") ?? "", lastSeen: try r.optionalString("last_seen") ?? "",
            autoAddEligible: false)
        if let v = r.members["auto_add_eligible"] {
            guard case .bool(let b) = v else { throw JSONFieldReader.FieldError(path: "auto_add_eligible", message: "expected true or false") }
            c.autoAddEligible = b
        }
        for (k, v) in r.members where !knownKeys.contains(k) { c.extra[k] = v }
        return c
    }

    /// Compares timestamps by instant when both parse, else as text; an empty one is never earlier.
    private static func earlier(_ a: String, than b: String) -> Bool {
        if a.isEmpty { return false }
        if b.isEmpty { return true }
        if let x = LogTimestamp(a), let y = LogTimestamp(b) { return x < y }
        return a < b
    }
}

/// A candidates file that could not be read or written.
package struct CandidatesFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, as given.
    var path: String
    /// The 1-based line at fault, nil for the whole file.
    var line: Int?
    /// What is wrong.
    var message: String
    package var description: String {
        let at = line.map { "\(path):\($0)" } ?? path
        return "\(at): \(message) (fix the line, or move the file away to start a new one)"
    }
}
