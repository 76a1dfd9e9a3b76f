import Crypto
import Foundation
import ZenGlowDB

/// Splits a batch into the rows that can load and the rows that cannot, with reasons.
struct BatchValidation {
    var rows: [StagingRow] = []
    var rejections: [BatchRejection] = []

    init(batch: IngestBatch, dimension: Int) {
        var seen = Set<String>()
        var row = 0
        for document in batch.documents {
            let metadataIsObject =
                (try? JSONSerialization.jsonObject(with: Data(document.metadataJSON.utf8))) is [String: Any]
            for chunk in document.chunks {
                row += 1
                func reject(_ reason: BatchRejection.Reason, _ message: String) {
                    rejections.append(
                        BatchRejection(
                            row: row, documentID: document.id, chunkOrder: chunk.order, reason: reason, message: message
                        ))
                }
                guard !document.id.isEmpty, document.id.utf8.count <= 512, !document.id.contains("\u{0}") else {
                    reject(.invalidDocumentID, "a document id has 1 to 512 bytes and no NUL")
                    continue
                }
                // Text-only chunks were embedded before validation unless their text is unusable,
                // which the text checks below name.
                let embedding = chunk.embedding ?? []
                switch chunk.embedding.flatMap({ EmbeddingProblem.find(in: $0, dimension: dimension) }) {
                case nil: break
                case .empty?, .wrongDimension?:
                    reject(.wrongDimension, "\(dimension) dimensions expected, \(embedding.count) given")
                    continue
                case .nonFinite(let index)?:
                    reject(.nonFinite, "embedding value \(index) is \(embedding[index])")
                    continue
                case let problem?:
                    reject(.undefinedCosine, "the embedding \(problem)")
                    continue
                }
                let text: String
                switch chunk.checkedText {
                case .usable(let checked): text = checked
                case .invalidUTF8:
                    reject(.invalidUTF8, "the text is not valid UTF-8")
                    continue
                case .containsNUL:
                    reject(.invalidUTF8, "the text contains a NUL character, which PostgreSQL text cannot hold")
                    continue
                case .empty:
                    reject(.emptyText, "the text is empty")
                    continue
                }
                guard chunk.embedding != nil else {
                    reject(.wrongDimension, "the chunk has no embedding and was not embedded")
                    continue
                }
                guard metadataIsObject, !document.metadataJSON.contains("\\u0000") else {
                    reject(.invalidMetadata, "the document's metadata is not a JSON object")
                    continue
                }
                guard seen.insert("\(document.id)\u{0}\(chunk.order)").inserted else {
                    reject(
                        .duplicateChunk, "chunk \(chunk.order) of document \(document.id) appears twice in the batch")
                    continue
                }
                let digest = SHA256.hash(data: chunk.textBytes).lowercaseHex
                rows.append(
                    StagingRow(
                        row: row,
                        documentID: document.id,
                        chunkOrder: chunk.order,
                        source: document.source,
                        title: document.title,
                        metadataJSON: document.metadataJSON,
                        contentHash: "sha256:" + digest,
                        text: text,
                        embedding: embedding
                    )
                )
            }
        }
    }
}
