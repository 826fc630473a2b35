/// An aggregates file that cannot be read as the query's result: where, and what is wrong.
package struct AggregatesFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as given.
    package var path: String
    /// The data row (1-based, the header not counted), nil for the file as a whole.
    package var row: Int?
    /// The column, when one is at fault.
    package var column: String?
    /// What is wrong.
    package var message: String

    package init(path: String, row: Int? = nil, column: String? = nil, message: String) {
        self.path = path
        self.row = row
        self.column = column
        self.message = message
    }

    package var description: String {
        var place = path
        if let row { place += ": row \(row)" }
        if let column { place += ", column \(column)" }
        return "\(place): \(message)"
    }
}
