import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ZenGlowTestSupport

@testable import ZenGlowAPI

/// The checked-in OpenAPI document is the one HTTP contract: these tests fail when the router and
/// the document disagree on a route, or the API can answer with an error code the document's
/// enum does not list. Schemathesis (scripts/contract-tests) checks the answers themselves.
@Suite("the OpenAPI contract")
struct OpenAPIConformanceTests {
    static let documentPath = TestServers.repositoryRoot + "/Sources/ZenGlowAPI/Resources/openapi.json"

    struct Document: Decodable {
        struct Components: Decodable {
            let schemas: [String: Schema]
        }
        struct Schema: Decodable {
            let properties: [String: Schema]?
            let `enum`: [String?]?
        }
        let paths: [String: [String: Operation]]
        let components: Components
    }

    struct Operation: Decodable {
        let operationId: String?
    }

    static func document() throws -> Document {
        try JSONDecoder().decode(Document.self, from: Data(contentsOf: URL(fileURLWithPath: documentPath)))
    }

    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    @Test("every route the router serves is in the document, and every operation of the document is routed")
    func routesMatchTheDocument() async throws {
        let environment = try await APITestEnvironment.make()
        let router = try buildRouter(try environment.application().services)
        let routed = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
        let documented = Set(
            try Self.document().paths.flatMap { path, operations in
                operations.keys.filter(Self.methods.contains).map { "\($0.uppercased()) \(path)" }
            })
        #expect(routed.subtracting(documented).isEmpty, "routed but not in openapi.json")
        #expect(documented.subtracting(routed).isEmpty, "in openapi.json but not routed")
        #expect(!routed.isEmpty)
    }

    @Test("the error code enum of the document lists exactly the codes the API can answer with")
    func errorCodesMatchTheDocument() throws {
        let error = try #require(Self.document().components.schemas["Error"]?.properties?["error"])
        let documented = Set(try #require(error.properties?["code"]?.enum).compactMap { $0 })
        let produced = Set(APIError.Code.all.map(\.rawValue))
        #expect(produced.subtracting(documented).isEmpty, "codes missing from openapi.json")
        #expect(documented.subtracting(produced).isEmpty, "codes in openapi.json the API never produces")
    }

    @Test("/openapi.json serves the checked-in document byte for byte")
    func servesTheCheckedInDocument() async throws {
        let environment = try await APITestEnvironment.make()
        let checkedIn = try String(contentsOfFile: Self.documentPath, encoding: .utf8)
        try await environment.application().application.test(.router) { client in
            let response = try await client.execute(uri: "/openapi.json", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(String(buffer: response.body) == checkedIn)
        }
    }

    @Test("a path that exists answers an unrouted method with 405 and Allow; an unknown path with 404")
    func methodNotAllowed() async throws {
        let environment = try await APITestEnvironment.make()
        try await environment.application().application.test(.router) { client in
            for (method, path, allow) in [
                (HTTPRequest.Method.trace, "/health", "GET"), (.delete, "/fusion/weights", "GET, PUT"),
                (.put, "/ingest/batches/some-tag", "GET"),
            ] {
                let response = try await client.execute(uri: path, method: method)
                #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                #expect(response.headers[.allow] == allow, "\(method) \(path)")
                #expect(response.errorCode == "method_not_allowed")
            }
            let unknown = try await client.execute(uri: "/no/such/route", method: .trace)
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "not_found")
        }
    }
}
