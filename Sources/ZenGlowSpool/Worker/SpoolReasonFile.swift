import Foundation

/// `failed/NAME.reason.json`: why a file failed, where (byte offset, frame, row, field), after how
/// many attempts, and every failure when a segment had several.
struct SpoolReasonFile: Encodable {
    struct Failure: Encodable {
        let reason: String
        let message: String
        let byteOffset: Int?
        let frame: Int?
        let row: Int?
        let field: String?

        init(_ failure: SpoolFailure) {
            reason = failure.code.rawValue
            message = failure.message
            byteOffset = failure.byteOffset
            frame = failure.frame
            row = failure.row
            field = failure.field
        }

        enum CodingKeys: String, CodingKey {
            case reason, message, frame, row, field
            case byteOffset = "byte_offset"
        }
    }

    let file: String
    let reason: String
    let message: String
    let byteOffset: Int?
    let frame: Int?
    let row: Int?
    let field: String?
    let attempts: Int
    let runID: String
    let failedAt: Date
    /// Batches of the file that loaded all the same (good frames of a segment).
    let loadedBatches: [String]
    let failures: [Failure]

    init(file: String, failures: [SpoolFailure], attempts: Int, runID: String, loadedBatches: [String]) {
        let first = failures.first ?? SpoolFailure(.database, "unknown failure")
        self.file = file
        reason = first.code.rawValue
        message = first.message
        byteOffset = first.byteOffset
        frame = first.frame
        row = first.row
        field = first.field
        self.attempts = attempts
        self.runID = runID
        failedAt = Date()
        self.loadedBatches = loadedBatches
        self.failures = failures.map(Failure.init)
    }

    enum CodingKeys: String, CodingKey {
        case file, reason, message, frame, row, field, attempts, failures
        case byteOffset = "byte_offset"
        case runID = "run_id"
        case failedAt = "failed_at"
        case loadedBatches = "loaded_batches"
    }

    /// Writes the sidecar beside the failed file (atomically).
    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        try AtomicFile.write(Array(try encoder.encode(self)) + [0x0a], to: path, mode: 0o640)
    }
}
