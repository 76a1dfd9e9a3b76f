/// What is wrong with a spool file, and exactly where: the byte offset (in the decompressed data
/// for `.zst` files), the 1-based frame of a segment, the 1-based row (chunks of the batch in
/// order) and the field path.
public struct SpoolFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: SpoolFailureCode
    public var message: String
    public var byteOffset: Int?
    public var frame: Int?
    public var row: Int?
    public var field: String?

    public init(
        _ code: SpoolFailureCode, _ message: String, byteOffset: Int? = nil, frame: Int? = nil, row: Int? = nil,
        field: String? = nil
    ) {
        self.code = code
        self.message = message
        self.byteOffset = byteOffset
        self.frame = frame
        self.row = row
        self.field = field
    }

    public var description: String {
        var place: [String] = []
        if let frame { place.append("frame \(frame)") }
        if let byteOffset { place.append("byte \(byteOffset)") }
        if let row { place.append("row \(row)") }
        if let field { place.append(field) }
        return (place.isEmpty ? "" : place.joined(separator: ", ") + ": ") + message
    }
}
