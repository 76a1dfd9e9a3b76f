import Foundation

/// The OpenAPI 3.1 contract, `Resources/openapi.json`: the one description of every route,
/// request, response and error code. The router is tested against it, and `/openapi.json`
/// serves it as it is checked in.
enum OpenAPIDocument {
    /// The document's text; read once at start-up, so a build without its resources fails loudly
    /// at `zenglow serve` rather than at the first request for the spec.
    static func load() throws -> String {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw OpenAPIDocumentMissing()
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    struct OpenAPIDocumentMissing: Error, CustomStringConvertible {
        var description: String {
            "the OpenAPI document (zenglow_ZenGlowAPI.resources/openapi.json) is missing beside the zenglow binary"
        }
    }
}
