/// Why an OTLP document or message could not be read, and at which byte of it.
///
/// The format turns the offset into a line and column (JSON) or a byte offset in the file
/// (protobuf) when it reports the problem.
struct OTLPDecodingError: Error, Sendable, Equatable {
    /// Byte offset of the problem from the start of the decoded bytes.
    var offset: Int
    /// What is wrong, in words a user can act on.
    var message: String
}
