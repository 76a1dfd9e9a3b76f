import Foundation
import NIOCore
import ZenGlowIngest
import ZenGlowSpool

/// The spool benchmark's inputs, made from ``SyntheticCorpus`` batches before any clock runs: spool
/// files (MessagePack, embeddings as float32 binary, the compact form producers are told to
/// use), JSON lines for `spool append`, and the COPY text of the same rows for `zenglow.chunks`.
enum SpoolBenchFiles {
    static let model = "all-MiniLM-L6-v2"

    /// `batch` as a spool file's MessagePack value; `textOnly` leaves the embeddings out.
    static func messagePack(_ batch: IngestBatch, textOnly: Bool = false) -> MessagePackValue {
        .map([
            (.string("tenant"), .string(batch.tenant)),
            (.string("batch_tag"), .string(batch.tag)),
            (.string("source"), .string(batch.source)),
            (
                .string("documents"),
                .array(
                    batch.documents.map { document in
                        var fields: [(MessagePackValue, MessagePackValue)] = [
                            (.string("id"), .string(document.id)),
                            (.string("title"), .string(document.title)),
                            (
                                .string("chunks"),
                                .array(
                                    document.chunks.map { chunk in
                                        var fields: [(MessagePackValue, MessagePackValue)] = [
                                            (.string("order"), .int(Int64(chunk.order))),
                                            (
                                                .string("text"),
                                                .string(String(decoding: chunk.textBytes, as: UTF8.self))
                                            ),
                                        ]
                                        if !textOnly, let embedding = chunk.embedding {
                                            fields.append((.string("embedding"), .binary(float32Bytes(embedding))))
                                        }
                                        return .map(fields)
                                    })
                            ),
                        ]
                        if let source = document.source { fields.append((.string("source"), .string(source))) }
                        return .map(fields)
                    })
            ),
        ])
    }

    /// Little-endian float32, as the spool reads binary embeddings.
    static func float32Bytes(_ vector: [Float]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(vector.count * 4)
        for value in vector {
            let bits = value.bitPattern.littleEndian
            bytes.append(contentsOf: [
                UInt8(truncatingIfNeeded: bits), UInt8(truncatingIfNeeded: bits >> 8),
                UInt8(truncatingIfNeeded: bits >> 16), UInt8(truncatingIfNeeded: bits >> 24),
            ])
        }
        return bytes
    }

    /// One batch of one one-chunk document as a line for `spool append` (JSON has no binary:
    /// the embedding is an array of numbers).
    static func jsonLine(tenant: String, tag: String, text: String, embedding: [Float]) -> [UInt8] {
        let numbers = embedding.map(\.description).joined(separator: ",")
        let line =
            #"{"tenant":"\#(tenant)","batch_tag":"\#(tag)","source":"stream","documents":[{"id":"\#(tag)","title":"Message \#(tag)","chunks":[{"order":0,"text":"\#(text)","embedding":[\#(numbers)]}]}]}"#
            + "\n"
        return Array(line.utf8)
    }

    /// The COPY text (columns ``chunkColumns``) of `batch`'s rows as they land in
    /// `zenglow.chunks`: the loader's own staging rows of the batch, given the tenant, batch id
    /// and tag, the model and the vector syntax that the insert from staging adds.
    static func chunkCopyText(_ batch: IngestBatch, batchID: Int, dimension: Int) -> [UInt8] {
        let staging = batch.stagingCopyText(dimension: dimension)
        var output: [UInt8] = []
        output.reserveCapacity(staging.readableBytes + 128 * batch.documents.count)
        let tab = UInt8(ascii: "\t")
        for line in staging.readableBytesView.split(separator: UInt8(ascii: "\n")) {
            // Staging: row_number, document_id, chunk_order, source, title, metadata, content_hash, body, {embedding}.
            // Escaped tabs are "\t" in COPY text, so raw tabs only separate fields.
            let fields = line.split(separator: tab, omittingEmptySubsequences: false)
            guard fields.count == 9 else { continue }
            func append(_ field: some Sequence<UInt8>) {
                output.append(contentsOf: field)
                output.append(tab)
            }
            append(batch.tenant.utf8)
            append(fields[1])
            append(fields[2])
            append(Array(fields[3]) == Array("\\N".utf8) ? Array(batch.source.utf8) : Array(fields[3]))
            append(fields[4])
            append(fields[5])
            append(fields[6])
            append(String(batchID).utf8)
            append(batch.tag.utf8)
            append(fields[7])
            var vector = Array(fields[8])
            if vector.first == UInt8(ascii: "{") { vector[0] = UInt8(ascii: "[") }
            if vector.last == UInt8(ascii: "}") { vector[vector.count - 1] = UInt8(ascii: "]") }
            append(vector)
            output.append(contentsOf: model.utf8)
            output.append(UInt8(ascii: "\n"))
        }
        return output
    }

    static let chunkColumns =
        "tenant_id, document_id, chunk_order, source, title, metadata, content_hash, batch_id, batch_tag, body, embedding, embedding_model"

    /// Writes `bytes` to `path` (created or truncated).
    static func write(_ bytes: [UInt8], to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw BenchError("cannot write \(path)")
        }
    }
}
