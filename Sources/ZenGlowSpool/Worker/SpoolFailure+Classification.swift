import ZenGlowDB
import ZenGlowIngest

extension SpoolFailure {
    /// A loading failure as a spool failure, and whether retrying later may succeed (the database or
    /// the embedder down, a partition not yet made) or never will (the file's own content).
    static func classify(_ error: any Error, batch: IngestBatch) -> (failure: SpoolFailure, transient: Bool) {
        let tag = batch.tag
        if let error = error as? SpoolFailure { return (error, false) }
        if let error = error as? PIIRejection {
            return (SpoolFailure(.piiRejected, "batch \(tag): \(error.description) (INGEST_PII=reject)"), false)
        }
        if let error = error as? IngestError {
            switch error.code {
            case .unknownTenant: return (SpoolFailure(.unknownTenant, error.message, field: "tenant"), false)
            case .embeddingFailed: return (SpoolFailure(.embeddingFailed, error.message), true)
            default: return (SpoolFailure(.embeddingFailed, error.message), false)
            }
        }
        let database = error as? DatabaseError ?? DatabaseError(error)
        let message = "batch \(tag): \(database.description)"
        switch database.kind {
        case .zenglow(let state) where state == .unknownTenant:
            return (SpoolFailure(.unknownTenant, message, field: "tenant"), false)
        case .zenglow(let state) where state == .batchTagReused:
            return (SpoolFailure(.tagReused, message, field: "batch_tag"), false)
        case .zenglow(let state) where state == .partitionMissing:
            return (SpoolFailure(.partitionMissing, message), true)
        case .zenglow(let state) where state == .invalidEmbedding || state == .invalidArgument:
            return (SpoolFailure(.invalidValue, message), false)
        case .invalidInput:
            return (SpoolFailure(.invalidValue, message), false)
        case .zenglow:
            return (SpoolFailure(.database, message), false)
        case .internalFailure where database.server != nil:
            // The server refused it (permission denied, a function missing from an unmigrated
            // database): retrying will not change that.
            return (SpoolFailure(.database, message), false)
        case .unavailable, .timedOut, .conflict, .internalFailure:
            return (SpoolFailure(.database, message), true)
        }
    }
}
