import Testing
import ZenGlowIngest
import ZenGlowSpool

@Suite("PII scan of batches before loading")
struct PIIScannerTests {
    /// One document whose title and chunks hold every kind the scan looks for.
    private static let leaky = IngestBatch(
        tenant: "t1", tag: "b1", source: "crm",
        documents: [
            IngestDocument(
                id: "doc-1", title: "Notes from jane@example.org",
                chunks: [
                    IngestChunk(order: 0, text: "Write to bob@example.com or call +44 20 7946 0958.", embedding: nil),
                    IngestChunk(
                        order: 1, text: "Keys: zg_abcd1234efgh and sk-proj-abcdefghijkl; header Bearer tok3n.v4lue",
                        embedding: [0.5, 0.5]),
                    IngestChunk(
                        order: 2,
                        text: "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig and AKIAIOSFODNN7EXAMPLE",
                        embedding: nil),
                ])
        ])

    private static let clean = IngestBatch(
        tenant: "t1", tag: "b2", source: "docs",
        documents: [
            IngestDocument(
                id: "guide", title: "Release 2.19 notes",
                chunks: [
                    IngestChunk(
                        order: 0,
                        text: "On 2026-11-23 we shipped version 2.19.3 to 1000000 users; p95 latency fell to 12.5 ms "
                            + "on host 10.20.30.40 port 55432. The bearer of this note thanks the desk-side team.",
                        embedding: nil)
                ])
        ])

    private func texts(_ batch: IngestBatch) -> [String] {
        batch.documents.flatMap { document in
            [document.title] + document.chunks.map { String(decoding: $0.textBytes, as: UTF8.self) }
        }
    }

    @Test("flag counts every kind in chunk text and titles and leaves the batch as it came")
    func flagCounts() throws {
        let (batch, findings) = try PIIScanner(mode: .flag).scan(Self.leaky)
        #expect(findings == PIIFindings(emails: 2, phones: 1, apiKeys: 2, tokens: 3))
        #expect(findings.total == 8)
        #expect(texts(batch) == texts(Self.leaky))
    }

    @Test("redact replaces each finding with its placeholder and keeps the rest of the text and the vectors")
    func redactReplaces() throws {
        let (batch, findings) = try PIIScanner(mode: .redact).scan(Self.leaky)
        #expect(findings.total == 8)
        #expect(
            texts(batch) == [
                "Notes from [email]",
                "Write to [email] or call [phone].",
                "Keys: [api-key] and [secret]; header Bearer [redacted]",
                "jwt [token] and [aws-key]",
            ])
        #expect(batch.documents[0].chunks[1].embedding == [0.5, 0.5])
        #expect(batch.documents[0].chunks.map(\.order) == [0, 1, 2])
    }

    @Test("reject names the document, chunk order and kind of the first finding, never the finding itself")
    func rejectNamesTheChunk() {
        let batch = IngestBatch(
            tenant: "t1", tag: "b3", source: "crm",
            documents: [
                IngestDocument(
                    id: "clean", chunks: [IngestChunk(order: 0, text: "nothing here", embedding: nil)]),
                IngestDocument(
                    id: "leaky",
                    chunks: [
                        IngestChunk(order: 0, text: "still nothing", embedding: nil),
                        IngestChunk(order: 7, text: "use zg_secretkey123 please", embedding: nil),
                        IngestChunk(order: 8, text: "mail a@example.org", embedding: nil),
                    ]),
            ])
        #expect {
            try PIIScanner(mode: .reject).scan(batch)
        } throws: { error in
            guard let rejection = error as? PIIRejection else { return false }
            return rejection
                == PIIRejection(documentID: "leaky", chunkOrder: 7, kind: "api_key", field: .text, row: 3)
                && rejection.description.contains("document leaky, chunk 7")
                && !rejection.description.contains("zg_secretkey123")
        }
    }

    @Test("reject refuses a title with a finding, naming its document")
    func rejectTitle() {
        #expect {
            try PIIScanner(mode: .reject).scan(Self.leaky)
        } throws: { error in
            (error as? PIIRejection)
                == PIIRejection(documentID: "doc-1", chunkOrder: 0, kind: "email", field: .title, row: 1)
        }
    }

    @Test("off neither counts nor changes anything")
    func offDoesNothing() throws {
        let (batch, findings) = try PIIScanner(mode: .off).scan(Self.leaky)
        #expect(findings == PIIFindings())
        #expect(texts(batch) == texts(Self.leaky))
    }

    @Test("clean text passes every mode unchanged with no findings", arguments: PIIMode.allCases)
    func cleanUnchanged(mode: PIIMode) throws {
        let (batch, findings) = try PIIScanner(mode: mode).scan(Self.clean)
        #expect(findings.total == 0)
        #expect(texts(batch) == texts(Self.clean))
    }

    @Test("a chunk that is not UTF-8 is left for the loader to reject, not scanned")
    func invalidUTF8() throws {
        let bytes: [UInt8] = Array("mail a@example.org ".utf8) + [0xFF, 0xFE]
        let batch = IngestBatch(
            tenant: "t1", tag: "b4", source: "s",
            documents: [IngestDocument(id: "d", chunks: [IngestChunk(order: 0, textBytes: bytes, embedding: nil)])])
        let (scanned, findings) = try PIIScanner(mode: .redact).scan(batch)
        #expect(findings.total == 0)
        #expect(scanned.documents[0].chunks[0].textBytes == bytes)
    }
}
