import Crypto

extension IngestBatch {
    /// `sha256:<hex>` over everything the batch carries but its tenant and tag: sending the same
    /// documents again, under any tag, is recognised as a re-submission. Fields are length-prefixed
    /// so that no two different batches hash alike by shifting bytes between fields.
    public var contentHash: String {
        var hasher = SHA256()
        func add(_ bytes: some Collection<UInt8>) {
            withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { hasher.update(bufferPointer: $0) }
            hasher.update(data: Array(bytes))
        }
        add(source.utf8)
        for document in documents {
            add(document.id.utf8)
            add((document.source ?? "\u{0}").utf8)
            add(document.title.utf8)
            add(document.metadataJSON.utf8)
            for chunk in document.chunks {
                withUnsafeBytes(of: Int64(chunk.order).littleEndian) { hasher.update(bufferPointer: $0) }
                add(chunk.textBytes)
                // A text-only chunk hashes as "no embedding", never like an empty one: the same
                // text sent with and without a vector are different submissions.
                if let embedding = chunk.embedding {
                    embedding.withUnsafeBytes { raw in add(Array(raw)) }
                } else {
                    withUnsafeBytes(of: UInt64.max) { hasher.update(bufferPointer: $0) }
                }
            }
        }
        return "sha256:" + hasher.finalize().lowercaseHex
    }
}
