import Logging
import PostgresNIO

extension PostgresConnection {
    /// `COPY table (columns) FROM STDIN (FORMAT binary)`: the stream `writeData` writes is COPY's
    /// binary format (header, tuples, trailer), which the server reads without parsing text.
    ///
    /// postgres-nio 1.33.2 streams COPY data in any format but names only `FORMAT text` in the
    /// statement it builds (`COPY "<table>"(<columns>) FROM STDIN WITH (FORMAT text)`), and it
    /// does not look at the format the server answers with. The table name it quotes is the one
    /// place the statement can be completed: it closes the quote, names the columns and the binary
    /// format, and turns the rest of that one-line statement into a comment. `table` and `columns`
    /// must be plain identifiers (ours, never a caller's). BinaryCopyTests fails if a postgres-nio
    /// release builds the statement differently.
    func copyBinary(
        into table: String, columns: [String], logger: Logger,
        writeData: (PostgresCopyFromWriter) async throws -> Void
    ) async throws {
        precondition(
            ([table] + columns).allSatisfy { name in
                !name.isEmpty && name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || (0x61...0x7A).contains($0) }
            }, "copyBinary takes lower-case identifiers only")
        let statement = "\(table)\" (\(columns.joined(separator: ", "))) from stdin with (format binary) --"
        try await copyFrom(table: statement, columns: [], logger: logger, writeData: writeData)
    }
}
