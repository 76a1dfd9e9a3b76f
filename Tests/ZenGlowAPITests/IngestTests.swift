import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ZenGlowIngest
import ZenGlowKeys

@testable import ZenGlowAPI

@Suite("POST /ingest/batches")
struct IngestTests {
    @Test("a batch loads (201), its manifest is readable, and re-submitting it changes nothing (200)")
    func loadsOnce() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key()
        let api = try environment.application()
        try await api.application.test(.router) { client in
            let first = try await client.execute(
                uri: "/ingest/batches", method: .post, headers: .bearer(key), body: jsonBody(demoBatch()))
            #expect(first.status == .created)
            #expect(first.json["accepted"] as? Int == 3)
            #expect(first.json["resubmitted"] as? Bool == false)
            let again = try await client.execute(
                uri: "/ingest/batches", method: .post, headers: .bearer(key), body: jsonBody(demoBatch()))
            #expect(again.status == .ok)
            #expect(again.json["resubmitted"] as? Bool == true)
            let manifest = try await client.execute(uri: "/ingest/batches/b1", method: .get, headers: .bearer(key))
            #expect(manifest.status == .ok)
            #expect(["done", "healed"].contains(manifest.json["state"] as? String))
        }
        #expect(try await environment.count("select count(*)::int from zenglow.chunks where tenant_id = 't1'") == 3)
    }

    @Test("bad rows are rejected with their row number and reason; the rest loads")
    func rejectsRows() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key()
        let api = try environment.application()
        let bad: [[String: Any]] = [
            ["id": "short", "chunks": [["text": "too few dimensions", "embedding": [0.1, 0.2]]]],
            ["id": "empty", "chunks": [["text": "   ", "embedding": axisEmbedding(4)]]],
        ]
        let body = jsonBody(demoBatch(extra: bad))
        try await api.application.test(.router) { client in
            let response = try await client.execute(
                uri: "/ingest/batches", method: .post, headers: .bearer(key), body: body)
            #expect(response.status == .created)
            #expect(response.json["accepted"] as? Int == 3)
            #expect(response.json["rejected"] as? Int == 2)
            let rejections = response.json["rejections"] as? [[String: Any]] ?? []
            #expect(rejections.map { $0["reason"] as? String } == ["wrong_dimension", "empty_text"])
            #expect(rejections.map { $0["row"] as? Int } == [4, 5])
        }
    }

    @Test("a msgpack batch loads like a JSON one; its NaN row is rejected, the rest loads")
    func messagePack() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key()
        let api = try environment.application()
        func embedding(_ axis: Int, poison: Bool = false) -> MessagePackValue {
            .array((0..<384).map { .double(poison && $0 == 7 ? .nan : ($0 == axis ? 1 : 0.001)) })
        }
        func document(_ id: String, _ text: String, _ vector: MessagePackValue) -> MessagePackValue {
            .map([
                (.string("id"), .string(id)), (.string("title"), .string(id)),
                (
                    .string("chunks"),
                    .array([.map([(.string("text"), .string(text)), (.string("embedding"), vector)])])
                ),
            ])
        }
        let batch = MessagePackValue.map([
            (.string("batch_tag"), .string("mp1")), (.string("source"), .string("spool")),
            (
                .string("documents"),
                .array([
                    document("a", "insulin and glucose", embedding(1)),
                    document("b", "photons of light", embedding(2, poison: true)),
                ])
            ),
        ])
        let body = ByteBuffer(bytes: MessagePackEncoder.encode(batch))
        try await api.application.test(.router) { client in
            let response = try await client.execute(
                uri: "/ingest/batches", method: .post,
                headers: [.authorization: "Bearer \(key)", .contentType: "application/msgpack"], body: body)
            #expect(response.status == .created)
            #expect(response.json["accepted"] as? Int == 1)
            let rejections = response.json["rejections"] as? [[String: Any]] ?? []
            #expect(rejections.map { $0["reason"] as? String } == ["non_finite"])
        }
        #expect(try await environment.count("select count(*)::int from zenglow.chunks where batch_tag = 'mp1'") == 1)
    }

    @Test("a malformed batch is refused naming the field, and nothing is written")
    func refusesMalformed() async throws {
        let environment = try await APITestEnvironment.make()
        let key = try await environment.key()
        let api = try environment.application()
        let small = try environment.application(["INGEST_MAX_BODY_BYTES": "4096"])
        var missingText = demoBatch()
        var documents = missingText["documents"] as! [[String: Any]]
        documents[1]["chunks"] = [["embedding": axisEmbedding(1)]]
        missingText["documents"] = documents
        let missingTextBody = jsonBody(missingText)
        try await api.application.test(.router) { client in
            let response = try await client.execute(
                uri: "/ingest/batches", method: .post, headers: .bearer(key), body: missingTextBody)
            #expect(response.status == .badRequest)
            #expect(
                (response.json["error"] as? [String: Any])?["message"] as? String
                    == "field 'documents[1].chunks[0].text' is required")
            let unknown = try await client.execute(
                uri: "/ingest/batches", method: .post, headers: .bearer(key),
                body: jsonBody(["batch_tag": "x", "documents": [["id": "a", "chunks": [], "colour": 1]]]))
            #expect(unknown.status == .badRequest)
            let xml = try await client.execute(
                uri: "/ingest/batches", method: .post,
                headers: [.authorization: "Bearer \(key)", .contentType: "application/xml"],
                body: ByteBuffer(string: "<batch/>"))
            #expect(xml.status == .unsupportedMediaType)
            let truncated = try await client.execute(
                uri: "/ingest/batches", method: .post,
                headers: [.authorization: "Bearer \(key)", .contentType: "application/msgpack"],
                body: ByteBuffer(bytes: [0x81, 0xa9] + Array("batch_tag".utf8)))
            #expect(truncated.status == .badRequest)
            #expect(truncated.errorCode == "invalid_json")
            #expect(truncated.text.contains("byte 11"))
        }
        try await small.application.test(.router) { client in
            // The demo batch with its three 384-dimension embeddings is larger than 4 KiB.
            let large = try await client.execute(
                uri: "/ingest/batches", method: .post, headers: .bearer(key), body: jsonBody(demoBatch()))
            #expect(large.status == .contentTooLarge)
            #expect(large.errorCode == "payload_too_large")
        }
        #expect(try await environment.count("select count(*)::int from zenglow.batches") == 0)
        #expect(try await environment.count("select count(*)::int from zenglow.chunks") == 0)
    }
}
