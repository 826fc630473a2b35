/// Case keys numbered by their UTF-8 bytes: finding a key among thousands without hashing a
/// `String`.
///
/// Case keys are user text, often not ASCII, and Swift hashes such a string by its normalized
/// form: about 3k instructions for a query of a few dozen characters, which a gate or a baseline
/// with thousands of cases paid for every lookup. Bytes hash in a few instructions a word. Keys
/// are equal as `String`s are (canonically equivalent), so a key whose very bytes are not here
/// may still be here in another normalization: `number(of:)` says nil, and the caller looks it
/// up as a `String`.
struct CaseKeyIndex {
    private var table: ByteTable<Int32>

    /// An empty index with room for `capacity` keys.
    init(capacity: Int = 64) { table = ByteTable(empty: -1, capacity: capacity) }

    /// Gives `key`'s bytes the number `number` (0-based, below 2^31).
    mutating func insert(_ key: String, number: Int) {
        table[slot: table.slot(for: key)] = Int32(number)
    }

    /// The number of `key`'s very bytes, or nil when no key was inserted with these bytes.
    func number(of key: String) -> Int? {
        table.existingSlot(for: key).map { Int(table[slot: $0]) }
    }
}
