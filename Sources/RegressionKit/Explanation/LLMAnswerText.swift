/// Reading a Chat Completions answer: the message's text, and the first JSON object in it.
enum LLMAnswerText {
    /// Why an answer holds no usable text.
    struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// `choices[0].message.content` of a Chat Completions response body.
    static func content(ofResponse body: [UInt8]) throws(Failure) -> String {
        guard case .object(let top)? = try? JSONValue.parse(body) else {
            throw Failure(message: "the server's answer is not JSON")
        }
        guard case .array(let choices)? = top["choices"], case .object(let choice)? = choices.first,
              case .object(let message)? = choice["message"] else {
            throw Failure(message: "the server's answer has no choices[0].message (not a Chat Completions answer)")
        }
        if case .string(let refusal)? = message["refusal"], !refusal.isEmpty {
            throw Failure(message: "the model refused: \(String(refusal.prefix(200)))")
        }
        guard case .string(let content)? = message["content"] else {
            throw Failure(message: "the model's message has no text content")
        }
        return content
    }

    /// The first JSON object in `text` that parses: the whole text, the inside of a ``` fence
    /// (```json or bare), or the first balanced `{...}` that parses, in that order.
    static func firstJSONObject(in text: String) throws(Failure) -> JSONValue {
        let bytes = Array(text.utf8)
        if case .object(let members)? = try? JSONValue.parse(bytes) { return .object(members) }
        var candidates: [ArraySlice<UInt8>] = []
        if let fenced = fencedBlock(bytes) { candidates.append(fenced) }
        candidates.append(bytes[...])
        for candidate in candidates {
            var start = candidate.startIndex
            while let open = candidate[start...].firstIndex(of: UInt8(ascii: "{")) {
                if let end = balancedEnd(candidate, from: open), case .object(let members)? = try? JSONValue.parse(Array(candidate[open...end])) {
                    return .object(members)
                }
                start = open + 1
            }
        }
        throw Failure(message: "the model's answer holds no JSON object")
    }

    /// The contents of the first ``` fence (after its info string, e.g. `json`), when closed.
    private static func fencedBlock(_ bytes: [UInt8]) -> ArraySlice<UInt8>? {
        let fence: [UInt8] = Array("```".utf8)
        guard let open = find(fence, in: bytes[...]) else { return nil }
        guard let lineEnd = bytes[(open + 3)...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        guard let close = find(fence, in: bytes[(lineEnd + 1)...]) else { return nil }
        return bytes[(lineEnd + 1)..<close]
    }

    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var i = haystack.startIndex
        while i + needle.count <= haystack.endIndex {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// The index of the `}` closing the `{` at `open`, strings and escapes respected; nil when unbalanced.
    private static func balancedEnd(_ bytes: ArraySlice<UInt8>, from open: Int) -> Int? {
        var depth = 0, inString = false, escaped = false
        for i in open..<bytes.endIndex {
            let b = bytes[i]
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
        }
        return nil
    }
}
